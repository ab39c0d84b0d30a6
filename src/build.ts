/**
 * `tei-edition build`: load → validate → transform → check → write. Invalid
 * letters are reported and left out; any failed transform or check fails the
 * build, and then nothing is written (the previous output folder stays as it
 * was).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import cliProgress from 'cli-progress';
import SaxonJS from 'saxon-js';
import { hasErrors, type Diagnostic } from './diagnostic.js';
import type { EditionConfig } from './config.js';
import type { Output } from './output.js';
import type { SchemaStore } from './schema-store.js';
import { renderCitation } from './check/citation.js';
import { checkOutputs } from './stages/check.js';
import { DEFAULT_MAX_FILE_BYTES, displayPath, loadDocuments } from './stages/load.js';
import { editionParams, prepareStylesheets, readingText, transformEdition, transformLetter, type ParsedLetter, type TransformContext } from './stages/transform.js';
import { validateDocuments, type ValidatedDocument } from './stages/validate.js';
import { makeManifest, writeOutputs, type OutputFile } from './stages/write.js';

const { version: TOOLKIT_VERSION } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Letters above this count get a progress bar on a terminal. */
const PROGRESS_THRESHOLD = 5;

/** What a build needs. */
export interface BuildOptions {
  config: Readonly<EditionConfig>;
  store: SchemaStore;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Schema for every letter (overrides xml-model declarations). */
  schema?: string;
  /** Show a progress bar (a terminal, not CI). */
  progress: boolean;
  /** Where progress goes. */
  stderr: (text: string) => void;
}

/** The outcome of a build. */
export interface BuildResult {
  diagnostics: Diagnostic[];
  /** Letters built, and letters left out because they are invalid. */
  built: string[];
  skipped: string[];
  /** Files written (0 when the build failed). */
  filesWritten: number;
  /** True when the output folder was replaced. */
  written: boolean;
}

/** Builds the edition from `config.inputDir` into `config.outputDir`. */
export async function buildEdition(options: BuildOptions): Promise<BuildResult> {
  const { config } = options;
  const loaded = await loadDocuments([config.inputDir], { cwd: options.cwd, maxFileBytes: DEFAULT_MAX_FILE_BYTES });
  const validated = await validateDocuments(loaded.documents, { store: options.store, cwd: options.cwd, schema: options.schema });
  const diagnostics: Diagnostic[] = [...loaded.pathDiagnostics, ...validated.diagnostics, ...validated.documents.flatMap((d) => d.diagnostics)];
  const result: BuildResult = { diagnostics, built: [], skipped: [], filesWritten: 0, written: false };
  if (loaded.pathDiagnostics.length > 0 || hasErrors(validated.diagnostics)) return result;

  const letters: ParsedLetter[] = [];
  const seenIds = new Map<string, string>();
  for (const document of validated.documents) {
    if (!document.valid) {
      result.skipped.push(document.file);
      diagnostics.push({ file: document.file, severity: 'warning', source: 'load', ruleId: 'build/letter-skipped', message: 'This letter is not valid and was left out of the edition.', hint: 'Fix the errors reported for it; the other letters were built.' });
      continue;
    }
    const id = letterId(document);
    const clash = seenIds.get(id);
    if (clash) {
      result.skipped.push(document.file);
      diagnostics.push({ file: document.file, line: 1, severity: 'error', source: 'load', ruleId: 'build/duplicate-letter-id', message: `The letter id "${id}" is also the id of ${clash}; two letters cannot share a URL.`, hint: 'Give each letter a unique xml:id on its TEI element (or a unique file name).' });
      continue;
    }
    seenIds.set(id, document.file);
    letters.push({ file: document.file, id, text: document.text, document: document.saxonDocument });
  }

  const stylesheets = await prepareStylesheets();
  const context: TransformContext = { stylesheets, params: editionParams(config, buildDate(options.env, validated.documents)), renderCitation: (csl) => renderCitation(csl) };

  const perLetter: { letter: ParsedLetter; outputs: Output[]; reading?: string }[] = [];
  const bar = options.progress && letters.length > PROGRESS_THRESHOLD ? new cliProgress.SingleBar({ stream: { write: options.stderr } as unknown as NodeJS.WritableStream, format: 'Building {bar} {value}/{total} letters', hideCursor: false }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(letters.length, 0);
  for (const letter of letters) {
    const transformed = transformLetter(letter, context);
    diagnostics.push(...transformed.diagnostics);
    const reading = readingText(letter, context);
    if (reading.diagnostic) diagnostics.push(reading.diagnostic);
    const readingWords = reading.reading ? [reading.reading.flow, ...reading.reading.notes.map((note) => note.text)].join('\n') : undefined;
    perLetter.push({ letter, outputs: transformed.outputs, reading: readingWords });
    bar?.increment();
  }
  const edition = transformEdition(letters, context);
  diagnostics.push(...edition.diagnostics);

  const outputs = [...perLetter.flatMap((entry) => entry.outputs), ...edition.outputs];
  const outputsByPath = new Map(outputs.map((output) => [output.path, output]));
  for (const entry of perLetter) {
    diagnostics.push(...(await checkOutputs(entry.outputs, { letterFile: entry.letter.file, readingText: entry.reading, teiSource: entry.letter.text, outputsByPath })));
  }
  diagnostics.push(...(await checkOutputs(edition.outputs, { letterFile: displayPath(config.inputDir, options.cwd), outputsByPath, store: options.store })));
  bar?.stop();

  result.built = letters.map((letter) => letter.file);
  if (hasErrors(diagnostics.filter((d) => d.source === 'transform' || d.source === 'check'))) return result;

  const schemas = [...new Map(validated.documents.filter((d) => d.schema).map((d) => [d.schema!.path, { name: d.schema!.name, sha256: d.schema!.sha256 }])).values()];
  const files: OutputFile[] = outputs.map((output) => ({ path: output.path, content: output.content }));
  files.push(makeManifest(files, { toolkitVersion: TOOLKIT_VERSION, editionVersion: config.version, schemas }));
  const writeDiagnostics = await writeOutputs(config.outputDir, files);
  diagnostics.push(...writeDiagnostics);
  if (writeDiagnostics.length === 0) {
    result.written = true;
    result.filesWritten = files.length;
  }
  return result;
}

/** A letter's id: the xml:id of its root, else its file name, reduced to URL-safe characters. */
export function letterId(document: ValidatedDocument): string {
  const root = document.index?.elements[0];
  const fromRoot = root?.attributes.find((a) => a.name === 'xml:id')?.value;
  const raw = fromRoot ?? path.basename(document.file, path.extname(document.file));
  return raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'letter';
}

/**
 * The date the edition states as its build date: SOURCE_DATE_EPOCH when set
 * (reproducible builds), else the newest publication date of the letters;
 * never the wall clock, so two builds of the same input are identical.
 */
export function buildDate(env: Record<string, string | undefined>, documents: readonly ValidatedDocument[]): string {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  const dates = documents
    .filter((d) => d.valid && d.saxonDocument)
    .flatMap((d) => SaxonJS.XPath.evaluate("//*:publicationStmt/*:date/(@when, @notAfter, @to)[matches(., '^\\d{4}-\\d{2}-\\d{2}')] ! substring(., 1, 10)", d.saxonDocument, { resultForm: 'array' }) as string[]);
  return dates.sort().at(-1) ?? '1970-01-01';
}
