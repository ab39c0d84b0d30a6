/**
 * The official CMIF Schematron in a build: each letter's entry is checked
 * where the letter is built (in the main thread or a worker), and a finding
 * is the letter's (its TEI file, cached with it); the header is checked once; `export cmif` checks the
 * whole file. Our export never breaks the official cmif.sch, so the error is
 * seeded into the schema: the official cmif.sch with one more rule, which
 * the bundled letter breaks (its received action has no date) and a copy of
 * it with a dated received action keeps.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, type BuildOptions, type BuildResult } from '../../src/build.js';
import { DEFAULT_CONFIG, loadConfig } from '../../src/config.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import { LetterPool, letterWorkerScript } from '../../src/build/letter-pool.js';
import { checkCmifEntry } from '../../src/check/export-check.js';
import { exportEdition } from '../../src/export.js';
import { editionParams } from '../../src/stages/transform.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { tempTree } from '../helpers/temp-tree.js';
import { CMIF_SCHEMAS, PROJECT_ROOT, available } from '../helpers/fixtures.js';

const BUNDLED = 'lenin-to-shlyapnikov-1916-10';
const DATED = 'lenin-to-shlyapnikov-dated';

/** The official cmif.sch with a rule added (role: error or warning) that fires on a received action without a date. */
function seededSchematron(role: 'error' | 'warning'): string {
  const rule = `<pattern id="seeded"><rule context="tei:correspAction[@type='received']"><assert test="tei:date" role="${role}">[T0001] The received action has no date.</assert></rule></pattern>`;
  return readFileSync(path.join(CMIF_SCHEMAS, 'cmif.sch'), 'utf8').replace('</schema>', `${rule}\n</schema>`);
}

/** A temporary folder with schema folders (the official CMIF schemas, cmif.sch seeded) and the input folder. */
let root: string;
/** The bundled letter and a copy of it with a dated received action. */
let input: string;

function storeOf(folder: string): SchemaStore {
  return new SchemaStore(schemaFolders({ env: { TEI_EDITION_SCHEMA_PATH: path.join(root, folder) }, cwd: root }));
}

async function build(schemas: string, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  const { config } = loadConfig({ cwd: root, overrides: { inputDir: input, outputDir: path.join(root, 'out') } });
  return buildEdition({ config: config!, store: storeOf(schemas), cwd: root, env: { SOURCE_DATE_EPOCH: '1700000000' }, schema: 'tei-letter', progress: false, stderr: () => undefined, cacheDir: false, workers: 0, ...options });
}

const cmifFindings = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.ruleId === 'check/cmif-schematron' || (d.ruleId === 'check/official-schema-skipped' && d.file === 'cmif.xml'));

/** The finding on the bundled letter's entry, with the severity of the seeded rule. */
function entryFinding(severity: 'error' | 'warning'): Diagnostic {
  return {
    file: `tei/${BUNDLED}.xml`,
    severity,
    source: 'check',
    ruleId: 'check/cmif-schematron',
    message: `cmif.xml, entry of letter ${BUNDLED}: CMIF (cmif.sch): [T0001] The received action has no date.`,
    hint: 'This is a defect of the export stylesheet; please report it with the TEI file.',
    path: `/TEI/teiHeader/profileDesc/correspDesc[@ref="https://tei-edition.example.org/letters/${BUNDLED}/"]/correspAction[2]`,
    cause: '[T0001] The received action has no date.',
  };
}

