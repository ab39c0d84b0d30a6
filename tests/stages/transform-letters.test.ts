/**
 * Many letters share one letter-data transform (`transformLetters`): each
 * letter's outputs, parts and diagnostics must be exactly those of the
 * letter transformed alone, messages must name their own letter, letters
 * with other central register entries must not share a transform, and a
 * transform that fails must name the letter it failed on.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../src/adapters/saxon.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { letterRegisterExcerpt, loadCentralRegisters } from '../../src/registers/central-registers.js';
import { editionParams, prepareStylesheets, transformLetter, transformLetters, type ParsedLetter, type TransformContext } from '../../src/stages/transform.js';
import { renderCitation } from '../../src/stages/check.js';
import { ESCHER_LETTERS, PROJECT_ROOT, available } from '../helpers/fixtures.js';

let context: TransformContext;

beforeAll(async () => {
  context = { stylesheets: await prepareStylesheets(), params: editionParams(DEFAULT_CONFIG, '2026-01-01'), renderCitation: (csl) => renderCitation(csl) };
}, 300_000);

async function letterFrom(file: string, id: string, registers?: string): Promise<ParsedLetter> {
  const text = await readFile(file, 'utf8');
  return { file: path.relative(PROJECT_ROOT, file), id, text, document: await parseXml(text), ...(registers ? { registers } : {}) };
}

/** Everything a transform gives a letter, in a form to compare. */
function given(letters: readonly ParsedLetter[], transformed: ReturnType<typeof transformLetters>) {
  return transformed.map((result, index) => ({ letter: letters[index]!.id, outputs: result.outputs, parts: result.parts, reading: result.reading, diagnostics: result.diagnostics.map(({ cause: _cause, ...rest }) => rest) }));
}

const encodings = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'encodings');

describe('transforming many letters at once', () => {
  it('gives each letter what it gets alone, warnings included', async () => {
    const files = (await readdir(encodings)).filter((file) => file.endsWith('.xml')).sort();
    const letters = [await letterFrom(path.join(PROJECT_ROOT, 'tei', 'lenin-to-shlyapnikov-1916-10.xml'), 'lenin-to-shlyapnikov-1916-10')];
    for (const file of files) letters.push(await letterFrom(path.join(encodings, file), file.replace(/\.xml$/, '')));
    const together = given(letters, transformLetters(letters, context));
    const alone = given(letters, letters.map((letter) => transformLetter(letter, context)));
    expect(together).toEqual(alone);
    // The fixtures warn (two correspDesc, roles against their actions): each warning stays with its letter.
    const warned = together.filter((result) => result.diagnostics.some((diagnostic) => diagnostic.severity === 'warning'));
    expect(warned.map((result) => result.letter)).toEqual(expect.arrayContaining(['roles-against-actions', 'two-correspdesc']));
    for (const result of warned) for (const diagnostic of result.diagnostics) expect(diagnostic.file).toBe(letters.find((letter) => letter.id === result.letter)!.file);
    // Every letter's parts name it.
    for (const result of together) expect(result.parts['index']).toContain(`id="${result.letter}"`);
  }, 300_000);

  it('does not let letters with other central register entries share a transform', async () => {
    const edition = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'central-registers');
    const registers = await loadCentralRegisters([path.join(edition, 'registers', 'persons.xml'), path.join(edition, 'registers', 'places.xml')], { cwd: edition, key: 'xml:id' });
    const file = path.join(edition, 'letters', 'one.xml');
    const withEntries = await letterFrom(file, 'one', letterRegisterExcerpt(await readFile(file, 'utf8'), file, registers).excerpt);
    expect(withEntries.registers).toBeTruthy();
    // The same letter without register entries, between two with them.
    const copy = async (id: string, registers?: string): Promise<ParsedLetter> => ({ ...withEntries, id, document: await parseXml(withEntries.text), registers });
    const letters = [withEntries, await copy('one-without-entries'), await copy('one-again', withEntries.registers)];
    const together = given(letters, transformLetters(letters, context));
    expect(together).toEqual(given(letters, letters.map((letter) => transformLetter(letter, context))));
    // The names of the letters with entries are identified from the registers; those of the letter without are not.
    const identified = (index: number) => [...together[index]!.outputs.find((output) => output.format === 'html')!.content.matchAll(/<dt>Identification<\/dt><dd>(?!Not in a register)/g)].length;
    expect([identified(0) > 0, identified(1), identified(2)]).toEqual([true, 0, identified(0)]);
  }, 300_000);

  it('names the letter a shared transform failed on, and builds the others of the transform', async () => {
    const good = await letterFrom(path.join(encodings, 'structured-names.xml'), 'structured-names');
    // Register entries that are not XML fail the transform of every letter that has them.
    const broken = { ...good, id: 'broken', file: 'tei/broken.xml', registers: '<not-xml' };
    const results = transformLetters([good, broken, { ...broken, id: 'broken-too', file: 'tei/broken-too.xml' }], context);
    expect(results[0]!.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(results[0]!.outputs.length).toBeGreaterThan(0);
    const errorFiles = results.slice(1).map((result) => [...new Set(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => diagnostic.file))]);
    expect(errorFiles).toEqual([['tei/broken.xml'], ['tei/broken-too.xml']]);
  }, 300_000);

  it.skipIf(!available.corpus)('gives each Escher letter what it gets alone', async () => {
    const files = (await readdir(ESCHER_LETTERS)).filter((file) => file.endsWith('.xml')).sort().slice(0, 20);
    const letters = await Promise.all(files.map((file) => letterFrom(path.join(ESCHER_LETTERS, file), file.replace(/\.xml$/, ''))));
    expect(given(letters, transformLetters(letters, context))).toEqual(given(letters, letters.map((letter) => transformLetter(letter, context))));
  }, 300_000);
});
