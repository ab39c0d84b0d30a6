/**
 * The per-letter build cache: a letter whose inputs are unchanged is neither
 * transformed nor checked again. An entry holds a letter's outputs, its
 * parts of the edition-wide outputs, the diagnostics of its transform and
 * checks, and its pages' structures (for the link checks, which always run
 * again: they depend on the other files).
 *
 * The key is the sha256 of the letter (file name, id, text after XInclude,
 * the central register entries its names point to, its neighbours in the
 * edition's sequence) and of everything else its outputs and checks depend on (see
 * {@link buildSalt}). Entries are written only for letters whose checks
 * passed, atomically (temporary file, then rename), with a digest that is
 * verified on reading: a damaged entry is a miss, never an output.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { removeUnusedEntries, writeFileAtomically } from '../cache-files.js';
import { hasErrors } from '../diagnostic.js';
import type { LetterBuild } from './letter-build.js';
import type { LetterSource } from './letter-pool.js';

const require = createRequire(import.meta.url);

/** Format of the entries; a change makes every older entry a miss. */
const ENTRY_FORMAT = 2;

/** Packages whose behaviour shapes the outputs or the checks. */
const ENGINE_PACKAGES = ['saxon-js', 'xslt3', 'xmllint-wasm', 'html-validate', 'ajv', '@citation-js/core', '@citation-js/plugin-csl', '@citation-js/plugin-bibtex', '@citation-js/plugin-ris'];

/** What, besides the letter, a cached build depends on. */
export interface SaltInputs {
  /** The toolkit's version. */
  toolkitVersion: string;
  /** The folder of the toolkit's code (`lib/` or `src/`): every file in it is hashed, so a changed check is a changed key. */
  codeDir: string;
  /** Every stylesheet's compiled file (its name holds the content hash of the stylesheet and its modules). */
  sefPaths: readonly string[];
  /** Files the checks read (e.g. the CSL-JSON subset schema). */
  checkFiles: readonly string[];
  /** The edition parameters the stylesheets get (JSON-serialisable). */
  params: unknown;
}

/** The hash of everything a letter's build depends on besides the letter. */
export async function buildSalt(inputs: SaltInputs): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`entry ${ENTRY_FORMAT}\ntoolkit ${inputs.toolkitVersion}\n`);
  for (const name of ENGINE_PACKAGES) {
    const { version } = JSON.parse(await readFile(require.resolve(`${name}/package.json`), 'utf8')) as { version: string };
    hash.update(`${name} ${version}\n`);
  }
  for (const file of await filesUnder(inputs.codeDir)) {
    hash.update(`${path.relative(inputs.codeDir, file)}\n`);
    hash.update(await readFile(file));
  }
  for (const sef of inputs.sefPaths) hash.update(`${path.basename(sef)}\n`);
  for (const file of inputs.checkFiles) hash.update(await readFile(file));
  hash.update(JSON.stringify(inputs.params));
  return hash.digest('hex');
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(?:[cm]?js|ts|json)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Counts of a build's letters, by where their outputs came from. */
export interface CacheStatistics {
  /** Letters transformed and checked in this build (their files, in build order). */
  built: string[];
  /** Letters whose outputs and check results came from the cache. */
  reused: string[];
}

interface CacheEntry {
  format: number;
  key: string;
  build: LetterBuild;
  /** sha256 of `JSON.stringify(build)`. */
  digest: string;
}

/** The folder and key salt of a cache. */
export interface CacheLocation {
  folder: string;
  salt: string;
}

/** The cache of one input folder: entries under `folder`, keyed with `salt`. */
export class BuildCache {
  private readonly used = new Set<string>();

  constructor(
    private readonly folder: string,
    private readonly salt: string,
  ) {}

  /** The key of a letter. */
  key(letter: LetterSource): string {
    return createHash('sha256').update(this.salt).update('\0').update(letter.file).update('\0').update(letter.id).update('\0').update(letter.text).update('\0').update(letter.registers ?? '').update('\0').update(letter.navigation ?? '').digest('hex');
  }

  /** Where the entries are and the salt of their keys, for a worker thread that stores builds with its own `BuildCache`. */
  get location(): CacheLocation {
    return { folder: this.folder, salt: this.salt };
  }

  /** True when the cache has an entry for the letter (read it with {@link read}: it may still turn out damaged); the entry is kept at the next prune either way. */
  async has(letter: LetterSource): Promise<boolean> {
    const key = this.key(letter);
    this.used.add(key);
    return stat(this.entryPath(key)).then(
      () => true,
      () => false,
    );
  }

  /** The cached build of a letter, or undefined (absent, damaged, or made from other inputs). */
  async read(letter: LetterSource): Promise<LetterBuild | undefined> {
    const key = this.key(letter);
    this.used.add(key);
    let entry: CacheEntry;
    try {
      entry = JSON.parse(await readFile(this.entryPath(key), 'utf8')) as CacheEntry;
    } catch {
      return undefined;
    }
    if (entry.format !== ENTRY_FORMAT || entry.key !== key || entry.build?.file !== letter.file) return undefined;
    if (digest(JSON.stringify(entry.build)) !== entry.digest) return undefined;
    return entry.build;
  }

  /** Stores a letter's build; a build with errors is never stored. */
  async write(letter: LetterSource, build: LetterBuild): Promise<void> {
    if (hasErrors(build.diagnostics)) return;
    const key = this.key(letter);
    this.used.add(key);
    const text = JSON.stringify(build);
    const entry: CacheEntry = { format: ENTRY_FORMAT, key, build, digest: digest(text) };
    await writeFileAtomically(this.entryPath(key), JSON.stringify(entry));
  }

  /** Removes the entries this build did not use (older versions of its letters, letters no longer in the folder). */
  async prune(): Promise<void> {
    await removeUnusedEntries(this.folder, this.used);
  }

  private entryPath(key: string): string {
    return path.join(this.folder, `${key}.json`);
  }
}

/** The cache folder of an input folder, under `cacheRoot`. */
export function cacheFolderFor(cacheRoot: string, inputDir: string): string {
  return path.join(cacheRoot, createHash('sha256').update(path.resolve(inputDir)).digest('hex').slice(0, 16));
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
