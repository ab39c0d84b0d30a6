import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { saxonJS } from '../../src/adapters/saxon-js.js';

const compiledLoader = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../lib/adapters/saxon-js.js');

/** Loads SaxonJS in a new process (V8 reuses code compiled earlier in the same process, cached or not) and evaluates `expression`. */
function evaluateInNewProcess(codeCacheFolder: string, expression: string): string {
  const script = `const { loadSaxonJS } = await import(${JSON.stringify(compiledLoader)});
    console.log(String(loadSaxonJS(${JSON.stringify(codeCacheFolder)}).XPath.evaluate(${JSON.stringify(expression)}, null)));`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
}

describe('the SaxonJS loader', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'saxon-code-cache-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const cacheFile = () => {
    const names = readdirSync(folder).filter((name) => name.startsWith('saxon-js-'));
    expect(names).toHaveLength(1);
    return path.join(folder, names[0]!);
  };

  it('refuses to read over the network, saying why', async () => {
    await expect(saxonJS().getResource({ type: 'xml', location: 'http://127.0.0.1:9/letter.xml' })).rejects.toThrow(/network access is not allowed in tei-edition/);
  });

  it('keeps V8\'s code on disk, reuses it, and replaces a damaged copy', () => {
    expect(evaluateInNewProcess(folder, '1 + 1')).toBe('2');
    const written = statSync(cacheFile());
    expect(written.size).toBeGreaterThan(100_000);
    expect(path.basename(cacheFile())).toMatch(new RegExp(`^saxon-js-\\d+\\.\\d+\\.\\d+-node-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.bin$`));

    expect(evaluateInNewProcess(folder, '2 + 2')).toBe('4');
    expect(statSync(cacheFile()).ino, 'an accepted cache is not written again').toBe(written.ino);

    writeFileSync(cacheFile(), 'not V8 code');
    expect(evaluateInNewProcess(folder, '3 + 3')).toBe('6');
    expect(readFileSync(cacheFile()).length).toBeGreaterThan(100_000);
  });

  it('uses no folder that others may write to (cached code is run as it is)', () => {
    const shared = path.join(folder, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    expect(evaluateInNewProcess(shared, '5 + 5')).toBe('10');
    expect(readdirSync(shared)).toEqual([]);
  });

  it('works where the cache cannot be written', () => {
    const aFile = path.join(folder, 'a-file');
    writeFileSync(aFile, '');
    expect(evaluateInNewProcess(path.join(aFile, 'v8'), '4 + 4')).toBe('8');
  });
});
