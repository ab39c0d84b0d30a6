/**
 * `tei-edition build`: load → validate → transform → check → write. Invalid
 * letters are reported and left out; any failed transform or check fails the
 * build, and then nothing is written (the previous output folder stays as it
 * was).
 *
 * How the work is shared: the main thread loads and validates every letter
 * (xmllint-wasm runs in a thread of its own) while the stylesheets are
 * compiled, if the SEF cache lacks them, in parallel processes. It then
 * works out the edition's sequence of letters (`build/navigation.ts`: each
 * letter's date and correspondents, read once and cached by its text), so
 * that every letter is built knowing its neighbours. Letters whose
 * inputs are unchanged since an earlier build come from the build cache
 * (`build/build-cache.ts`); the others are transformed, checked and written
 * into the staging folder (and the cache) by a pool of worker threads, one
 * per core, each with its stylesheets and checkers loaded once and a heap of
 * bounded size (`build/letter-pool.ts`), or by the main thread alone when
 * there are only a few. Building a letter also makes its parts of the
 * edition-wide outputs (index, registers, search, exports), which are
 * cached with it; once every letter is built, the letter workers end and
 * the parts are merged into the edition-wide outputs, which are checked (by
 * a worker of their own, started with the letter workers, whose heap is
 * sized for the edition, and the main thread, about half each, when there
 * are workers); the main thread then checks
 * every page's links against all outputs, and swaps the staging folder into
 * place. No letter's outputs or parsed TEI stay in memory, and the main
 * thread, whose heap size Node fixes at start, makes no letter's garbage.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { hasErrors, type Diagnostic } from './diagnostic.js';
import type { EditionConfig } from './config.js';
import type { Output } from './output.js';
import type { SchemaStore } from './schema-store.js';
import { findingDiagnostic, type Finding } from './check/report.js';
import { parseXml, type CompileOptions } from './adapters/saxon.js';
import { renderCitation } from './check/citation.js';
import { CSL_SUBSET_SCHEMA_URL } from './check/csl-json.js';
import type { HtmlStructure } from './check/html.js';
import { FORMATS } from './formats.js';
import { checkOutputs, checkPageLinks, readWrittenOutput, type WrittenOutput } from './stages/check.js';
import { DEFAULT_MAX_FILE_BYTES, displayPath, loadDocuments } from './stages/load.js';
import { cmifDocument, editionParams, prepareStylesheets, transformEdition, type EditionLetter, type EditionParams, type LetterParts, type ParsedLetter, type PreparedStylesheets, type TransformContext } from './stages/transform.js';
import { validateDocuments, type ValidatedDocument } from './stages/validate.js';
import { ValidationCache } from './validate/validation-cache.js';
import { StagingFolder } from './stages/write.js';
import { BuildCache, buildSalt, cacheFolderFor, type CacheStatistics } from './build/build-cache.js';
import { buildLetter, stageLetterBuild, type LetterChecks, type PageStructure, type StagedLetterBuild } from './build/letter-build.js';
import { officialCmifSchemas } from './check/export-check.js';
import { LetterPool, letterWorkerScript } from './build/letter-pool.js';
import { applyCentralRegisters, loadCentralRegisters } from './registers/central-registers.js';
import { NavigationFactsCache, factsReader, navigationParam, sequenceLetters, type NavigationSource } from './build/navigation.js';
import { authorityCoverageDiagnostic } from './export/cmif-authority-coverage.js';

const { version: TOOLKIT_VERSION } = createRequire(import.meta.url)('../package.json') as { version: string };

/** The toolkit's code (`lib/` when compiled, `src/` under the test runner): part of the build cache key. */
const CODE_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Letters above this count get a progress bar on a terminal. */
const PROGRESS_THRESHOLD = 5;

/** Letters per worker thread below which fewer workers are started: each costs about a second to prepare, more than a few letters take in the main thread. */
const MIN_LETTERS_PER_WORKER = 8;

