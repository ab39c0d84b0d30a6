/**
 * Issue 12, item 6: a project's own W3C XML Schema. The fixture edition's
 * letters name `letter.xsd` with xsi:schemaLocation (found in the schema
 * store by file name; it imports xml.xsd by its official URL) and
 * `letter-rules.sch` with <?xml-model?>; both are small schemas written for
 * the tests.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../helpers/temp-tree.js';
import { runCli } from './run-helpers.js';
import { PROJECT_ROOT, available } from '../helpers/fixtures.js';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/xml-schema-edition');
const VALID = path.join('letters', 'valid-letter.xml');
const INVALID = path.join('letters', 'invalid-letter.xml');
const RULE_BREAKING = path.join('letters', 'rule-breaking-letter.xml');
const BROKEN = path.join('broken', 'letter-naming-broken-schema.xml');
const VALID_TEXT = readFileSync(path.join(FIXTURE, VALID), 'utf8');
const XSI_ATTRIBUTES = / xmlns:xsi="[^"]*"\n  xsi:schemaLocation="[^"]*"/;

interface JsonReport {
  files: { file: string; valid: boolean; schema?: string }[];
  diagnostics: { file: string | null; line: number | null; column: number | null; ruleId: string; source: string; severity: string; message: string; hint: string | null; path: string | null }[];
}

async function validate(args: string[], cwd = FIXTURE): Promise<{ code: number; report: JsonReport }> {
  const result = await runCli(['validate', '--format', 'json', ...args], { cwd });
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport };
}

const brief = (report: JsonReport) => report.diagnostics.map((d) => [d.file, d.line, d.column, d.ruleId]);

describe('validation with a letter\'s own XML Schema', { timeout: 120_000 }, () => {
  it('validates each letter against the XML Schema it names, with the Schematron its <?xml-model?> names', async () => {
    const { code, report } = await validate([]);
    expect(report.files).toEqual([
      { file: INVALID, valid: false, schema: 'letter' },
      { file: RULE_BREAKING, valid: false, schema: 'letter' },
      { file: VALID, valid: true, schema: 'letter' },
    ]);
    expect(brief(report)).toEqual([
      [INVALID, 11, 9, 'xsd/invalid'],
      [INVALID, 35, 9, 'xsd/invalid'],
      [RULE_BREAKING, 20, 9, 'dated-sending-rule-1-assert-1'],
    ]);
    expect(report.diagnostics.map((d) => d.message)).toEqual([
      "Element 'date': This element is not expected. Expected is ( publisher ).",
      "Element 'head': This element is not expected. Expected is ( p ).",
      'The sending of a letter is dated: give its correspAction a date with @when.',
    ]);
    expect(report.diagnostics.map((d) => d.path)).toEqual(['/TEI/teiHeader/fileDesc/publicationStmt/date', '/TEI/text/body/div/head', '/TEI/teiHeader/profileDesc/correspDesc/correspAction[1]']);
    expect(code).toBe(1);
  });

  it('validates against an XML Schema named by --schema (a file, or a name in the store), by <?xml-model?> or by xsi:noNamespaceSchemaLocation', async () => {
    const cwd = tempTree({
      'undeclared.xml': VALID_TEXT.replace(XSI_ATTRIBUTES, ''),
      'xml-model.xml': VALID_TEXT.replace(XSI_ATTRIBUTES, '').replace('<TEI ', '<?xml-model href="letter.xsd" schematypens="http://www.w3.org/2001/XMLSchema"?>\n<TEI '),
      'no-namespace.xml': VALID_TEXT.replace('xsi:schemaLocation="http://www.tei-c.org/ns/1.0 letter.xsd"', 'xsi:noNamespaceSchemaLocation="letter.xsd"'),
    });
    const schemas = path.join(FIXTURE, 'schemas');
    for (const args of [['--schema', path.join(schemas, 'letter.xsd')], ['--schema', 'letter.xsd', '--schema-path', schemas], ['--schema', 'letter', '--schema-path', schemas]]) {
      const { code, report } = await validate([...args, 'undeclared.xml'], cwd);
      expect(report.diagnostics, args.join(' ')).toEqual([]);
      expect(report.files).toEqual([{ file: 'undeclared.xml', valid: true, schema: 'letter' }]);
      expect(code).toBe(0);
    }
    const declared = await validate(['--schema-path', schemas, 'xml-model.xml', 'no-namespace.xml'], cwd);
    expect(declared.report.files).toEqual([
      { file: 'xml-model.xml', valid: true, schema: 'letter' },
      { file: 'no-namespace.xml', valid: true, schema: 'letter' },
    ]);
  });

  it('gives an invalid letter the XML Schema\'s errors under --schema too', async () => {
    const { code, report } = await validate(['--schema', 'letter.xsd', INVALID]);
    expect(brief(report)).toEqual([
      [INVALID, 11, 9, 'xsd/invalid'],
      [INVALID, 35, 9, 'xsd/invalid'],
    ]);
    expect(code).toBe(1);
  });

  it('reports an XML Schema that does not compile as a schema-store problem with libxml2\'s message (exit 2)', async () => {
    const { code, report } = await validate([BROKEN]);
    const schemaStore = report.diagnostics.filter((d) => d.source === 'schema-store');
    expect(schemaStore.map((d) => [d.file, d.line, d.ruleId])).toEqual([[path.join('schemas', 'broken.xsd'), 4, 'schema-store/xml-schema-error']]);
    expect(schemaStore[0]!.message).toBe(`The XML Schema ${path.join('schemas', 'broken.xsd')} does not compile: Element '{http://www.w3.org/2001/XMLSchema}element': The attribute 'name' is required but missing.`);
    expect(report.files).toEqual([{ file: BROKEN, valid: false, schema: 'broken' }]);
    expect(code).toBe(2);
  });

  it('reports an XML Schema the store does not hold where the letter names it', async () => {
    const cwd = tempTree({ 'unknown.xml': VALID_TEXT.replace('1.0 letter.xsd', '1.0 https://example.org/schemas/unknown.xsd') });
    const { code, report } = await validate(['unknown.xml'], cwd);
    expect(brief(report)).toEqual([['unknown.xml', 4, 3, 'schema-store/unknown-schema']]);
    expect(report.diagnostics[0]!.message).toContain('"https://example.org/schemas/unknown.xsd" is not in the schema store');
    expect(code).toBe(1);
  });

  it.skipIf(!available.sharedSchemas)('keeps xsi:schemaLocation an error against tei_all, as jing does, and says how to validate with the letter\'s own schema', async () => {
    const { code, report } = await validate(['--schema', 'tei_all', VALID]);
    expect(brief(report)).toEqual([[VALID, 4, 3, 'relaxng/attribute-not-allowed']]);
    expect(report.diagnostics[0]!.message).toMatch(/^<TEI> does not allow the attribute @xsi:schemaLocation\. .* The letter declares its own schema with @xsi:schemaLocation: letter\.xsd \(a W3C XML Schema\); it was validated against tei_all instead, as --schema asks\.$/);
    expect(report.diagnostics[0]!.hint).toBe('To validate the letter with letter.xsd, leave out --schema, or pass --schema letter.xsd. To validate it with tei_all, remove @xsi:schemaLocation.');
    expect(code).toBe(1);

    // A RELAX NG <?xml-model?> wins over xsi:schemaLocation; the report then says how to choose the XML Schema.
    const cwd = tempTree({ 'both.xml': VALID_TEXT.replace('<TEI ', '<?xml-model href="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n<TEI ') });
    const both = await validate(['--schema-path', path.join(FIXTURE, 'schemas'), 'both.xml'], cwd);
    expect(brief(both.report)).toEqual([['both.xml', 5, 3, 'relaxng/attribute-not-allowed']]);
    expect(both.report.diagnostics[0]!.message).toContain('it was validated against tei_all instead, which its <?xml-model?> declaration names first.');
    expect(both.report.diagnostics[0]!.hint).toBe('To validate the letter with letter.xsd, pass --schema letter.xsd (or remove the <?xml-model?> declaration). To validate it with tei_all, remove @xsi:schemaLocation.');
  });

  it('builds the letters valid against their XML Schema and leaves out the others', async () => {
    const edition = path.join(tempTree({}), 'edition');
    cpSync(FIXTURE, edition, { recursive: true });
    const result = await runCli(['build', '--format', 'json'], { cwd: edition });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.files).toEqual([
      { file: VALID, valid: true },
      { file: INVALID, valid: false },
      { file: RULE_BREAKING, valid: false },
    ]);
    expect(report.diagnostics.filter((d) => d.ruleId === 'build/letter-skipped').map((d) => d.file)).toEqual([INVALID, RULE_BREAKING]);
    expect(report.diagnostics.filter((d) => ['check', 'transform', 'write'].includes(d.source) && d.severity !== 'info')).toEqual([]);
    expect(result.code).toBe(1);
    expect(existsSync(path.join(edition, 'dist/letters/muster-to-beispiel-1890-06/index.html'))).toBe(true);
    expect(existsSync(path.join(edition, 'dist/letters/muster-to-beispiel-1890-07'))).toBe(false);
    // The corpus is checked against tei_all (with the shared schemas): the letter's own schema association is left out of it.
    const corpus = readFileSync(path.join(edition, 'dist/tei-corpus.xml'), 'utf8');
    expect(corpus).toContain('xml:id="muster-to-beispiel-1890-06"');
    expect(corpus).not.toContain('schemaLocation');
    expect(readFileSync(path.join(edition, 'dist/letters/muster-to-beispiel-1890-06/muster-to-beispiel-1890-06.xml'), 'utf8')).toContain('xsi:schemaLocation="http://www.tei-c.org/ns/1.0 letter.xsd"');
  }, 300_000);
});
