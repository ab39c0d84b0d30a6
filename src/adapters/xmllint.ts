/**
 * The libxml2 adapter: well-formedness, RELAX NG and W3C XML Schema
 * validation with libxml2 compiled to WebAssembly. Well-formedness and
 * RELAX NG run on libxml2-wasm (`libxml2.ts`: one worker for the run, each
 * grammar compiled once, each document parsed once); XML Schema runs on
 * xmllint-wasm, whose command line resolves a driver's imports among
 * preloaded files. This is the only module that reads libxml2's reports and
 * xmllint's output; everything leaves it as `Diagnostic` records with the
 * raw report kept as `cause`.
 *
 * Safety: nothing is read but the texts given: no network (`--nonet`,
 * `XML_PARSE_NONET`), no external entity, DTD or XInclude loading. Entity
 * expansion is bounded by libxml2's amplification limit. Every libxml2 run
 * happens in a worker thread that is terminated when the time limit passes.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { hasErrors, type Diagnostic } from '../diagnostic.js';
import type { StepTimings } from '../timings.js';
import type { PrunedGrammarCache } from '../validate/relaxng/grammar-cache.js';
import { buildGrammarModel, type GrammarModel } from '../validate/relaxng/grammar-model.js';
import {
  collapseCascades,
  elementUsage,
  humaniseRelaxNgReport,
  invalidXmlId,
  type DocumentContext,
  type HumanisedReport,
} from '../validate/relaxng/messages.js';
import { documentVocabulary, pruneGrammar, type PruneMode } from '../validate/relaxng/prune-grammar.js';
import { parseRng, type RngDocument } from '../validate/relaxng/rng-document.js';
import { indexSource, type ElementLocation, type SourceIndex } from '../xml/source-index.js';
import { runLibxml2, type DocumentOutcome, type GrammarRequest, type Libxml2Report } from './libxml2.js';

/** A document to check: `file` is the path shown to the user, `text` the document text (after XInclude). */
export interface XmlSource {
  file: string;
  text: string;
}

/** A RELAX NG grammar in XML syntax; `hash` (e.g. its sha256) keys the caches and is computed when absent. */
export interface RelaxNgSchema {
  file: string;
  text: string;
  hash?: string;
}

/** Options of {@link validateRelaxNg}. */
export interface RelaxNgOptions {
  /**
   * Prune the grammar to the documents' vocabulary before compiling it
   * (default true). Never changes a verdict; makes tei_all compile in well
   * under a second instead of 13–30 s.
   */
  prune?: boolean;
  /**
   * How to prune (see `prune-grammar.ts`). Default: `not-allowed` (fastest
   * compile) for up to {@link XMLLINT_LIMITS.fastPruneMaxDocuments} documents
   * and {@link XMLLINT_LIMITS.fastPruneMaxChars} characters, `empty-content`
   * (faster validation per document) above. When a `not-allowed`
   * run finds errors, the failing documents are validated again with
   * `empty-content`, whose error reports are precise.
   */
  pruneMode?: PruneMode;
  /** Time limit for each libxml2 run in milliseconds (default {@link XMLLINT_LIMITS.relaxNgTimeoutMs}). */
  timeoutMs?: number;
  /** Document characters per libxml2 run (default {@link XMLLINT_LIMITS.runMaxChars}). */
  runMaxChars?: number;
  /** Where pruned grammars are kept between runs (absent: pruned in every process). */
  grammarCache?: PrunedGrammarCache;
  /** Receives run-level findings (a damaged grammar cache entry, as an info). */
  onRunDiagnostic?: (diagnostic: Diagnostic) => void;
  /** Receives the wall times of the steps (prune, compile, parse and validate, report). */
  timings?: StepTimings;
}

/** Options of {@link checkWellFormed}. */
export interface WellFormedOptions {
  /** Time limit in milliseconds (default {@link XMLLINT_LIMITS.wellFormedTimeoutMs}). */
  timeoutMs?: number;
  /** Document characters per libxml2 run (default {@link XMLLINT_LIMITS.runMaxChars}). */
  runMaxChars?: number;
}

/** The limits this adapter applies. */
export const XMLLINT_LIMITS = Object.freeze({
  /** Default time limit of a RELAX NG run (the whole of tei_all compiles in 13–30 s). */
  relaxNgTimeoutMs: 120_000,
  /** Default time limit of a well-formedness run. */
  wellFormedTimeoutMs: 60_000,
  /** Largest document accepted, in characters (64 Mi); larger ones are refused with a diagnostic. */
  maxDocumentChars: 64 * 1024 * 1024,
  /**
   * Most WebAssembly memory libxml2 may grow to: 32768 pages of 64 KiB =
   * 2 GiB. xmllint-wasm (XML Schema) takes it as an option; libxml2-wasm is
   * built with the same maximum, and an allocation beyond it ends its worker
   * (reported as `engine-failure`).
   */
  maxMemoryPages: 32_768,
  /** Documents up to which `not-allowed` pruning is the default (see `pruneModeFor`). */
  fastPruneMaxDocuments: 1_500,
  /** Total document characters up to which `not-allowed` pruning is the default. */
  fastPruneMaxChars: 14 * 1024 * 1024,
  /**
   * Document characters per libxml2 run: more documents are validated in
   * several runs, each with its own time limit (with xmllint-wasm, one run's
   * memory grew with its documents: one run of 5,000 letters, 60 MB, crashed
   * the process after 6 minutes; libxml2-wasm parses and frees one document
   * at a time, and a RELAX NG grammar is compiled once for all the runs).
   */
  runMaxChars: 16 * 1024 * 1024,
  /**
   * Documents per libxml2 run, however small: an XML Schema run of 3,000
   * OAI-PMH records (2 KB each) did not finish in 120 s and one of 5,000
   * failed with "memory access out of bounds", where 2,000 take 2 s.
   */
  runMaxDocuments: 1_000,
  /**
   * Documents from which a RELAX NG run is split across two libxml2 workers
   * (where the machine has two cores; see `libxml2WorkersFor`).
   */
  splitMinDocuments: 200,
  /** Parsed grammars kept in memory. */
  cachedSchemas: 8,
  /** Pruned grammar texts kept in memory. */
  cachedPrunedGrammars: 32,
});

