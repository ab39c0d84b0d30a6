/**
 * A pool of worker threads that build letters (transform and per-letter
 * checks, see `letter-build.ts`). Each worker prepares the stylesheets and
 * the checkers once and keeps them warm; every worker gets the whole list of
 * letters and takes the next few from a shared counter whenever it is free
 * (a few, so that they share a letter-data transform; see
 * `transformLetters`).
 * A worker can also make and check edition-wide outputs while the main
 * thread makes the others (`makeEditionOutputs`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CompileOptions } from '../adapters/saxon.js';
import { PROJECT_ROOT } from '../project-root.js';
import type { Diagnostic } from '../diagnostic.js';
import type { Output } from '../output.js';
import type { EditionLetter, EditionParams, ParsedLetter } from '../stages/transform.js';
import type { SchemaFolder } from '../schema-store.js';
import type { CacheLocation } from './build-cache.js';
import type { LetterChecks, PageStructure, StagedLetterBuild } from './letter-build.js';

/** A letter as sent to a worker: its text is parsed there. */
export interface LetterSource {
  file: string;
  id: string;
  text: string;
  /** The central register entries its names point to (see {@link ParsedLetter.registers}). */
  registers?: string;
  /** Its neighbours in the edition (see {@link ParsedLetter.navigation}). */
  navigation?: string;
}

/** What every worker is started with. */
export interface LetterWorkerData {
  compileOptions: CompileOptions;
  /** True for workers that will build letters: they render a citation while idle, since citeproc's first takes seconds. */
  warmUpCitations: boolean;
}

/**
 * The letters of a build, sent to every worker with the edition parameters
 * (known only once the letters are validated) and a shared counter: each
 * worker takes the next letter from the counter as soon as it is free, so
 * the workers stay busy even while the main thread is occupied for long
 * (the edition-wide stylesheets run there synchronously).
 */
export interface LetterBatch {
  kind: 'letters';
  letters: LetterSource[];
  params: EditionParams;
  /** The checks that depend on the schema store. */
  checks: LetterChecks;
  /** The build's staging folder: the worker writes each letter's outputs there. */
  stagingFolder: string;
  /** The build cache, where the worker stores each letter's build; absent: no cache. */
  cache?: CacheLocation;
  /** Int32Array over a SharedArrayBuffer: index 0 is the number of the next letter to take. */
  next: Int32Array;
  /** Number of workers taking letters from `next` (each takes several at a time while many are left). */
  workers: number;
}

/** A worker's answer for one letter (by its number in the batch): the built letter, or the stack of an unexpected error. */
export type LetterJobResult = { job: number; build: StagedLetterBuild } | { job: number; error: string };

/**
 * Edition-wide outputs for a worker to make from the letters' parts and
 * check (all but the links of pages, which the main thread checks with all
 * outputs).
 */
export interface EditionOutputsRequest {
  kind: 'edition';
  /** Format names of the registry. */
  formats: string[];
  letters: EditionLetter[];
  params: EditionParams;
  /** The input folder as shown to the user, which the edition-wide diagnostics name. */
  editionFile: string;
  /** The folders of the build's schema store (the exports are checked against its schemas). */
  schemaFolders: readonly SchemaFolder[];
}

/** Edition-wide outputs made and checked by a worker: the outputs, the structures of the pages among them (for the link checks), and the diagnostics of their transform and of their checks. */
export interface EditionOutputs {
  outputs: Output[];
  pages: PageStructure[];
  diagnostics: Diagnostic[];
  checks: Diagnostic[];
}

/** A worker's answer to an {@link EditionOutputsRequest}, or the stack of an unexpected error. */
export type EditionOutputsResult = EditionOutputs | { error: string };

/**
 * The compiled worker script. Workers always run the compiled `lib/` (plain
 * JavaScript): when this module runs from `src/` (under the test runner),
 * `lib/` must have been compiled (`npm test` compiles it first).
 */
