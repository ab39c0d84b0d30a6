/**
 * Other people's letters through the command line: every letter jing finds
 * valid against tei_all is built with all checks passing, the invalid ones
 * are reported and left out, and the exit code is 1 only because of them.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-helpers.js';
import { CORPUS, VERDICTS, available } from '../helpers/fixtures.js';
import { tempTree } from '../helpers/temp-tree.js';

/** jing's verdict on each corpus file, by its path in the corpus. */
let verdicts: Map<string, string>;
let out: string;

// Hooks of a file whose tests are all skipped do not run: without the corpus nothing here reads it.
beforeAll(() => {
  verdicts = new Map(
    readFileSync(VERDICTS, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split('\t') as [string, string]),
  );
  out = tempTree({});
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The id the build gives a letter: the root's xml:id, else the file name, made URL-safe. */
function letterId(file: string): string {
  const id = /<TEI\b[^>]*\sxml:id="([^"]+)"/.exec(readFileSync(file, 'utf8'))?.[1] ?? path.basename(file, '.xml');
  return id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
}

describe.skipIf(!available.sharedSchemas || !available.corpus).each([
  ['stazh__briefedition-escher/data/briefe'],
  ['TEI-Correspondence-SIG__correspDesc/examples'],
])('tei-edition build --in ../shared/corpus/%s --schema tei_all', { timeout: 900_000 }, (folder) => {
  it('builds every jing-valid letter with all checks passing and reports the invalid ones', async () => {
    const files = readdirSync(path.join(CORPUS, folder)).filter((name) => name.endsWith('.xml'));
    const valid = files.filter((name) => verdicts.get(`${folder}/${name}`) === 'valid');
    const invalid = files.filter((name) => verdicts.get(`${folder}/${name}`) === 'invalid');
    expect(valid.length + invalid.length).toBe(files.length);
    const target = path.join(out, folder.replace(/\W+/g, '-'));
    const { code, stdout, stderr } = await runCli(['build', '--in', path.join(CORPUS, folder), '--out', target, '--schema', 'tei_all', '--format', 'json'], {
      cwd: out,
    });
    const report = JSON.parse(stdout) as { diagnostics: { file: string | null; severity: string; ruleId: string; source: string }[] };
    expect(stderr).toBe('');
    expect(code).toBe(invalid.length > 0 ? 1 : 0);
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.filter((d) => d.source === 'transform' || d.source === 'check' || d.source === 'internal' || d.source === 'write')).toEqual([]);
    const skipped = report.diagnostics.filter((d) => d.ruleId === 'build/letter-skipped').map((d) => path.basename(d.file ?? ''));
    expect(skipped.sort()).toEqual([...invalid].sort());
    for (const d of errors) expect(invalid).toContain(path.basename(d.file ?? ''));
    for (const name of valid) {
      const id = letterId(path.join(CORPUS, folder, name));
      for (const file of ['index.html', 'diplomatic.html', `${id}.txt`, `${id}.csl.json`, `${id}.bib`, `${id}.ris`, `${id}.xml`]) {
        expect(existsSync(path.join(target, 'letters', id, file)), `${name}: ${file}`).toBe(true);
      }
    }
  });
});
