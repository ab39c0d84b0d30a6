/**
 * tei-letter (schemas/tei-letter.rng + .sch) is a strict subset of tei_all:
 * jing is the oracle. Every file it accepts must also be valid against
 * tei_all; the fixtures in tests/fixtures/customisation show what it requires.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { saxonJS } from '../../src/adapters/saxon-js.js';
import { compileSchematron, runSchematron, type CompiledSchematron } from '../../src/adapters/schematron.js';
import { validateRelaxNg } from '../../src/adapters/xmllint.js';
import { CORPUS, JING, TEI_ALL, available } from '../helpers/fixtures.js';

const ROOT = path.resolve(__dirname, '../..');
const LETTER_RNG = path.join(ROOT, 'schemas/tei-letter.rng');
const LETTER_SCH = path.join(ROOT, 'schemas/tei-letter.sch');
const FIXTURES = path.join(ROOT, 'tests/fixtures/customisation');
const BUNDLED_LETTER = path.join(ROOT, 'tei/lenin-to-shlyapnikov-1916-10.xml');

/** What tei-letter.rng must reject in each invalid fixture, in jing's words. */
const REJECTED_BY_RNG: Record<string, RegExp> = {
  'invalid-missing-licence.xml': /"availability" incomplete; missing required element "licence"/,
  'invalid-missing-idno.xml': /"publicationStmt" incomplete; missing required element "idno"/,
  'invalid-no-received-action.xml': /"correspDesc" incomplete; missing required element "correspAction"/,
  'invalid-non-iso-date.xml': /value of attribute "notBefore" is invalid/,
  'invalid-missing-tei-id.xml': /"TEI" missing required attribute "xml:id"/,
  'invalid-missing-source-desc.xml': /missing required element "sourceDesc"/,
  'invalid-paragraph-in-paragraph.xml': /element "p" not allowed here/,
};

/** Fixtures valid against tei-letter.rng that its Schematron must flag, with the rule id. */
const FLAGGED_BY_SCHEMATRON: Record<string, string> = {
  'invalid-unresolved-ref.xml': 'letter-pointer-resolves',
  'invalid-date-range-reversed.xml': 'letter-date-range-ordered',
};

/** Rule table: each Schematron rule id, and one change to valid-minimal-letter.xml (text, replacement) that must make exactly that rule fire. */
const RULE_CASES: [ruleId: string, from: string, to: string][] = [
  ['letter-date-span-ordered', 'notBefore="1916-10-03"', 'from="1916-10-05" to="1916-10-03"'],
  ['letter-date-point-or-range', 'notBefore="1916-10-03"', 'when="1916-10-04" notBefore="1916-10-03"'],
  ['letter-title-not-empty', '<title>Anna Muster to Bruno Beispiel, 3 October 1916</title>', '<title> </title>'],
  ['letter-idno-not-empty', '<idno type="URI">https://example.org/letters/minimal</idno>', '<idno type="URI"/>'],
  ['letter-licence-stated', '<licence target="https://creativecommons.org/publicdomain/zero/1.0/">CC0 1.0</licence>', '<licence/>'],
  ['letter-corresp-party-named', '<persName ref="#bruno">Bruno Beispiel</persName>', ''],
  ['letter-corresp-date-normalised', '<date notBefore="1916-10-03">', '<date>'],
  ['letter-sic-has-corr', '<corr resp="#ed1">yesterday</corr>', '<reg>yesterday</reg>'],
  ['letter-abbr-has-expan', '<sic>yesterdy</sic><corr resp="#ed1">yesterday</corr>', '<abbr>yest.</abbr><reg>yesterday</reg>'],
  ['letter-orig-has-reg', '<sic>yesterdy</sic>', '<orig>yesterdy</orig>'],
];

const VALID_FIXTURES = ['valid-minimal-letter.xml', 'valid-full-vocabulary-letter.xml'];

function xmlFilesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.xml'))
    .map((name) => path.join(folder, name))
    .sort();
}

