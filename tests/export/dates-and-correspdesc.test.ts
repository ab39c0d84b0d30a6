/**
 * Issue 13, dates and correspDesc: a letter dated only by the ISO 8601
 * attributes (@when-iso, @notBefore-iso, @notAfter-iso) is dated in every
 * output that carries a date, not only in the CMIF; every correspDesc of a
 * letter is a CMIF entry, the other outputs read the first and the letter
 * is reported once; OAI records carry the letter's own last change; JSON-LD
 * dateCreated is a schema.org Date. One fixture per encoding in
 * tests/fixtures/encodings/. Citation files are asserted on their date
 * values only (their fields are another change's).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostic.js';
import type { Output } from '../../src/output.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { checkOutputs } from '../../src/stages/check.js';
import { cmifDocument, transformEdition, transformLetter, type TransformContext } from '../../src/stages/transform.js';
import { checkCmifEntry } from '../../src/check/export-check.js';
import { CMIF_SCHEMAS, CORPUS, SHARED_SCHEMAS, available } from '../helpers/fixtures.js';
import { tempTree } from '../helpers/temp-tree.js';
import { BUILD_DATE, ROOT, letterFromFile, parsedLetter, tei, testContext } from '../xslt/helpers.js';

const ENCODINGS = path.join(ROOT, 'tests', 'fixtures', 'encodings');
const officialStore = new SchemaStore(schemaFolders({ env: { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS }, cwd: ROOT }));

let context: TransformContext;

beforeAll(async () => {
  context = await testContext();
}, 300_000);

/** Every output of one letter (its own and the edition-wide ones that carry dates) and what was reported. */
interface LetterOutputs {
  id: string;
  outputs: Output[];
  diagnostics: Diagnostic[];
}

async function outputsOfLetter(letter: Awaited<ReturnType<typeof letterFromFile>>): Promise<LetterOutputs> {
  const made = transformLetter(letter, context);
  const edition = transformEdition([{ file: letter.file, id: letter.id, parts: made.parts }], context, ['cmif', 'oai-pmh', 'index']);
  return { id: letter.id, outputs: [...made.outputs, ...edition.outputs], diagnostics: [...made.diagnostics, ...edition.diagnostics] };
}

const outputsOf = async (name: string) => outputsOfLetter(await letterFromFile(path.join(ENCODINGS, `${name}.xml`)));

function content(letter: LetterOutputs, file: string): string {
  const output = letter.outputs.find((o) => o.path === file.replaceAll('{id}', letter.id));
  if (!output) throw new Error(`no output ${file}; made: ${letter.outputs.map((o) => o.path).join(', ')}`);
  return output.content;
}

/** The date values of every output that carries the letter's date. */
function dates(letter: LetterOutputs) {
  const cmif = content(letter, 'cmif.xml');
  const record = content(letter, 'oai/GetRecord/{id}.xml');
  const csl = JSON.parse(content(letter, 'letters/{id}/{id}.csl.json')) as { issued?: { 'date-parts'?: number[][] } }[];
  const bibtex = content(letter, 'letters/{id}/{id}.bib');
  const ris = content(letter, 'letters/{id}/{id}.ris');
  const page = content(letter, 'letters/{id}/index.html');
  const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!) as Record<string, unknown>;
  const text = content(letter, 'letters/{id}/{id}.txt');
  const index = content(letter, 'index.html');
  return {
    cmif: [...cmif.matchAll(/<correspAction type="sent">.*?(<date [^>]*\/>)/gs)].map((match) => match[1]),
    datestamp: /<datestamp>([^<]*)<\/datestamp>/.exec(record)?.[1],
    dcDate: [...record.matchAll(/<dc:date>([^<]*)<\/dc:date>/g)].map((match) => match[1]),
    dcCoverage: [...record.matchAll(/<dc:coverage>([^<]*)<\/dc:coverage>/g)].map((match) => match[1]),
    cslIssued: csl[0]?.issued?.['date-parts'],
    bibtex: [...bibtex.matchAll(/^\s*(year|date)\s*=\s*\{([^}]*)\}/gm)].map((match) => `${match[1]}=${match[2]}`),
    ris: [...ris.matchAll(/^(PY|DA) {2}- (.*)$/gm)].map((match) => `${match[1]} ${match[2]}`),
    dateCreated: jsonLd['dateCreated'],
    temporalCoverage: jsonLd['temporalCoverage'],
    textHeader: /^Date: (.*)$/m.exec(text)?.[1],
    indexRow: /<tbody><tr><td[^>]*>([^<]*)<\/td>/.exec(index)?.[1],
  };
}

