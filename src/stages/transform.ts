/**
 * Transform stage: runs the XSLT stylesheets of the format registry on each
 * parsed letter and returns the outputs (not yet checked or written).
 *
 * Per letter, three passes: `xslt/letter-data.xsl` makes the citation files
 * (CSL-JSON, BibTeX, RIS), the reading text and the letter's parts of the
 * edition-wide outputs, each a result document named by its format; the
 * CSL-JSON's citation, rendered by the `renderCitation` function of the
 * context (citeproc, from the checks), is then passed to the page and text
 * stylesheets as `formatted-citation`. The TEI file is published as it was
 * read. The edition-wide outputs (index page, archive exports) are made by
 * the registry's `perEdition` stylesheets in two steps: each letter's part,
 * made by the letter-data pass where the letter is built, and the merge of
 * all parts, from the stylesheet's initial template with the parameter
 * `parts` (xs:string*, in letter order), and the register pages' parts as
 * `register-parts`, which hold every letter's mentions. The CMIF stylesheet
 * also makes a CMIF document of one letter's part, or of none, for the
 * official Schematron's check of each letter's entry and of the header
 * ({@link cmifDocument}). Files not made by XSLT (the CSS, CITATION.cff,
 * .zenodo.json) come from the generators below.
 * A stylesheet's `xsl:message` is a JSON object `{format, letter, rule,
 * message}`: a fallback an export used, reported as a warning on that letter.
 *
 * Output text: HTML as SaxonJS serialises it; plain text in NFC (normalised
 * by the stylesheet) with LF; CSL-JSON re-indented here with two spaces (the
 * key order is the stylesheet's); BibTeX with LF; RIS with CRLF (the RIS
 * convention).
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hasErrors, type Diagnostic } from '../diagnostic.js';
import { uuidFromName, type EditionConfig } from '../config.js';
import type { Output } from '../output.js';
import { FORMATS, LETTER_DATA_STYLESHEET, NAVIGATION_FACTS_STYLESHEET, outputPath, format, type OutputFormat } from '../formats.js';
import { citationCff, zenodoJson } from '../export/release-metadata.js';
import { buildSearchIndex, searchLibrarySource, searchTermsSource } from '../search/search-index.js';
import { PROJECT_ROOT } from '../project-root.js';
import {
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
  /** The central register entries its names point to, as a TEI document's text (see `registers/central-registers.ts`); absent: none. */
  registers?: string;
  /** SaxonJS document node of `text` (from `SaxonJS.getResource({type: 'xml', text})`); the build drops it (undefined) once it no longer needs it. */
  document: unknown;
  /** Its neighbours in the edition (JSON, see `build/navigation.ts`), for its page; absent: none. */
  navigation?: string;
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
  /** Rights of the letters' source text and its credit, from the config's `sourceText` ('' when not set); a letter's own TEI availability wins. */
  sourceRights: string;
  sourceRightsUrl: string;
  sourceCredit: string;
  sourceCreditUrl: string;
  version: string;
  editors: readonly string[];
  /** YYYY-MM-DD: SOURCE_DATE_EPOCH, else the newest of the letters' own dates and the config's `date` (see `buildDate` in build.ts); never the wall clock. */
  buildDate: string;
  /** Contact e-mail of the editors (CMIF header, OAI-PMH adminEmail, release metadata). */
  contactEmail: string;
  /** The fixed UUID of the edition's bibliographic record (CMIF `bibl/@xml:id`). */
  bibliographyId: string;
  /** Add the mentioned persons and places to the CMIF export. */
  cmifMentions: boolean;
  /** Records per OAI-PMH list response. */
  oaiPageSize: number;
  /** What a name's @key is matched against in the central registers. */
  registerKey: 'xml:id' | 'n';
}

/** Compiled and loaded stylesheets by format name (the letter-data pass for the formats it makes). */
export interface PreparedStylesheets {
  byFormat: ReadonlyMap<string, LoadedStylesheet>;
  /** The letter-data pass (`xslt/letter-data.xsl`). */
  letterData: LoadedStylesheet;
  /** What the edition's sequence of letters needs of a letter (`xslt/navigation-facts.xsl`). */
  navigationFacts: LoadedStylesheet;
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
    sourceRights: config.sourceText?.rights ?? '',
    sourceRightsUrl: config.sourceText?.rightsUrl ?? '',
    sourceCredit: config.sourceText?.credit ?? '',
    sourceCreditUrl: config.sourceText?.creditUrl ?? '',
    version: config.version,
    editors: [...config.editors],
    buildDate,
    contactEmail: config.contactEmail,
    bibliographyId: config.bibliographyId || uuidFromName(config.baseUrl),
    cmifMentions: config.cmifMentions,
    oaiPageSize: config.oaiPageSize,
    registerKey: config.registerKey,
  };
}

