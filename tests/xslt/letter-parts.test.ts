/**
 * Letter parts (xslt/common/letter-parts.xsl): every edition-wide stylesheet
 * makes one part per letter, and the index and the exports merged from the
 * parts list the letters by date, whatever order they come in. (That outputs
 * merged from cached parts are those of a fresh build is tested in
 * tests/build/build.test.ts.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/formats.js';
import { letterParts, transformEdition, type EditionLetter, type ParsedLetter } from '../../src/stages/transform.js';
import { CORPUS, VERDICTS, available } from '../helpers/fixtures.js';
import { BUNDLED_LETTER, letterFromFile, testContext } from './helpers.js';

const EDITION_STYLESHEETS = FORMATS.filter((entry) => entry.perEdition && entry.stylesheet).map((entry) => entry.name);

/** The bundled letter and the Escher letters that jing finds valid against tei_all. */
async function letters(): Promise<ParsedLetter[]> {
  const escher = readFileSync(VERDICTS, 'utf8')
    .split('\n')
    .map((row) => row.split('\t'))
    .filter(([file, verdict]) => file?.startsWith('stazh__') && verdict === 'valid')
    .map(([file]) => path.join(CORPUS, file!));
  return Promise.all([BUNDLED_LETTER, ...escher.slice(0, 12)].map((file) => letterFromFile(file)));
}

describe('letter parts', { timeout: 120_000 }, () => {
  it('gives one part per edition-wide stylesheet, named by the letter and its date', async () => {
    const context = await testContext();
    const made = letterParts(await letterFromFile(BUNDLED_LETTER), context);
    expect(made.diagnostics).toEqual([]);
    expect(Object.keys(made.parts).sort()).toEqual([...EDITION_STYLESHEETS].sort());
    for (const part of Object.values(made.parts)) {
      expect(part).toMatch(/^<part id="lenin-to-shlyapnikov-1916-10" sort-key="1916-10-04"[ >]/);
    }
    // The corpus part is the letter with identifiers made unique in the corpus; the search part holds its reading text.
    expect(made.parts['tei-corpus']).toContain('xml:id="lenin-to-shlyapnikov-1916-10"');
    expect(made.parts['search-index']).toContain('Dear Friend');
  });

  it.skipIf(!available.corpus)('merges the parts into an index and exports that list the letters by date, whatever order the letters come in', async () => {
    const context = await testContext();
    const parsed = await letters();
    const withParts = (list: readonly ParsedLetter[]): EditionLetter[] => list.map((letter) => ({ file: letter.file, id: letter.id, parts: letterParts(letter, context).parts }));
    // The archive exports and the index list letters by date; the registers and search keep letter order where names tie.
    const sorted = ['index', 'cmif', 'oai-pmh', 'tei-corpus'];
    const forward = transformEdition(withParts(parsed), context, sorted);
    const backward = transformEdition(withParts([...parsed].reverse()), context, sorted);
    // Some Escher letters type their addressee inside the sent action: the only warnings are those, one per such letter.
    expect(forward.diagnostics.filter((d) => d.ruleId !== 'metadata/conflicting-roles')).toEqual([]);
    expect(new Set(forward.diagnostics.map((d) => d.file)).size).toBe(forward.diagnostics.length);
    expect(backward.outputs.map((output) => output.path)).toEqual(forward.outputs.map((output) => output.path));
    for (const [index, output] of backward.outputs.entries()) expect(output.content, output.path).toBe(forward.outputs[index]!.content);
    // The Escher letters (nineteenth century) come before the 1916 letter, which is first in the input.
    const cmif = forward.outputs.find((output) => output.format === 'cmif')!.content;
    const refs = [...cmif.matchAll(/<correspDesc ref="[^"]*\/letters\/([^/"]+)\//g)].map((match) => match[1]);
    expect(refs).toHaveLength(parsed.length);
    expect(refs.at(-1)).toBe('lenin-to-shlyapnikov-1916-10');
  });
});