describe.skipIf(!available.sharedSchemas)('the CMIF Schematron in a build', { timeout: 300_000 }, () => {
  beforeAll(() => {
    const officialRng = readFileSync(path.join(CMIF_SCHEMAS, 'cmi-customization.rng'));
    root = tempTree({
      'schemas-error/cmi-customization.rng': officialRng,
      'schemas-error/cmif.sch': seededSchematron('error'),
      'schemas-warning/cmi-customization.rng': officialRng,
      'schemas-warning/cmif.sch': seededSchematron('warning'),
      'schemas-rng-only/cmi-customization.rng': officialRng,
    });
    input = path.join(root, 'tei');
    mkdirSync(input);
    const bundled = readFileSync(path.join(PROJECT_ROOT, 'tei', `${BUNDLED}.xml`), 'utf8');
    cpSync(path.join(PROJECT_ROOT, 'tei', `${BUNDLED}.xml`), path.join(input, `${BUNDLED}.xml`));
    writeFileSync(
      path.join(input, `${DATED}.xml`),
      bundled.replace(`xml:id="${BUNDLED}"`, `xml:id="${DATED}"`).replace('<placeName ref="#stockholm">Stockholm</placeName>', '<placeName ref="#stockholm">Stockholm</placeName>\n          <date notBefore="1916-10-10"/>'),
    );
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('fails the build with the finding on the letter whose entry breaks it, not on cmif.xml', async () => {
    const result = await build('schemas-error');
    expect(result.letters.built).toHaveLength(2);
    expect(result.written).toBe(false);
    expect(cmifFindings(result.diagnostics)).toEqual([entryFinding('error')]);
  });

  it('a worker thread checks the entries of the letters it builds', async () => {
    const script = letterWorkerScript();
    expect(script, 'the workers run the compiled lib/').toBeDefined();
    const pool = new LetterPool(script!, 1, { compileOptions: {}, warmUpCitations: true }, 512);
    try {
      const letters = [BUNDLED, DATED].map((id) => ({ file: `tei/${id}.xml`, id, text: readFileSync(path.join(input, `${id}.xml`), 'utf8') }));
      const checks = { cmifSchematron: path.join(root, 'schemas-warning', 'cmif.sch') };
      const builds = await Promise.all(pool.buildAll(letters, editionParams(DEFAULT_CONFIG, '2023-11-14'), checks, { stagingFolder: mkdtempSync(path.join(root, 'staging-')) }));
      expect(builds.map((built) => cmifFindings(built.diagnostics))).toEqual([[entryFinding('warning')], []]);
    } finally {
      await pool.close();
    }
  });

  it('caches a letter\'s finding with the letter, and checks again when the Schematron changes', async () => {
    const cacheDir = path.join(root, 'cache');
    const first = await build('schemas-warning', { cacheDir });
    expect(first.written).toBe(true);
    expect(cmifFindings(first.diagnostics)).toEqual([entryFinding('warning')]);
    const again = await build('schemas-warning', { cacheDir });
    expect(again.letters.reused).toHaveLength(2);
    expect(cmifFindings(again.diagnostics)).toEqual([entryFinding('warning')]);
    const changed = await build('schemas-error', { cacheDir });
    expect(changed.letters.built).toHaveLength(2);
    expect(changed.written).toBe(false);
    expect(cmifFindings(changed.diagnostics)).toEqual([entryFinding('error')]);
  });

  it('checks with cmif.sch as it is now when it was edited while the process runs (tei-edition serve)', async () => {
    const file = path.join(root, 'schemas-edited', 'cmif.sch');
    mkdirSync(path.dirname(file));
    const bibl = 'a0000000-0000-5000-8000-000000000000';
    const document = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><sourceDesc><bibl xml:id="${bibl}"/></sourceDesc></fileDesc><profileDesc><correspDesc ref="https://tei-edition.example.org/letters/x/" source="#${bibl}"><correspAction type="sent"/><correspAction type="received"/></correspDesc></profileDesc></teiHeader></TEI>`;
    const severities = async () => (await checkCmifEntry(document, { file: 'tei/x.xml', id: 'x' }, file)).map((d) => d.severity);
    writeFileSync(file, seededSchematron('warning'));
    expect(await severities()).toEqual(['warning']);
    writeFileSync(file, seededSchematron('error'));
    expect(await severities()).toEqual(['error']);
  });

  it('says once that the official Schematron check was skipped when the store lacks cmif.sch', async () => {
    const result = await build('schemas-rng-only');
    expect(result.written).toBe(true);
    expect(cmifFindings(result.diagnostics).map((d) => `${d.file} ${d.severity} ${d.ruleId} ${d.message}`)).toEqual([
      'cmif.xml info check/official-schema-skipped The official CMIF Schematron check was skipped: cmif.sch is not in the schema store. Checked with the RELAX NG schema only instead.',
    ]);
  });

  it('export cmif checks the whole file and places the finding on the entry\'s line in cmif.xml', async () => {
    const { config } = loadConfig({ cwd: root, overrides: { inputDir: input, outputDir: path.join(root, 'out') } });
    const exported = (schemas: string) => exportEdition({ format: 'cmif', config: config!, store: storeOf(schemas), cwd: root, env: { SOURCE_DATE_EPOCH: '1700000000' }, schema: 'tei-letter' });
    const warned = await exported('schemas-warning');
    const findings = cmifFindings(warned.diagnostics);
    expect(findings.map((d) => `${d.file} ${d.severity} ${d.message}`)).toEqual(['cmif.xml warning CMIF (cmif.sch): [T0001] The received action has no date.']);
    const lines = warned.outputs.find((output) => output.path === 'cmif.xml')!.content.split('\n');
    expect(lines[findings[0]!.line! - 1]).toMatch(/^\s*<correspAction type="received">$/);
    expect(lines.slice(0, findings[0]!.line! - 1).reverse().find((line) => line.includes('<correspDesc '))).toContain(`/letters/${BUNDLED}/`);
    const failed = await exported('schemas-error');
    expect(failed.outputs).toEqual([]);
    expect(cmifFindings(failed.diagnostics).map((d) => `${d.file} ${d.severity} ${d.line}`)).toEqual([`cmif.xml error ${findings[0]!.line}`]);
  });
});
