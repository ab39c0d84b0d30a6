/**
 * SaxonJS itself, loaded on first use, once per thread. It is a single 2.4 MB
 * CommonJS file whose load took 0.43 s through `import`; three things make
 * it cheaper without changing what it does:
 *
 * - It is compiled here as CommonJS is, not imported: an `import` of a
 *   CommonJS module makes Node scan the whole file for its export names
 *   first (about 0.11 s for SaxonJS).
 * - Its HTTP client is never loaded. SaxonJS requires axios at start-up
 *   (about 85 ms) for `http:` and `https:` resources only; tei-edition reads
 *   nothing over the network, so such a read fails with a dynamic error
 *   that says so.
 * - V8's code for it is kept between runs, as Node's own compile cache does
 *   (Node 22's `module.enableCompileCache()`, which Node 20 lacks): in the
 *   system's temporary folder, in a folder of this user's that no one else
 *   may write to (cached code is run as it is), keyed by the SaxonJS and Node
 *   versions. V8 itself rejects a cache from another V8 or a changed file,
 *   and it is then written again. Compiling took about 0.19 s, reading the
 *   cached code 0.04 s. A cache that cannot be read or written is not used.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { threadId } from 'node:worker_threads';
import type SaxonJSApi from 'saxon-js';

export type SaxonJS = typeof SaxonJSApi;

const require = createRequire(import.meta.url);

/** Where V8's code for SaxonJS is kept: one folder per user, as several may share the temporary folder. */
const SAXON_CODE_CACHE_FOLDER = path.join(tmpdir(), `tei-edition-code-cache-${process.getuid?.() ?? 'user'}`);

/** What SaxonJS gets for `require('axios')`: every request fails, as network access is not part of tei-edition. */
const offlineHttpClient = {
  get: (url: unknown) => Promise.reject(new Error(`network access is not allowed in tei-edition (${String(url)}); use a local file`)),
};

let loaded: SaxonJS | undefined;

/** The SaxonJS runtime of this thread, loaded on the first call. */
export function saxonJS(): SaxonJS {
  loaded ??= loadSaxonJS(SAXON_CODE_CACHE_FOLDER);
  return loaded;
}

/** Loads a new SaxonJS runtime, with V8's code for it read from and kept in `codeCacheFolder`. */
export function loadSaxonJS(codeCacheFolder: string): SaxonJS {
  const file = require.resolve('saxon-js');
  const version = (require('saxon-js/package.json') as { version: string }).version;
  const cacheFile = isPrivateFolder(codeCacheFolder) ? path.join(codeCacheFolder, `saxon-js-${version}-node-${process.version}-${process.arch}.bin`) : undefined;
  const cachedData = cacheFile === undefined ? undefined : readIfPresent(cacheFile);
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  const requireForSaxon = (id: string) => (id === 'axios' ? offlineHttpClient : require(id));
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireForSaxon, module, file, path.dirname(file));
  if (cacheFile !== undefined && (!cachedData || script.cachedDataRejected === true)) writeAtomically(cacheFile, script.createCachedData());
  return module.exports as SaxonJS;
}

/** Makes the folder if need be; true if it is this user's and no one else can write to it. */
function isPrivateFolder(folder: string): boolean {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const { uid, mode } = statSync(folder);
    return process.getuid === undefined || (uid === process.getuid() && (mode & 0o022) === 0);
  } catch {
    return false;
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    void rm(temporary, { force: true }).catch(() => undefined);
  }
}
