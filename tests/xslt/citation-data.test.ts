/**
 * xslt/citation/citation-data.xsl: what a citation says, read from the
 * CSL-JSON, BibLaTeX and RIS of small letters: when the titleStmt title is
 * the letter's own, and how its date is cited.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TransformContext } from '../../src/stages/transform.js';
import { transformLetter } from '../../src/stages/transform.js';
import { parsedLetter, tei, testContext } from './helpers.js';

let context: TransformContext;

beforeAll(async () => {
  context = await testContext();
}, 300_000);

/** The citation files of a letter with this title (and title type) and this date element, from Clara Muster to Daniel Beispiel. */
async function citation(title: string, date: string, titleType?: string): Promise<{ csl: Record<string, unknown>; bibtex: string; ris: string }> {
  const text = tei({
    profile: `<correspDesc><correspAction type="sent"><persName>Clara Muster</persName>${date}</correspAction><correspAction type="received"><persName>Daniel Beispiel</persName></correspAction></correspDesc>`,
    body: '<p>Text.</p>',
  }).replace('<title>Test letter</title>', `<title${titleType ? ` type="${titleType}"` : ''}>${title}</title>`);
  const result = transformLetter(await parsedLetter(text, 'letter.xml', 'letter'), context);
  const content = (format: string) => result.outputs.find((output) => output.format === format)!.content;
  return { csl: (JSON.parse(content('csl-json')) as Record<string, unknown>[])[0]!, bibtex: content('bibtex'), ris: content('ris') };
}

const EXACT = '<date when="1898-03-14">14 March 1898</date>';

describe('the letter\'s own title', () => {
  it.each([
    ['a title that begins "Letter from"', 'Letter from Clara Muster to Daniel Beispiel, 14 March 1898', undefined],
    ['a title that begins "Letter to"', 'Letter to Daniel Beispiel', undefined],
    ['a title naming sender and recipient, in any language', 'Clara Muster an Daniel Beispiel, Basel, 14. März 1898', undefined],
    ['a title typed as descriptive', 'Ein Brief über die Ernte', 'desc'],
  ])('is none for %s', async (_name, title, type) => {
    const { csl, bibtex, ris } = await citation(title, EXACT, type);
    expect(csl['title']).toBeUndefined();
    expect(bibtex).toContain('  title = {{Letter to Daniel Beispiel}},\n  date');
    expect(bibtex).not.toContain('titleaddon');
    expect(ris).not.toContain('TI  - ');
  });

  it('is the title for a title of the letter\'s own, with the description in titleaddon', async () => {
    const { csl, bibtex, ris } = await citation('Ein Brief über die Ernte', EXACT);
    expect(csl['title']).toBe('Ein Brief über die Ernte');
    expect(bibtex).toContain('  title = {{Ein Brief über die Ernte}},\n  titleaddon = {Letter to Daniel Beispiel},');
    expect(ris).toContain('TI  - Ein Brief über die Ernte\r\n');
  });
});

describe('the letter\'s date', () => {
  it.each([
    ['an exact day', EXACT, { 'date-parts': [[1898, 3, 14]] }, '1898-03-14', 'DA  - 1898/03/14/\r\n'],
    ['an exact month', '<date when="1898-03">March 1898</date>', { 'date-parts': [[1898, 3]] }, '1898-03', 'DA  - 1898/03//\r\n'],
    ['bounds within one month', '<date notBefore="1898-03-02" notAfter="1898-03-20">early March 1898</date>', { 'date-parts': [[1898, 3]], circa: true }, '1898-03-02/1898-03-20', 'DA  - 1898/03//early March 1898\r\n'],
    ['bounds in one year', '<date from="1898-03-02" to="1898-11-20">1898</date>', { 'date-parts': [[1898]], circa: true }, '1898-03-02/1898-11-20', 'DA  - 1898///1898\r\n'],
    ['bounds in different years', '<date notBefore="1898-12-02" notAfter="1899-01-20">winter 1898/99</date>', { 'date-parts': [[1898], [1899]], circa: true }, '1898-12-02/1899-01-20', 'DA  - 1898///winter 1898/99\r\n'],
    ['only an upper bound', '<date notAfter="1899-01-20">before 21 January 1899</date>', { 'date-parts': [[1899]], circa: true }, '../1899-01-20', 'DA  - 1899///before 21 January 1899\r\n'],
  ])('%s', async (_name, date, issued, biblatex, ris) => {
    const cited = await citation('Letter to Daniel Beispiel', date);
    expect(cited.csl['issued']).toEqual(issued);
    expect(cited.csl['available-date']).toEqual({ 'date-parts': [[2026, 11, 27]] });
    expect(cited.bibtex).toContain(`  date = {${biblatex}},`);
    expect(cited.ris).toContain(ris);
  });

  it('is left out of every format for an undated letter, which the note does not mention', async () => {
    const { csl, bibtex, ris } = await citation('Letter to Daniel Beispiel', '');
    expect(csl['issued']).toBeUndefined();
    expect(csl['note']).toBe('Source: test source. Encoding and notes: tei-edition project, CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).');
    expect(bibtex).not.toContain('date =');
    expect(ris).not.toMatch(/^(PY|DA) {2}- /m);
  });
});
