/**
 * `tei-edition serve`: serves the built edition on 127.0.0.1 with the reload
 * script added to HTML responses only (never to the files), refuses what is
 * outside the output folder, and rebuilds and signals a reload when a letter
 * changes.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/run.js';
import { RELOAD_EVENTS_PATH, RELOAD_SCRIPT, type PreviewServer } from '../../src/serve.js';
import { expectReloadAfter } from './reload-events.js';

const ROOT = path.resolve(__dirname, '../..');
const LETTER = 'lenin-to-shlyapnikov-1916-10';

let temporary: string;
let server: PreviewServer;
let served: Promise<number>;
let stdout = '';

beforeAll(async () => {
  temporary = await mkdtemp(path.join(os.tmpdir(), 'tei-edition-serve-'));
  await cp(path.join(ROOT, 'tei'), path.join(temporary, 'tei'), { recursive: true });
  // The bundled letter's xml-model points to ../schemas: the copy names the schema instead.
  const listening = new Promise<PreviewServer>((resolve) => {
    served = run(
      { command: 'serve', port: 0, inputDir: path.join(temporary, 'tei'), outputDir: path.join(temporary, 'dist'), schema: 'tei-letter', onListening: resolve },
      { stdout: (text) => (stdout += text), stderr: (text) => (stdout += text), isTTY: false, env: {}, cwd: ROOT },
    );
  });
  server = await Promise.race([listening, served.then((code) => Promise.reject(new Error(`serve ended with exit code ${code}: ${stdout}`)))]);
}, 300_000);

afterAll(async () => {
  await server?.close();
  expect(await served).toBe(0);
  await rm(temporary, { recursive: true, force: true });
}, 60_000);

function request(pathname: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: server.port, path: pathname }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }));
    }).on('error', reject);
  });
}

describe('tei-edition serve', () => {
  it('listens on 127.0.0.1 and says where', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(stdout).toContain(`at ${server.url}`);
    expect(stdout).toContain('✔ Built 1 letter');
  });

  it('adds the reload script to HTML responses only, not to the files', async () => {
    const page = await request(`/letters/${LETTER}/`);
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body).toContain(`${RELOAD_SCRIPT}</body>`);
    const file = await readFile(path.join(temporary, 'dist', 'letters', LETTER, 'index.html'), 'utf8');
    expect(file).not.toContain(RELOAD_EVENTS_PATH);
    expect(page.body.replace(RELOAD_SCRIPT, '')).toBe(file);
    const css = await request('/assets/edition.css');
    expect(css.type).toBe('text/css; charset=utf-8');
    expect(css.body).not.toContain(RELOAD_EVENTS_PATH);
  });

  it('serves nothing outside the output folder', async () => {
    expect((await request('/%2e%2e/tei/' + LETTER + '.xml')).status).toBe(404);
    expect((await request('/no-such-page.html')).status).toBe(404);
  });

  it('rebuilds when a letter changes and tells open pages to reload', async () => {
    const file = path.join(temporary, 'tei', `${LETTER}.xml`);
    await expectReloadAfter(server.port, async () => writeFile(file, (await readFile(file, 'utf8')).replace('<p>That’s all, I think.</p>', '<p>That’s all, I think, for now.</p>')));
    expect((await request(`/letters/${LETTER}/index.html`)).body).toContain('That’s all, I think, for now.');
  }, 180_000);
});
