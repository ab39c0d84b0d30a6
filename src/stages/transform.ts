/**
 * Transform stage: runs the XSLT stylesheets of the format registry on each
 * parsed letter and returns the outputs (not yet checked or written).
 *
 * Per letter, CSL-JSON is made first; its citation, rendered by the
 * `renderCitation` function of the context (citeproc, from the checks), is
 * passed to the HTML and text stylesheets as `formatted-citation`. The TEI
 * file is published as it was read. The edition-wide outputs (index page,
 * archive exports) are made by the registry's `perEdition` stylesheets in
 * two steps: each letter's part, made from the letter in the stylesheet's
 * mode `ed:letter-part` where the letter is built ({@link letterParts}), and
 * the merge of all parts, from the initial template with the parameter
 * `parts` (xs:string*, in letter order), and the register pages' parts as
 * `register-parts`, which hold every letter's mentions. Files not made by
 * XSLT (the CSS, CITATION.cff, .zenodo.json) come from the generators below.
 * A stylesheet's `xsl:message` is a JSON object `{letter, rule, message}`: a
 * fallback it used, reported as a warning on that letter.
 *
 * Output text: HTML as SaxonJS serialises it; plain text in NFC (normalised
 * by the stylesheet) with LF; CSL-JSON re-indented here with two spaces (the
 * key order is the stylesheet's); BibTeX with LF; RIS with CRLF (the RIS
 * convention).
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostic.js';
import { uuidFromName, type EditionConfig } from '../config.js';
import type { Output } from '../output.js';
import { FORMATS, READING_TEXT_STYLESHEET, outputPath, format, type OutputFormat } from '../formats.js';
import { citationCff, zenodoJson } from '../export/release-metadata.js';
import { buildSearchIndex, searchLibrarySource } from '../search/search-index.js';
import {
  PROJECT_ROOT,
  compileStylesheets,
  loadStylesheet,
  transform,
  type CompileOptions,
  type LoadedStylesheet,
  type ParamValue,
  type ResultDocument,
} from '../adapters/saxon.js';

/** A letter after the load stage: its text parsed once into a SaxonJS document. */
export interface ParsedLetter {
  /** Path of the TEI file as shown to the user. */
  file: string;
  /** Letter id: `/TEI/@xml:id`, else the sanitised file name. */
  id: string;
  /** The TEI text as read (after XInclude). */
  text: string;
  /** SaxonJS document node of `text` (from `SaxonJS.getResource({type: 'xml', text})`); the build drops it (undefined) once it no longer needs it. */
  document: unknown;
}

/** A letter's parts of the edition-wide outputs: by format name, the serialised `part` element its stylesheet made in mode `ed:letter-part`. */
export type LetterParts = Readonly<Record<string, string>>;

/** A letter as the edition-wide outputs need it: its parts, made where the letter was built (or taken from the build cache). */
export interface EditionLetter {
  file: string;
  id: string;
  parts: LetterParts;
}

/** Edition-wide stylesheet parameters (see `xslt/common/params.xsl`). */
export interface EditionParams {
  editionTitle: string;
  baseUrl: string;
  publisher: string;
  licenceUrl: string;
  licenceLabel: string;
  version: string;
  editors: readonly string[];
  /** YYYY-MM-DD, from SOURCE_DATE_EPOCH or the newest TEI publication date; never the wall clock. */
  buildDate: string;
  /** Contact e-mail of the editors (CMIF header, OAI-PMH adminEmail, release metadata). */
  contactEmail: string;
  /** The fixed UUID of the edition's bibliographic record (CMIF `bibl/@xml:id`). */
  bibliographyId: string;
  /** Add the mentioned persons and places to the CMIF export. */
  cmifMentions: boolean;
}

/** Compiled and loaded stylesheets by format name, plus the reading-text extractor. */
export interface PreparedStylesheets {
  byFormat: ReadonlyMap<string, LoadedStylesheet>;
  readingText: LoadedStylesheet;
  /** The edition's CSS (the `assets` format). */
  css: string;
}