async function officialProblems(outputs: readonly Output[]): Promise<Diagnostic[]> {
  return checkOutputs(outputs.filter((o) => o.format === 'cmif' || o.format === 'oai-pmh'), { letterFile: 'tests', outputsByPath: new Map(), store: officialStore });
}

describe('a letter dated only by @when-iso (when-iso-only.xml)', () => {
  let letter: LetterOutputs;
  beforeAll(async () => {
    letter = await outputsOf('when-iso-only');
  }, 300_000);

  it('is dated 4 October 1916 in every output that carries a date', () => {
    expect(dates(letter)).toEqual({
      cmif: ['<date when="1916-10-04"/>'],
      datestamp: '2025-03-14',
      dcDate: ['1916-10-04'],
      dcCoverage: [],
      cslIssued: [[1916, 10, 4]],
      bibtex: expect.arrayContaining([expect.stringMatching(/^(year=1916|date=1916-10-04)$/)]) as unknown as string[],
      ris: expect.arrayContaining(['PY 1916', expect.stringMatching(/^DA 1916\/10\/04\/?$/)]) as unknown as string[],
      dateCreated: '1916-10-04',
      temporalCoverage: undefined,
      textHeader: '4 October 1916',
      indexRow: '4 October 1916',
    });
    expect(letter.diagnostics).toEqual([]);
  });

  it('gives its record the newest change of its revisionDesc as datestamp, and the TEI file as identifier', () => {
    const record = content(letter, 'oai/GetRecord/{id}.xml');
    expect(record).toContain('<dc:identifier>https://tei-edition.example.org/letters/when-iso-only/</dc:identifier>');
    expect(record).toContain('<dc:identifier>https://tei-edition.example.org/letters/when-iso-only/when-iso-only.xml</dc:identifier>');
    expect(content(letter, 'oai/ListIdentifiers.xml')).toContain('<datestamp>2025-03-14</datestamp>');
    expect(content(letter, 'oai/Identify.xml')).toContain('<earliestDatestamp>2025-03-14</earliestDatestamp>');
    expect(content(letter, 'oai/Identify.xml')).toContain(`<responseDate>${BUILD_DATE}T00:00:00Z</responseDate>`);
  });

  it.skipIf(!available.sharedSchemas)('passes the official CMIF and OAI-PMH schemas', async () => {
    expect(await officialProblems(letter.outputs)).toEqual([]);
  }, 120_000);
});

describe('a letter dated only by @notBefore-iso and @notAfter-iso (range-iso-only.xml)', () => {
  let letter: LetterOutputs;
  beforeAll(async () => {
    letter = await outputsOf('range-iso-only');
  }, 300_000);

  it('carries the range in every output that carries a date, and the month both bounds share where one date is wanted', () => {
    expect(dates(letter)).toEqual({
      cmif: ['<date notBefore="1916-10-03" notAfter="1916-10-20"/>'],
      datestamp: '2024-06-30',
      dcDate: ['1916-10'],
      dcCoverage: ['1916-10-03/1916-10-20'],
      cslIssued: [[1916, 10]],
      bibtex: expect.arrayContaining(['date=1916-10-03/1916-10-20']) as unknown as string[],
      ris: expect.arrayContaining(['PY 1916']) as unknown as string[],
      dateCreated: undefined,
      temporalCoverage: '1916-10-03/1916-10-20',
      textHeader: 'between 3 October 1916 and 20 October 1916',
      indexRow: 'between 3 October 1916 and 20 October 1916',
    });
  });

  it.skipIf(!available.sharedSchemas)('passes the official CMIF and OAI-PMH schemas', async () => {
    expect(await officialProblems(letter.outputs)).toEqual([]);
  }, 120_000);
});