export function letterWorkerScript(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith('.js') ? path.join(path.dirname(here), 'letter-worker.js') : path.join(PROJECT_ROOT, 'lib', 'build', 'letter-worker.js');
  return existsSync(script) ? script : undefined;
}

/**
 * The process's Node flags a worker may take: not `--input-type`, which Node
 * refuses for a worker started from a file (it is set when the build runs
 * from `node -e`), nor the heap sizes, which Node refuses for a worker (a
 * worker's heap is set by its resource limits).
 */
function workerExecArgv(): string[] {
  return process.execArgv.filter((flag) => !flag.startsWith('--input-type') && !/^--max-(old|semi)-space-size/.test(flag));
}

interface PendingJob {
  file: string;
  resolve: (build: StagedLetterBuild) => void;
  reject: (error: Error) => void;
}

/** Worker threads that build letters; `close()` ends them. */
export class LetterPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, PendingJob>();
  private failure: Error | undefined;
  private batch: LetterBatch | undefined;
  private editionOutputs: { resolve: (result: EditionOutputsResult) => void; reject: (error: Error) => void } | undefined;

  /** Starts `size` workers running `script`, each with an old-generation heap of at most `heapMb`; they prepare their stylesheets and checkers at once. */
  constructor(script: string, size: number, data: LetterWorkerData, heapMb: number) {
    for (let index = 0; index < size; index++) {
      const worker = new Worker(script, { workerData: data, execArgv: workerExecArgv(), resourceLimits: { maxOldGenerationSizeMb: heapMb } });
      worker.on('message', (result: LetterJobResult | EditionOutputsResult) => ('job' in result ? this.settle(result) : this.settleEditionOutputs(result)));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (this.pending.size > 0) this.fail(new Error(`A letter worker stopped (exit code ${code}) with letters still to build.`));
      });
      this.workers.push(worker);
    }
  }

  /** Number of worker threads. */
  get size(): number {
    return this.workers.length;
  }

  /** Builds the letters (once per pool) into the staging folder; one promise per letter, in the same order. */
  buildAll(letters: readonly LetterSource[], params: EditionParams, checks: LetterChecks, target: { stagingFolder: string; cache?: CacheLocation }): Promise<StagedLetterBuild>[] {
    if (this.batch) throw new Error('A letter pool builds one set of letters.');
    const builds = letters.map(
      (letter, job) =>
        new Promise<StagedLetterBuild>((resolve, reject) => {
          if (this.failure) reject(this.failure);
          else this.pending.set(job, { file: letter.file, resolve, reject });
        }),
    );
    this.batch = { kind: 'letters', letters: [...letters], params, checks, ...target, next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)), workers: this.workers.length };
    for (const worker of this.workers) worker.postMessage(this.batch);
    return builds;
  }

  /** Has the first worker make and check edition-wide outputs (call once its letters are built). */
  makeEditionOutputs(request: Omit<EditionOutputsRequest, 'kind'>): Promise<EditionOutputs> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.editionOutputs = {
        resolve: (result) => ('error' in result ? reject(new Error(`A letter worker failed on the edition-wide outputs: ${result.error}`)) : resolve(result)),
        reject,
      };
      this.workers[0]!.postMessage({ kind: 'edition', ...request } satisfies EditionOutputsRequest);
    });
  }

  /** Ends every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private settle(result: LetterJobResult): void {
    const pending = this.pending.get(result.job);
    if (!pending) return;
    this.pending.delete(result.job);
    if ('build' in result) pending.resolve(result.build);
    else pending.reject(new Error(`A letter worker failed on ${pending.file}: ${result.error}`));
  }

  private settleEditionOutputs(result: EditionOutputsResult): void {
    const waiting = this.editionOutputs;
    this.editionOutputs = undefined;
    waiting?.resolve(result);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.editionOutputs?.reject(error);
    this.editionOutputs = undefined;
  }
}
