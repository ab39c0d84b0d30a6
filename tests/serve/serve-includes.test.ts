/**
 * `tei-edition serve` rebuilds when a file the letters include from outside
 * the TEI folder changes (issue 12, item 4: includes may reach anywhere under
 * the edition's root, e.g. a shared entities/ folder).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import type { PreviewServer } from '../../src/serve.js';
import { expectReloadAfter } from './reload-events.js';
import { PROJECT_ROOT, SHARED_SCHEMAS, available } from '../helpers/fixtures.js';

let edition: string;
let server: PreviewServer;
let served: Promise<number>;
let output = '';

// The fixture's letters are validated against tei_all.
describe.skipIf(!available.sharedSchemas)('tei-edition serve with included files', () => {
  beforeAll(async () => {
    edition = path.join(await mkdtemp(path.join(os.tmpdir(), 'tei-edition-serve-includes-')), 'edition');
    await cp(path.join(PROJECT_ROOT, 'tests/fixtures/xinclude-edition'), edition, { recursive: true });
    const listening = new Promise<PreviewServer>((resolve) => {
      served = run(
        { command: 'serve', port: 0, onListening: resolve },
        { stdout: (text) => (output += text), stderr: (text) => (output += text), isTTY: false, env: { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS }, cwd: edition },
      );
    });
    server = await Promise.race([listening, served.then((code) => Promise.reject(new Error(`serve ended with exit code ${code}: ${output}`)))]);
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    expect(await served).toBe(0);
    await rm(path.dirname(edition), { recursive: true, force: true });
  }, 60_000);

  it('rebuilds when a file the letters include from another folder changes', async () => {
    expect(output).toContain('✔ Built 1 letter');
    const people = path.join(edition, 'entities/people.xml');
    await expectReloadAfter(server.port, async () => writeFile(people, (await readFile(people, 'utf8')).replace('<persName>Bruno Beispiel</persName>', '<persName>Bruno Q. Beispiel</persName>')));
    expect(await readFile(path.join(edition, 'dist/registers/persons.html'), 'utf8')).toContain('Bruno Q. Beispiel');
  }, 180_000);
});
