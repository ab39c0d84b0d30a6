/**
 * `tei-edition validate --watch`: after the first report, a saved file is
 * validated again and only its new and fixed diagnostics are printed; a
 * deleted or renamed file has its diagnostics withdrawn (and the new name is
 * validated); stopping the watch (what
 * Ctrl+C does) ends the command with exit code 0.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import type { Watch } from '../../src/watch.js';
import { PROJECT_ROOT } from '../helpers/fixtures.js';
import { tempTree } from '../helpers/temp-tree.js';

const LETTER = readFileSync(path.join(PROJECT_ROOT, 'tei', 'lenin-to-shlyapnikov-1916-10.xml'), 'utf8');
const schemaFile = (name: string): string => readFileSync(path.join(PROJECT_ROOT, 'schemas', name), 'utf8');

describe('validate --watch', () => {
  it('reports new and fixed diagnostics of a saved file, withdraws those of a deleted one and stops cleanly', async () => {
    const edition = tempTree({ 'tei/letter.xml': LETTER, 'schemas/tei-letter.rng': schemaFile('tei-letter.rng'), 'schemas/tei-letter.sch': schemaFile('tei-letter.sch') });
    const letter = path.join(edition, 'tei', 'letter.xml');
    let output = '';
    let reported = 0;
    const waitForReport = async (count: number): Promise<void> => {
      while (output.split('\n').filter((line) => / (changed|removed)\b/.test(line)).length < count) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const watching = new Promise<Watch>((resolve) => {
      const exit = run(
        { command: 'validate', paths: ['tei'], watch: true, onWatching: resolve },
        { stdout: (text) => (output += text), stderr: (text) => (output += text), isTTY: false, env: {}, cwd: edition },
      );
      void exit.then((code) => (output += `exit ${code}\n`));
    });
    const watch = await watching;
    expect(output).toContain('✔ 1 file valid (tei-letter)');
    expect(output).toContain('Watching tei for changes');

    writeFileSync(letter, LETTER.replace('<opener>', '<unknownElement/><opener>'));
    await waitForReport(++reported);
    const broken = output.slice(output.indexOf('tei/letter.xml changed'));
    expect(broken.split('\n')[0]).toMatch(/^tei\/letter\.xml changed: [1-9]\d* new, 0 fixed \([1-9]\d* errors?, \d+ warnings?\)$/);
    expect(broken).toMatch(/^\+ +\d+:\d+ +error +.*unknownElement.*relaxng\//m);

    const before = output.length;
    writeFileSync(letter, LETTER);
    await waitForReport(++reported);
    const fixed = output.slice(before);
    expect(fixed.split('\n')[0]).toMatch(/^tei\/letter\.xml changed: 0 new, [1-9]\d* fixed \(valid\)$/);
    expect(fixed).toMatch(/^- +\d+:\d+ +error +.*unknownElement/m);

    const unchanged = output.length;
    writeFileSync(letter, `${LETTER}\n`);
    await waitForReport(++reported);
    expect(output.slice(unchanged).split('\n')[0]).toBe('tei/letter.xml changed: no new or fixed diagnostics (valid)');

    const renamedAt = output.length;
    renameSync(letter, path.join(edition, 'tei', 'renamed.xml'));
    reported += 2;
    await waitForReport(reported);
    const renamed = output.slice(renamedAt).split('\n').filter((line) => / (changed|removed)\b/.test(line)).sort();
    expect(renamed).toEqual(['tei/letter.xml removed', 'tei/renamed.xml changed: no new or fixed diagnostics (valid)']);
    renameSync(path.join(edition, 'tei', 'renamed.xml'), letter);
    await waitForReport((reported += 2));

    writeFileSync(letter, LETTER.replace('<opener>', '<unknownElement/><opener>'));
    await waitForReport(++reported);
    const removedAt = output.length;
    rmSync(letter);
    await waitForReport(++reported);
    expect(output.slice(removedAt).split('\n')[0]).toMatch(/^tei\/letter\.xml removed: its [1-9]\d* diagnostics? (is|are) withdrawn$/);

    await watch.stop();
    while (!output.includes('exit ')) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(output).toMatch(/Stopped watching\.\nexit 0\n$/);
  }, 120_000);
});

describe('validate --watch --format json', () => {
  it('is refused as a usage error: the watch reports for people', async () => {
    let output = '';
    const code = await run({ command: 'validate', paths: ['tei'], watch: true, format: 'json' }, { stdout: (text) => (output += text), stderr: (text) => (output += text), isTTY: false, env: {}, cwd: PROJECT_ROOT });
    expect(code).toBe(2);
    expect(output).toContain('--watch reports changes for people');
  });
});
