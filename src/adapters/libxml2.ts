/**
 * The libxml2-wasm engine: one worker thread per process (two for a large run) that loads libxml2
 * (compiled to WebAssembly) once, keeps compiled RELAX NG grammars, and
 * parses (and validates) documents one at a time, disposing each. This is
 * the only module that knows libxml2-wasm; it hands libxml2's reports back
 * as plain records for `xmllint.ts` to turn into diagnostics.
 *
 * Why a worker: libxml2 runs synchronously, and a grammar or document can
 * make it backtrack for minutes. Each request has a time limit; when it
 * passes, the worker is terminated (with its compiled grammars) and the next
 * request starts a new one. The worker is unreferenced while idle, so it
 * never keeps the process alive.
 *
 * Safety: documents are parsed with `XML_PARSE_NO_XXE` and
 * `XML_PARSE_NONET` and without `XML_PARSE_DTDLOAD`, so no external entity,
 * DTD or network resource is read (nor could it be: no input provider is
 * registered); internal entities are expanded, and their expansion is bounded by libxml2's
 * amplification limit; libxml2-wasm's memory cannot grow beyond 2 GiB (its
 * WebAssembly maximum, the same cap as `XMLLINT_LIMITS.maxMemoryPages`); an
 * allocation beyond it ends the worker, which is reported as a crash.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** One report of libxml2 (libxml2-wasm's `ErrorDetail`): `level` 1 warning, 2 error, 3 fatal; `line`/`col` 0 when unknown. */
export interface Libxml2Report {
  message: string;
  level: number;
  line: number;
  col: number;
  /** libxml2's path to the node the report is about (`/*\/*[2]`, `tei:p[3]`), when it names one. */
  xpath?: string;
}

/** What libxml2 found in one document. */
export interface DocumentOutcome {
  /** False when libxml2 could not build the document (it is not well-formed). */
  parsed: boolean;
  /** Parser errors: fatal ones, or errors such as an xml:id that is not an NCName (then the document was still parsed and validated). */
  parseErrors: Libxml2Report[];
  /** Parser warnings. */
  warnings: Libxml2Report[];
  /** RELAX NG reports: empty when valid; absent when the document was not validated. */
  validity?: Libxml2Report[];
}

/** A grammar to validate with: compiled once per `key` and kept by the worker. */
export interface GrammarRequest {
  key: string;
  text: string;
}

/** What one request to the engine produced. */
export type EngineResult =
  /** `startMs`: the worker's loading of libxml2, in its own thread (reported once per worker, else 0); `compileMs`: compiling the grammar (0 when kept); `checkMs`: parsing and validating. */
  | { kind: 'finished'; documents: DocumentOutcome[]; startMs: number; compileMs: number; checkMs: number }
  | { kind: 'grammar-error'; reports: Libxml2Report[] }
  | { kind: 'timed-out' }
  | { kind: 'crashed'; message: string };

/** Compiled grammars the worker keeps (least recently used disposed first). */
const KEPT_GRAMMARS = 4;

const require = createRequire(import.meta.url);
const LIBXML2_MODULE_URL = pathToFileURL(require.resolve('libxml2-wasm')).href;

/**
 * The worker: replies to each request with the outcome of every document.
 * Written with dynamic imports so that it runs whether the worker evaluates
 * it as CommonJS or, under `--input-type=module`, as an ES module.
 */