describe('a letter with two correspDesc (two-correspdesc.xml)', () => {
  let letter: LetterOutputs;
  beforeAll(async () => {
    letter = await outputsOf('two-correspdesc');
  }, 300_000);

  it('is two CMIF entries, each with its own @ref, the edition\'s @source, its sender and its date', () => {
    const cmif = content(letter, 'cmif.xml');
    const entries = [...cmif.matchAll(/<correspDesc ref="([^"]*)" source="#([^"]*)">(.*?)<\/correspDesc>/gs)];
    expect(entries.map((entry) => entry[1])).toEqual([
      'https://tei-edition.example.org/letters/two-correspdesc/',
      'https://tei-edition.example.org/letters/two-correspdesc/#postscript',
    ]);
    expect(new Set(entries.map((entry) => entry[2])).size).toBe(1);
    expect(cmif).toContain(`<bibl type="online" xml:id="${entries[0]![2]}">`);
    expect(entries.map((entry) => /<correspAction type="sent">\s*<persName>([^<]*)</.exec(entry[3]!)?.[1])).toEqual(['John Writer', 'Enid Writer']);
    expect(dates(letter).cmif).toEqual(['<date when="1932-12-17"/>', '<date when="1932-12-18"/>']);
  });

  it('is described by the first correspDesc elsewhere, and reported once, naming the letter', () => {
    const { cmif: _cmif, ...elsewhere } = dates(letter);
    expect(elsewhere).toMatchObject({ dcDate: ['1932-12-17'], cslIssued: [[1932, 12, 17]], dateCreated: '1932-12-17', textHeader: '17 December 1932', indexRow: '17 December 1932', datestamp: '2025-02-01' });
    expect(content(letter, 'oai/GetRecord/{id}.xml')).not.toContain('Enid');
    expect(letter.diagnostics).toEqual([
      expect.objectContaining({ file: path.join(ENCODINGS, 'two-correspdesc.xml'), severity: 'warning', ruleId: 'metadata/multiple-correspdesc', message: expect.stringContaining('letter two-correspdesc: The letter has 2 correspDesc') as unknown as string }),
    ]);
  });

  it.skipIf(!available.sharedSchemas)('passes the official CMIF RELAX NG and cmif.sch, and OAI-PMH', async () => {
    expect(await officialProblems(letter.outputs)).toEqual([]);
  }, 120_000);

  it.skipIf(!available.sharedSchemas)('the build\'s per-letter cmif.sch check sees every entry of the letter, each named by its @ref', async () => {
    const seeded = readFileSync(path.join(CMIF_SCHEMAS, 'cmif.sch'), 'utf8').replace('</schema>',
      '<pattern id="seeded"><rule context="tei:correspDesc[contains(@ref, \'#\')]/tei:correspAction[@type = \'sent\']"><report test="true()" role="error">[T0002] A further entry.</report></rule></pattern>\n</schema>');
    const schematron = path.join(tempTree({ 'cmif.sch': seeded }), 'cmif.sch');
    const made = transformLetter(await letterFromFile(path.join(ENCODINGS, 'two-correspdesc.xml')), context);
    const document = cmifDocument([made.parts['cmif']!], context);
    if (!('document' in document)) throw new Error(document.diagnostic.message);
    expect(await checkCmifEntry(document.document, { file: 'two-correspdesc.xml', id: 'two-correspdesc' }, schematron)).toEqual([
      expect.objectContaining({ file: 'two-correspdesc.xml', ruleId: 'check/cmif-schematron', path: '/TEI/teiHeader/profileDesc/correspDesc[@ref="https://tei-edition.example.org/letters/two-correspdesc/#postscript"]/correspAction[1]' }),
    ]);
  }, 120_000);

  it.skipIf(!available.corpus)('the correspondence SIG\'s example 11: both acts of correspondence in the CMIF', async () => {
    const example = path.join(CORPUS, 'TEI-Correspondence-SIG__correspDesc', 'examples', 'example11_one-witness-two-correspDesc.xml');
    const made = await outputsOfLetter(await letterFromFile(example));
    const cmif = content(made, 'cmif.xml');
    expect([...cmif.matchAll(/<correspDesc ref="([^"]*)"/g)].map((match) => match[1]!.replace(/^.*\/letters\//, ''))).toEqual([
      'example11_one-witness-two-correspDesc/',
      'example11_one-witness-two-correspDesc/#correspDesc-one-witness-two-correspDesc_2',
    ]);
    expect(cmif).toMatch(/<persName>Enid Neihardt<\/persName>/);
    expect(made.diagnostics.filter((d) => d.ruleId === 'metadata/multiple-correspdesc')).toHaveLength(1);
  }, 120_000);
});

