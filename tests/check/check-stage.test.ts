import { describe, expect, it } from 'vitest';
import type { Output } from '../../src/output.js';
import { checkOutputs, closeCheckers } from '../../src/stages/check.js';
import { goodOutputs, LETTER, letterCheck, replaceOnce, withContent } from './fixture-outputs.js';

const HTML = `${LETTER}/index.html`;
const TEXT = `${LETTER}/lenin-shlyapnikov-1916.txt`;
const CSL = `${LETTER}/lenin-shlyapnikov-1916.csl.json`;
const BIB = `${LETTER}/lenin-shlyapnikov-1916.bib`;
const RIS = `${LETTER}/lenin-shlyapnikov-1916.ris`;

/** The fields a broken variant is expected to report, exactly. */
interface Expected {
  ruleId: string;
  file: string;
  line?: number;
  column?: number;
  /** A part of the message that names what is wrong. */
  says: string;
}

function summarise(diagnostics: Awaited<ReturnType<typeof checkOutputs>>): Omit<Expected, 'says'>[] {
  return diagnostics.map(({ ruleId, file, line, column }) => ({ ruleId, file: file!, line, column }));
}

const good = goodOutputs();

describe('check stage: the good fixture build', () => {
  it('passes every check for the letter', async () => {
    const { outputs, context } = letterCheck(good);
    expect(outputs.map((o) => o.format).sort()).toEqual(['bibtex', 'csl-json', 'html', 'ris', 'tei', 'text']);
    expect(await checkOutputs(outputs, context)).toEqual([]);
  });

  it('passes every check for the index page', async () => {
    expect(await checkOutputs([good.get('index.html')!], { letterFile: 'tei', outputsByPath: good })).toEqual([]);
  });
});

