/**
 * Other people's letters: every corpus letter that jing finds valid against
 * tei_all (../shared/corpus/VERDICTS.tsv), plus the bundled letter, gets every
 * output, non-empty; the plain text holds every word of the reading text in
 * order (flow and each note); the HTML passes html-validate's recommended
 * rules, every fragment link has its target, every note has one marker and
 * one back-link, every emendation one mark in the text and one entry linking
 * back to it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { transformLetter, type TransformContext } from '../../src/stages/transform.js';
import { CORPUS, VERDICTS, available } from '../helpers/fixtures.js';
import { BUNDLED_LETTER, letterFromFile, missingInOrder, testContext, words } from './helpers.js';

async function validLetters(): Promise<string[]> {
  const verdicts = await readFile(VERDICTS, 'utf8');
  return verdicts
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter(([file, verdict]) => verdict === 'valid' && /stazh__briefedition-escher|correspDesc\/examples/.test(file ?? ''))
    .map(([file]) => path.join(CORPUS, file ?? ''));
}

let context: TransformContext;
let files: string[];
// Boolean attributes as SaxonJS writes them (defer="defer", as the build's own HTML check accepts).
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'attribute-boolean-style': 'off' } });

beforeAll(async () => {
  context = await testContext();
  files = [BUNDLED_LETTER, ...(await validLetters())];
}, 300_000);

describe.skipIf(!available.corpus)('all letters', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('builds every output of every letter, with the text and HTML properties', { timeout: 600_000 }, async () => {
    const problems: string[] = [];
    for (const file of files) {
      const letter = await letterFromFile(file);
      const name = path.basename(file);
      const result = transformLetter(letter, context);
      // Warnings are the exports' fallbacks for letters without correspDesc or ISO dates: reported, not problems of the outputs.
      problems.push(...result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${name}: ${d.message}`));
      expect(result.outputs.map((output) => output.format).sort(), name).toEqual(['bibtex', 'csl-json', 'html', 'html', 'ris', 'tei', 'text']);
      for (const output of result.outputs) if (output.content.trim() === '') problems.push(`${name}: empty ${output.format}`);

      const text = result.outputs.find((output) => output.format === 'text')?.content ?? '';
      const { reading } = result;
      const textWords = words(text);
      const notesStart = text.lastIndexOf('\n\nNotes\n\n');
      const missingFlow = missingInOrder(words(reading?.flow ?? ''), words(notesStart >= 0 ? text.slice(0, notesStart) : text));
      if (missingFlow) problems.push(`${name}: text lacks "${missingFlow}" of the reading text`);
      for (const note of reading?.notes ?? []) {
        const missing = missingInOrder(words(note.text), textWords);
        if (missing) problems.push(`${name}: text lacks "${missing}" of note ${note.label}`);
      }
      if (/[<>]|&[a-z]+;|\r| \n|\n\n\n/.test(text)) problems.push(`${name}: markup or whitespace debris in the text`);

      for (const page of result.outputs.filter((output) => output.format === 'html')) {
        const [format, html] = [page.path, page.content];
        const report = await validator.validateString(html);
        for (const message of report.results.flatMap((r) => r.messages)) problems.push(`${name} ${format}: ${message.ruleId} ${message.message}`);
        const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]));
        for (const [, target] of html.matchAll(/ href="#([^"]+)"/g)) if (!ids.has(target)) problems.push(`${name} ${format}: no target #${target}`);
        const markers = [...html.matchAll(/<a href="#(note-[^"]+)" id="noteref-/g)].map((match) => match[1]);
        const backLinks = [...html.matchAll(/class="note-back" href="#noteref-([^"]+)"/g)].map((match) => `note-${match[1]}`);
        if (markers.length !== new Set(markers).size || [...markers].sort().join() !== [...backLinks].sort().join()) {
          problems.push(`${name} ${format}: note markers and back-links differ`);
        }
        const marks = [...html.matchAll(/ id="(emendation-[^"]+)-text" href="#(emendation-[^"]+)"/g)].filter((match) => match[1] === match[2]).map((match) => match[1]);
        const entries = [...html.matchAll(/<tr id="(emendation-[^"]+)"><td>\d+<\/td><td><a href="#(emendation-[^"]+)-text"/g)].filter((match) => match[1] === match[2]).map((match) => match[1]);
        if (marks.length !== new Set(marks).size || [...marks].sort().join() !== [...entries].sort().join()) {
          problems.push(`${name} ${format}: emendation marks and entries differ`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
