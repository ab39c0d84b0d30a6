/**
 * Issue 12, item 4: XIncludes may reach anywhere under the edition's root
 * (the folder of edition.config.json, else the working directory, else what
 * --xinclude-root or the xincludeRoot setting name), and nothing outside it.
 * The fixture edition's letter, in letters/1712/, includes the shared
 * entities/people.xml two levels up.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../helpers/temp-tree.js';
import { runCli } from './run-helpers.js';
import { PROJECT_ROOT, available } from '../helpers/fixtures.js';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/xinclude-edition');
const LETTER = path.join('letters', '1712', 'muster-to-beispiel-1712-03.xml');
/** Where the letter's xi:include starts. */
const INCLUDE_AT = { line: 29, column: 5 };

interface JsonReport {
  summary: { files: number; invalidFiles: number; errors: number };
  files: { file: string; valid: boolean; schema?: string }[];
  diagnostics: { file: string | null; line: number | null; column: number | null; ruleId: string; message: string; hint: string | null }[];
}

/** A copy of the fixture edition in a fresh folder (builds write into the edition's folder), inside `parent/edition`. */
function copyOfFixture(): { parent: string; edition: string } {
  const parent = tempTree({});
  const edition = path.join(parent, 'edition');
  cpSync(FIXTURE, edition, { recursive: true });
  return { parent, edition };
}

// The fixture's letters are validated against tei_all.
describe.skipIf(!available.sharedSchemas)('XInclude root', { timeout: 120_000 }, () => {
  it('validates a letter that includes a file two folders up, from the edition\'s root', async () => {
    const result = await runCli(['validate', '--format', 'json', LETTER], { cwd: FIXTURE });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.diagnostics).toEqual([]);
    expect(report.files).toEqual([{ file: LETTER, valid: true, schema: 'tei_all' }]);
    expect(result.code).toBe(0);
  });

  it('takes the folder of edition.config.json as the root when the command runs elsewhere', async () => {
    const result = await runCli(['validate', '--config', '../../edition.config.json', 'muster-to-beispiel-1712-03.xml'], { cwd: path.join(FIXTURE, 'letters/1712') });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('takes the working directory as the root where there is no config file', async () => {
    const { edition } = copyOfFixture();
    const letters = path.join(edition, 'letters');
    const fromEdition = await runCli(['validate', LETTER], { cwd: edition });
    expect(fromEdition.code).toBe(0);
    // letters/ has no config file: the root is letters/ itself, and entities/ lies outside it.
    const fromLetters = await runCli(['validate', '--format', 'json', path.join('1712', path.basename(LETTER))], { cwd: letters });
    const report = JSON.parse(fromLetters.stdout) as JsonReport;
    expect(report.diagnostics.map((d) => [d.file, d.line, d.column, d.ruleId])).toEqual([[path.join('1712', path.basename(LETTER)), INCLUDE_AT.line, INCLUDE_AT.column, 'xinclude/outside-tree']]);
    expect(fromLetters.code).toBe(1);
  });

  it('refuses an include that escapes the root, with file:line:column, and never reads the file', async () => {
    const { parent, edition } = copyOfFixture();
    writeFileSync(path.join(parent, 'private.xml'), '<listPerson xmlns="http://www.tei-c.org/ns/1.0"><person xml:id="secret"><persName>NOT-TO-BE-READ</persName></person></listPerson>');
    const escaping = path.join('letters', '1712', 'escaping-letter.xml');
    writeFileSync(path.join(edition, escaping), readFileSync(path.join(FIXTURE, LETTER), 'utf8').replace('../../entities/people.xml', '../../../private.xml'));
    const result = await runCli(['validate', escaping], { cwd: edition });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${escaping}\n  ${INCLUDE_AT.line}:${INCLUDE_AT.column}`);
    expect(result.stderr).toContain('The include "../../../private.xml" points outside the XInclude root');
    expect(result.stderr).toContain('xinclude/outside-tree');
    expect(result.stderr + result.stdout).not.toContain('NOT-TO-BE-READ');
  });

  it('refuses the include when --xinclude-root narrows the root to the letter\'s folder', async () => {
    const result = await runCli(['validate', '--format', 'json', '--xinclude-root', 'letters/1712', LETTER], { cwd: FIXTURE });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.diagnostics.map((d) => [d.file, d.line, d.column, d.ruleId])).toEqual([[LETTER, INCLUDE_AT.line, INCLUDE_AT.column, 'xinclude/outside-tree']]);
    expect(report.diagnostics[0]!.message).toContain(`outside the XInclude root (${path.join('letters', '1712')})`);
    expect(result.code).toBe(1);
  });

  it('refuses the include when the xincludeRoot setting narrows the root, resolved against the config file\'s folder', async () => {
    const { edition } = copyOfFixture();
    writeFileSync(path.join(edition, 'edition.config.json'), JSON.stringify({ inputDir: 'letters', xincludeRoot: 'letters' }));
    const narrowed = await runCli(['validate', '--format', 'json', '--config', '../../edition.config.json', path.basename(LETTER)], { cwd: path.join(edition, 'letters/1712') });
    expect((JSON.parse(narrowed.stdout) as JsonReport).diagnostics.map((d) => d.ruleId)).toEqual(['xinclude/outside-tree']);
    expect(narrowed.code).toBe(1);
    // The flag wins over the setting.
    const widened = await runCli(['validate', '--xinclude-root', '.', LETTER], { cwd: edition });
    expect(widened.code).toBe(0);
  });

  it('reports a --xinclude-root that is not a folder as a usage problem (exit 2)', async () => {
    const result = await runCli(['validate', '--xinclude-root', 'no-such-folder', LETTER], { cwd: FIXTURE });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The XInclude root no-such-folder is not a folder.');
  });

  it('builds the edition from its root, with the persons of the included file', async () => {
    const { edition } = copyOfFixture();
    const result = await runCli(['build'], { cwd: edition });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(edition, 'dist/registers/persons.html'), 'utf8')).toContain('Bruno Beispiel');
    const narrowed = await runCli(['build', '--xinclude-root', 'letters', '--out', 'dist-narrowed'], { cwd: edition });
    expect(narrowed.code).toBe(1);
    expect(narrowed.stderr).toContain('xinclude/outside-tree');
    expect(existsSync(path.join(edition, 'dist-narrowed'))).toBe(false);
  });
});
