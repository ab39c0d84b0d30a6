/**
 * The letters whose citation files the citation tests judge: the bundled
 * letter and the issue-13 fixtures in tests/fixtures/encodings/, transformed
 * once per test file with the default edition configuration (build date
 * 2026-11-27); and the official CSL styles registered with citation-js.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Cite, plugins, type CiteItem } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { transformLetter, type TransformContext } from '../../src/stages/transform.js';
import { CSL_STYLES, CSL_STYLE_NAMES } from '../helpers/fixtures.js';
import { BUNDLED_LETTER, ROOT, letterFromFile, testContext } from '../xslt/helpers.js';

const ENCODINGS = path.join(ROOT, 'tests', 'fixtures', 'encodings');

/** The letters, by a short name. */
export const CITATION_LETTERS = {
  bundled: BUNDLED_LETTER,
  whenExact: path.join(ENCODINGS, 'citation-when-exact.xml'),
  ownTitle: path.join(ENCODINGS, 'citation-own-title.xml'),
  particleName: path.join(ENCODINGS, 'citation-particle-name.xml'),
} as const;

export type CitationLetter = keyof typeof CITATION_LETTERS;

/** A letter's citation files as the build writes them. */
export interface CitationFiles {
  cslJson: string;
  bibtex: string;
  ris: string;
}

let context: Promise<TransformContext> | undefined;

/** Transforms every letter of {@link CITATION_LETTERS} and returns its citation files. */
export async function citationFiles(): Promise<Record<CitationLetter, CitationFiles>> {
  context ??= testContext();
  const ready = await context;
  const entries = await Promise.all(
    Object.entries(CITATION_LETTERS).map(async ([name, file]) => {
      const result = transformLetter(await letterFromFile(file), ready);
      const content = (format: string): string => {
        const output = result.outputs.find((candidate) => candidate.format === format);
        if (!output) throw new Error(`No ${format} output for ${file}: ${JSON.stringify(result.diagnostics)}`);
        return output.content;
      };
      return [name, { cslJson: content('csl-json'), bibtex: content('bibtex'), ris: content('ris') }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<CitationLetter, CitationFiles>;
}

export type CslStyle = (typeof CSL_STYLE_NAMES)[number];

/** Renders CSL items in one of the official styles (read from ../shared/styles/csl, registered once), en-US, as text. */
export function renderInStyle(items: CiteItem[], style: CslStyle, kind: 'bibliography' | 'citation'): string {
  const name = `official-${style}`;
  const styles = plugins.config.get('@csl').styles;
  if (!styles.has(name)) styles.add(name, readFileSync(path.join(CSL_STYLES, `${style}.csl`), 'utf8'));
  return new Cite(items).format(kind, { format: 'text', template: name, lang: 'en-US' }).trim();
}