/** Runs jing once on many files; returns jing's error lines per file (no entry: valid). */
async function jing(schema: string, files: readonly string[]): Promise<Map<string, string[]>> {
  const errors = new Map<string, string[]>();
  if (files.length === 0) return errors;
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(JING!, [schema, ...files], { maxBuffer: 64 * 1024 * 1024 }));
  } catch (failure) {
    const { stdout: output, code } = failure as { stdout?: string; code?: unknown };
    // jing exits 1 when a file is invalid; anything else (no output, other codes) is a broken run.
    if (code !== 1 || !output) throw failure;
    stdout = output;
  }
  for (const line of stdout.split('\n').filter(Boolean)) {
    const file = files.find((candidate) => line.startsWith(`${candidate}:`));
    if (!file) throw new Error(`jing reported on no file given to it: ${line}`);
    errors.set(file, [...(errors.get(file) ?? []), line.slice(file.length + 1)]);
  }
  return errors;
}

describe.skipIf(!available.jing || !available.sharedSchemas || !available.corpus)('tei-letter.rng is a subset of tei_all (jing as oracle)', () => {
  const fixtures = xmlFilesUnder(FIXTURES);
  let files: string[];
  let letterErrors: Map<string, string[]>;
  let teiAllErrors: Map<string, string[]>;
  let accepted: string[];

  beforeAll(async () => {
    files = [BUNDLED_LETTER, ...xmlFilesUnder(CORPUS), ...fixtures];
    letterErrors = await jing(LETTER_RNG, files);
    accepted = files.filter((file) => !letterErrors.has(file));
    teiAllErrors = await jing(TEI_ALL, accepted);
  }, 120_000);

  it('checks the bundled letter, every corpus file and every fixture', () => {
    expect(existsSync(BUNDLED_LETTER)).toBe(true);
    expect(xmlFilesUnder(CORPUS).length).toBeGreaterThanOrEqual(65);
    expect(fixtures.map((file) => path.basename(file))).toEqual(
      expect.arrayContaining([...VALID_FIXTURES, ...Object.keys(REJECTED_BY_RNG), ...Object.keys(FLAGGED_BY_SCHEMATRON)]),
    );
  });

  it('every file tei-letter accepts is valid against tei_all', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(VALID_FIXTURES.length + 1);
    expect(Object.fromEntries(teiAllErrors)).toEqual({});
  });

  it('accepts the bundled letter', () => {
    expect(letterErrors.get(BUNDLED_LETTER)).toBeUndefined();
  });

  it.each(VALID_FIXTURES)('accepts %s under both schemas', (name) => {
    const file = path.join(FIXTURES, name);
    expect(letterErrors.get(file)).toBeUndefined();
    expect(accepted).toContain(file);
    expect(teiAllErrors.get(file)).toBeUndefined();
  });

  it('the full-vocabulary fixture uses every element tei-letter defines, so the subset check covers each', () => {
    const defined = new Set([...readFileSync(LETTER_RNG, 'utf8').matchAll(/<element name="([^"]+)"/g)].map((match) => match[1]));
    const used = new Set(
      [...readFileSync(path.join(FIXTURES, 'valid-full-vocabulary-letter.xml'), 'utf8').matchAll(/<([A-Za-z]+)[\s/>]/g)].map((match) => match[1]),
    );
    expect([...defined].filter((name) => !used.has(name!))).toEqual([]);
  });

  it.each(Object.entries(REJECTED_BY_RNG))('rejects %s', (name, expected) => {
    const errors = letterErrors.get(path.join(FIXTURES, name)) ?? [];
    expect(errors.join('\n')).toMatch(expected);
  });

  it.each(Object.keys(FLAGGED_BY_SCHEMATRON))('leaves %s to the Schematron (valid RELAX NG)', (name) => {
    expect(letterErrors.get(path.join(FIXTURES, name))).toBeUndefined();
  });

  it.each([false, true])('libxml2 (the validator tei-edition uses, prune: %s) gives jing\'s verdict on every file', async (prune) => {
    const sources = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const results = await validateRelaxNg(sources, { file: LETTER_RNG, text: readFileSync(LETTER_RNG, 'utf8') }, { prune });
    const rejectedByLibxml2 = files.filter((file) => results.get(file)!.some((diagnostic) => diagnostic.severity === 'error'));
    expect(rejectedByLibxml2).toEqual(files.filter((file) => letterErrors.has(file)));
  }, 60_000);
});

