/**
 * The small part of the SaxonJS 2.7 API that tei-edition uses. SaxonJS ships
 * no typings; nodes and XDM values are opaque to TypeScript here on purpose.
 */
declare module 'saxon-js' {
  /** Options of `XPath.evaluate`. */
  export interface XPathOptions {
    /** Prefix → namespace URI bindings for names in the expression. */
    namespaceContext?: Record<string, string>;
    /** Values of `$name` references; keys are local names or `Q{uri}local`. */
    params?: Record<string, unknown>;
    /** `'xdm'` keeps XDM values (to pass back as params); `'array'` always returns a JS array. */
    resultForm?: 'default' | 'array' | 'iterator' | 'xdm';
    /** Namespace of unprefixed element names in the expression. */
    xpathDefaultNamespace?: string;
    staticBaseURI?: string;
  }

  /** Options of `getResource`; with `text` and `type: 'xml'` it parses a string. */
  export interface ResourceOptions {
    type: 'xml' | 'json' | 'text';
    text?: string;
    file?: string;
    location?: string;
    encoding?: string;
  }

  /** Options of `transform` (a compiled SEF stylesheet). */
  export interface TransformOptions {
    stylesheetText?: string;
    stylesheetFileName?: string;
    stylesheetInternal?: unknown;
    sourceNode?: unknown;
    sourceText?: string;
    sourceFileName?: string;
    stylesheetParams?: Record<string, unknown>;
    initialTemplate?: string;
    destination?: 'serialized' | 'document' | 'raw' | 'application' | 'stdout' | 'file';
    outputProperties?: Record<string, unknown>;
    [option: string]: unknown;
  }

  /** What `transform` returns. */
  export interface TransformResult {
    principalResult: unknown;
    resultDocuments?: Record<string, unknown>;
    stylesheetInternal?: unknown;
  }

  /** The SaxonJS runtime. It is a CommonJS module: only the default import works at run time. */
  const SaxonJS: {
    XPath: {
      evaluate(expression: string, contextItem: unknown, options?: XPathOptions): unknown;
    };
    getResource(options: ResourceOptions): Promise<unknown>;
    transform(options: TransformOptions, execution: 'async'): Promise<TransformResult>;
    transform(options: TransformOptions, execution?: 'sync'): TransformResult;
    serialize(value: unknown, outputProperties?: Record<string, unknown>): string;
  };
  export default SaxonJS;
}
