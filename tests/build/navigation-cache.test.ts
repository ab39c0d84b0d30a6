/**
 * Issue 16, item 5: a letter's neighbours are part of its build-cache key.
 * Moving one letter in the date order rebuilds that letter and the letters
 * whose neighbours changed, and takes the others from the cache; the output
 * is the same as a build without cache.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, type BuildOptions, type BuildResult } from '../../src/build.js';
import { loadConfig } from '../../src/config.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { tempTree } from '../helpers/temp-tree.js';
import { ESCHER_LETTERS, SHARED_SCHEMAS, available } from '../helpers/fixtures.js';

const ENV = { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS, SOURCE_DATE_EPOCH: '1700000000' };

/** Five letters to Escher from five people (so each is alone in its correspondence), in date order: 1837, 1841, 1845, 1846, 1848. */
const LETTERS = [
  'K_0134_von_Mlinen_Egbert_Friedrich_an_Escher_1837-01-17.xml',
  'K_0236_von_Gonzenbach_Wilhelm_Eugen_an_Escher_1841-01-21.xml',
  'K_0341_Sulzer_Johann_Rudolf_an_Escher_1845-01-06.xml',
  'K_0446_Regg_Johannes_an_Escher_1846-12-01.xml',
  'K_0552_Weidmann_Felix_an_Escher_1848-03-30.xml',
];

let root: string;
let input: string;

async function build(out: string, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  const { config } = loadConfig({ cwd: root, overrides: { inputDir: input, outputDir: path.join(root, out) } });
  const store = new SchemaStore(schemaFolders({ flagPaths: [], configPaths: [], env: ENV, cwd: root }));
  return buildEdition({ config: config!, store, cwd: root, env: ENV, schema: 'tei_all', progress: false, stderr: () => undefined, workers: 0, ...options });
}

const names = (files: readonly string[]) => files.map((file) => path.basename(file).slice(0, 6));

function tree(folder: string): Map<string, string> {
  const files = readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(files.map((entry) => [path.relative(path.join(root, folder), path.join(entry.parentPath, entry.name)), readFileSync(path.join(entry.parentPath, entry.name), 'utf8')]));
}

describe.skipIf(!available.sharedSchemas || !available.corpus)('the build cache and the sequence of letters', { timeout: 600_000 }, () => {
  beforeAll(() => {
    root = tempTree({});
    input = path.join(root, 'tei');
    mkdirSync(input);
    for (const name of LETTERS) cpSync(path.join(ESCHER_LETTERS, name), path.join(input, name));
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('rebuilds a letter moved in the date order and the letters whose neighbours changed, and only them', async () => {
    const cacheDir = path.join(root, 'cache');
    const first = await build('out-cached', { cacheDir });
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(names(first.letters.built)).toEqual(['K_0134', 'K_0236', 'K_0341', 'K_0446', 'K_0552']);
    const pageOf = (id: string) => tree('out-cached').get(`letters/${id}/index.html`)!;
    expect(pageOf('K_0341')).toContain('<link rel="prev" href="../K_0236/index.html"');

    // K_0552 moves from last to second: K_0134, K_0552, K_0236, K_0341, K_0446.
    const moved = path.join(input, LETTERS[4]!);
    writeFileSync(moved, readFileSync(moved, 'utf8').replace('<date when="1848-03-30">', '<date when="1838-01-01">'));
    const second = await build('out-cached', { cacheDir });
    expect(second.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // K_0134 (next), K_0236 (previous), K_0446 (next: none now) and K_0552 itself; K_0341 keeps K_0236 and K_0446.
    expect(names(second.letters.built)).toEqual(['K_0134', 'K_0236', 'K_0446', 'K_0552']);
    expect(names(second.letters.reused)).toEqual(['K_0341']);
    expect(pageOf('K_0236')).toContain('<link rel="prev" href="../K_0552/index.html"');
    expect(pageOf('K_0446')).not.toContain('rel="next"');

    await build('out-uncached', { cacheDir: false });
    expect(tree('out-cached')).toEqual(tree('out-uncached'));
  });
});
