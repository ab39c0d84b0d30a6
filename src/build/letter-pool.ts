/**
 * A pool of worker threads that build letters (transform and per-letter
 * checks, see `letter-build.ts`). Each worker prepares the stylesheets and
 * the checkers once and keeps them warm; letters are handed out as workers
 * become free, a few at a time so that no worker waits for the main thread.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT, type CompileOptions } from '../adapters/saxon.js';
import type { EditionParams } from '../stages/transform.js';
import type { LetterBuild } from './letter-build.js';

/** A letter as sent to a worker: its text is parsed there. */
export interface LetterSource {
  file: string;
  id: string;
  text: string;
}

/** What every worker is started with. */
export interface LetterWorkerData {
  compileOptions: CompileOptions;
}

/** A letter to build, numbered by the pool, with the edition parameters (known only once the letters are validated). */
export interface LetterJob {
  job: number;
  letter: LetterSource;
  params: EditionParams;
}

/** A worker's answer: the built letter, or the stack of an unexpected error. */
export type LetterJobResult = { job: number; build: LetterBuild } | { job: number; error: string };

/** Letters sent to a worker before it has answered the first of them. */
const IN_FLIGHT_PER_WORKER = 3;

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

/** The process's Node flags without `--input-type`, which Node refuses for a worker started from a file (it is set when the build runs from `node -e`). */
function workerExecArgv(): string[] {
  return process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
}

interface PendingJob {
  job: LetterJob;
  resolve: (build: LetterBuild) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  inFlight: Map<number, PendingJob>;
}

/** Worker threads that build letters; `close()` ends them. */
export class LetterPool {
  private readonly workers: PoolWorker[] = [];
  private readonly waiting: PendingJob[] = [];
  private nextJob = 0;
  private failure: Error | undefined;

  /** Starts `size` workers running `script`; they prepare their stylesheets and checkers at once. */
  constructor(script: string, size: number, data: LetterWorkerData) {
    for (let index = 0; index < size; index++) {
      const entry: PoolWorker = { worker: new Worker(script, { workerData: data, execArgv: workerExecArgv() }), inFlight: new Map() };
      entry.worker.on('message', (result: LetterJobResult) => this.settle(entry, result));
      entry.worker.on('error', (error) => this.fail(entry, error));
      entry.worker.on('exit', (code) => {
        if (entry.inFlight.size > 0) this.fail(entry, new Error(`A letter worker stopped (exit code ${code}) with letters still to build.`));
      });
      this.workers.push(entry);
    }
  }

  /** Number of worker threads. */
  get size(): number {
    return this.workers.length;
  }

  /** Builds one letter in the least busy worker. */
  build(letter: LetterSource, params: EditionParams): Promise<LetterBuild> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ job: { job: this.nextJob++, letter, params }, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((entry) => entry.worker.terminate()));
  }

  private dispatch(): void {
    for (;;) {
      const pending = this.waiting[0];
      if (!pending) return;
      const free = this.workers.reduce<PoolWorker | undefined>((best, entry) => (entry.inFlight.size < IN_FLIGHT_PER_WORKER && (!best || entry.inFlight.size < best.inFlight.size) ? entry : best), undefined);
      if (!free) return;
      this.waiting.shift();
      free.inFlight.set(pending.job.job, pending);
      free.worker.postMessage(pending.job);
    }
  }

  private settle(entry: PoolWorker, result: LetterJobResult): void {
    const pending = entry.inFlight.get(result.job);
    if (!pending) return;
    entry.inFlight.delete(result.job);
    if ('build' in result) pending.resolve(result.build);
    else pending.reject(new Error(`A letter worker failed on ${pending.job.letter.file}: ${result.error}`));
    this.dispatch();
  }

  private fail(entry: PoolWorker, error: Error): void {
    this.failure ??= error;
    for (const pending of [...entry.inFlight.values(), ...this.waiting.splice(0)]) pending.reject(error);
    entry.inFlight.clear();
  }
}
