/**
 * The xmllint-wasm adapter: well-formedness and RELAX NG validation with
 * libxml2 compiled to WebAssembly. This is the only module that knows
 * xmllint-wasm and the shape of libxml2's output; everything leaves it as
 * `Diagnostic` records with the raw lines kept as `cause`.
 *
 * Safety: documents are handed to libxml2 in memory under neutral names
 * (`doc-0.xml`, …), with `--nonet` and without `--noent`, `--loaddtd` or
 * `--xinclude`, so no external entity, DTD or network resource is ever read
 * (the WebAssembly file system holds only the files we give it). Entity
 * expansion is bounded by libxml2's amplification limit. Every run happens in
 * a worker thread that is terminated when the time limit passes.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostic.js';
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
import { indexSource, type SourceIndex } from '../xml/source-index.js';

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
   * compile) for up to {@link XMLLINT_LIMITS.fastPruneMaxChars} characters of
   * documents, `empty-content` (fast validation) above. When a `not-allowed`
   * run finds errors, the failing documents are validated again with
   * `empty-content`, whose error reports are precise.
   */
  pruneMode?: PruneMode;
  /** Time limit for each libxml2 run in milliseconds (default {@link XMLLINT_LIMITS.relaxNgTimeoutMs}). */
  timeoutMs?: number;
  /** Document characters per libxml2 run (default {@link XMLLINT_LIMITS.runMaxChars}). */
  runMaxChars?: number;
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
  /** Most WebAssembly memory libxml2 may grow to: 32768 pages of 64 KiB = 2 GiB. */
  maxMemoryPages: 32_768,
  /** Total document characters up to which `not-allowed` pruning is the default. */
  fastPruneMaxChars: 4 * 1024 * 1024,
  /**
   * Document characters per libxml2 run: more documents are validated in
   * several runs, so that no run's memory grows with the edition (one run of
   * 5,000 letters, 60 MB, crashed the process after 6 minutes; 1,000
   * letters, 12 MB, take one run as before).
   */
  runMaxChars: 16 * 1024 * 1024,
  /**
   * Documents per libxml2 run, however small: an XML Schema run of 3,000
   * OAI-PMH records (2 KB each) did not finish in 120 s and one of 5,000
   * failed with "memory access out of bounds", where 2,000 take 2 s.
   */
  runMaxDocuments: 1_000,
  /** Parsed grammars kept in memory. */
  cachedSchemas: 8,
  /** Pruned grammar texts kept in memory. */
  cachedPrunedGrammars: 32,
});

const SCHEMA_NAME = 'schema.rng';
const documentName = (index: number): string => `doc-${index}.xml`;

// ---------------------------------------------------------------------------
// Running libxml2

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

