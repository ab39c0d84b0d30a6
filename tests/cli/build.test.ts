import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../helpers/temp-tree.js';
import { runCli } from './run-helpers.js';

describe('tei-edition build: bad input', () => {
  it('builds nothing when no letter is valid, and leaves the previous output folder as it was', async () => {
    const cwd = tempTree({ 'tei/a.xml': '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>' });
    mkdirSync(path.join(cwd, 'dist'));
    writeFileSync(path.join(cwd, 'dist/index.html'), 'previous build');
    const result = await runCli(['build', '--schema', 'tei-letter', '--format', 'json'], { cwd });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { ruleId: string }[] };
    expect(report.diagnostics.map((d) => d.ruleId)).toEqual(expect.arrayContaining(['build/no-valid-letters', 'build/letter-skipped', 'relaxng/element-not-allowed']));
    expect(readFileSync(path.join(cwd, 'dist/index.html'), 'utf8')).toBe('previous build');
  }, 60_000);

  it('reports a missing input folder as a usage problem (exit 2)', async () => {
    const cwd = tempTree({});
    const result = await runCli(['build', '--in', 'nowhere'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No such file or directory: .*nowhere/);
  });
});