/** What the transform stage needs besides the letter. */
export interface TransformContext {
  stylesheets: PreparedStylesheets;
  params: EditionParams;
  /** Renders CSL-JSON to the plain-text citation the HTML and text show; absent: no formatted citation. */
  renderCitation?: (cslJson: string) => { text: string };
}

/** The outputs made and the problems met. */
export interface TransformResult {
  outputs: Output[];
  diagnostics: Diagnostic[];
}

/** The edition parameters from a validated configuration and the build date. */
export function editionParams(config: Readonly<EditionConfig>, buildDate: string): EditionParams {
  return {
    editionTitle: config.title,
    baseUrl: config.baseUrl.replace(/\/+$/, ''),
    publisher: config.publisher,
    licenceUrl: config.licence.url,
    licenceLabel: config.licence.label,
    version: config.version,
    editors: [...config.editors],
    buildDate,
    contactEmail: config.contactEmail,
    bibliographyId: config.bibliographyId || uuidFromName(config.baseUrl),
    cmifMentions: config.cmifMentions,
  };
}

/** Every stylesheet the build runs (the registry's and the reading-text extractor), relative to the project root. */
export function registryStylesheets(): string[] {
  return [...new Set([...FORMATS.flatMap((entry) => (entry.stylesheet ? [entry.stylesheet] : [])), READING_TEXT_STYLESHEET])];
}

/**
 * Compiles (or takes from the SEF cache) every stylesheet of the registry,
 * those missing from the cache in parallel, and loads each once per run.
 */
export async function prepareStylesheets(options: CompileOptions = {}): Promise<PreparedStylesheets> {
  const relative = registryStylesheets();
  const xslPaths = relative.map((stylesheet) => path.join(PROJECT_ROOT, stylesheet));
  const sefPaths = await compileStylesheets(xslPaths, options);
  const loadedByStylesheet = new Map<string, LoadedStylesheet>();
  for (const [index, stylesheet] of relative.entries()) loadedByStylesheet.set(stylesheet, await loadStylesheet(sefPaths[index]!, xslPaths[index]));
  const byFormat = new Map<string, LoadedStylesheet>();
  for (const entry of FORMATS) {
    if (entry.stylesheet) byFormat.set(entry.name, loadedByStylesheet.get(entry.stylesheet)!);
  }
  const css = await readFile(path.join(PROJECT_ROOT, format('assets').pathPattern), 'utf8');
  return { byFormat, readingText: loadedByStylesheet.get(READING_TEXT_STYLESHEET)!, css };
}

function stylesheetParams(params: EditionParams, extra: Record<string, ParamValue>): Record<string, ParamValue> {
  return {
    'edition-title': params.editionTitle,
    'base-url': params.baseUrl,
    publisher: params.publisher,
    'licence-url': params.licenceUrl,
    'licence-label': params.licenceLabel,
    version: params.version,
    editors: params.editors,
    'build-date': { date: params.buildDate },
    'contact-email': params.contactEmail,
    'bibliography-id': params.bibliographyId,
    'cmif-mentions': params.cmifMentions,
    ...extra,
  };
}

function run(
  entry: OutputFormat,
  context: TransformContext,
  input: { sourceNode?: unknown; file?: string; params: Record<string, ParamValue>; mode?: string; plainXml?: boolean },
): { output?: string; resultDocuments?: ResultDocument[]; messages?: string[]; diagnostic?: Diagnostic } {
  const stylesheet = context.stylesheets.byFormat.get(entry.name);
  if (!stylesheet) throw new Error(`No stylesheet prepared for format ${entry.name}`);
  const outcome = transform(stylesheet, input);
  return outcome.ok ? { output: outcome.output, resultDocuments: outcome.resultDocuments, messages: outcome.messages } : { diagnostic: outcome.diagnostic };
}

/** Re-indents CSL-JSON with two spaces, keeping the stylesheet's key order. */
function formatJson(json: string): string {
  return `${JSON.stringify(JSON.parse(json), null, 2)}\n`;
}