describe('tei-letter.sch', () => {
  const text = readFileSync(LETTER_SCH, 'utf8');
  const SCH = 'http://purl.oclc.org/dsdl/schematron';
  let schemaDocument: unknown;
  let ruleIds: string[];
  const xpath = (expression: string): unknown =>
    saxonJS().XPath.evaluate(expression, schemaDocument, { namespaceContext: { sch: SCH }, resultForm: 'array' });

  beforeAll(async () => {
    schemaDocument = await saxonJS().getResource({ type: 'xml', text });
    ruleIds = xpath('//(sch:assert | sch:report)/string(@id)') as string[];
  });

  it('uses XSLT 3 query binding, the TEI namespace and only the agreed Schematron elements', () => {
    expect(xpath('/sch:schema/string(@queryBinding)')).toEqual(['xslt3']);
    expect(xpath('//sch:ns ! (@prefix || " " || @uri)')).toEqual(['tei http://www.tei-c.org/ns/1.0']);
    const allowed = ['schema', 'pattern', 'rule', 'assert', 'report', 'let', 'value-of', 'name', 'ns', 'title', 'p'].map((name) => `Q{${SCH}}${name}`);
    const used = xpath('distinct-values(//* ! ("Q{" || namespace-uri() || "}" || local-name()))') as string[];
    expect(used.filter((name) => !allowed.includes(name))).toEqual([]);
  });

  it('gives every assert and report a unique id and a message that says what is wrong and what to do', () => {
    expect(ruleIds.length).toBeGreaterThan(0);
    expect(ruleIds.filter((id) => !/^letter-[a-z-]+$/.test(id))).toEqual([]);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    const messages = xpath('//(sch:assert | sch:report) ! normalize-space(string-join(text(), " "))') as string[];
    for (const [index, message] of messages.entries()) {
      expect(message.length, ruleIds[index]).toBeGreaterThan(40);
      expect(message, ruleIds[index]).toMatch(/\b(Add|Give|Write|Swap|Keep|Remove|Change|Correct)\b/);
    }
  });

  it.each(Object.values(FLAGGED_BY_SCHEMATRON))('defines rule %s', (ruleId) => {
    expect(ruleIds).toContain(ruleId);
  });

  describe('run on SaxonJS', () => {
    let schema: CompiledSchematron;

    beforeAll(() => {
      const compiled = compileSchematron(text, LETTER_SCH);
      expect(compiled.diagnostics).toEqual([]);
      schema = compiled.schema!;
    });

    async function ruleIdsFor(file: string): Promise<string[]> {
      const document: unknown = await saxonJS().getResource({ type: 'xml', text: readFileSync(file, 'utf8') });
      return runSchematron(schema, document, file, () => undefined).map((diagnostic) => diagnostic.ruleId ?? '');
    }

    it.each([...VALID_FIXTURES.map((name) => path.join(FIXTURES, name)), BUNDLED_LETTER])('finds nothing in %s', async (file) => {
      expect(await ruleIdsFor(file)).toEqual([]);
    });

    it.each(Object.entries(FLAGGED_BY_SCHEMATRON))('flags %s with %s', async (name, ruleId) => {
      expect(await ruleIdsFor(path.join(FIXTURES, name))).toEqual([ruleId]);
    });

    it('has a case in RULE_CASES for every rule it defines', () => {
      expect([...new Set([...Object.values(FLAGGED_BY_SCHEMATRON), ...RULE_CASES.map(([ruleId]) => ruleId)])].sort()).toEqual([...ruleIds].sort());
    });

    it.each(RULE_CASES)('reports %s when the minimal letter is changed', async (ruleId, from, to) => {
      const minimal = readFileSync(path.join(FIXTURES, 'valid-minimal-letter.xml'), 'utf8');
      expect(minimal.split(from)).toHaveLength(2);
      const document: unknown = await saxonJS().getResource({ type: 'xml', text: minimal.replace(from, to) });
      expect(runSchematron(schema, document, 'changed.xml', () => undefined).map((diagnostic) => diagnostic.ruleId)).toEqual([ruleId]);
    });
  });
});