/**
 * The old-generation heap of a letter worker (MB), plus LETTER_WORKER_MB_PER_MB
 * for each MB of the largest letter. A worker keeps about 150-250 MB alive
 * (stylesheets, checkers, one letter); without a limit V8 lets the garbage of
 * SaxonJS grow its heap to about 1 GB before collecting it.
 */
const LETTER_WORKER_HEAP_MB = 384;
const LETTER_WORKER_MB_PER_MB = 32;

/** The old-generation heap of the worker that makes the edition-wide pages (MB), plus EDITION_WORKER_MB_PER_LETTER for each letter (it holds every letter's parts of those pages). */
const EDITION_WORKER_HEAP_MB = 384;
const EDITION_WORKER_MB_PER_LETTER = 0.25;

/**
 * The edition-wide outputs a worker makes and checks (the HTML pages) while
 * the main thread makes and checks the others (the exports, and the search
 * index, whose check needs every letter's pages). Measured on 1,000 letters:
 * handing the worker the TEI corpus too saved 1 to 3 s but raised the peak
 * memory of a rebuild by about 650 MB (the worker then holds every letter's
 * corpus part).
 */
const WORKER_EDITION_FORMATS = ['index', 'registers', 'correspondents', 'about', 'search'] as const;

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
  /**
   * Worker threads that build letters. Default on a machine with several
   * cores: one per core, fewer when there are fewer than 8 letters per
   * worker, none for fewer than 8 letters; on one core, and with 0, the main
   * thread builds every letter.
   */
  workers?: number;
  /** Root folder of the per-letter build cache; default `.cache/build` under `cwd`; false: no cache. */
  cacheDir?: string | false;
  /** Where compiled stylesheets are kept (default: the toolkit's `.cache/sef`). */
  compile?: CompileOptions;
  /**
   * Checks an edition adds to the built-in ones, run in the main thread on
   * every output (from the cache too); a finding is an error unless it says
   * otherwise, and fails the build like any other check.
   */
  additionalChecks?: readonly AdditionalCheck[];
}

/** An edition's own check of an output (see {@link BuildOptions.additionalChecks}). */
export type AdditionalCheck = (output: Output) => Finding[];

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
  /** Which letters were transformed and checked in this build and which came from the build cache, and the worker threads used. */
  letters: CacheStatistics & { workers: number };
  /** The files whose validation came from the validation cache. */
  validationReused: string[];
  /** The files the letters include through XInclude (absolute paths), e.g. for a preview to watch. */
  includedFiles: string[];
  /** Wall time of each phase in milliseconds. */
  timings: BuildTimings;
}

/** Wall times of a build's phases, in milliseconds from the start of the build. */
export interface BuildTimings {
  /** Loading and validating the letters. */
  validated: number;
  /** Every letter built (or taken from the cache). */
  lettersBuilt: number;
  /** Edition-wide outputs made from the letters' parts, and checked but for their links. */
  editionMade: number;
  /** Edition-wide outputs and all links checked. */
  checked: number;
  /** Output folder written (or the build given up). */
  done: number;
}

/** Builds the edition from `config.inputDir` into `config.outputDir`. */
export async function buildEdition(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const { config } = options;
  const stylesheetsReady = settled(prepareStylesheets(options.compile));
  const loaded = await loadDocuments([config.inputDir], { cwd: options.cwd, maxFileBytes: DEFAULT_MAX_FILE_BYTES, xincludeRoot: config.xincludeRoot });
  const stylesheetsOrError = await stylesheetsReady;
  if (stylesheetsOrError instanceof Error) throw stylesheetsOrError;
  const stylesheets = stylesheetsOrError;
  const cores = availableParallelism();
  const poolSize = options.workers ?? (cores > 1 ? Math.min(cores, Math.floor(loaded.documents.length / MIN_LETTERS_PER_WORKER)) : 0);
  const script = poolSize > 0 ? letterWorkerScript() : undefined;
  const largestLetterMb = Math.max(0, ...loaded.documents.map((document) => document.text.length)) / 2 ** 20;
  const compileOptions = options.compile ?? {};
  const pool = script ? new LetterPool(script, poolSize, { compileOptions, warmUpCitations: true }, Math.ceil(LETTER_WORKER_HEAP_MB + LETTER_WORKER_MB_PER_MB * largestLetterMb)) : undefined;
  // Started now, so that it is ready when the letters are: until then it only holds its stylesheets.
  const pagesPool = script ? new LetterPool(script, 1, { compileOptions, warmUpCitations: false }, Math.ceil(EDITION_WORKER_HEAP_MB + EDITION_WORKER_MB_PER_LETTER * loaded.documents.length)) : undefined;
  try {
    return await buildWith(options, loaded, stylesheets, pool, pagesPool, started);
  } finally {
    await pool?.close();
    await pagesPool?.close();
  }
}