/** Every stylesheet the build runs (the registry's, and the one that reads the letters' navigation facts), relative to the project root. */
export function registryStylesheets(): string[] {
  return [...new Set([...FORMATS.flatMap((entry) => (entry.stylesheet ? [entry.stylesheet] : [])), NAVIGATION_FACTS_STYLESHEET])];
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
  return { byFormat, letterData: loadedByStylesheet.get(LETTER_DATA_STYLESHEET)!, navigationFacts: loadedByStylesheet.get(NAVIGATION_FACTS_STYLESHEET)!, css };
}

function stylesheetParams(params: EditionParams, extra: Record<string, ParamValue>): Record<string, ParamValue> {
  return {
    'edition-title': params.editionTitle,
    'base-url': params.baseUrl,
    publisher: params.publisher,
    'licence-url': params.licenceUrl,
    'licence-label': params.licenceLabel,
    'source-rights': params.sourceRights,
    'source-rights-url': params.sourceRightsUrl,
    'source-credit': params.sourceCredit,
    'source-credit-url': params.sourceCreditUrl,
    version: params.version,
    editors: params.editors,
    'build-date': { date: params.buildDate },
    'contact-email': params.contactEmail,
    'bibliography-id': params.bibliographyId,
    'cmif-mentions': params.cmifMentions,
    'oai-page-size': { integer: params.oaiPageSize },
    'register-key': params.registerKey,
    ...extra,
  };
}

