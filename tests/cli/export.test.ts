/**
 * The export command's JSON report names every TEI file it read, with its
 * verdict, as validate and build do: a tool reading the summary sees how many
 * letters went into the export.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/fixtures.js';
import { tempTree } from '../helpers/temp-tree.js';
import { runCli } from './run-helpers.js';

const BUNDLED = readFileSync(path.join(PROJECT_ROOT, 'tei', 'lenin-to-shlyapnikov-1916-10.xml'), 'utf8');

interface JsonReport {
  summary: { files: number; invalidFiles: number; errors: number };
  files: { file: string; valid: boolean }[];
}

describe('export --format json', () => {
  it('counts the letters it exported', async () => {
    const second = BUNDLED.replace('xml:id="lenin-to-shlyapnikov-1916-10"', 'xml:id="second-copy"');
    expect(second).not.toBe(BUNDLED);
    const edition = tempTree({ 'tei/a.xml': BUNDLED, 'tei/b.xml': second });
    const out = path.join(edition, 'cmif.xml');
    const result = await runCli(['export', 'cmif', '--in', 'tei', '--out', out, '--schema', 'tei-letter', '--format', 'json'], { cwd: edition });
    expect(result.code, result.stdout).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.summary).toMatchObject({ files: 2, invalidFiles: 0, errors: 0 });
    expect(report.files.map((file) => [file.file, file.valid])).toEqual([['tei/a.xml', true], ['tei/b.xml', true]]);
  }, 120_000);

  it('names an invalid letter as invalid', async () => {
    const edition = tempTree({ 'tei/a.xml': BUNDLED, 'tei/broken.xml': '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text/></TEI>' });
    const result = await runCli(['export', 'cmif', '--in', 'tei', '--out', path.join(edition, 'cmif.xml'), '--schema', 'tei-letter', '--format', 'json'], { cwd: edition });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.summary).toMatchObject({ files: 2, invalidFiles: 1 });
    expect(report.files.find((file) => file.file === 'tei/broken.xml')?.valid).toBe(false);
  }, 120_000);
});