async function buildWith(
  options: BuildOptions,
  loaded: Awaited<ReturnType<typeof loadDocuments>>,
  stylesheets: PreparedStylesheets,
  pool: LetterPool | undefined,
  pagesPool: LetterPool | undefined,
  started: number,
): Promise<BuildResult> {
  const { config } = options;
  const validationCache = options.cacheDir === false ? undefined : await openValidationCache(options);
  const validated = await validateDocuments(loaded.documents, { store: options.store, cwd: options.cwd, schema: options.schema, ...(validationCache ? { cache: validationCache, grammarCacheDir: path.join(options.cwd, '.cache', 'relaxng') } : {}) });
  const withRegisters = applyCentralRegisters(validated.documents, await loadCentralRegisters(config.registers, { cwd: options.cwd, key: config.registerKey, store: options.store }));
  const diagnostics: Diagnostic[] = [...loaded.pathDiagnostics, ...validated.diagnostics, ...withRegisters.diagnostics];
  const timings: BuildTimings = { validated: 0, lettersBuilt: 0, editionMade: 0, checked: 0, done: 0 };
  const mark = (phase: keyof BuildTimings): void => {
    timings[phase] = Math.round(performance.now() - started);
  };
  mark('validated');
  const includedFiles = [...new Set(loaded.documents.flatMap((document) => document.includedFiles))];
  const result: BuildResult = { diagnostics, built: [], skipped: [], filesWritten: 0, written: false, letters: { built: [], reused: [], workers: 0 }, validationReused: validated.reused, includedFiles, timings };
  if (loaded.pathDiagnostics.length > 0 || hasErrors(validated.diagnostics)) {
    mark('done');
    return result;
  }

  const letters: ParsedLetter[] = [];
  const navigationSources: NavigationSource[] = [];
  const seenIds = new Map<string, string>();
  for (const document of validated.documents) {
    if (!document.valid) {
      result.skipped.push(document.file);
      diagnostics.push({ file: document.file, severity: 'warning', source: 'load', ruleId: 'build/letter-skipped', message: 'This letter is not valid and was left out of the edition.', hint: 'Fix the errors reported for it; the valid letters are built without it.' });
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
    const registers = withRegisters.excerpts.get(document.file);
    const letter: ParsedLetter = { file: document.file, id, text: document.text, document: document.saxonDocument, ...(registers ? { registers } : {}) };
    letters.push(letter);
    navigationSources.push({ file: letter.file, id, text: letter.text, ...(registers ? { registers } : {}), lineMapping: document.lineMapping, ...(document.facts?.rootId ? { rootId: document.facts.rootId } : {}) });
  }

  if (letters.length === 0) {
    diagnostics.push({ file: displayPath(config.inputDir, options.cwd), severity: 'error', source: 'load', ruleId: 'build/no-valid-letters', message: 'No letter is valid, so there is no edition to build; nothing was written.', hint: 'Fix the errors reported for the letters, then build again.' });
    mark('done');
    return result;
  }
  const dated = buildDate(options.env, validated.documents, { configDate: config.date, inputDir: config.inputDir, cwd: options.cwd });
  diagnostics.push(...dated.diagnostics);
  const params = editionParams(config, dated.date);
  const schemas = [...new Map(validated.documents.filter((d) => d.schema).map((d) => [d.schema!.path, { name: d.schema!.name, sha256: d.schema!.sha256 }])).values()];
  // The source indexes served the validation diagnostics and the letter ids; for 1,000 letters they hold about 150 MB.
  for (const document of validated.documents) delete document.index;
  const context: TransformContext = { stylesheets, params, renderCitation: (csl) => renderCitation(csl) };
  const letterChecks: LetterChecks = { cmifSchematron: officialCmifSchemas(options.store).schematron?.path };
  const cache = options.cacheDir === false ? undefined : await openCache(options, stylesheets, params, letterChecks);
  const navigationCache = options.cacheDir === false ? undefined : await openNavigationCache(options, stylesheets, params);
  const lettersByFile = new Map(letters.map((letter) => [letter.file, letter]));
  const readFacts = factsReader(context, async (source) => {
    const letter = lettersByFile.get(source.file)!;
    // With workers, they parse the letters they build: this thread keeps no document it does not build from.
    return letter.document ?? (pool ? parseXml(letter.text) : (letter.document = await parseXml(letter.text)));
  });
  const sequence = await sequenceLetters(navigationSources, readFacts, navigationCache);
  await navigationCache?.save().catch(() => undefined);
  diagnostics.push(...sequence.diagnostics);
  for (const letter of letters) {
    const navigation = navigationParam(sequence.navigation.get(letter.id));
    if (navigation) letter.navigation = navigation;
  }

  const bar = options.progress && letters.length > PROGRESS_THRESHOLD ? new cliProgress.SingleBar({ stream: { write: options.stderr } as unknown as NodeJS.WritableStream, format: 'Building {bar} {value}/{total} letters', hideCursor: false }, cliProgress.Presets.shades_classic) : undefined;
  bar?.start(letters.length, 0);
  const inCache = await Promise.all(letters.map((letter) => cache?.has(letter) ?? false));
  const staging = await StagingFolder.open(config.outputDir);
  if (!(staging instanceof StagingFolder)) {
    bar?.stop();
    diagnostics.push(staging);
    mark('done');
    return result;
  }
  try {
    return await finishBuild(staging);
  } finally {
    bar?.stop();
    await staging.discard();
  }

  /**
   * Has the letters built into the staging folder (by the workers, else by
   * this thread; unchanged ones are taken from the cache), taking each
   * letter's build in letter order and keeping only what the link checks and
   * the edition-wide outputs need; then makes the edition-wide outputs from
   * the letters' parts, checks them and every page's links, and commits the
   * staging folder if all passed.
   */
  async function finishBuild(staging: StagingFolder): Promise<BuildResult> {
    const target = { stagingFolder: staging.path, ...(cache ? { cache } : {}) };
    const usePool = pool !== undefined && inCache.includes(false);
    // This thread keeps a letter's parsed document only while it may build the letter itself: workers parse their own, and a cached build needs none.
    for (const [index, letter] of letters.entries()) if (usePool || inCache[index]) letter.document = undefined;
    for (const document of validated.documents) delete document.saxonDocument;
    const fresh = new Map<ParsedLetter, Promise<StagedLetterBuild>>();
    const toBuild = letters.filter((_, index) => !inCache[index]);
    if (usePool) {
      const made = pool.buildAll(
        toBuild.map((letter) => ({ file: letter.file, id: letter.id, text: letter.text, ...(letter.registers ? { registers: letter.registers } : {}), ...(letter.navigation ? { navigation: letter.navigation } : {}) })),
        params,
        letterChecks,
        { stagingFolder: staging.path, ...(cache ? { cache: cache.location } : {}) },
      );
      for (const [index, letter] of toBuild.entries()) {
        const build = made[index]!.then((done) => (bar?.increment(), done));
        // Awaited in letter order below; a build given up before that must not become an unhandled rejection.
        build.catch(() => undefined);
        fresh.set(letter, build);
      }
    }

    const targets = new Map<string, Output | WrittenOutput>();
    const idsByPath = new Map<string, ReadonlySet<string>>();
    const pages: { file: string; page: PageStructure }[] = [];
    const editionLetters: EditionLetter[] = [];
    const additional: Diagnostic[] = [];
    const built: string[] = [];
    const reused: string[] = [];
    for (const [index, letter] of letters.entries()) {
      const pooled = fresh.get(letter);
      const fromCache = inCache[index] ? await cache?.read(letter) : undefined;
      let build: StagedLetterBuild;
      if (pooled) {
        build = await pooled;
      } else {
        build = await stageLetterBuild(fromCache ?? (await buildLetter({ ...letter, document: letter.document ?? (await parseXml(letter.text)) }, context, letterChecks)), letter, fromCache ? { stagingFolder: staging.path } : target);
        letter.document = undefined;
        bar?.increment();
      }
      (fromCache ? reused : built).push(letter.file);
      diagnostics.push(...build.diagnostics);
      staging.record(build.outputs);
      editionLetters.push({ file: letter.file, id: letter.id, parts: build.parts });
      for (const { format, path: outputPath, mediaType, producedBy } of build.outputs) {
        const written: WrittenOutput = { format, path: outputPath, mediaType, ...(producedBy ? { producedBy } : {}), read: () => staging.read(outputPath) };
        targets.set(outputPath, written);
        if (!options.additionalChecks?.length) continue;
        const output = await readWrittenOutput(written);
        for (const check of options.additionalChecks) additional.push(...check(output).map((finding) => findingDiagnostic(output, build.file, finding)));
      }
      for (const page of build.pages) {
        idsByPath.set(page.path, new Set(page.ids));
        pages.push({ file: build.file, page });
      }
    }
    mark('lettersBuilt');
    result.letters = { built, reused, workers: usePool && pool ? pool.size : 0 };

    // With workers, one of them makes and checks about half of the edition-wide work while this thread does the rest.
    const editionFile = displayPath(config.inputDir, options.cwd);
    // The letter workers end here: their heaps are sized for one letter at a time, and the edition-wide pages hold every letter's parts.
    await pool?.close();
    const workerFormats: string[] = pagesPool ? [...WORKER_EDITION_FORMATS] : [];
    const workerMaking = pagesPool
      ? pagesPool.makeEditionOutputs({ formats: workerFormats, letters: editionLetters.map((letter) => ({ ...letter, parts: partsFor(letter.parts, [...workerFormats, 'registers']) })), params, editionFile, schemaFolders: options.store.folders })
      : undefined;
    // Awaited below; a worker that fails before then must not become an unhandled rejection.
    workerMaking?.catch(() => undefined);
    const byThisThread = transformEdition(editionLetters, context, FORMATS.filter((entry) => entry.perEdition && !workerFormats.includes(entry.name)).map((entry) => entry.name));
    // The search index points into the letters' pages: it is checked with them, after the other edition-wide outputs.
    const needsLetterPages = (output: Output) => FORMATS.find((entry) => entry.name === output.format)?.checker === 'search-index';
    const editionStructures = new Map<string, HtmlStructure>();
    // Each letter's CMIF entry was checked with the official Schematron where the letter was built: cmif.xml's header is checked alone.
    const cmifHeader = cmifDocument([], context);
    if ('diagnostic' in cmifHeader) diagnostics.push(cmifHeader.diagnostic);
    const editionContentChecks = await checkOutputs(byThisThread.outputs.filter((output) => !needsLetterPages(output)), { letterFile: editionFile, structures: editionStructures, store: options.store, ...('document' in cmifHeader ? { cmifHeader: cmifHeader.document } : {}) });
    const byWorker = workerMaking ? await workerMaking : { outputs: [], pages: [], diagnostics: [], checks: [] };
    for (const page of byWorker.pages) editionStructures.set(page.path, { ids: new Set(page.ids), links: page.links });
    editionContentChecks.push(...byWorker.checks);
    const formatOrder = (output: Output) => FORMATS.findIndex((entry) => entry.name === output.format);
    const edition = { outputs: [...byThisThread.outputs, ...byWorker.outputs].sort((a, b) => formatOrder(a) - formatOrder(b)), diagnostics: [...byThisThread.diagnostics, ...byWorker.diagnostics] };
    mark('editionMade');
    diagnostics.push(...edition.diagnostics);
    const cmif = edition.outputs.find((output) => output.format === 'cmif');
    if (cmif) diagnostics.push(authorityCoverageDiagnostic(cmif.content, editionFile));

    for (const output of edition.outputs) targets.set(output.path, output);
    for (const { file, page } of pages) {
      diagnostics.push(...(await checkPageLinks(targets.get(page.path)!, { ids: idsByPath.get(page.path)!, links: page.links }, { letterFile: file, outputsByPath: targets, idsByPath })));
    }
    diagnostics.push(...editionContentChecks);
    const editionOutputs = new Map(edition.outputs.map((output) => [output.path, output]));
    for (const [pagePath, structure] of editionStructures) {
      diagnostics.push(...(await checkPageLinks(editionOutputs.get(pagePath)!, structure, { letterFile: editionFile, outputsByPath: targets, idsByPath })));
    }
    diagnostics.push(...(await checkOutputs(edition.outputs.filter(needsLetterPages), { letterFile: editionFile, outputsByPath: targets, idsByPath, store: options.store })));
    for (const check of options.additionalChecks ?? []) {
      additional.push(...edition.outputs.flatMap((output) => check(output).map((finding) => findingDiagnostic(output, editionFile, finding))));
    }
    diagnostics.push(...additional);
    mark('checked');

    result.built = letters.map((letter) => letter.file);
    if (hasBuildErrors(diagnostics)) {
      mark('done');
      return result;
    }
    const writeDiagnostics = [...(await staging.write(edition.outputs))];
    if (writeDiagnostics.length === 0) {
      writeDiagnostics.push(...(await staging.commit({ toolkitVersion: TOOLKIT_VERSION, editionVersion: config.version, schemas })));
    }
    diagnostics.push(...writeDiagnostics);
    if (writeDiagnostics.length === 0) {
      result.written = true;
      result.filesWritten = staging.fileCount;
      await cache?.prune();
      await validationCache?.prune();
    }
    mark('done');
    return result;
  }
}

/** A letter's parts of the named formats only. */
function partsFor(parts: LetterParts, formats: readonly string[]): LetterParts {
  return Object.fromEntries(formats.flatMap((name) => (parts[name] === undefined ? [] : [[name, parts[name]]])));
}

/** True when a transform, check or write failed: the build then writes nothing. */
function hasBuildErrors(diagnostics: readonly Diagnostic[]): boolean {
  return hasErrors(diagnostics.filter((d) => d.source === 'transform' || d.source === 'check' || d.source === 'write'));
}

/** The root folder of the build's caches. */
function cacheRoot(options: BuildOptions): string {
  return options.cacheDir || path.join(options.cwd, '.cache', 'build');
}

/** The validation cache of the input folder (beside its build cache), keyed with the toolkit's code and version. */
async function openValidationCache(options: BuildOptions): Promise<ValidationCache> {
  const salt = await buildSalt({ toolkitVersion: TOOLKIT_VERSION, codeDir: CODE_DIR, sefPaths: [], checkFiles: [], params: 'validation' });
  return new ValidationCache(path.join(cacheFolderFor(cacheRoot(options), path.resolve(options.cwd, options.config.inputDir)), 'validation'), salt);
}

/** The build cache of the input folder, keyed with everything a letter's outputs and checks depend on. */
async function openCache(options: BuildOptions, stylesheets: PreparedStylesheets, params: unknown, letterChecks: LetterChecks): Promise<BuildCache> {
  const root = cacheRoot(options);
  const salt = await buildSalt({
    toolkitVersion: TOOLKIT_VERSION,
    codeDir: CODE_DIR,
    sefPaths: [...new Set([...stylesheets.byFormat.values()].map((stylesheet) => stylesheet.sefPath))],
    checkFiles: [fileURLToPath(CSL_SUBSET_SCHEMA_URL), ...(letterChecks.cmifSchematron ? [letterChecks.cmifSchematron] : [])],
    params,
  });
  return new BuildCache(cacheFolderFor(root, path.resolve(options.cwd, options.config.inputDir)), salt);
}

/** The cache of the letters' navigation facts (beside the build cache), keyed with the facts stylesheet, the register key and the toolkit's code. */
async function openNavigationCache(options: BuildOptions, stylesheets: PreparedStylesheets, params: EditionParams): Promise<NavigationFactsCache> {
  const salt = await buildSalt({ toolkitVersion: TOOLKIT_VERSION, codeDir: CODE_DIR, sefPaths: [stylesheets.navigationFacts.sefPath], checkFiles: [], params: { navigation: params.registerKey } });
  return NavigationFactsCache.open(path.join(cacheFolderFor(cacheRoot(options), path.resolve(options.cwd, options.config.inputDir)), 'navigation'), salt);
}

/** A promise that never rejects: its error becomes its value (so it can be awaited later without an unhandled rejection). */
function settled<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}