/** Broken variants: [name, output, replace this, with this, what must be reported]. */
const brokenVariants: [string, string, string, string, Expected[]][] = [
  ['an html-validate error', HTML, '<h1>Letter', '<button>Print</button><h1>Letter', [
    { ruleId: 'check/html-validate/no-implicit-button-type', file: HTML, line: 14, column: 8, says: 'missing recommended "type" attribute' },
  ]],
  ['a link to a file the build does not write', HTML, 'href="lenin-shlyapnikov-1916.ris"', 'href="lenin-shlyapnikov-1916.enw"', [
    { ruleId: 'check/link-target', file: HTML, line: 56, column: 24, says: 'letters/lenin-shlyapnikov-1916/lenin-shlyapnikov-1916.enw, which the build does not write' },
  ]],
  ['a footnote link to a missing note', HTML, 'href="#note-4"', 'href="#note-5"', [
    { ruleId: 'check/link-target', file: HTML, line: 28, column: 61, says: '"#note-5", but this page has no element with that id' },
  ]],
  ['a back-link whose target id is gone', HTML, '<a id="ref-2" href', '<a href', [
    { ruleId: 'check/link-target', file: HTML, line: 36, column: 163, says: '"#ref-2", but this page has no element with that id' },
  ]],
  ['a dropped word', TEXT, 'which Grigory has', 'which has', [
    { ruleId: 'check/text-words-in-order', file: TEXT, line: 11, column: 98, says: 'Word 19 of 89 of the reading text, "Grigory" (after "the letter which")' },
  ]],
  ['words out of order', TEXT, 'firmly by the hand', 'by the hand firmly', [
    { ruleId: 'check/text-words-in-order', file: TEXT, line: 17, column: 31, says: 'Word 67 of 89 of the reading text, "by" (after "shake you firmly")' },
  ]],
  ['a serialised element', TEXT, 'mind Bukharin is', 'mind <persName ref="#bukharin">Bukharin</persName> is', [
    { ruleId: 'check/text-leak', file: TEXT, line: 19, column: 43, says: 'Markup leaked into the text: "<persName ref=\\"#bukharin\\">"' },
    { ruleId: 'check/text-leak', file: TEXT, line: 19, column: 58, says: 'A TEI attribute value leaked into the text: "#bukharin"' },
    { ruleId: 'check/text-leak', file: TEXT, line: 19, column: 77, says: 'Markup leaked into the text: "</persName>"' },
  ]],
  ['an escaped ampersand', TEXT, 'and with Gorky', '&amp; with Gorky', [
    { ruleId: 'check/text-leak', file: TEXT, line: 23, column: 61, says: '"&amp;"' },
  ]],
  ['a numeric character reference', TEXT, 'Letopis.', 'Letopis&#46;', [
    { ruleId: 'check/text-leak', file: TEXT, line: 15, column: 69, says: '"&#46;"' },
  ]],
  ['a pointer instead of a name', TEXT, 'From: V. I. Lenin, Zurich', 'From: V. I. Lenin (#lenin), Zurich', [
    { ruleId: 'check/text-leak', file: TEXT, line: 2, column: 20, says: 'A TEI attribute value leaked into the text: "#lenin"' },
  ]],
  ['the TEI namespace', TEXT, 'Notes\n', 'Notes http://www.tei-c.org/ns/1.0\n', [
    { ruleId: 'check/text-leak', file: TEXT, line: 21, column: 7, says: '"http://www.tei-c.org/ns/1.0"' },
  ]],
  ['a trailing space', TEXT, 'Dear Friend,\n', 'Dear Friend, \n', [
    { ruleId: 'check/text-format', file: TEXT, line: 9, column: 13, says: 'Trailing whitespace' },
  ]],
  ['a tab', TEXT, 'Notes\n', '\tNotes\n', [
    { ruleId: 'check/text-format', file: TEXT, line: 21, column: 1, says: 'A tab character' },
  ]],
  ['a CR', TEXT, 'Dear Friend,\n', 'Dear Friend,\r\n', [
    { ruleId: 'check/text-format', file: TEXT, line: 9, column: 13, says: 'carriage return' },
  ]],
  ['two blank lines', TEXT, 'Dear Friend,\n\n', 'Dear Friend,\n\n\n', [
    { ruleId: 'check/text-format', file: TEXT, line: 9, column: 13, says: 'More than one blank line in a row' },
  ]],
  ['a decomposed character', TEXT, 'Stockholm', 'Stocke\u0301holm', [
    { ruleId: 'check/text-format', file: TEXT, line: 3, column: 29, says: 'not in Unicode normalisation form C' },
  ]],
  ['a CSL variable we do not emit', CSL, '"version": "0.1.0",', '"version": "0.1.0",\n    "citation-key": "lenin1916",', [
    { ruleId: 'check/csl-schema', file: CSL, line: 16, column: 5, says: '"citation-key" is not a variable tei-edition emits' },
  ]],
  ['an EDTF string as issued', CSL, '"issued": { "date-parts": [[1916]], "circa": true }', '"issued": "1916"', [
    { ruleId: 'check/csl-schema', file: CSL, line: 9, column: 15, says: '/0/issued must be object, found "1916"' },
  ]],
  ['a type CSL does not have', CSL, '"personal_communication"', '"letter"', [
    { ruleId: 'check/csl-schema', file: CSL, line: 4, column: 13, says: '/0/type must be equal to one of the allowed values, found "letter"' },
  ]],
  ['the edition wording in date-parts', CSL, '[[1916]]', '[["later than 3 October 1916"]]', [
    { ruleId: 'check/csl-schema', file: CSL, line: 9, column: 33, says: '/0/issued/date-parts/0/0 must be integer' },
  ]],
  ['a name without family or literal', CSL, '"family": "Rothstein", "given": "Andrew"', '"given": "Andrew"', [
    { ruleId: 'check/csl-schema', file: CSL, line: 8, column: 20, says: '/0/translator/0 must have required property' },
  ]],
  ['a CSL-JSON citeproc cannot render', CSL, '"version": "0.1.0",', '"version": "0.1.0",\n    "volume": 35,', [
    { ruleId: 'check/citeproc-render', file: CSL, line: 1, column: 1, says: 'citeproc could not render the CSL-JSON' },
  ]],
  ['BibLaTeX whose description names no recipient', BIB, '  title = {{Letter to A. G. Shlyapnikov}},', '  title = {{Letter}},', [
    { ruleId: 'check/citation-roundtrip', file: BIB, line: 5, column: 3, says: 'recipient is lost in the BibTeX round trip: the CSL-JSON has "A. G. Shlyapnikov"' },
  ]],
  ['BibLaTeX with another year', BIB, 'date = {1916-10-04/..}', 'date = {1917-10-04/..}', [
    { ruleId: 'check/citation-roundtrip', file: BIB, line: 6, column: 3, says: 'date differs in the BibTeX round trip: the CSL-JSON has "1916", citation-js reads "1917"' },
  ]],
  ['BibTeX with the author reversed', BIB, '@misc{lenin-shlyapnikov-1916,\n  author = {Lenin, V. I.},', '@misc{lenin-shlyapnikov-1916,\n  author = {V. I. Lenin, Jr},', [
    { ruleId: 'check/citation-roundtrip', file: BIB, line: 2, column: 3, says: 'author differs in the BibTeX round trip: the CSL-JSON has "Lenin, V. I.", citation-js reads "V. I. Lenin, Jr"' },
  ]],
  ['BibLaTeX with a title of its own where the letter has none', BIB, '  title = {{Letter to A. G. Shlyapnikov}},', '  title = {{Letter from Zurich}},\n  titleaddon = {Letter to A. G. Shlyapnikov},', [
    { ruleId: 'check/citation-roundtrip', file: BIB, line: 5, column: 3, says: 'title differs in the BibTeX round trip: the CSL-JSON has "(none)", citation-js reads "Letter from Zurich"' },
  ]],
  ['BibLaTeX without the edition', BIB, '  howpublished = {{tei-edition: Letters, version 0.1.0}},\n', '', [
    { ruleId: 'check/citation-roundtrip', file: BIB, line: 1, column: 1, says: 'container-title is lost in the BibTeX round trip: the CSL-JSON has "tei-edition: Letters, version 0.1.0"' },
  ]],
  ['RIS without A2', RIS, 'A2  - Shlyapnikov, A. G.\n', '', [
    { ruleId: 'check/citation-roundtrip', file: RIS, line: 1, column: 1, says: 'recipient is lost in the RIS round trip' },
  ]],
  ['RIS with another URL', RIS, 'lenin-shlyapnikov-1916/\nLA', 'lenin-shlyapnikov/\nLA', [
    { ruleId: 'check/citation-roundtrip', file: RIS, line: 11, column: 1, says: 'URL differs in the RIS round trip' },
  ]],
  ['RIS without a date', RIS, 'PY  - 1916\nDA  - 1916///later than 3 October 1916\n', '', [
    { ruleId: 'check/citation-roundtrip', file: RIS, line: 1, column: 1, says: 'date is lost in the RIS round trip: the CSL-JSON has "1916"' },
  ]],
  ['RIS without the edition', RIS, 'T2  - tei-edition: Letters\n', '', [
    { ruleId: 'check/citation-roundtrip', file: RIS, line: 1, column: 1, says: 'container-title is lost in the RIS round trip: the CSL-JSON has "tei-edition: Letters"' },
  ]],
  ['BibTeX that does not parse', BIB, '@misc{lenin-shlyapnikov-1916,', '@misc{lenin-shlyapnikov-1916', [
    { ruleId: 'check/citation-roundtrip', file: BIB, line: 1, column: 1, says: 'citation-js could not parse the BibTeX' },
  ]],
];

