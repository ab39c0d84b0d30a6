/**
 * One letter's share of the build: transform into every per-letter output
 * and into its parts of the edition-wide outputs, extract the reading text,
 * and run every check that needs only the letter's own outputs or parts
 * (the letter's entry in cmif.xml is checked with the official Schematron
 * here, so that an unchanged letter's entry is not checked again). The link
 * checks need every output of the build and run later, on the main thread,
 * from the page structures returned here. Runs in a worker thread or in the
 * main thread alike.
 */
import { portableDiagnostic, type Diagnostic } from '../diagnostic.js';
import { writeIntoFolder, type ManifestEntry } from '../stages/write.js';
import type { BuildCache } from './build-cache.js';
import type { LetterSource } from './letter-pool.js';
import type { Output } from '../output.js';
import type { HtmlLink, HtmlStructure } from '../check/html.js';
import { checkOutputs } from '../stages/check.js';
import { checkCmifEntry } from '../check/export-check.js';
import { cmifDocument, transformLetter, transformLetters, type LetterParts, type LetterTransform, type ParsedLetter, type TransformContext } from '../stages/transform.js';

/** The ids and links of one HTML page, in a form that can be posted to another thread and stored as JSON. */
export interface PageStructure {
  /** Output path of the page. */
  path: string;
  ids: string[];
  links: HtmlLink[];
}

/** What building one letter gave. */
export interface LetterBuild {
  /** The TEI file, as shown to the user. */
  file: string;
  outputs: Output[];
  /** Transform and check diagnostics (link checks excluded); `cause` reduced to a string. */
  diagnostics: Diagnostic[];
  /** Structures of the letter's HTML pages, for the link checks. */
  pages: PageStructure[];
  /** The letter's parts of the edition-wide outputs. */
  parts: LetterParts;
}

/** The letter checks that depend on the schema store (plain data, so that it can be posted to a worker thread). */
export interface LetterChecks {
  /** The official `cmif.sch` (its path), when the schema store has it with `cmi-customization.rng`: each letter's CMIF entry is checked with it. */
  cmifSchematron?: string;
}

/** An output written into the staging folder: what the manifest and the link checks need, without its text. */
export interface StagedOutput extends ManifestEntry {
  format: string;
  mediaType: string;
  producedBy?: string;
}

/** A letter's build once its outputs are in the staging folder (see {@link stageLetterBuild}). */
export interface StagedLetterBuild {
  file: string;
  outputs: StagedOutput[];
  /** The build's diagnostics, and a write diagnostic if its outputs could not be written. */
  diagnostics: Diagnostic[];
  pages: PageStructure[];
  parts: LetterParts;
}

/**
 * Writes a letter's outputs into the staging folder and stores the build in
 * the cache (when given and the build passed its checks; the cache is an
 * optimisation, so a failure to store is not the build's). Runs in a worker
 * thread or in the main thread alike, so the outputs' text need not travel
 * to the main thread or stay in its memory.
 */
export async function stageLetterBuild(build: LetterBuild, letter: LetterSource, target: { stagingFolder: string; cache?: BuildCache }): Promise<StagedLetterBuild> {
  await target.cache?.write(letter, build).catch(() => undefined);
  const written = await writeIntoFolder(target.stagingFolder, build.outputs);
  const entries = new Map('entries' in written ? written.entries.map((entry) => [entry.path, entry] as const) : []);
  const outputs = build.outputs.flatMap((output) => {
    const entry = entries.get(output.path);
    return entry ? [{ ...entry, format: output.format, mediaType: output.mediaType, ...(output.producedBy ? { producedBy: output.producedBy } : {}) }] : [];
  });
  return { file: build.file, outputs, diagnostics: 'diagnostic' in written ? [...build.diagnostics, portableDiagnostic(written.diagnostic)] : build.diagnostics, pages: build.pages, parts: build.parts };
}

/** Transforms one parsed letter, checks its outputs (all but the links), and makes its parts of the edition-wide outputs and checks its CMIF entry. */
export async function buildLetter(letter: ParsedLetter, context: TransformContext, checks: LetterChecks): Promise<LetterBuild> {
  return checkLetter(letter, transformLetter(letter, context), context, checks);
}

/** Builds several parsed letters as {@link buildLetter} does, transformed together (see `transformLetters`); one build per letter, in the same order. */
export async function buildLetters(letters: readonly ParsedLetter[], context: TransformContext, checks: LetterChecks): Promise<LetterBuild[]> {
  const transformed = transformLetters(letters, context);
  const builds: LetterBuild[] = [];
  for (const [index, letter] of letters.entries()) builds.push(await checkLetter(letter, transformed[index]!, context, checks));
  return builds;
}

/** Checks a transformed letter's outputs (all but the links) and its CMIF entry. */
async function checkLetter(letter: ParsedLetter, transformed: LetterTransform, context: TransformContext, checks: LetterChecks): Promise<LetterBuild> {
  const diagnostics = [...transformed.diagnostics];
  const cmifPart = transformed.parts['cmif'];
  if (checks.cmifSchematron && cmifPart !== undefined) diagnostics.push(...(await cmifEntryDiagnostics(letter, cmifPart, context, checks.cmifSchematron)));
  const reading = transformed.reading;
  const readingWords = reading ? [reading.flow, ...reading.notes.map((note) => note.text)].join('\n') : undefined;
  const structures = new Map<string, HtmlStructure>();
  diagnostics.push(...(await checkOutputs(transformed.outputs, { letterFile: letter.file, readingText: readingWords, teiSource: letter.text, structures })));
  return { file: letter.file, outputs: transformed.outputs, diagnostics: diagnostics.map(portableDiagnostic), pages: pageStructures(structures), parts: transformed.parts };
}

/** The official Schematron's findings on the letter's entry in cmif.xml, checked in a CMIF document of the edition's header and this entry. */
async function cmifEntryDiagnostics(letter: ParsedLetter, cmifPart: string, context: TransformContext, schematronFile: string): Promise<Diagnostic[]> {
  const made = cmifDocument([cmifPart], context);
  return 'diagnostic' in made ? [made.diagnostic] : checkCmifEntry(made.document, letter, schematronFile);
}

/** The structures the HTML checks found, by page path, as {@link PageStructure}s. */
export function pageStructures(structures: ReadonlyMap<string, HtmlStructure>): PageStructure[] {
  return [...structures].map(([path, structure]) => ({ path, ids: [...structure.ids], links: [...structure.links] }));
}
