/**
 * The parts of citation-js 0.8.2 that tei-edition uses; the packages ship no
 * type declarations.
 */
declare module '@citation-js/core' {
  /** A CSL-JSON item as citation-js returns it (only the fields we read are typed). */
  export interface CiteItem {
    id?: string | number;
    type?: string;
    title?: string;
    URL?: string;
    author?: CiteName[];
    recipient?: CiteName[];
    issued?: { 'date-parts'?: (number | string | null)[][] | (((number | string)[]) | null)[]; literal?: string; raw?: string };
    [field: string]: unknown;
  }
  /** A CSL name object. */
  export interface CiteName {
    family?: string;
    given?: string;
    literal?: string;
    [part: string]: unknown;
  }
  /** Options of `Cite#format('bibliography', …)` (plugin-csl). */
  export interface BibliographyOptions {
    format?: 'text' | 'html' | 'rtf';
    template?: string;
    lang?: string;
  }
  /** A set of citation items. */
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    data: CiteItem[];
    format(kind: 'bibliography' | 'citation', options?: BibliographyOptions): string;
  }
  /** The plugin registry. */
  export const plugins: {
    input: {
      /** Runs one parsing step of the input chain. */
      chainLink(data: unknown, options?: { forceType?: string; target?: string }): unknown;
    };
    config: {
      /** plugin-csl's registry of citation styles (CSL XML by name). */
      get(plugin: '@csl'): { styles: { add(name: string, xml: string): void; has(name: string): boolean } };
    };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