const WORKER_SOURCE = `
(async () => {
  const { parentPort, workerData } = await import('node:worker_threads');
  const { XmlDocument, RelaxNGValidator, ParseOption, XmlError } = await import(workerData.moduleUrl);
  // Only libxml2's own reports are findings; anything else (out of memory, a WebAssembly trap) ends the worker and is reported as a crash.
  const libxml2Only = (error) => {
    if (!(error instanceof XmlError)) throw error;
  };
  // Internal entities are expanded (their elements are validated, as jing does); external ones are never loaded.
  const OPTIONS = ParseOption.XML_PARSE_NOENT | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_BIG_LINES | ParseOption.XML_PARSE_COMPACT;
  const validators = new Map();
  const reports = (error) => Array.isArray(error.details) && error.details.length > 0
    ? error.details.map(({ message, level, line, col, xpath }) => ({ message: message.trimEnd(), level, line, col, ...(xpath ? { xpath } : {}) }))
    : [{ message: String(error.message), level: 3, line: 0, col: 0 }];
  // The text is decoded already: libxml2 must read it as UTF-8 whatever its XML declaration says.
  const parse = (text, extra) => XmlDocument.fromBuffer(Buffer.from(text, 'utf8'), { option: OPTIONS | extra, encoding: 'utf-8' });
  const check = (text, validator) => {
    let doc;
    let parseErrors = [];
    try {
      doc = parse(text, 0);
    } catch (error) {
      libxml2Only(error);
      parseErrors = Array.isArray(error.details) && error.details.length === 0 ? [] : reports(error);
      // Errors below fatal (an xml:id that is not an NCName) leave a usable tree: parse again without registering IDs to validate it.
      if (parseErrors.length === 0 || parseErrors.some((report) => report.level >= 3)) return { parsed: false, parseErrors, warnings: [] };
      try {
        doc = parse(text, ParseOption.XML_PARSE_SKIP_IDS);
      } catch (error) {
        libxml2Only(error);
        return { parsed: false, parseErrors, warnings: [] };
      }
    }
    try {
      const warnings = doc.warnings.map(({ message, level, line, col }) => ({ message: message.trimEnd(), level, line, col }));
      if (!validator) return { parsed: true, parseErrors, warnings };
      try {
        validator.validate(doc);
        return { parsed: true, parseErrors, warnings, validity: [] };
      } catch (error) {
        libxml2Only(error);
        return { parsed: true, parseErrors, warnings, validity: reports(error) };
      }
    } finally {
      doc.dispose();
    }
  };
  const compile = (text) => {
    const rng = parse(text, 0);
    try {
      return RelaxNGValidator.fromDoc(rng);
    } finally {
      rng.dispose();
    }
  };
  parentPort.on('message', ({ grammar, documents }) => {
    const started = performance.now();
    let validator;
    let compiledGrammar = false;
    if (grammar) {
      validator = validators.get(grammar.key);
      if (validator) validators.delete(grammar.key);
      else if (grammar.text === undefined) return parentPort.postMessage({ missingGrammar: true });
      else {
        try {
          validator = compile(grammar.text);
          compiledGrammar = true;
        } catch (error) {
          libxml2Only(error);
          return parentPort.postMessage({ grammarErrors: reports(error) });
        }
      }
      validators.set(grammar.key, validator);
      for (const [key, old] of validators) {
        if (validators.size <= workerData.keptGrammars) break;
        validators.delete(key);
        old.dispose();
      }
    }
    const compiled = performance.now();
    const outcomes = documents.map((text) => check(text, validator));
    parentPort.postMessage({ documents: outcomes, compiledGrammar, compileMs: compiled - started, checkMs: performance.now() - compiled });
  });
  parentPort.postMessage({ ready: true });
})();
`;

interface WorkerReply {
  ready?: true;
  missingGrammar?: true;
  grammarErrors?: Libxml2Report[];
  documents?: DocumentOutcome[];
  compiledGrammar?: boolean;
  compileMs?: number;
  checkMs?: number;
}

/** The running worker, the grammar keys it has compiled, and what the pending request does with its replies. */
interface Engine {
  worker: Worker;
  grammars: Set<string>;
  /** How long the worker took to load libxml2, until a finished request has reported it. */
  unreportedLoadMs?: number;
  onReply?: (reply: WorkerReply) => void;
  onFailure?: (message: string) => void;
}

/** What the engine did in this process: workers started, grammars compiled, documents parsed (a document validated is parsed once). */
export interface EngineStatistics {
  workersStarted: number;
  grammarsCompiled: number;
  documentsParsed: number;
}

const statistics: EngineStatistics = { workersStarted: 0, grammarsCompiled: 0, documentsParsed: 0 };

/** A copy of the engine's counts so far (for `--timings`, and for tests that a run parses each document once). */
export function engineStatistics(): EngineStatistics {
  return { ...statistics };
}

/** Most workers that validate side by side: two (the machines this is measured on have two cores), one where the machine has a single core. */
export const MAX_LIBXML2_WORKERS = Math.min(2, availableParallelism());

/**
 * Documents per request when a run is split across workers: each worker takes
 * the next slice when it is done with its own, so a worker that started later
 * (loading libxml2 takes 0.1–0.4 s) does less, and none waits for the other.
 */
const SLICES_PER_WORKER = 8;
const MIN_SLICE_DOCUMENTS = 16;

/** The running workers by slot (slot 0 is the one every run uses). */
const engines: (Engine | undefined)[] = [];
/** Requests to one worker run one after another: it does one thing at a time. */
const queues: Promise<unknown>[] = [];

function startEngine(slot: number): Engine {
  const startedAt = performance.now();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { moduleUrl: LIBXML2_MODULE_URL, keptGrammars: KEPT_GRAMMARS } });
  statistics.workersStarted++;
  const started: Engine = { worker, grammars: new Set() };
  worker.on('message', (reply: WorkerReply) => {
    // Timed here: a worker's performance.now() counts from the process's start, not its own.
    if (reply.ready) started.unreportedLoadMs = performance.now() - startedAt;
    started.onReply?.(reply);
  });
  const fail = (message: string): void => {
    if (engines[slot] === started) engines[slot] = undefined;
    started.onFailure?.(message);
  };
  worker.on('error', (error) => fail(String(error)));
  worker.on('exit', (code) => fail(`libxml2 worker exited with code ${code}`));
  // After the listeners: adding a 'message' listener refs the worker again, and a worker started but never asked would keep the process from exiting.
  worker.unref();
  return started;
}

/**
 * Starts `workers` workers now (at most {@link MAX_LIBXML2_WORKERS}), those
 * not running yet, so that loading libxml2 (about 0.1–0.4 s each) overlaps
 * with what the caller does before its first request (reading, indexing,
 * pruning). Idle, they do not keep the process alive.
 */