describe('check stage: every broken variant is reported exactly', () => {
  it.each(brokenVariants)('%s', async (_name, outputPath, from, to, expected) => {
    const original = good.get(outputPath)!.content;
    const { outputs, context } = letterCheck(withContent(good, outputPath, replaceOnce(original, from, to)));
    const diagnostics = await checkOutputs(outputs, context);
    expect(summarise(diagnostics)).toEqual(expected.map(({ says: _says, ...fields }) => fields));
    diagnostics.forEach((diagnostic, index) => {
      expect(diagnostic.message).toContain(expected[index]!.says);
      expect(diagnostic).toMatchObject({ severity: 'error', source: 'check', path: '/TEI' });
      expect(diagnostic.hint).toContain('tei/lenin-shlyapnikov-1916.xml');
    });
  });

  it('reports a missing or doubled final line feed', async () => {
    const text = good.get(TEXT)!.content;
    for (const [content, says] of [[text.slice(0, -1), 'does not end with a line feed'], [`${text}\n`, 'more than one line feed']] as const) {
      const { outputs, context } = letterCheck(withContent(good, TEXT, content));
      const diagnostics = await checkOutputs(outputs, context);
      expect(summarise(diagnostics)).toEqual([{ ruleId: 'check/text-format', file: TEXT, line: 25, column: 84 }]);
      expect(diagnostics[0]!.message).toContain(says);
    }
  });

  it('checks fragments in other pages of the build', async () => {
    const index = good.get('index.html')!;
    const build = withContent(good, 'index.html', replaceOnce(index.content, 'lenin-shlyapnikov-1916/"', 'lenin-shlyapnikov-1916/#note-9"'));
    const diagnostics = await checkOutputs([build.get('index.html')!], { letterFile: 'tei', outputsByPath: build });
    expect(summarise(diagnostics)).toEqual([{ ruleId: 'check/link-target', file: 'index.html', line: 17, column: 26 }]);
    expect(diagnostics[0]!.message).toContain('letters/lenin-shlyapnikov-1916/index.html has no element with that id');
    expect(diagnostics[0]!.path).toBeUndefined();
  });

  it('compares citation files with a valid CSL-JSON, not with one that fails its own check', async () => {
    const csl = good.get(CSL)!.content;
    const withoutAuthor = letterCheck(withContent(good, CSL, replaceOnce(csl, '"author": [{ "family": "Lenin", "given": "V. I." }],', '')));
    expect(summarise(await checkOutputs(withoutAuthor.outputs, withoutAuthor.context))).toEqual([
      { ruleId: 'check/citation-roundtrip', file: BIB, line: 2, column: 3 },
      { ruleId: 'check/citation-roundtrip', file: BIB, line: 15, column: 3 },
      { ruleId: 'check/citation-roundtrip', file: RIS, line: 2, column: 1 },
    ]);
    const invalid = letterCheck(withContent(good, CSL, replaceOnce(csl, '"type": "personal_communication"', '"type": "letter"')));
    expect((await checkOutputs(invalid.outputs, invalid.context)).map((d) => d.file)).toEqual([CSL]);
  });

  it('needs the CSL-JSON to check BibTeX and RIS', async () => {
    const diagnostics = await checkOutputs([good.get(BIB)!, good.get(RIS)!], { letterFile: 'x.xml', outputsByPath: good });
    expect(summarise(diagnostics)).toEqual([
      { ruleId: 'check/citation-roundtrip', file: BIB, line: undefined, column: undefined },
      { ruleId: 'check/citation-roundtrip', file: RIS, line: undefined, column: undefined },
    ]);
  });

  it('refuses a format that has no checker', async () => {
    const epub: Output = { format: 'epub', path: `${LETTER}/letter.epub`, content: '', mediaType: 'application/epub+zip' };
    const diagnostics = await checkOutputs([epub], { letterFile: 'x.xml', outputsByPath: good });
    expect(summarise(diagnostics)).toEqual([{ ruleId: 'check/no-checker', file: epub.path, line: undefined, column: undefined }]);
  });

  it('works again after the warm checkers are closed', async () => {
    closeCheckers();
    const { outputs, context } = letterCheck(good);
    expect(await checkOutputs(outputs, context)).toEqual([]);
  });
});
