/**
 * `tei-edition serve`: a preview of the built edition on 127.0.0.1. Serves
 * the output folder as it is on disk, rebuilds with the build's library
 * function (`buildEdition`, which reuses its per-letter cache, so only what
 * changed is rebuilt) when the TEI folder, a file the letters include from
 * elsewhere, the stylesheets, the toolkit's assets or the config change, and
 * reloads open pages after a successful
 * rebuild: HTML responses get a small script that listens to Server-Sent
 * Events. The script is added to responses only, never to the files.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from './project-root.js';
import { buildEdition, type BuildOptions, type BuildResult } from './build.js';
import type { Diagnostic } from './diagnostic.js';

/** The path of the reload event stream. */
export const RELOAD_EVENTS_PATH = '/__tei-edition/reload';

/** The script added before `</body>` of every HTML response. */
export const RELOAD_SCRIPT = `<script>new EventSource(${JSON.stringify(RELOAD_EVENTS_PATH)}).addEventListener('reload', function () { location.reload(); });</script>`;

/** Media types by file extension; others are served as bytes. */
const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.bib': 'application/x-bibtex; charset=utf-8',
  '.ris': 'application/x-research-info-systems; charset=utf-8',
  '.cff': 'application/x-yaml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** How long to wait after a change for more changes before rebuilding (editors write files in several steps). */
const SETTLE_MS = 150;

/** What the preview needs: a way to get fresh build options (the config is read again on each rebuild) and where to report. */
export interface ServeOptions {
  /** Build options from the current config, or the diagnostics that prevent a build (e.g. an invalid config). */
  buildOptions: () => { options?: BuildOptions; diagnostics: Diagnostic[] };
  /** The config file to watch (it may not exist yet). */
  configFile: string;
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Watch the sources and rebuild on change (default true). */
  watch?: boolean;
  /** Called after every build, the first included. */
  onBuild?: (result: BuildResult | undefined, diagnostics: readonly Diagnostic[]) => void;
}

/** A running preview. */
export interface PreviewServer {
  /** `http://127.0.0.1:PORT/`. */
  url: string;
  port: number;
  /** Builds now (waits for a build in progress first); open pages reload when the output was written. */
  rebuild(): Promise<BuildResult | undefined>;
  /** Stops watching, ends the event streams and closes the server. */
  close(): Promise<void>;
  /** Resolves when the server has closed. */
  closed: Promise<void>;
}

/** Builds the edition, then serves its output folder on 127.0.0.1 and watches the sources. */
export async function startPreview(options: ServeOptions): Promise<PreviewServer> {
  const clients = new Set<ServerResponse>();
  let outputDir = '';
  let closing = false;
  // Builds run one after another: a change during a build queues the next.
  let queue: Promise<BuildResult | undefined> = Promise.resolve(undefined);

  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), SETTLE_MS);
  };
  /** File names watched per folder, for included files outside the watched input folder (entity files shared by the letters, say). */
  const watchedIncludes = new Map<string, Set<string>>();
  const watchIncludedFiles = (files: readonly string[], inputDir: string): void => {
    for (const file of files) {
      const inInput = path.relative(inputDir, file);
      if (!inInput.startsWith(`..${path.sep}`) && !path.isAbsolute(inInput)) continue;
      const folder = path.dirname(file);
      if (!watchedIncludes.has(folder)) {
        const names = new Set<string>();
        watchedIncludes.set(folder, names);
        // Only the included files count: the folder may also hold the output folder, which every build replaces.
        watchers.push(watch(folder, (_event, name) => {
          if (name !== null && names.has(name)) changed();
        }));
      }
      watchedIncludes.get(folder)!.add(path.basename(file));
    }
  };

  const buildOnce = async (): Promise<BuildResult | undefined> => {
    const { options: buildOptions, diagnostics } = options.buildOptions();
    if (!buildOptions) {
      options.onBuild?.(undefined, diagnostics);
      return undefined;
    }
    outputDir = path.resolve(buildOptions.cwd, buildOptions.config.outputDir);
    const result = await buildEdition(buildOptions);
    if (options.watch !== false && !closing) watchIncludedFiles(result.includedFiles, path.resolve(buildOptions.cwd, buildOptions.config.inputDir));
    options.onBuild?.(result, [...diagnostics, ...result.diagnostics]);
    if (result.written) for (const client of clients) client.write('event: reload\ndata: built\n\n');
    return result;
  };

  const rebuild = (): Promise<BuildResult | undefined> => {
    queue = queue.then(buildOnce, buildOnce);
    return queue;
  };

  await rebuild();

  const server = createServer((request, response) => {
    void respond(request, response, outputDir, clients);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const port = (server.address() as AddressInfo).port;

  if (options.watch !== false) {
    const { options: first } = options.buildOptions();
    const inputDir = first ? path.resolve(first.cwd, first.config.inputDir) : undefined;
    for (const folder of [inputDir, path.join(PROJECT_ROOT, 'xslt'), path.join(PROJECT_ROOT, 'assets')]) {
      if (folder && (await isFolder(folder))) watchers.push(watch(folder, { recursive: true }, changed));
    }
    const configName = path.basename(options.configFile);
    watchers.push(watch(path.dirname(options.configFile), (_event, name) => {
      if (name === configName) changed();
    }));
  }

  const close = async (): Promise<void> => {
    closing = true;
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
    for (const client of clients) client.end();
    clients.clear();
    await queue.catch(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return { url: `http://127.0.0.1:${port}/`, port, rebuild, close, closed };
}

async function isFolder(folder: string): Promise<boolean> {
  return stat(folder).then((info) => info.isDirectory(), () => false);
}

async function respond(request: IncomingMessage, response: ServerResponse, outputDir: string, clients: Set<ServerResponse>): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === RELOAD_EVENTS_PATH) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    clients.add(response);
    request.on('close', () => clients.delete(response));
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const file = await resolveFile(outputDir, url.pathname);
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${url.pathname}\n`);
    return;
  }
  const type = MEDIA_TYPES[path.extname(file)] ?? 'application/octet-stream';
  let body: Buffer = await readFile(file);
  if (path.extname(file) === '.html') body = Buffer.from(withReloadScript(body.toString('utf8')));
  response.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** The file a URL path names inside the output folder (folders give their index.html); undefined outside it or when missing. */
async function resolveFile(outputDir: string, pathname: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  let file = path.join(outputDir, path.normalize(decoded));
  if (file !== outputDir && !file.startsWith(outputDir + path.sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    return (await stat(file).then((s) => s.isFile(), () => false)) ? file : undefined;
  }
  return info?.isFile() ? file : undefined;
}

/** Adds the reload script before `</body>` (or at the end of a page without one). */
export function withReloadScript(html: string): string {
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + RELOAD_SCRIPT : html.slice(0, at) + RELOAD_SCRIPT + html.slice(at);
}