/** Transforms one letter into every per-letter output of the registry. */
export function transformLetter(letter: ParsedLetter, context: TransformContext): TransformResult {
  const outputs: Output[] = [];
  const diagnostics: Diagnostic[] = [];
  const letterParams: Record<string, ParamValue> = { 'letter-id': letter.id, 'formatted-citation': '' };
  for (const entry of FORMATS) {
    if (entry.perEdition) continue;
    const produced = { format: entry.name, path: outputPath(entry, letter.id), mediaType: entry.mediaType, producedBy: '/TEI' };
    if (!entry.stylesheet) {
      outputs.push({ ...produced, content: letter.text });
      continue;
    }
    const result = run(entry, context, {
      sourceNode: letter.document,
      file: letter.file,
      params: stylesheetParams(context.params, letterParams),
    });
    if (result.diagnostic) {
      diagnostics.push(result.diagnostic);
      continue;
    }
    const content = entry.name === 'csl-json' ? formatJson(result.output ?? '') : (result.output ?? '');
    outputs.push({ ...produced, content });
    outputs.push(...resultDocumentOutputs(produced, result.resultDocuments));
    if (entry.name === 'csl-json' && context.renderCitation) {
      try {
        letterParams['formatted-citation'] = context.renderCitation(content).text;
      } catch (error) {
        diagnostics.push({
          file: letter.file,
          severity: 'error',
          source: 'transform',
          ruleId: 'transform/citation-not-rendered',
          message: `citeproc could not render the citation of ${letter.id}: ${(error as Error).message}`,
          path: '/TEI/teiHeader',
          cause: error,
        });
      }
    }
  }
  return { outputs, diagnostics };
}

/** The mode in which an edition-wide stylesheet makes a letter's part (see `xslt/common/letter-parts.xsl`). */
const LETTER_PART_MODE = 'Q{https://tei-edition.example.org/ns/xslt}letter-part';

/**
 * Makes a letter's part of every edition-wide output made by a stylesheet,
 * or of those named in `only`. A fallback a stylesheet reports while making
 * the part is a warning on the letter.
 */
export function letterParts(letter: ParsedLetter, context: TransformContext, only?: readonly string[]): { parts: LetterParts; diagnostics: Diagnostic[] } {
  const parts: Record<string, string> = {};
  const diagnostics: Diagnostic[] = [];
  const params = stylesheetParams(context.params, { 'letter-id': letter.id });
  for (const entry of FORMATS) {
    if (!entry.perEdition || !entry.stylesheet || (only && !only.includes(entry.name))) continue;
    const result = run(entry, context, { sourceNode: letter.document, file: letter.file, params, mode: LETTER_PART_MODE, plainXml: true });
    if (result.diagnostic) {
      diagnostics.push(result.diagnostic);
      continue;
    }
    parts[entry.name] = result.output ?? '';
    diagnostics.push(...(result.messages ?? []).map((message) => fallbackDiagnostic(entry, message, () => letter.file)));
  }
  return { parts, diagnostics };
}

/** The further files a stylesheet wrote with `xsl:result-document`, as outputs of the same format beside its principal output. */
function resultDocumentOutputs(principal: Omit<Output, 'content'>, documents: readonly ResultDocument[] | undefined): Output[] {
  const folder = path.posix.dirname(principal.path);
  return (documents ?? []).map((document) => ({ ...principal, path: folder === '.' ? document.href : `${folder}/${document.href}`, content: document.content }));
}

/** Edition-wide files not made by XSLT, by format name. */
const EDITION_GENERATORS: Readonly<Record<string, (context: TransformContext) => string>> = {
  assets: (context) => context.stylesheets.css,
  'citation-cff': (context) => citationCff(context.params),
  zenodo: (context) => zenodoJson(context.params),
  'search-script': () => readFileSync(path.join(PROJECT_ROOT, format('search-script').pathPattern), 'utf8'),
  'search-library': () => searchLibrarySource(),
};

/** Edition-wide outputs whose stylesheet result is turned into the file by TypeScript: the search documents become the MiniSearch index. */
const EDITION_POST_PROCESSORS: Readonly<Record<string, (output: string) => string>> = {
  'search-index': buildSearchIndex,
};