export function startLibxml2(workers = 1): void {
  for (let slot = 0; slot < Math.min(workers, MAX_LIBXML2_WORKERS); slot++) engines[slot] ??= startEngine(slot);
}

/**
 * Parses each document (and validates it, when a grammar is given) in the
 * engine's workers: in one, or split across up to `workers` of them (each
 * compiles the grammar and takes slices of the documents in turn; the
 * outcomes come back in the documents' order). `timeoutMs` bounds the whole
 * request, the workers' start and the grammar's compile included: past it a
 * busy worker is terminated.
 */
export function runLibxml2(documents: readonly string[], grammar: GrammarRequest | undefined, timeoutMs: number, workers = 1): Promise<EngineResult> {
  const count = Math.min(workers, MAX_LIBXML2_WORKERS, Math.ceil(documents.length / MIN_SLICE_DOCUMENTS));
  return count > 1 ? runSplit(documents, grammar, timeoutMs, count) : onWorker(0, documents, grammar, timeoutMs);
}

function onWorker(slot: number, documents: readonly string[], grammar: GrammarRequest | undefined, timeoutMs: number): Promise<EngineResult> {
  const run = (queues[slot] ?? Promise.resolve()).then(() => request(slot, documents, grammar, timeoutMs));
  queues[slot] = run.catch(() => undefined);
  return run;
}

/** One request split across `count` workers; the first failure (time limit, crash, grammar error) is the result. Times are the slowest worker's. */
async function runSplit(documents: readonly string[], grammar: GrammarRequest | undefined, timeoutMs: number, count: number): Promise<EngineResult> {
  const deadline = performance.now() + timeoutMs;
  const sliceSize = Math.max(MIN_SLICE_DOCUMENTS, Math.ceil(documents.length / (count * SLICES_PER_WORKER)));
  const outcomes: DocumentOutcome[] = new Array<DocumentOutcome>(documents.length);
  let next = 0;
  let failure: EngineResult | undefined;
  const work = async (slot: number): Promise<{ startMs: number; compileMs: number; checkMs: number }> => {
    const spent = { startMs: 0, compileMs: 0, checkMs: 0 };
    while (failure === undefined && next < documents.length) {
      const from = next;
      next = Math.min(documents.length, from + sliceSize);
      const result = await onWorker(slot, documents.slice(from, next), grammar, Math.max(1, deadline - performance.now()));
      if (result.kind !== 'finished') {
        failure ??= result;
        break;
      }
      result.documents.forEach((outcome, offset) => (outcomes[from + offset] = outcome));
      spent.startMs += result.startMs;
      spent.compileMs += result.compileMs;
      spent.checkMs += result.checkMs;
    }
    return spent;
  };
  const spent = await Promise.all(Array.from({ length: count }, (_, slot) => work(slot)));
  if (failure) return failure;
  const slowest = (part: 'startMs' | 'compileMs' | 'checkMs'): number => Math.max(...spent.map((times) => times[part]));
  return { kind: 'finished', documents: outcomes, startMs: slowest('startMs'), compileMs: slowest('compileMs'), checkMs: slowest('checkMs') };
}

function request(slot: number, documents: readonly string[], grammar: GrammarRequest | undefined, timeoutMs: number): Promise<EngineResult> {
  const current = (engines[slot] ??= startEngine(slot));
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: EngineResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      current.onReply = undefined;
      current.onFailure = undefined;
      current.worker.unref();
      resolve(result);
    };
    const timer = setTimeout(() => {
      if (engines[slot] === current) engines[slot] = undefined;
      void current.worker.terminate();
      settle({ kind: 'timed-out' });
    }, timeoutMs);
    const send = (withText: boolean): void => {
      const grammarMessage = grammar && { key: grammar.key, ...(withText || !current.grammars.has(grammar.key) ? { text: grammar.text } : {}) };
      current.worker.postMessage({ grammar: grammarMessage, documents });
    };
    current.onFailure = (message) => settle({ kind: 'crashed', message });
    current.onReply = (reply) => {
      if (reply.ready) return;
      if (reply.missingGrammar) return send(true);
      if (reply.grammarErrors) return settle({ kind: 'grammar-error', reports: reply.grammarErrors });
      if (grammar) {
        current.grammars.delete(grammar.key);
        current.grammars.add(grammar.key);
        // Mirrors the worker's own bound, so that a key it disposed is sent again with its text.
        while (current.grammars.size > KEPT_GRAMMARS) current.grammars.delete(current.grammars.values().next().value!);
      }
      if (reply.compiledGrammar) statistics.grammarsCompiled++;
      statistics.documentsParsed += documents.length;
      const startMs = current.unreportedLoadMs ?? 0;
      current.unreportedLoadMs = undefined;
      settle({ kind: 'finished', documents: reply.documents ?? [], startMs, compileMs: reply.compileMs ?? 0, checkMs: reply.checkMs ?? 0 });
    };
    current.worker.ref();
    // A worker still loading libxml2 keeps the message until it listens.
    send(false);
  });
}