/** The in-memory name of an XML Schema driver in an xmllint-wasm run. */
const SCHEMA_NAME = 'schema.rng';
const documentName = (index: number): string => `doc-${index}.xml`;

// ---------------------------------------------------------------------------
// Running xmllint-wasm (XML Schema)

/** What one xmllint-wasm run produced. */
type RunResult =
  | { kind: 'finished'; exitCode: number; output: string }
  | { kind: 'timed-out' }
  | { kind: 'crashed'; message: string };

const require = createRequire(import.meta.url);
const XMLLINT_MODULE_URL = pathToFileURL(require.resolve('xmllint-wasm')).href;

/**
 * Runs inside the worker: calls validateXML and posts back libxml2's stderr and
 * exit code. Written with dynamic imports so that it runs whether the worker
 * evaluates it as CommonJS or, under `--input-type=module`, as an ES module.
 */
const WORKER_SOURCE = `
(async () => {
  const { parentPort, workerData } = await import('node:worker_threads');
  const xmllint = await import(workerData.moduleUrl);
  const validateXML = xmllint.validateXML ?? xmllint.default.validateXML;
  const { leadingArguments, ...options } = workerData.request;
  validateXML({ ...options, modifyArguments: (args) => [...leadingArguments, ...args] }).then(
    (result) => parentPort.postMessage({ exitCode: result.valid ? 0 : 3, output: result.rawOutput }),
    (error) => parentPort.postMessage({
      exitCode: error && typeof error.code === 'number' ? error.code : -1,
      output: String(error && error.message !== undefined ? error.message : error),
    }),
  );
})();
`;

/** Runs xmllint-wasm's XML Schema validation on in-memory files in a worker thread that is terminated after `timeoutMs`. */
function runXmllint(
  documents: readonly string[],
  schema: string,
  timeoutMs: number,
  preload: readonly XmlSchemaFile[],
): Promise<RunResult> {
  const request = {
    xml: documents.map((contents, index) => ({ fileName: documentName(index), contents })),
    schema: { fileName: SCHEMA_NAME, contents: schema },
    extension: 'schema',
    preload: preload.map((file) => ({ fileName: file.fileName, contents: file.contents })),
    maxMemoryPages: XMLLINT_LIMITS.maxMemoryPages,
    leadingArguments: ['--nonet'],
  };
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { moduleUrl: XMLLINT_MODULE_URL, request } });
    let settled = false;
    const settle = (result: RunResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ kind: 'timed-out' }), timeoutMs);
    worker.once('message', (message: { exitCode: number; output: string }) =>
      settle({ kind: 'finished', exitCode: message.exitCode, output: message.output }),
    );
    worker.once('error', (error) => settle({ kind: 'crashed', message: String(error) }));
    worker.once('exit', (code) => settle({ kind: 'crashed', message: `xmllint worker exited with code ${code}` }));
  });
}

// ---------------------------------------------------------------------------
// Reading xmllint's output

/** One report of libxml2, with its context lines. */
interface OutputRecord {
  /** Document index, 'schema' for the grammar, or undefined when libxml2 did not say (errors inside entities). */
  target: number | 'schema' | undefined;
  line: number | undefined;
  /** The element of an `element X:` prefix. */
  element: string | undefined;
  /** E.g. `parser error`, `Relax-NG validity error`, `warning`. */
  level: string;
  message: string;
  /** The source line libxml2 printed and the caret's byte offset in it. */
  context?: { snippet: string; caret: number };
  raw: string;
}

/** What libxml2 printed, sorted out. */
interface ParsedOutput {
  records: OutputRecord[];
  /** Per document index: 'valid' or 'invalid', from the `validates` / `fails to validate` lines. */
  status: Map<number, 'valid' | 'invalid'>;
  /** Position in `records` where each status line appeared, to attribute unnamed records. */
  statusOrder: { index: number; recordCount: number }[];
}

const HEADER = /^(?:(?:doc-(\d+)\.xml|(schema\.rng)):(\d+):|Entity: line (\d+):)\s?(?:element (\S+): )?(.*)$/;
const LEVEL = /^([A-Za-z -]*?(?:error|warning))\s?:\s?(.*)$/;
const STATUS = /^doc-(\d+)\.xml (validates|fails to validate|validation generated an internal error)$/;
const CARET = /^[\t ]*\^$/;

function parseOutput(output: string): ParsedOutput {
  const lines = output.split('\n');
  const parsed: ParsedOutput = { records: [], status: new Map(), statusOrder: [] };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const status = STATUS.exec(line);
    if (status) {
      const index = Number(status[1]);
      parsed.status.set(index, status[2] === 'validates' ? 'valid' : 'invalid');
      parsed.statusOrder.push({ index, recordCount: parsed.records.length });
      continue;
    }
    const header = HEADER.exec(line);
    let context: OutputRecord['context'];
    const raw = [line];
    if (i + 2 < lines.length && !HEADER.test(lines[i + 1]!) && CARET.test(lines[i + 2]!)) {
      context = { snippet: lines[i + 1]!, caret: lines[i + 2]!.indexOf('^') };
      raw.push(lines[i + 1]!, lines[i + 2]!);
      i += 2;
    }
    const previous = parsed.records.at(-1);
    if (!header) {
      if (previous) previous.raw += `\n${raw.join('\n')}`;
      else parsed.records.push({ target: undefined, line: undefined, element: undefined, level: '', message: line, context, raw: raw.join('\n') });
      continue;
    }
    const rest = header[6]!;
    if (header[4] !== undefined && rest.trim() === '' && previous) {
      // libxml2 prints the chain of entities an error happened in as extra "Entity: line N:" headers.
      previous.raw += `\n${raw.join('\n')}`;
      continue;
    }
    const level = LEVEL.exec(rest);
    parsed.records.push({
      target: header[1] !== undefined ? Number(header[1]) : header[2] !== undefined ? 'schema' : undefined,
      line: header[3] !== undefined && Number(header[3]) > 0 ? Number(header[3]) : undefined,
      element: header[5],
      level: level ? level[1]!.trim() : '',
      message: (level ? level[2]! : rest).trim(),
      context,
      raw: raw.join('\n'),
    });
  }
  return parsed;
}