describe('a letter without publication date or revisions (no-publication-date.xml)', () => {
  let letter: LetterOutputs;
  beforeAll(async () => {
    letter = await outputsOf('no-publication-date');
  }, 300_000);

  it('is dated by its @when everywhere, and its record by the build date', () => {
    expect(dates(letter)).toMatchObject({
      cmif: ['<date when="1807-01-29"/>'],
      datestamp: BUILD_DATE,
      dcDate: ['1807-01-29'],
      dcCoverage: [],
      cslIssued: [[1807, 1, 29]],
      dateCreated: '1807-01-29',
      temporalCoverage: undefined,
      textHeader: '29 January 1807',
      indexRow: '29 January 1807',
    });
    expect(content(letter, 'oai/Identify.xml')).toContain(`<earliestDatestamp>${BUILD_DATE}</earliestDatestamp>`);
  });
});

describe('dates read as today', () => {
  it('an open range: JSON-LD temporalCoverage with "..", no dateCreated; OAI dc:coverage, no dc:date', async () => {
    const letter = await outputsOfLetter(await parsedLetter(tei({
      profile: '<correspDesc><correspAction type="sent"><persName>A</persName><date notBefore="1916-10-04">later than 3 October 1916</date></correspAction></correspDesc>',
      body: '<p>Text.</p>',
    }), 'open-range.xml', 'open-range'));
    expect(dates(letter)).toMatchObject({ dateCreated: undefined, temporalCoverage: '1916-10-04/..', dcDate: [], dcCoverage: ['1916-10-04/..'], textHeader: 'later than 3 October 1916' });
  }, 120_000);

  it('a date without attributes whose words name a day is that day in every output, with a warning to add @when', async () => {
    const letter = await outputsOfLetter(await parsedLetter(tei({
      profile: '<correspDesc><correspAction type="sent"><persName>A</persName><date>17 December 1932</date></correspAction></correspDesc>',
      body: '<p>Text.</p>',
    }), 'words-date.xml', 'words-date'));
    expect(dates(letter)).toMatchObject({ cmif: ['<date when="1932-12-17"/>'], dateCreated: '1932-12-17', dcDate: ['1932-12-17'], cslIssued: [[1932, 12, 17]], textHeader: '17 December 1932', indexRow: '17 December 1932' });
    expect(letter.diagnostics.filter((d) => d.ruleId.startsWith('metadata/')).map((d) => [d.ruleId, d.hint])).toEqual([['metadata/date-from-words', 'Add when="1932-12-17" to the date (or notBefore and notAfter for a range), so that no tool has to read the words.']]);
  }, 120_000);

  it.each([
    ['1951', [[1951]]],
    ['17. Dezember 1932', [[1932, 12, 17]]],
    ['December 17, 1932', [[1932, 12, 17]]],
    ['Dezember 1932', [[1932, 12]]],
    ['31 February 1932', undefined],
    ['spring 1920', undefined],
    ['unknown', undefined],
  ])('reads the words "%s" as the date %j', async (words, issued) => {
    const letter = await outputsOfLetter(await parsedLetter(tei({
      profile: `<correspDesc><correspAction type="sent"><persName>A</persName><date>${words}</date></correspAction></correspDesc>`,
      body: '<p>Text.</p>',
    }), 'words.xml', 'words'));
    expect(dates(letter).cslIssued).toEqual(issued);
  }, 120_000);

  it('a sent date without attributes is the letter\'s date (its words, undated for machines); the CMIF still exports the received action\'s @when', async () => {
    const letter = await outputsOfLetter(await parsedLetter(tei({
      profile: '<correspDesc><correspAction type="sent"><persName>A</persName><date>about Easter</date></correspAction><correspAction type="received"><persName>B</persName><date when="1850-04-02"/></correspAction></correspDesc>',
      body: '<p>Text.</p>',
    }), 'text-date.xml', 'text-date'));
    expect(dates(letter)).toMatchObject({ dateCreated: undefined, temporalCoverage: undefined, dcDate: [], dcCoverage: [], cslIssued: undefined, textHeader: 'about Easter', indexRow: 'about Easter' });
    expect(content(letter, 'cmif.xml')).toMatch(/<correspAction type="received">\s*<persName>B<\/persName>\s*<date when="1850-04-02"\/>/);
    expect(letter.diagnostics.map((d) => [d.ruleId, d.message])).toEqual([['export/cmif-date-not-iso', 'cmif.xml, letter text-date: The date "about Easter" has no dating attribute (when, notBefore, notAfter, from, to, or their -iso forms): left out of the CMIF.']]);
  }, 120_000);
});
