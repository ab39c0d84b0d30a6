import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StagingFolder, writeIntoFolder } from '../../src/stages/write.js';
import { tempTree } from '../helpers/temp-tree.js';

const root = tempTree({ 'dist/old.txt': 'previous build\n' });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const INFO = { toolkitVersion: '0.0.0', editionVersion: '1.0.0', schemas: [] };

async function open(name: string): Promise<StagingFolder> {
  const staging = await StagingFolder.open(path.join(root, name));
  if (!(staging instanceof StagingFolder)) throw new Error(staging.message);
  return staging;
}

/** Staging folders left beside the output folders. */
const leftovers = () => readdirSync(root).filter((name) => name.includes('.new-'));

describe('StagingFolder', () => {
  it('replaces the output folder only at the commit, with a manifest of every file written, by this thread or another', async () => {
    const staging = await open('dist');
    expect(await staging.write([{ path: 'letters/a/index.html', content: '<p>a</p>\n' }])).toEqual([]);
    const elsewhere = await writeIntoFolder(staging.path, [{ path: 'letters/b/b.txt', content: 'b\n' }]);
    if (!('entries' in elsewhere)) throw new Error('not written');
    staging.record(elsewhere.entries);
    expect(readFileSync(path.join(root, 'dist/old.txt'), 'utf8')).toBe('previous build\n');

    expect(await staging.commit(INFO)).toEqual([]);
    expect(readdirSync(path.join(root, 'dist')).sort()).toEqual(['letters', 'manifest.json']);
    const manifest = JSON.parse(readFileSync(path.join(root, 'dist/manifest.json'), 'utf8')) as { files: { path: string; size: number; sha256: string }[] };
    expect(manifest.files).toEqual([
      { path: 'letters/a/index.html', size: 9, sha256: createHash('sha256').update('<p>a</p>\n').digest('hex') },
      { path: 'letters/b/b.txt', size: 2, sha256: createHash('sha256').update('b\n').digest('hex') },
    ]);
    expect(staging.fileCount).toBe(3);
    await staging.discard();
    expect(readdirSync(path.join(root, 'dist'))).toContain('manifest.json');
    expect(leftovers()).toEqual([]);
  });

  it('refuses a path outside the output folder and, discarded, leaves nothing behind', async () => {
    const staging = await open('out-unsafe');
    const [diagnostic, ...rest] = await staging.write([{ path: '../escaped.txt', content: 'x' }]);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({ severity: 'error', source: 'write', ruleId: 'write/unsafe-path' });
    await staging.discard();
    expect(readdirSync(root).sort()).toEqual(['dist']);
  });

  it('names the output folder, not the staging folder, when a write fails', async () => {
    const staging = await open('out-blocked');
    expect(await staging.write([{ path: 'letters', content: 'a file where a folder must go' }])).toEqual([]);
    const failed = await writeIntoFolder(staging.path, [{ path: 'letters/a/index.html', content: '<p>a</p>' }]);
    expect(failed).toMatchObject({ diagnostic: { file: path.join(root, 'out-blocked'), source: 'write', ruleId: 'write/failed' } });
    await staging.discard();
    expect(leftovers()).toEqual([]);
  });
});