/** The 1-based column of libxml2's caret, found by locating the printed snippet in the source line. */
function columnFromContext(text: string, line: number | undefined, context: OutputRecord['context']): number | undefined {
  if (!context || line === undefined) return undefined;
  let characters = 0;
  let bytes = 0;
  for (const character of context.snippet) {
    if (bytes >= context.caret) break;
    bytes += Buffer.byteLength(character);
    characters += character.length;
  }
  const sourceLine = lineOf(text, line);
  const at = context.snippet === '' || sourceLine === undefined ? -1 : sourceLine.indexOf(context.snippet);
  return (at < 0 ? 0 : at) + characters + 1;
}

function lineOf(text: string, line: number): string | undefined {
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

/** Line and column of the first occurrence of `snippet` in `text`, for reports libxml2 could not place. */
function findSnippet(text: string, snippet: string | undefined): { line: number; column: number } | undefined {
  const probe = snippet?.trim();
  if (!probe) return undefined;
  const at = text.indexOf(probe);
  if (at < 0) return undefined;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

// ---------------------------------------------------------------------------
// Well-formedness

/**
 * Parses each document with libxml2 (no network, no external entity or DTD
 * loading) and returns its well-formedness diagnostics (source
 * 'well-formedness', with line and column), keyed by `file`. Every file of
 * `docs` has an entry, empty when the document is well-formed.
 */
export async function checkWellFormed(
  docs: readonly XmlSource[],
  options: WellFormedOptions = {},
): Promise<Map<string, Diagnostic[]>> {
  const batches = runBatches(docs, options.runMaxChars ?? XMLLINT_LIMITS.runMaxChars);
  if (batches.length > 1) return mergedResults(await inSequence(batches, (batch) => checkWellFormed(batch, options)));
  const timeoutMs = options.timeoutMs ?? XMLLINT_LIMITS.wellFormedTimeoutMs;
  const results = new Map<string, Diagnostic[]>(docs.map((doc) => [doc.file, []]));
  const runnable: XmlSource[] = [];
  for (const doc of docs) {
    const refusal = refuseDocument(doc, 'well-formedness');
    if (refusal) results.get(doc.file)!.push(refusal);
    else {
      results.get(doc.file)!.push(...externalEntityDiagnostics(doc));
      runnable.push(doc);
    }
  }
  if (runnable.length === 0) return results;
  const run = await runLibxml2(runnable.map((doc) => doc.text), undefined, timeoutMs);
  for (const [index, doc] of runnable.entries()) {
    if (run.kind === 'finished') results.get(doc.file)!.push(...parseDiagnostics(doc, run.documents[index]!));
    else results.get(doc.file)!.push(runFailure(doc.file, run.kind === 'grammar-error' ? { kind: 'crashed', message: 'libxml2 compiled a grammar where none was given' } : run, 'well-formedness', timeoutMs));
  }
  return results;
}

/** The well-formedness diagnostics of one parse (errors, warnings; an xml:id that is not an NCName is left to validation). */
function parseDiagnostics(doc: XmlSource, outcome: DocumentOutcome): Diagnostic[] {
  const reports = [...outcome.parseErrors, ...outcome.warnings].sort((a, b) => a.line - b.line || a.col - b.col);
  const found = reports.map((report) => parseReportDiagnostic(doc, report)).filter((d) => d !== undefined);
  // libxml2 gives no report for an empty document or one without a root.
  if (!outcome.parsed && !found.some((d) => d.severity === 'error')) found.push(parseReportDiagnostic(doc, { message: 'Document is empty', level: 3, line: 1, col: 1 })!);
  return found;
}

/** libxml2's name for the kind of a parser report, as xmllint prints it. */
function parserLevel(report: Libxml2Report): string {
  const severity = report.level === 1 ? 'warning' : 'error';
  if (XML_ID_NOT_NCNAME.test(report.message)) return `validity ${severity}`;
  if (/^(?:Namespace prefix |xmlns|xml namespace |reuse of the xmlns)/.test(report.message)) return `namespace ${severity}`;
  return `parser ${severity}`;
}

const XML_ID_NOT_NCNAME = /^xml:id : attribute value (.*) is not an NCName$/;

/** A parser report as a diagnostic; undefined for the xml:id check, which is a validity question. */
function parseReportDiagnostic(doc: XmlSource, report: Libxml2Report): Diagnostic | undefined {
  const level = parserLevel(report);
  if (level.includes('validity')) return undefined;
  const warning = report.level === 1;
  const line = report.line > 0 ? report.line : 1;
  const { ruleId, message, hint } = describeParserMessage(report.message, level);
  return {
    file: doc.file,
    line,
    column: report.line > 0 && report.col > 0 ? report.col : 1,
    severity: warning ? 'warning' : 'error',
    source: 'well-formedness',
    ruleId: warning ? 'xml/parser-warning' : ruleId,
    message,
    hint,
    cause: `${doc.file}:${line}: ${level} : ${report.message}`,
  };
}

/** The documents in runs of at most `maxChars` characters and {@link XMLLINT_LIMITS.runMaxDocuments} documents each (a larger document runs alone), in order. */
function runBatches<T extends XmlSource>(docs: readonly T[], maxChars: number): T[][] {
  const batches: T[][] = [];
  let size = Infinity;
  for (const doc of docs) {
    if (size + doc.text.length > maxChars || batches.at(-1)!.length >= XMLLINT_LIMITS.runMaxDocuments) {
      batches.push([]);
      size = 0;
    }
    batches.at(-1)!.push(doc);
    size += doc.text.length;
  }
  return batches;
}

/** Runs `run` on each batch, one after the other (libxml2 runs one at a time in its worker). */
async function inSequence<T, R>(batches: readonly T[], run: (batch: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const batch of batches) results.push(await run(batch));
  return results;
}

/** The per-file results of several runs as one map. */
function mergedResults(runs: readonly Map<string, Diagnostic[]>[]): Map<string, Diagnostic[]> {
  return new Map(runs.flatMap((run) => [...run]));
}

function wellFormednessDiagnostic(doc: XmlSource, record: OutputRecord): Diagnostic | undefined {
  // xml:id values are checked by libxml2 while parsing, but they are a validity question, not well-formedness.
  if (record.level.includes('validity')) return undefined;
  const warning = record.level.includes('warning');
  let line = record.line;
  let column = columnFromContext(doc.text, record.line, record.context);
  if (record.target === undefined || line === undefined) {
    const found = findSnippet(doc.text, record.context?.snippet);
    line = found?.line ?? 1;
    column = found?.column ?? 1;
  }
  const { ruleId, message, hint } = describeParserMessage(record.message, record.level);
  return {
    file: doc.file,
    line,
    column: column ?? 1,
    severity: warning ? 'warning' : 'error',
    source: 'well-formedness',
    ruleId: warning ? 'xml/parser-warning' : ruleId,
    message,
    hint,
    cause: record.raw,
  };
}

/** Plain words for libxml2's most frequent parser messages. */
function describeParserMessage(raw: string, level: string): { ruleId: string; message: string; hint: string } {
  const fix = 'Fix the XML at this position; nothing else can be checked until the file is well-formed.';
  let match: RegExpExecArray | null;
  if ((match = /^Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)$/.exec(raw))) {
    return {
      ruleId: 'xml/not-well-formed',
      message: `End tag </${match[3]}> does not match the start tag <${match[1]}> opened on line ${match[2]}.`,
      hint: `Close <${match[1]}> with </${match[1]}> before this point, or correct the end tag.`,
    };
  }
  if (/^Maximum entity amplification factor exceeded/.test(raw) || /entity.*(loop|amplification|too many)/i.test(raw)) {
    return {
      ruleId: 'xml/entity-expansion-limit',
      message: 'Entity expansion exceeds the safety limit (a possible "billion laughs" entity bomb); the document was not expanded.',
      hint: 'Replace the nested entity declarations by the text they stand for; TEI documents should use Unicode characters, not entities.',
    };
  }
  if ((match = /^Entity '(.+)' not defined$/.exec(raw))) {
    return {
      ruleId: 'xml/undefined-entity',
      message: `The entity &${match[1]}; is not defined.`,
      hint: `Replace &${match[1]}; by the character it stands for (or by &amp; if a literal "&" was meant).`,
    };
  }
  if (raw === 'Document is empty' || raw.startsWith('Start tag expected')) {
    return { ruleId: 'xml/not-well-formed', message: 'The file has no XML content (no root element).', hint: 'Check that this is the XML file you meant; an empty file cannot be validated.' };
  }
  if (level.startsWith('namespace')) {
    return { ruleId: 'xml/namespace-error', message: `${raw}.`, hint: 'Declare the prefix with xmlns:prefix="…" on this element or an ancestor.' };
  }
  return { ruleId: 'xml/not-well-formed', message: `${raw.replace(/\s+$/, '')}.`, hint: fix };
}

/** External entities are never loaded; a document that declares one gets an error saying so (without the target's content). */
function externalEntityDiagnostics(doc: XmlSource): Diagnostic[] {
  const doctype = /<!DOCTYPE[\s\S]*?(?:\[[\s\S]*?\]\s*)?>/.exec(doc.text);
  if (!doctype) return [];
  const diagnostics: Diagnostic[] = [];
  for (const match of doctype[0].matchAll(/<!ENTITY\s+(%\s+)?(\S+)\s+(?:SYSTEM|PUBLIC\s+(?:"[^"]*"|'[^']*'))\s+("[^"]*"|'[^']*')/g)) {
    const position = findSnippet(doc.text, match[0]);
    diagnostics.push({
      file: doc.file,
      line: position?.line ?? 1,
      column: position?.column ?? 1,
      severity: 'error',
      source: 'well-formedness',
      ruleId: 'xml/external-entity-not-loaded',
      message: `The external entity ${match[2]} (${match[3]}) is not loaded: tei-edition never reads external entities, so its references stay empty.`,
      hint: 'Put the text itself into the document, or use XInclude (resolved within the edition folder).',
      cause: match[0],
    });
  }
  return diagnostics;
}

/** A document refused before libxml2 sees it: too large, or binary. */
function refuseDocument(doc: XmlSource, source: 'well-formedness' | 'relaxng' | 'xsd'): Diagnostic | undefined {
  if (doc.text.length > XMLLINT_LIMITS.maxDocumentChars) {
    return {
      file: doc.file,
      severity: 'error',
      source,
      ruleId: 'xml/file-too-large',
      message: `The file has ${doc.text.length} characters; the validator accepts at most ${XMLLINT_LIMITS.maxDocumentChars} (64 Mi).`,
      hint: 'Split the document into smaller files joined by XInclude.',
    };
  }
  const nul = doc.text.indexOf('\u0000');
  if (nul >= 0) {
    const before = doc.text.slice(0, nul);
    return {
      file: doc.file,
      line: before.split('\n').length,
      column: nul - before.lastIndexOf('\n'),
      severity: 'error',
      source,
      ruleId: 'xml/binary-file',
      message: 'The file contains NUL characters: it is a binary file, not XML text.',
      hint: 'Check that this is the XML file you meant, and that it is saved as UTF-8 text.',
    };
  }
  return undefined;
}

function runFailure(
  file: string,
  run: Exclude<RunResult, { kind: 'finished' }>,
  source: 'well-formedness' | 'relaxng' | 'xsd',
  timeoutMs: number,
): Diagnostic {
  const prefix = source === 'relaxng' ? 'relaxng' : 'xml';
  if (run.kind === 'timed-out') {
    return {
      file,
      severity: 'error',
      source,
      ruleId: `${prefix}/time-limit`,
      message: `${source === 'relaxng' ? 'RELAX NG validation' : 'Parsing'} did not finish within ${timeoutMs / 1000} s and was stopped; this file's verdict is unknown.`,
      hint: 'Raise the time limit (option timeoutMs of the validator, or the CLI\'s time limit setting), or validate fewer files at once.',
    };
  }
  return {
    file,
    severity: 'error',
    source: 'internal',
    ruleId: `${prefix}/engine-failure`,
    message: 'libxml2 stopped without a verdict (out of memory or an internal error).',
    hint: `The documents may be too large for the validator's memory limit (${XMLLINT_LIMITS.maxMemoryPages / 16} MiB); validate fewer or smaller files at once.`,
    cause: run.message.slice(0, 2000),
  };
}

// ---------------------------------------------------------------------------
// RELAX NG

/** A schema as this process knows it: its grammar parsed (for pruning and for messages) only when needed, and its pruned texts. */
interface PreparedSchema {
  hash: string;
  /** The parsed grammar; null when it is not RELAX NG in XML syntax that we can read (then it is compiled as given). */
  grammar?: RngDocument | null;
  model?: GrammarModel | null;
  pruned: Map<string, string>;
}

const schemaCache = new Map<string, PreparedSchema>();

/** A schema's entry in the process's cache (least recently used dropped first); nothing is parsed yet. */
function prepareSchema(schema: RelaxNgSchema): PreparedSchema {
  const key = schema.hash ?? createHash('sha256').update(schema.text).digest('hex');
  const prepared = schemaCache.get(key) ?? { hash: key, pruned: new Map() };
  schemaCache.delete(key);
  schemaCache.set(key, prepared);
  while (schemaCache.size > XMLLINT_LIMITS.cachedSchemas) schemaCache.delete(schemaCache.keys().next().value!);
  return prepared;
}

function parsedGrammar(schema: RelaxNgSchema, prepared: PreparedSchema): RngDocument | null {
  if (prepared.grammar === undefined) prepared.grammar = parseRng(schema.text) ?? null;
  return prepared.grammar;
}

/** What messages read of the grammar ("allowed here: …"): built only when a document is invalid. */
function grammarModel(schema: RelaxNgSchema, prepared: PreparedSchema): GrammarModel | undefined {
  if (prepared.model === undefined) {
    const grammar = parsedGrammar(schema, prepared);
    prepared.model = grammar ? buildGrammarModel(grammar) : null;
  }
  return prepared.model ?? undefined;
}

/**
 * The grammar to compile for these documents: pruned to their vocabulary
 * (from memory, else from the disk cache, else pruned now and stored), or as
 * given. A damaged cache entry is rebuilt and reported as an info diagnostic.
 */
async function grammarFor(schema: RelaxNgSchema, prepared: PreparedSchema, texts: readonly string[], mode: PruneMode | undefined, options: RelaxNgOptions): Promise<GrammarRequest> {
  if (!mode) return { key: `${prepared.hash}\nunpruned`, text: schema.text };
  const vocabulary = [...documentVocabulary(texts)].sort();
  const memoryKey = `${mode}\n${vocabulary.join(' ')}`;
  let text = prepared.pruned.get(memoryKey);
  if (text === undefined && options.grammarCache) {
    const found = await options.grammarCache.read(prepared.hash, mode, vocabulary);
    if (found.kind === 'hit') text = found.text;
    if (found.kind === 'damaged') options.onRunDiagnostic?.(damagedCacheEntry(found.file, found.reason, schema.file));
  }
  if (text === undefined) {
    const grammar = parsedGrammar(schema, prepared);
    if (!grammar) return { key: `${prepared.hash}\nunpruned`, text: schema.text };
    text = pruneGrammar(grammar, new Set(vocabulary), mode).text;
    await options.grammarCache?.write(prepared.hash, mode, vocabulary, text).catch(() => undefined);
  }
  prepared.pruned.delete(memoryKey);
  prepared.pruned.set(memoryKey, text);
  while (prepared.pruned.size > XMLLINT_LIMITS.cachedPrunedGrammars) prepared.pruned.delete(prepared.pruned.keys().next().value!);
  return { key: createHash('sha256').update(`${prepared.hash}\n${memoryKey}`).digest('hex'), text };
}

/** The run's info about a cache entry that failed its checks and was rebuilt. */
function damagedCacheEntry(file: string, reason: string, schemaFile: string): Diagnostic {
  return {
    file,
    severity: 'info',
    source: 'relaxng',
    ruleId: 'relaxng/grammar-cache-rebuilt',
    message: `The cached pruned grammar of ${schemaFile} could not be used (${reason}); it was pruned again and the entry rewritten.`,
    hint: 'Nothing to do: the cache repairs itself. Delete the .cache folder if this repeats.',
  };
}

/**
 * Validates documents against one RELAX NG schema: each document is parsed
 * once by libxml2 and validated with the grammar compiled once, and the
 * result is diagnostics per file (source 'relaxng'; parse errors, if a
 * document is not well-formed, with source 'well-formedness'). Every file of
 * `docs` has an entry, empty when valid. When the fast pruned run finds
 * errors, the failing documents get a second, precise run (see
 * {@link RelaxNgOptions.pruneMode}).
 */
export async function validateRelaxNg(
  docs: readonly XmlSource[],
  schema: RelaxNgSchema,
  options: RelaxNgOptions = {},
): Promise<Map<string, Diagnostic[]>> {
  return relaxNgPass(docs, schema, options, false);
}

/**
 * Well-formedness and RELAX NG validity in one libxml2 pass: what
 * {@link checkWellFormed} and {@link validateRelaxNg} report, each document
 * parsed once. The well-formedness diagnostics (source 'well-formedness')
 * come first; a document with a well-formedness error has no other.
 */
export async function checkAndValidateRelaxNg(
  docs: readonly XmlSource[],
  schema: RelaxNgSchema,
  options: RelaxNgOptions = {},
): Promise<Map<string, Diagnostic[]>> {
  return relaxNgPass(docs, schema, options, true);
}

async function relaxNgPass(docs: readonly XmlSource[], schema: RelaxNgSchema, options: RelaxNgOptions, wellFormedness: boolean): Promise<Map<string, Diagnostic[]>> {
  const timeoutMs = options.timeoutMs ?? XMLLINT_LIMITS.relaxNgTimeoutMs;
  const results = new Map<string, Diagnostic[]>(docs.map((doc) => [doc.file, []]));
  const runnable: XmlSource[] = [];
  for (const doc of docs) {
    const refusal = refuseDocument(doc, wellFormedness ? 'well-formedness' : 'relaxng');
    if (refusal) results.get(doc.file)!.push(refusal);
    else {
      if (wellFormedness) results.get(doc.file)!.push(...externalEntityDiagnostics(doc));
      runnable.push(doc);
    }
  }
  if (runnable.length === 0) return results;

  const prepared = prepareSchema(schema);
  const mode: PruneMode | undefined = options.prune === false ? undefined : (options.pruneMode ?? pruneModeFor(runnable));
  const first = await validateInRuns(runnable, schema, prepared, mode, timeoutMs, options);
  const failing = runnable.filter((doc) => first.get(doc.file)!.some((d) => d.severity === 'error' && d.source === 'relaxng'));
  if (mode === 'not-allowed' && failing.length > 0) {
    const precise = await validateInRuns(failing, schema, prepared, 'empty-content', timeoutMs, options);
    for (const doc of failing) {
      const better = precise.get(doc.file)!;
      if (better.some((d) => d.severity === 'error') && !better.some((d) => d.ruleId === 'relaxng/time-limit')) first.set(doc.file, better);
    }
  }
  for (const doc of runnable) {
    const found = first.get(doc.file)!;
    // Without the well-formedness report, only the errors that stopped validation (as xmllint --relaxng printed them) are kept.
    results.get(doc.file)!.push(...(wellFormedness ? found : found.filter((d) => d.source !== 'well-formedness' || d.severity === 'error')));
  }
  return results;
}

/**
 * Validates `docs` with one grammar (pruned to the vocabulary of all of
 * them, compiled once by the engine), in runs of at most
 * {@link RelaxNgOptions.runMaxChars} characters, each with its own time limit.
 */
async function validateInRuns(
  docs: readonly XmlSource[],
  schema: RelaxNgSchema,
  prepared: PreparedSchema,
  mode: PruneMode | undefined,
  timeoutMs: number,
  options: RelaxNgOptions,
): Promise<Map<string, Diagnostic[]>> {
  const started = performance.now();
  const grammar = await grammarFor(schema, prepared, docs.map((doc) => doc.text), mode, options);
  options.timings?.add('well-formed+grammar › prune', performance.now() - started);
  const runs = runBatches(docs, options.runMaxChars ?? XMLLINT_LIMITS.runMaxChars);
  return mergedResults(await inSequence(runs, (run) => validateRun(run, schema, prepared, grammar, timeoutMs, options)));
}

/**
 * The default pruning mode, from measurements with libxml2-wasm against
 * tei_all on 1–1,000 replicated Escher letters (9.5 KB each; figures in the
 * README, "Validation speed"): `not-allowed` compiles in 0.3–0.5 s and
 * parses and validates in about 3 ms a letter; `empty-content` compiles in
 * 1.2–2.6 s and needs about 2 ms a letter. Its slower compile pays for
 * itself only beyond about 1,750 letters (17 MB), so `not-allowed` is
 * chosen up to 1,500 documents and 14 MiB, whichever comes first.
 */
export function pruneModeFor(docs: readonly XmlSource[]): PruneMode {
  const characters = docs.reduce((sum, doc) => sum + doc.text.length, 0);
  return docs.length <= XMLLINT_LIMITS.fastPruneMaxDocuments && characters <= XMLLINT_LIMITS.fastPruneMaxChars ? 'not-allowed' : 'empty-content';
}

/**
 * How many libxml2 workers a RELAX NG run of `documents` documents uses: two
 * from {@link XMLLINT_LIMITS.splitMinDocuments}, where the second worker's
 * start and its own compile of the grammar cost less than half the parsing
 * and validating saves; else one.
 */
export function libxml2WorkersFor(documents: number): number {
  return documents >= XMLLINT_LIMITS.splitMinDocuments ? 2 : 1;
}

/** One engine request: `docs` parsed and validated with `grammar`, turned into diagnostics. */
async function validateRun(
  docs: readonly XmlSource[],
  schema: RelaxNgSchema,
  prepared: PreparedSchema,
  grammar: GrammarRequest,
  timeoutMs: number,
  options: RelaxNgOptions,
): Promise<Map<string, Diagnostic[]>> {
  const results = new Map<string, Diagnostic[]>(docs.map((doc) => [doc.file, []]));
  const run = await runLibxml2(docs.map((doc) => doc.text), grammar, timeoutMs, libxml2WorkersFor(docs.length));
  if (run.kind === 'timed-out' || run.kind === 'crashed') {
    for (const doc of docs) results.get(doc.file)!.push(runFailure(doc.file, run, 'relaxng', timeoutMs));
    return results;
  }
  if (run.kind === 'grammar-error') {
    const causes = run.reports.map((report) => `${schema.file}:${report.line}: Relax-NG parser error : ${report.message}`);
    for (const doc of docs) {
      results.get(doc.file)!.push({
        file: doc.file,
        severity: 'error',
        source: 'relaxng',
        ruleId: 'relaxng/schema-error',
        message: `The RELAX NG schema ${schema.file} could not be compiled, so this file was not validated.${causes[0] ? ` First problem: ${causes[0]}` : ''}`,
        hint: 'Check the schema with the tool that generated it (e.g. the TEI Roma/ODD processor); it must be RELAX NG in XML syntax without external includes.',
        cause: causes.slice(0, 20).join('\n'),
      });
    }
    return results;
  }
  if (run.startMs > 0) options.timings?.add('well-formed+grammar › load libxml2 (its thread)', run.startMs);
  options.timings?.add('well-formed+grammar › compile', run.compileMs);
  options.timings?.add('well-formed+grammar › parse and validate', run.checkMs);
  const reporting = performance.now();
  for (const [index, doc] of docs.entries()) {
    const outcome = run.documents[index]!;
    const wellFormedness = parseDiagnostics(doc, outcome);
    results.get(doc.file)!.push(...wellFormedness);
    if (!outcome.parsed || hasErrors(wellFormedness)) continue;
    const xmlIds = outcome.parseErrors.filter((report) => XML_ID_NOT_NCNAME.test(report.message));
    if (xmlIds.length === 0 && outcome.validity?.length === 0) continue;
    const sourceIndex = indexSource(doc.text);
    const context: DocumentContext = { file: doc.file, index: sourceIndex, model: grammarModel(schema, prepared), usage: elementUsage(sourceIndex) };
    const reports: HumanisedReport[] = xmlIds.map((report) => ({
      diagnostic: invalidXmlId(context, report.line > 0 ? report.line : undefined, XML_ID_NOT_NCNAME.exec(report.message)![1]!, `${doc.file}:${report.line}: validity error : ${report.message}`),
      cascade: false,
    }));
    for (const report of outcome.validity ?? []) {
      const line = report.line > 0 ? report.line : undefined;
      const element = report.xpath === undefined ? undefined : elementAtNodePath(sourceIndex, report.xpath)?.localName;
      const raw = `${doc.file}:${line ?? 0}: ${element ? `element ${element}: ` : ''}Relax-NG validity error : ${report.message}`;
      reports.push(humaniseRelaxNgReport({ line, element, message: report.message, raw }, context));
    }
    const diagnostics = collapseCascades(reports);
    if (!hasErrors(diagnostics)) {
      // Never let a file pass silently: libxml2 did not say it is valid.
      diagnostics.push({ file: doc.file, line: 1, column: 1, severity: 'error', source: 'relaxng', ruleId: 'relaxng/invalid', message: 'The document could not be validated.', hint: 'See the cause for libxml2\'s own words.', cause: JSON.stringify(outcome) });
    }
    diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    results.get(doc.file)!.push(...diagnostics);
  }
  options.timings?.add('well-formed+grammar › messages', performance.now() - reporting);
  return results;
}

/**
 * The element libxml2 names with its node path (`xmlGetNodePath`): a step
 * `*[n]` (an element in a default namespace) counts every element sibling, a
 * step `name[n]` or `prefix:name[n]` the siblings of that name; `[n]` is left
 * out when there is one. Undefined when the path leaves what the index holds
 * (e.g. elements from entity expansion).
 */
export function elementAtNodePath(index: SourceIndex, nodePath: string): ElementLocation | undefined {
  const children = childrenOf(index);
  let parent = -1;
  for (const step of nodePath.split('/').slice(1)) {
    const match = /^([^[]+)(?:\[(\d+)\])?$/.exec(step);
    if (!match || /[()@]/.test(match[1]!)) break;
    const name = match[1]!;
    const wanted = Number(match[2] ?? 1);
    let seen = 0;
    const chosen = children[parent + 1]?.find((position) => (name === '*' || index.elements[position]!.qualifiedName === name) && ++seen === wanted);
    if (chosen === undefined) return undefined;
    parent = chosen;
  }
  return parent >= 0 ? index.elements[parent] : undefined;
}

const childrenByIndex = new WeakMap<SourceIndex, number[][]>();

/** The positions of each element's children (slot 0: the root's level), made once per index: an invalid register has thousands of paths to follow. */
function childrenOf(index: SourceIndex): number[][] {
  let children = childrenByIndex.get(index);
  if (!children) {
    const made: number[][] = Array.from({ length: index.elements.length + 1 }, () => []);
    index.elements.forEach((element, position) => made[element.parent + 1]!.push(position));
    childrenByIndex.set(index, made);
    children = made;
  }
  return children;
}

/** Puts the user's path in place of the in-memory name in a record's raw lines. */
function withDisplayName(record: OutputRecord, doc: XmlSource): OutputRecord {
  if (typeof record.target === 'number') record.raw = record.raw.replaceAll(`${documentName(record.target)}:`, `${doc.file}:`);
  return record;
}

/** Gives records without a document name to the document whose status line follows them. */
function attributeToStatus(parsed: ParsedOutput): void {
  for (const [position, record] of parsed.records.entries()) {
    if (record.target !== undefined) continue;
    const next = parsed.statusOrder.find((entry) => entry.recordCount > position);
    record.target = next?.index;
  }
}

// ---------------------------------------------------------------------------
// W3C XML Schema

/** A schema document made available to an XSD run under its file name (for `xs:import`/`xs:include` with that schemaLocation). */
export interface XmlSchemaFile {
  fileName: string;
  contents: string;
}

/** Why an XML Schema did not compile, in libxml2's words. */
export interface XmlSchemaError {
  /** The schema file the problem is in: the driver's `file`, or the `fileName` of a preloaded schema. */
  file: string;
  line?: number;
  /** libxml2's message: the schema it could not locate, else its first error. */
  message: string;
  /** libxml2's output about the schema, with the driver's in-memory name replaced by its `file`. */
  cause: string;
}

/** The outcome of {@link validateXmlSchema}. */
export interface XmlSchemaValidation {
  /** Diagnostics per file; every file of the documents has an entry, empty when valid. */
  byFile: Map<string, Diagnostic[]>;
  /** Set when the schema did not compile: then no document was validated (each has an `xsd/schema-error`). */
  schemaError?: XmlSchemaError;
}

/**
 * Validates documents against a W3C XML Schema (libxml2, `--schema`).
 * `schema` is the driver; the documents it imports or includes must be in
 * `preload`, named as their schemaLocation says (nothing is fetched:
 * `--nonet`). Diagnostics have source 'xsd' (parse errors 'well-formedness'),
 * with the column and path of the element libxml2 names. Documents over
 * {@link XMLLINT_LIMITS.runMaxChars} characters in all are validated in
 * several runs.
 */
export async function validateXmlSchema(
  docs: readonly XmlSource[],
  schema: { file: string; text: string },
  preload: readonly XmlSchemaFile[],
  options: { timeoutMs?: number; runMaxChars?: number } = {},
): Promise<XmlSchemaValidation> {
  const batches = runBatches(docs, options.runMaxChars ?? XMLLINT_LIMITS.runMaxChars);
  if (batches.length > 1) {
    const runs: Map<string, Diagnostic[]>[] = [];
    for (const batch of batches) {
      const run = await validateXmlSchema(batch, schema, preload, options);
      // A schema that does not compile fails every run alike: the documents of the other runs get its verdict without running.
      if (run.schemaError) return { byFile: new Map(docs.map((doc) => [doc.file, run.byFile.get(doc.file) ?? [schemaErrorDiagnostic(doc.file, schema.file, run.schemaError!)]])), schemaError: run.schemaError };
      runs.push(run.byFile);
    }
    return { byFile: mergedResults(runs) };
  }
  const timeoutMs = options.timeoutMs ?? XMLLINT_LIMITS.relaxNgTimeoutMs;
  const results = new Map<string, Diagnostic[]>(docs.map((doc) => [doc.file, []]));
  const runnable = docs.filter((doc) => {
    const refusal = refuseDocument(doc, 'xsd');
    if (refusal) results.get(doc.file)!.push(refusal);
    return !refusal;
  });
  if (runnable.length === 0) return { byFile: results };
  const run = await runXmllint(runnable.map((doc) => doc.text), schema.text, timeoutMs, preload);
  if (run.kind !== 'finished') {
    for (const doc of runnable) results.get(doc.file)!.push(runFailure(doc.file, run, 'xsd', timeoutMs));
    return { byFile: results };
  }
  if (/^WXS schema .* failed to compile$/m.test(run.output)) {
    const schemaError = readSchemaError(run.output, schema.file);
    for (const doc of runnable) results.get(doc.file)!.push(schemaErrorDiagnostic(doc.file, schema.file, schemaError));
    return { byFile: results, schemaError };
  }
  const parsed = parseOutput(run.output);
  attributeToStatus(parsed);
  const indexes = new Map<XmlSource, SourceIndex>();
  const indexOf = (doc: XmlSource): SourceIndex => indexes.get(doc) ?? indexes.set(doc, indexSource(doc.text)).get(doc)!;
  for (const record of parsed.records) {
    if (typeof record.target !== 'number' || !runnable[record.target]) continue;
    const doc = runnable[record.target]!;
    withDisplayName(record, doc);
    if (record.level.includes('validity')) results.get(doc.file)!.push(xmlSchemaValidityDiagnostic(doc, record, indexOf));
    else {
      const parseError = wellFormednessDiagnostic(doc, record);
      if (parseError) results.get(doc.file)!.push(parseError);
    }
  }
  for (const [index, doc] of runnable.entries()) {
    const found = results.get(doc.file)!;
    if (!found.some((d) => d.severity === 'error') && parsed.status.get(index) !== 'valid') {
      found.push({ file: doc.file, line: 1, column: 1, severity: 'error', source: 'xsd', ruleId: 'xsd/not-validated', message: 'libxml2 did not confirm that this file is valid against the XML Schema.', cause: run.output.slice(0, 2000) });
    }
  }
  return { byFile: results };
}

const XSD_ELEMENT = /^Element '(?:\{([^}]*)\})?([^']+)'(?:, attribute '([^']+)')?: /;

/** An XSD validity report, placed on the element (or attribute) it names; Clark names of the document's own namespace are written as local names. */
function xmlSchemaValidityDiagnostic(doc: XmlSource, record: OutputRecord, indexOf: (doc: XmlSource) => SourceIndex): Diagnostic {
  const named = XSD_ELEMENT.exec(record.message);
  const index = named && record.line !== undefined ? indexOf(doc) : undefined;
  const element = index && named ? index.elementAtLine(record.line!, named[2]!) : undefined;
  const attribute = element && named?.[3] ? element.attributes.find((a) => a.name === named[3] || a.name.endsWith(`:${named[3]!.replace(/^\{[^}]*\}/, '')}`)) : undefined;
  const ownNamespace = index?.elements[0]?.namespaceUri;
  const position = attribute?.position ?? element?.start;
  return {
    file: doc.file,
    ...(record.line === undefined ? {} : { line: position?.line ?? record.line, column: position?.column ?? 1 }),
    severity: 'error',
    source: 'xsd',
    ruleId: 'xsd/invalid',
    message: ownNamespace ? record.message.replaceAll(`{${ownNamespace}}`, '') : record.message,
    hint: 'Change the document so that it follows the XML Schema: the message says what the schema expects here.',
    ...(element ? { path: element.displayPath } : {}),
    cause: record.raw,
  };
}

/** The per-document diagnostic of a schema that did not compile. */
function schemaErrorDiagnostic(file: string, schemaFile: string, error: XmlSchemaError): Diagnostic {
  return {
    file,
    severity: 'error',
    source: 'xsd',
    ruleId: 'xsd/schema-error',
    message: `The XML Schema ${schemaFile} could not be compiled, so this file was not validated: ${error.message}`,
    hint: 'Every schema it imports or includes must be in its folder, under the name its schemaLocation gives (nothing is downloaded).',
    cause: error.cause,
  };
}

const SCHEMA_PROBLEM = /^(?:(.+?):(\d+): )?(?:element \S+: )?(?:Schemas )?parser (error|warning) : (.*)$/;

/** libxml2's account of a schema that did not compile: the first schema it could not locate, else its first error. */
function readSchemaError(output: string, schemaFile: string): XmlSchemaError {
  const lines = output.split('\n').filter((line) => line !== '');
  const problems = lines.map((line) => SCHEMA_PROBLEM.exec(line)).filter((match) => match !== null);
  const chosen = problems.find((match) => match[3] === 'warning' && /Failed to locate a schema/.test(match[4]!)) ?? problems.find((match) => match[3] === 'error');
  const named = (name: string) => (name === SCHEMA_NAME ? schemaFile : name);
  return {
    file: chosen?.[1] === undefined ? schemaFile : named(chosen[1]),
    ...(chosen?.[2] === undefined ? {} : { line: Number(chosen[2]) }),
    message: (chosen?.[4] ?? lines[0] ?? 'libxml2 gave no reason.').replaceAll(`'${SCHEMA_NAME}'`, `'${schemaFile}'`),
    cause: lines.slice(0, 20).join('\n').replaceAll(SCHEMA_NAME, schemaFile),
  };
}