function run(
  entry: OutputFormat,
  context: TransformContext,
  input: { sourceNode?: unknown; file?: string; params: Record<string, ParamValue> },
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

/** What the letter-data pass gives for a letter: its result documents by name (a format's name, `reading-text`, `part/{format}`), and its diagnostics. */
interface LetterData {
  documents: ReadonlyMap<string, string>;
  diagnostics: Diagnostic[];
}

/**
 * The letter-data pass over letters that share their central register
 * entries (`registers` of the first, a stylesheet parameter), in one
 * transform: SaxonJS prepares a stylesheet anew for every transform, which
 * for this one costs about a third of a letter's pass. The stylesheet names
 * each letter's results by its position ("{n}/csl-json") and its messages
 * by its id. When the transform fails, each letter is passed alone, so that
 * the diagnostic names the letter it failed on.
 */
function lettersData(letters: readonly ParsedLetter[], context: TransformContext): LetterData[] {
  const outcome = transform(context.stylesheets.letterData, {
    ...(letters.length === 1 ? { file: letters[0]!.file } : {}),
    params: stylesheetParams(context.params, {
      letters: { documents: letters.map((letter) => letter.document) },
      'letter-ids': letters.map((letter) => letter.id),
      'letter-files': letters.map((letter) => letter.file),
      'central-registers': letters[0]?.registers ?? '',
    }),
  });
  if (!outcome.ok) return letters.length === 1 ? [{ documents: new Map(), diagnostics: [outcome.diagnostic] }] : letters.flatMap((letter) => lettersData([letter], context));
  const documents = letters.map(() => new Map<string, string>());
  for (const document of outcome.resultDocuments) {
    const slash = document.href.indexOf('/');
    documents[Number(document.href.slice(0, slash)) - 1]?.set(document.href.slice(slash + 1), document.content);
  }
  const diagnostics = letters.map((): Diagnostic[] => []);
  const positionOf = new Map(letters.map((letter, index) => [letter.id, index]));
  for (const message of outcome.messages) {
    const position = positionOf.get(messageLetter(message)) ?? 0;
    diagnostics[position]!.push(fallbackDiagnostic(message, () => letters[position]!.file));
  }
  return letters.map((_, index) => ({ documents: documents[index]!, diagnostics: diagnostics[index]! }));
}

/** The letter id a stylesheet's message names (see `ed:report-fallback`), '' when it names none. */
function messageLetter(message: string): string {
  try {
    return (JSON.parse(message) as { letter?: string }).letter ?? '';
  } catch {
    return '';
  }
}

/** A diagnostic for a result the letter-data pass should have written but did not (a defect of the stylesheet). */
function missingResult(letter: ParsedLetter, name: string): Diagnostic {
  return {
    file: letter.file,
    severity: 'error',
    source: 'transform',
    ruleId: 'transform/missing-result',
    message: `The stylesheet ${LETTER_DATA_STYLESHEET} wrote no "${name}" for the letter ${letter.id}.`,
    hint: 'This is a defect of the stylesheet; please report it with the TEI file.',
  };
}

/** The letter's parts among the letter-data pass's result documents, by format name. */
function partsOf(documents: ReadonlyMap<string, string>): LetterParts {
  const parts: Record<string, string> = {};
  for (const entry of FORMATS) {
    const part = documents.get(`part/${entry.name}`);
    if (part !== undefined) parts[entry.name] = part;
  }
  return parts;
}

/** A letter transformed: its per-letter outputs, its parts of the edition-wide outputs and its reading text (absent when the letter-data pass failed). */
export interface LetterTransform extends TransformResult {
  parts: LetterParts;
  reading?: ReadingText;
}

/** Letters passed to the letter-data stylesheet in one transform at most: their documents and results are held together. */
const LETTERS_PER_DATA_TRANSFORM = 16;

/**
 * Transforms letters into every per-letter output of the registry, their
 * parts of the edition-wide outputs and their reading texts: the letter-data
 * pass over many letters at once (see {@link lettersData}), the other
 * stylesheets letter by letter.
 */
export function transformLetters(letters: readonly ParsedLetter[], context: TransformContext): LetterTransform[] {
  const data = new Map<ParsedLetter, LetterData>();
  for (const batch of batchesSharingRegisters(letters, LETTERS_PER_DATA_TRANSFORM)) {
    for (const [index, made] of lettersData(batch, context).entries()) data.set(batch[index]!, made);
  }
  return letters.map((letter) => transformWithData(letter, data.get(letter)!, context));
}

/** The letters in batches of at most `size` letters with the same central register entries (a stylesheet parameter), for transforms of several letters. */
export function batchesSharingRegisters<T extends { registers?: string }>(letters: readonly T[], size: number): T[][] {
  const byRegisters = new Map<string, T[]>();
  for (const letter of letters) byRegisters.set(letter.registers ?? '', [...(byRegisters.get(letter.registers ?? '') ?? []), letter]);
  return [...byRegisters.values()].flatMap((sharing) => Array.from({ length: Math.ceil(sharing.length / size) }, (_, index) => sharing.slice(index * size, (index + 1) * size)));
}

/** Transforms one letter into every per-letter output of the registry, its parts of the edition-wide outputs and its reading text. */
export function transformLetter(letter: ParsedLetter, context: TransformContext): LetterTransform {
  return transformLetters([letter], context)[0]!;
}

/** The letter's outputs from its letter-data results and the registry's other per-letter stylesheets. */
function transformWithData(letter: ParsedLetter, data: LetterData, context: TransformContext): LetterTransform {
  const outputs: Output[] = [];
  const diagnostics: Diagnostic[] = [...data.diagnostics];
  const dataFailed = hasErrors(data.diagnostics);
  const letterParams: Record<string, ParamValue> = { 'letter-id': letter.id, 'central-registers': letter.registers ?? '', 'formatted-citation': '', navigation: letter.navigation ?? '' };
  for (const entry of FORMATS) {
    if (entry.perEdition) continue;
    const produced = { format: entry.name, path: outputPath(entry, letter.id), mediaType: entry.mediaType, producedBy: '/TEI' };
    if (!entry.stylesheet) {
      outputs.push({ ...produced, content: letter.text });
      continue;
    }
    if (entry.stylesheet === LETTER_DATA_STYLESHEET) {
      const made = data.documents.get(entry.name);
      if (made === undefined) {
        if (!dataFailed) diagnostics.push(missingResult(letter, entry.name));
        continue;
      }
      const content = entry.name === 'csl-json' ? formatJson(made) : made;
      outputs.push({ ...produced, content });
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
    outputs.push({ ...produced, content: result.output ?? '' });
    outputs.push(...resultDocumentOutputs(produced, result.resultDocuments));
  }
  const readingJson = data.documents.get('reading-text');
  return { outputs, diagnostics, parts: partsOf(data.documents), ...(readingJson === undefined ? {} : { reading: JSON.parse(readingJson) as ReadingText }) };
}

/**
 * What the edition's sequence needs of each of the letters (a JSON array in
 * their order, see `build/navigation.ts`), read by
 * `xslt/navigation-facts.xsl` in one transform with the functions the index
 * page's parts are made with. The letters share their central register
 * entries (`registers` of the first), a parameter of the stylesheet.
 */
export function navigationFactsJson(letters: readonly Pick<ParsedLetter, 'file' | 'registers' | 'document'>[], context: Pick<TransformContext, 'stylesheets' | 'params'>): { json: string } | { diagnostic: Diagnostic } {
  const outcome = transform(context.stylesheets.navigationFacts, {
    ...(letters.length === 1 ? { file: letters[0]!.file } : {}),
    params: stylesheetParams(context.params, { letters: { documents: letters.map((letter) => letter.document) }, 'central-registers': letters[0]?.registers ?? '' }),
  });
  return outcome.ok ? { json: outcome.output } : { diagnostic: outcome.diagnostic };
}

/** Makes a letter's part of every edition-wide output made by a stylesheet (by the letter-data pass; see `xslt/common/letter-parts.xsl`). */
export function letterParts(letter: ParsedLetter, context: TransformContext): { parts: LetterParts; diagnostics: Diagnostic[] } {
  const data = lettersData([letter], context)[0]!;
  return { parts: partsOf(data.documents), diagnostics: data.diagnostics };
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
  'search-terms': () => searchTermsSource(),
  'search-library': () => searchLibrarySource(),
  'names-script': () => readFileSync(path.join(PROJECT_ROOT, format('names-script').pathPattern), 'utf8'),
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
    const made = letterParts(letter, context);
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
    diagnostics.push(...(result.messages ?? []).map((message) => fallbackDiagnostic(message, (id) => (id === undefined ? undefined : fileOf.get(id)), entry)));
  }
  return { outputs, diagnostics };
}

/**
 * A CMIF document of some letters only, made from their CMIF parts by the
 * initial template of `cmif.xsl` as cmif.xml is: the edition's header,
 * exactly as in cmif.xml, with these letters' `correspDesc` (with no part,
 * the header alone). The official Schematron checks each letter's entry in
 * such a document where the letter is built, and the header once per build.
 */
export function cmifDocument(cmifParts: readonly string[], context: TransformContext): { document: string } | { diagnostic: Diagnostic } {
  const result = run(format('cmif'), context, { params: stylesheetParams(context.params, { parts: cmifParts }) });
  return result.diagnostic ? { diagnostic: result.diagnostic } : { document: result.output ?? '' };
}

/**
 * A stylesheet's report (JSON `{format, letter, rule, message, hint?}`) as a
 * warning on the letter, naming the export (its `format`, else `entry`). A
 * rule without a stage ("cmif-no-date") is an export's fallback
 * ("export/cmif-no-date"); a rule with one ("metadata/conflicting-roles") is
 * kept as it is.
 */
function fallbackDiagnostic(message: string, fileOf: (letterId: string | undefined) => string | undefined, entry?: OutputFormat): Diagnostic {
  let parsed: { format?: string; letter?: string; rule?: string; message?: string; hint?: string; path?: string } = {};
  try {
    parsed = JSON.parse(message) as typeof parsed;
  } catch {
    parsed = { message };
  }
  const file = fileOf(parsed.letter);
  const output = FORMATS.find((candidate) => candidate.name === parsed.format) ?? entry;
  const where = [output?.pathPattern, parsed.letter && `letter ${parsed.letter}`].filter(Boolean).join(', ');
  return {
    ...(file === undefined ? {} : { file }),
    severity: 'warning',
    source: 'transform',
    ruleId: parsed.rule?.includes('/') ? parsed.rule : `export/${parsed.rule ?? 'fallback'}`,
    message: `${where ? `${where}: ` : ''}${parsed.message ?? message}`,
    hint: parsed.hint ?? 'The export is valid; encode the information in the TEI to replace the fallback (see README, "Exports").',
    ...(parsed.path ? { path: parsed.path } : {}),
  };
}

/** The reading text of a letter: the text flow without notes, and each note's text with its label. */
export interface ReadingText {
  flow: string;
  notes: { label: string; text: string }[];
}