/** Runs xmllint-wasm on in-memory files in a worker thread that is terminated after `timeoutMs`. */
function runXmllint(
  documents: readonly string[],
  schema: string | undefined,
  timeoutMs: number,
  xsd?: { preload: readonly XmlSchemaFile[] },
): Promise<RunResult> {
  const request = {
    xml: documents.map((contents, index) => ({ fileName: documentName(index), contents })),
    ...(schema === undefined ? {} : { schema: { fileName: SCHEMA_NAME, contents: schema }, extension: xsd ? 'schema' : 'relaxng' }),
    ...(xsd ? { preload: xsd.preload.map((file) => ({ fileName: file.fileName, contents: file.contents })) } : {}),
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
// Reading libxml2's output

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
  schemaFailed: boolean;
}

const HEADER = /^(?:(?:doc-(\d+)\.xml|(schema\.rng)):(\d+):|Entity: line (\d+):)\s?(?:element (\S+): )?(.*)$/;
const LEVEL = /^([A-Za-z -]*?(?:error|warning))\s?:\s?(.*)$/;
const STATUS = /^doc-(\d+)\.xml (validates|fails to validate|validation generated an internal error)$/;
const CARET = /^[\t ]*\^$/;

function parseOutput(output: string): ParsedOutput {
  const lines = output.split('\n');
  const parsed: ParsedOutput = { records: [], status: new Map(), statusOrder: [], schemaFailed: false };
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
    if (/^Relax-NG schema .* failed to compile$/.test(line)) {
      parsed.schemaFailed = true;
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

  const run = await runXmllint(runnable.map((doc) => doc.text), undefined, timeoutMs);
  if (run.kind !== 'finished') {
    for (const doc of runnable) results.get(doc.file)!.push(runFailure(doc.file, run, 'well-formedness', timeoutMs));
    return results;
  }
  const parsed = parseOutput(run.output);
  const unattributed = parsed.records.filter((record) => record.target === undefined);
  const ambiguous = new Set<number>();
  for (const record of unattributed) {
    const candidates = candidateDocuments(parsed.records, record, runnable.length);
    if (candidates.length === 1) record.target = candidates[0];
    else for (const candidate of candidates) ambiguous.add(candidate);
  }
  for (const record of parsed.records) {
    if (typeof record.target !== 'number' || ambiguous.has(record.target)) continue;
    const doc = runnable[record.target];
    const found = doc && wellFormednessDiagnostic(doc, withDisplayName(record, doc));
    if (found) results.get(doc.file)!.push(found);
  }
  // A report libxml2 could not attribute (an error inside an entity) is resolved by parsing each candidate alone.
  for (const index of ambiguous) {
    const doc = runnable[index]!;
    const alone = await checkWellFormed([doc], options);
    const found = alone.get(doc.file)!.filter((d) => d.ruleId !== 'xml/external-entity-not-loaded');
    results.get(doc.file)!.push(...found);
  }
  if (run.exitCode !== 0 && parsed.records.length === 0) {
    for (const doc of runnable) results.get(doc.file)!.push(runFailure(doc.file, { kind: 'crashed', message: run.output }, 'well-formedness', timeoutMs));
  }
  return results;
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

/** Documents an unnamed record may belong to: between the named records around it. */
function candidateDocuments(records: readonly OutputRecord[], record: OutputRecord, count: number): number[] {
  const position = records.indexOf(record);
  const named = (step: number): number | undefined => {
    for (let i = position + step; i >= 0 && i < records.length; i += step) {
      const target = records[i]!.target;
      if (typeof target === 'number') return target;
    }
    return undefined;
  };
  const first = named(-1) ?? 0;
  const last = named(1) ?? count - 1;
  return Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
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

interface PreparedSchema {
  grammar: RngDocument | undefined;
  model: GrammarModel | undefined;
  pruned: Map<string, string>;
}

const schemaCache = new Map<string, PreparedSchema>();

/** Parsed grammar and analysis for a schema, parsed once and kept (least recently used dropped first). */
function prepareSchema(schema: RelaxNgSchema): { key: string; prepared: PreparedSchema } {
  const key = schema.hash ?? createHash('sha256').update(schema.text).digest('hex');
  let prepared = schemaCache.get(key);
  if (prepared) schemaCache.delete(key);
  else {
    const grammar = parseRng(schema.text);
    prepared = { grammar, model: grammar ? buildGrammarModel(grammar) : undefined, pruned: new Map() };
  }
  schemaCache.set(key, prepared);
  while (schemaCache.size > XMLLINT_LIMITS.cachedSchemas) schemaCache.delete(schemaCache.keys().next().value!);
  return { key, prepared };
}

/** The grammar text to compile for these documents: pruned (cached by mode and vocabulary) or as given. */
function grammarFor(schema: RelaxNgSchema, prepared: PreparedSchema, texts: readonly string[], mode: PruneMode | undefined): string {
  if (!mode || !prepared.grammar) return schema.text;
  const vocabulary = documentVocabulary(texts);
  const key = `${mode}\n${[...vocabulary].sort().join(' ')}`;
  let text = prepared.pruned.get(key);
  if (text === undefined) text = pruneGrammar(prepared.grammar, vocabulary, mode).text;
  prepared.pruned.delete(key);
  prepared.pruned.set(key, text);
  while (prepared.pruned.size > XMLLINT_LIMITS.cachedPrunedGrammars) prepared.pruned.delete(prepared.pruned.keys().next().value!);
  return text;
}

/**
 * Validates all documents against one RELAX NG schema in one xmllint-wasm
 * run (one grammar compile), and returns diagnostics per file (source
 * 'relaxng'; parse errors, if a document is not well-formed, with source
 * 'well-formedness'). Every file of `docs` has an entry, empty when valid.
 * When the fast pruned run finds errors, the failing documents get a second,
 * precise run (see {@link RelaxNgOptions.pruneMode}).
 */
export async function validateRelaxNg(
  docs: readonly XmlSource[],
  schema: RelaxNgSchema,
  options: RelaxNgOptions = {},
): Promise<Map<string, Diagnostic[]>> {
  const batches = runBatches(docs, options.runMaxChars ?? XMLLINT_LIMITS.runMaxChars);
  // The pruning mode is chosen for all the documents, as for one run: the fast mode validates many documents slowly.
  if (batches.length > 1) return mergedResults(await inSequence(batches, (batch) => validateRelaxNg(batch, schema, { ...options, pruneMode: options.pruneMode ?? pruneModeFor(docs) })));
  const timeoutMs = options.timeoutMs ?? XMLLINT_LIMITS.relaxNgTimeoutMs;
  const results = new Map<string, Diagnostic[]>(docs.map((doc) => [doc.file, []]));
  const runnable: XmlSource[] = [];
  for (const doc of docs) {
    const refusal = refuseDocument(doc, 'relaxng');
    if (refusal) results.get(doc.file)!.push(refusal);
    else runnable.push(doc);
  }
  if (runnable.length === 0) return results;

  const { prepared } = prepareSchema(schema);
  const mode: PruneMode | undefined = options.prune === false ? undefined : (options.pruneMode ?? pruneModeFor(runnable));

  const first = await validateBatch(runnable, schema, prepared, mode, timeoutMs);
  const failing = runnable.filter((doc) => first.get(doc.file)!.some((d) => d.severity === 'error' && d.source === 'relaxng'));
  if (mode === 'not-allowed' && failing.length > 0) {
    const precise = await validateBatch(failing, schema, prepared, 'empty-content', timeoutMs);
    for (const doc of failing) {
      const better = precise.get(doc.file)!;
      if (better.some((d) => d.severity === 'error') && !better.some((d) => d.ruleId === 'relaxng/time-limit')) first.set(doc.file, better);
    }
  }
  for (const doc of runnable) results.get(doc.file)!.push(...first.get(doc.file)!);
  return results;
}

/** The default pruning mode for validating `docs`: `not-allowed` (faster to compile) up to {@link XMLLINT_LIMITS.fastPruneMaxChars} characters, else `empty-content`. */
function pruneModeFor(docs: readonly XmlSource[]): PruneMode {
  return docs.reduce((sum, doc) => sum + doc.text.length, 0) <= XMLLINT_LIMITS.fastPruneMaxChars ? 'not-allowed' : 'empty-content';
}

/** One xmllint-wasm run of `docs` against the schema (pruned with `mode`), turned into diagnostics. */
async function validateBatch(
  docs: readonly XmlSource[],
  schema: RelaxNgSchema,
  prepared: PreparedSchema,
  mode: PruneMode | undefined,
  timeoutMs: number,
): Promise<Map<string, Diagnostic[]>> {
  const results = new Map<string, Diagnostic[]>(docs.map((doc) => [doc.file, []]));
  const texts = docs.map((doc) => doc.text);
  const run = await runXmllint(texts, grammarFor(schema, prepared, texts, mode), timeoutMs);
  if (run.kind !== 'finished') {
    for (const doc of docs) results.get(doc.file)!.push(runFailure(doc.file, run, 'relaxng', timeoutMs));
    return results;
  }
  const parsed = parseOutput(run.output);
  if (parsed.schemaFailed || parsed.records.some((record) => record.target === 'schema')) {
    const causes = parsed.records.filter((record) => record.target === 'schema').map((record) => record.raw);
    for (const doc of docs) {
      results.get(doc.file)!.push({
        file: doc.file,
        severity: 'error',
        source: 'relaxng',
        ruleId: 'relaxng/schema-error',
        message: `The RELAX NG schema ${schema.file} could not be compiled, so this file was not validated.${causes[0] ? ` First problem: ${causes[0].split('\n')[0]!.replace(/^schema\.rng/, schema.file)}` : ''}`,
        hint: 'Check the schema with the tool that generated it (e.g. the TEI Roma/ODD processor); it must be RELAX NG in XML syntax without external includes.',
        cause: causes.slice(0, 20).join('\n').replaceAll(SCHEMA_NAME, schema.file),
      });
    }
    return results;
  }

  attributeToStatus(parsed);
  const reports = new Map<number, HumanisedReport[]>();
  const contexts = new Map<number, DocumentContext>();
  const contextOf = (index: number): DocumentContext => {
    let context = contexts.get(index);
    if (!context) {
      const sourceIndex = indexSource(docs[index]!.text);
      context = { file: docs[index]!.file, index: sourceIndex, model: prepared.model, usage: elementUsage(sourceIndex) };
      contexts.set(index, context);
    }
    return context;
  };
  for (const record of parsed.records) {
    if (typeof record.target !== 'number' || !docs[record.target]) continue;
    const doc = docs[record.target]!;
    withDisplayName(record, doc);
    const list = reports.get(record.target) ?? [];
    reports.set(record.target, list);
    if (record.level === 'Relax-NG validity error') {
      list.push(humaniseRelaxNgReport({ line: record.line, element: record.element, message: record.message, raw: record.raw }, contextOf(record.target)));
      continue;
    }
    const xmlId = /^xml:id : attribute value (.*) is not an NCName$/.exec(record.message);
    if (xmlId) {
      list.push({ diagnostic: invalidXmlId(contextOf(record.target), record.line, xmlId[1]!, record.raw), cascade: false });
      continue;
    }
    const parseError = wellFormednessDiagnostic(doc, record);
    if (parseError) list.push({ diagnostic: parseError, cascade: false });
  }
  for (const [index, doc] of docs.entries()) {
    const diagnostics = collapseCascades(reports.get(index) ?? []);
    const status = parsed.status.get(index);
    if (!diagnostics.some((d) => d.severity === 'error') && status !== 'valid') {
      // Never let a file pass silently: libxml2 said it failed (or said nothing) without a report we could read.
      diagnostics.push({
        file: doc.file,
        line: 1,
        column: 1,
        severity: 'error',
        source: 'relaxng',
        ruleId: 'relaxng/invalid',
        message: status === 'invalid' ? 'The document is not valid against the schema.' : 'The document could not be validated.',
        hint: 'See the cause for libxml2\'s own words.',
        cause: run.output.split('\n').filter((line) => line.includes(documentName(index))).join('\n').replaceAll(documentName(index), doc.file),
      });
    }
    diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    results.get(doc.file)!.push(...diagnostics);
  }
  return results;
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
  const run = await runXmllint(runnable.map((doc) => doc.text), schema.text, timeoutMs, { preload });
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
