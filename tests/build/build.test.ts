/**
 * Build orchestration: determinism, atomic write, the per-letter build
 * cache, and worker threads giving the same bytes as the main thread.
 * Workers run the compiled lib/ (npm test compiles it first).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, type BuildOptions, type BuildResult } from '../../src/build.js';
import { loadConfig } from '../../src/config.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { tempTree } from '../helpers/temp-tree.js';
import { CORPUS, ESCHER_LETTERS, PROJECT_ROOT, SHARED_SCHEMAS, VERDICTS, available } from '../helpers/fixtures.js';

const ENV = { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS, SOURCE_DATE_EPOCH: '1700000000' };

let root: string;
/** The input folder: the bundled letter and eight Escher letters that jing finds valid against tei_all. */
let input: string;
let escherValid: string[];

async function build(out: string, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  const { config } = loadConfig({ cwd: root, overrides: { inputDir: input, outputDir: path.join(root, out) } });
  const store = new SchemaStore(schemaFolders({ flagPaths: [], configPaths: [], env: ENV, cwd: root }));
  return buildEdition({ config: config!, store, cwd: root, env: ENV, schema: 'tei_all', progress: false, stderr: () => undefined, cacheDir: false, ...options });
}

/** Every file under a folder, by relative path, with its bytes. */
function tree(folder: string): Map<string, Buffer> {
  const files = readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(files.map((entry) => [path.relative(path.join(root, folder), path.join(entry.parentPath, entry.name)), readFileSync(path.join(entry.parentPath, entry.name))]));
}

function errorsOf(result: BuildResult): string[] {
  return result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}: ${d.ruleId} ${d.message}`);
}

describe.skipIf(!available.sharedSchemas || !available.corpus)('build', { timeout: 600_000 }, () => {
  beforeAll(() => {
    root = tempTree({});
    input = path.join(root, 'tei');
    mkdirSync(input);
    cpSync(path.join(PROJECT_ROOT, 'tei/lenin-to-shlyapnikov-1916-10.xml'), path.join(input, 'lenin-to-shlyapnikov-1916-10.xml'));
    escherValid = readFileSync(VERDICTS, 'utf8')
      .split('\n')
      .map((row) => row.split('\t'))
      .filter(([file, verdict]) => file?.startsWith('stazh__') && verdict === 'valid')
      .map(([file]) => path.basename(file!))
      .slice(0, 8);
    for (const name of escherValid) cpSync(path.join(ESCHER_LETTERS, name), path.join(input, name));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds every letter with worker threads, byte for byte as the main thread alone', async () => {
    const withWorkers = await build('out-workers', { workers: 2 });
    expect(errorsOf(withWorkers)).toEqual([]);
    expect(withWorkers.written).toBe(true);
    expect(withWorkers.letters.workers).toBe(2);
    expect(withWorkers.letters.built).toHaveLength(9);
    const alone = await build('out-main', { workers: 0 });
    expect(alone.letters.workers).toBe(0);
    expect(tree('out-main')).toEqual(tree('out-workers'));
  });

  it('gives byte-identical output folders for the same input (SOURCE_DATE_EPOCH honoured)', async () => {
    await build('out-a');
    await build('out-b');
    const first = tree('out-a');
    expect(first).toEqual(tree('out-b'));
    const citation = JSON.parse(first.get('letters/lenin-to-shlyapnikov-1916-10/lenin-to-shlyapnikov-1916-10.csl.json')!.toString('utf8')) as unknown[];
    expect(citation).toHaveLength(1);
    expect(first.get('CITATION.cff')!.toString('utf8')).toContain('2023-11-14');
  });

  it('rebuilds only the changed letter, from a cache that gives the same bytes', async () => {
    const cacheDir = path.join(root, 'cache');
    const first = await build('out-cached', { cacheDir });
    expect(first.letters.built).toHaveLength(9);
    expect(first.letters.reused).toEqual([]);
    const unchanged = await build('out-cached', { cacheDir });
    expect(unchanged.letters.built).toEqual([]);
    expect(unchanged.letters.reused).toHaveLength(9);

    const changed = path.join(input, escherValid[0]!);
    const original = readFileSync(changed, 'utf8');
    writeFileSync(changed, original.replace('</p>', ' (changed)</p>'));
    try {
      const second = await build('out-cached', { cacheDir });
      expect(errorsOf(second)).toEqual([]);
      expect(second.letters.built).toEqual([first.letters.built.find((file) => file.endsWith(escherValid[0]!))]);
      expect(second.letters.reused).toHaveLength(8);
      await build('out-uncached');
      expect(tree('out-cached')).toEqual(tree('out-uncached'));
    } finally {
      writeFileSync(changed, original);
    }
  });

  it('takes the verdicts of unchanged files from the validation cache, with the same diagnostics, and validates a changed file again', async () => {
    const invalid = readFileSync(VERDICTS, 'utf8')
      .split('\n')
      .map((row) => row.split('\t'))
      .find(([file, verdict]) => file?.startsWith('stazh__') && verdict === 'invalid')![0]!;
    const invalidCopy = path.join(input, path.basename(invalid));
    cpSync(path.join(CORPUS, invalid), invalidCopy);
    const cacheDir = path.join(root, 'validation-cache');
    const comparable = (result: BuildResult) => result.diagnostics.map(({ cause: _cause, ...rest }) => rest);
    try {
      const first = await build('out-validation', { cacheDir });
      expect(first.validationReused).toEqual([]);
      expect(first.skipped.map((file) => path.basename(file))).toEqual([path.basename(invalid)]);
      const second = await build('out-validation', { cacheDir });
      expect(second.validationReused).toHaveLength(10);
      expect(comparable(second)).toEqual(comparable(first));
      expect(second.skipped).toEqual(first.skipped);

      const changed = path.join(input, escherValid[1]!);
      const original = readFileSync(changed, 'utf8');
      writeFileSync(changed, original.replace('</p>', ' (changed)</p>'));
      try {
        const third = await build('out-validation', { cacheDir });
        expect(third.validationReused).toHaveLength(9);
        expect(third.validationReused.some((file) => file.endsWith(escherValid[1]!))).toBe(false);
        expect(errorsOf(third).filter((line) => !line.includes(path.basename(invalid)))).toEqual([]);
      } finally {
        writeFileSync(changed, original);
      }
    } finally {
      rmSync(invalidCopy);
    }
  });

  it('leaves the previous output folder untouched, and no staging folder behind, when a check fails', async () => {
    await build('out-kept');
    const before = tree('out-kept');
    // With workers, the letters' outputs are written into the staging folder before the build knows it failed.
    const failing = await build('out-kept', {
      workers: 2,
      additionalChecks: [(output) => (output.format === 'text' ? [{ ruleId: 'test/always-fails', message: 'A check made to fail.', offset: 0 }] : [])],
    });
    expect(failing.written).toBe(false);
    expect(errorsOf(failing).filter((line) => line.includes('test/always-fails'))).toHaveLength(9);
    expect(tree('out-kept')).toEqual(before);
    expect(existsSync(path.join(root, 'out-kept/manifest.json'))).toBe(true);
    expect(readdirSync(root).filter((name) => name.startsWith('.out-kept.new-'))).toEqual([]);
  });
});
