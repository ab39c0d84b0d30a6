/**
 * The build's caches and XInclude (issue 12, item 4): a letter whose
 * included file changed is validated and built again, even when that file
 * lies outside the letter's folder; an included file whose lines moved
 * without changing the text moves the diagnostics that point into it.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEdition, type BuildResult } from '../../src/build.js';
import { loadConfig } from '../../src/config.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { tempTree } from '../helpers/temp-tree.js';
import { PROJECT_ROOT, SHARED_SCHEMAS, available } from '../helpers/fixtures.js';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/xinclude-edition');
const LETTER = path.join('letters', '1712', 'muster-to-beispiel-1712-03.xml');
const PEOPLE = path.join('entities', 'people.xml');
const ENV = { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS, SOURCE_DATE_EPOCH: '1700000000' };

async function build(edition: string): Promise<BuildResult> {
  const { config } = loadConfig({ cwd: edition });
  const store = new SchemaStore(schemaFolders({ env: ENV, cwd: edition }));
  return buildEdition({ config: config!, store, cwd: edition, env: ENV, progress: false, stderr: () => undefined, workers: 0 });
}

function errorsOf(result: BuildResult): string[] {
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}: ${d.ruleId} ${d.message}`);
}

// The fixture's letters are validated against tei_all.
describe.skipIf(!available.sharedSchemas)('build caches and included files', { timeout: 300_000 }, () => {
  it('validates and builds a letter again when a file it includes from another folder changed', async () => {
    const edition = path.join(tempTree({}), 'edition');
    cpSync(FIXTURE, edition, { recursive: true });
    const first = await build(edition);
    expect(errorsOf(first)).toEqual([]);
    expect(first.letters.built).toEqual([LETTER]);
    const unchanged = await build(edition);
    expect(unchanged.validationReused).toEqual([LETTER]);
    expect(unchanged.letters.reused).toEqual([LETTER]);

    const people = path.join(edition, PEOPLE);
    writeFileSync(people, readFileSync(people, 'utf8').replace('<persName>Bruno Beispiel</persName>', '<persName>Bruno Q. Beispiel</persName>'));
    const changed = await build(edition);
    expect(errorsOf(changed)).toEqual([]);
    expect(changed.validationReused).toEqual([]);
    expect(changed.letters.built).toEqual([LETTER]);
    expect(readFileSync(path.join(edition, 'dist/registers/persons.html'), 'utf8')).toContain('Bruno Q. Beispiel');
  });

  it('points a cached diagnostic into the included file at its new line when the file\'s lines moved', async () => {
    const edition = path.join(tempTree({}), 'edition');
    cpSync(FIXTURE, edition, { recursive: true });
    const people = path.join(edition, PEOPLE);
    // A pointer that resolves nowhere: a warning on line 4 of the included file.
    writeFileSync(people, readFileSync(people, 'utf8').replace('<person xml:id="bruno">', '<person xml:id="bruno" corresp="#nobody">'));
    const pointerWarnings = (result: BuildResult) => result.diagnostics.filter((d) => d.ruleId === 'ids/unresolved-pointer').map((d) => [d.file, d.line]);
    const first = await build(edition);
    expect(pointerWarnings(first)).toEqual([[PEOPLE, 4]]);
    // Blank lines after the XML declaration: the text the letter includes stays the same, its lines move by two.
    writeFileSync(people, readFileSync(people, 'utf8').replace('?>\n', '?>\n\n\n'));
    const moved = await build(edition);
    expect(moved.validationReused).toEqual([]);
    expect(pointerWarnings(moved)).toEqual([[PEOPLE, 6]]);
  });
});
