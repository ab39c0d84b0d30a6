/**
 * Names in the citation files: every key ed:name-parts may give (family,
 * given, non-dropping-particle, dropping-particle, suffix, literal) written
 * as CSL-JSON, BibLaTeX and RIS write them (hand-made name maps through
 * tests/fixtures/xslt/citation-names-harness.xsl), and read back by
 * citation-js's BibTeX parser into the same parts.
 */
import path from 'node:path';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileStylesheet, loadStylesheet, transform } from '../../src/adapters/saxon.js';
import { ROOT, SEF_CACHE } from '../xslt/helpers.js';
import { citationFiles } from './citation-letters.js';

interface WrittenName {
  bibtex: string;
  ris: string;
  natural: string;
  csl: Record<string, string>;
}

let written: WrittenName[];

beforeAll(async () => {
  const harness = await loadStylesheet(await compileStylesheet(path.join(ROOT, 'tests/fixtures/xslt/citation-names-harness.xsl'), { cacheDir: SEF_CACHE }));
  const outcome = transform(harness, { params: {} });
  if (!outcome.ok) throw new Error(outcome.diagnostic.message);
  written = JSON.parse(outcome.output) as WrittenName[];
}, 300_000);

describe('names in citation files', () => {
  it('writes every name part', () => {
    expect(written).toEqual([
      { bibtex: 'von Chamisso, Adelbert', ris: 'von Chamisso, Adelbert', natural: 'Adelbert von Chamisso', csl: { family: 'Chamisso', given: 'Adelbert', 'non-dropping-particle': 'von' } },
      { bibtex: 'van Beethoven, Ludwig', ris: 'van Beethoven, Ludwig', natural: 'Ludwig van Beethoven', csl: { family: 'Beethoven', given: 'Ludwig', 'dropping-particle': 'van' } },
      { bibtex: 'King, Jr., Martin Luther', ris: 'King, Martin Luther, Jr.', natural: 'Martin Luther King Jr.', csl: { family: 'King', given: 'Martin Luther', suffix: 'Jr.' } },
      { bibtex: 'Lenin, V. I.', ris: 'Lenin, V. I.', natural: 'V. I. Lenin', csl: { family: 'Lenin', given: 'V. I.' } },
      { bibtex: '{Marxists Internet Archive}', ris: 'Marxists Internet Archive', natural: 'Marxists Internet Archive', csl: { literal: 'Marxists Internet Archive' } },
    ]);
  });

  // BibTeX has one kind of particle ("von part"), and a braced name is one family name: the name is the same.
  it('writes BibLaTeX names that a BibTeX parser splits into the same parts', () => {
    const authors = written.map((name) => name.bibtex).join(' and ');
    const [item] = new Cite(`@misc{x,\n  author = {${authors}},\n  title = {T},\n  date = {1816}\n}\n`, { forceType: '@biblatex/text' }).data;
    expect(item!.author).toEqual([
      { family: 'Chamisso', given: 'Adelbert', 'non-dropping-particle': 'von' },
      { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' },
      { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
      { family: 'Lenin', given: 'V. I.' },
      { family: 'Marxists Internet Archive' },
    ]);
  });

  it('writes the particle of a structured TEI name (surname/nameLink) as its own CSL part', async () => {
    const [item] = JSON.parse((await citationFiles()).particleName.cslJson) as { author: unknown }[];
    expect(item!.author).toEqual([{ family: 'Chamisso', given: 'Adelbert', 'non-dropping-particle': 'von' }]);
  }, 300_000);
});