/**
 * Makes the edition-wide outputs: every `perEdition` format of the registry
 * (index page, stylesheet, archive exports, release metadata), or only those
 * named in `only`. Letters given with their documents have their parts made
 * here (see {@link letterParts}).
 */
export function transformEdition(letters: readonly (EditionLetter | ParsedLetter)[], context: TransformContext, only?: readonly string[]): TransformResult {
  const outputs: Output[] = [];
  const diagnostics: Diagnostic[] = [];
  const partsOf = letters.map((letter) => {
    if ('parts' in letter) return letter.parts;
    // Every edition-wide stylesheet gets the register pages' parts too.
    const made = letterParts(letter, context, only && [...only, 'registers']);
    diagnostics.push(...made.diagnostics);
    return made.parts;
  });
  const params = stylesheetParams(context.params, {});
  const registerParts = partsOf.map((parts) => parts['registers'] ?? '');
  const fileOf = new Map(letters.map((letter) => [letter.id, letter.file]));
  for (const entry of FORMATS) {
    if (!entry.perEdition || (only && !only.includes(entry.name))) continue;
    const made = { format: entry.name, mediaType: entry.mediaType };
    if (!entry.stylesheet) {
      const generate = EDITION_GENERATORS[entry.name];
      if (!generate) throw new Error(`No generator for the edition-wide format ${entry.name}`);
      outputs.push({ ...made, path: entry.pathPattern, content: generate(context) });
      continue;
    }
    const result = run(entry, context, { params: { ...params, parts: partsOf.map((parts) => parts[entry.name] ?? ''), 'register-parts': registerParts } });
    if (result.diagnostic) {
      diagnostics.push(result.diagnostic);
      continue;
    }
    const postProcess = EDITION_POST_PROCESSORS[entry.name];
    outputs.push({ ...made, path: entry.pathPattern, content: postProcess ? postProcess(result.output ?? '') : (result.output ?? '') });
    outputs.push(...resultDocumentOutputs({ ...made, path: entry.pathPattern }, result.resultDocuments));
    diagnostics.push(...(result.messages ?? []).map((message) => fallbackDiagnostic(entry, message, (id) => (id === undefined ? undefined : fileOf.get(id)))));
  }
  return { outputs, diagnostics };
}

/** A stylesheet's report of a fallback it used (JSON `{letter, rule, message}`) as a warning on the letter. */
function fallbackDiagnostic(entry: OutputFormat, message: string, fileOf: (letterId: string | undefined) => string | undefined): Diagnostic {
  let parsed: { letter?: string; rule?: string; message?: string; path?: string } = {};
  try {
    parsed = JSON.parse(message) as typeof parsed;
  } catch {
    parsed = { message };
  }
  const file = fileOf(parsed.letter);
  return {
    ...(file === undefined ? {} : { file }),
    severity: 'warning',
    source: 'transform',
    ruleId: `export/${parsed.rule ?? 'fallback'}`,
    message: `${entry.pathPattern}${parsed.letter ? `, letter ${parsed.letter}` : ''}: ${parsed.message ?? message}`,
    hint: 'The export is valid; encode the information in the TEI to replace the fallback (see README, "Exports").',
    ...(parsed.path ? { path: parsed.path } : {}),
  };
}

/** The reading text of a letter: the text flow without notes, and each note's text with its label. */
export interface ReadingText {
  flow: string;
  notes: { label: string; text: string }[];
}

/** Extracts a letter's reading text with the common layer's reading mode (the reference the text output is checked against). */
export function readingText(letter: ParsedLetter, context: TransformContext): { reading?: ReadingText; diagnostic?: Diagnostic } {
  const outcome = transform(context.stylesheets.readingText, {
    sourceNode: letter.document,
    file: letter.file,
    params: stylesheetParams(context.params, { 'letter-id': letter.id }),
  });
  return outcome.ok ? { reading: JSON.parse(outcome.output) as ReadingText } : { diagnostic: outcome.diagnostic };
}