/** A letter's id: the xml:id of its root, else its file name, reduced to URL-safe characters. */
export function letterId(document: ValidatedDocument): string {
  const raw = document.facts?.rootId ?? path.basename(document.file, path.extname(document.file));
  return raw.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'letter';
}

/** The edition's build date (YYYY-MM-DD) and the warning when nothing gave one. */
export interface BuildDate {
  date: string;
  diagnostics: Diagnostic[];
}

/**
 * The date the edition states as its build date (CMIF, OAI-PMH, CITATION.cff,
 * .zenodo.json), never the wall clock, so that two builds of the same input
 * are identical:
 * 1. SOURCE_DATE_EPOCH when set (reproducible builds);
 * 2. else the newest of the letters' own dates (publication, revisions,
 *    edition statement; see `DocumentFacts.changeDates`) and the config's
 *    `date`, so that the build date is never older than a letter's change
 *    (an OAI record's datestamp);
 * 3. else, with the warning `build/no-build-date`, the day a letter file was
 *    last modified: a real date, but one that a fresh checkout changes.
 */
export function buildDate(env: Record<string, string | undefined>, documents: readonly ValidatedDocument[], options: { configDate?: string; inputDir: string; cwd: string }): BuildDate {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined && /^\d+$/.test(epoch)) return { date: new Date(Number(epoch) * 1000).toISOString().slice(0, 10), diagnostics: [] };
  const stated = [...documents.filter((d) => d.valid).flatMap((d) => d.facts?.changeDates ?? []), ...(options.configDate === undefined ? [] : [options.configDate])];
  if (stated.length > 0) return { date: stated.sort().at(-1)!, diagnostics: [] };
  const date = newestModification(documents, options.inputDir);
  return {
    date,
    diagnostics: [{
      file: displayPath(options.inputDir, options.cwd),
      severity: 'warning',
      source: 'config',
      ruleId: 'build/no-build-date',
      message: `Nothing states the edition's date: SOURCE_DATE_EPOCH is not set, no letter has a publicationStmt/date, revisionDesc/change/@when or editionStmt date, and edition.config.json has no "date". The outputs (CMIF, OAI-PMH, CITATION.cff, .zenodo.json) state ${date}, the day a letter file was last modified, which a fresh checkout changes.`,
      hint: 'Set "date": "YYYY-MM-DD" (the release date) in edition.config.json, or SOURCE_DATE_EPOCH (seconds since 1970, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)); dating the letters\' revisions (revisionDesc/change/@when) also gives one.',
    }],
  };
}

/** The UTC day on which the newest of the letters (valid ones first, with their XIncluded files) was modified; the input folder's when there is none. */
function newestModification(documents: readonly ValidatedDocument[], inputDir: string): string {
  const valid = documents.filter((d) => d.valid);
  const files = (valid.length > 0 ? valid : documents).flatMap((d) => [d.absolutePath, ...d.includedFiles]);
  // A letter file removed since it was loaded has no time; the input folder, which the load stage found, always has one.
  const times = files.flatMap((file) => {
    try {
      return [statSync(file).mtimeMs];
    } catch {
      return [];
    }
  });
  return new Date(times.length > 0 ? Math.max(...times) : statSync(inputDir).mtimeMs).toISOString().slice(0, 10);
}
