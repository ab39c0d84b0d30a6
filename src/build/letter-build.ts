/**
 * One letter's share of the build: transform into every per-letter output,
 * extract the reading text, and run every check that needs only the letter's
 * own outputs. The link checks need every output of the build and run later,
 * on the main thread, from the page structures returned here. Runs in a
 * worker thread or in the main thread alike.
 */
import type { Diagnostic } from '../diagnostic.js';
import type { Output } from '../output.js';
import type { HtmlLink, HtmlStructure } from '../check/html.js';
import { checkOutputs } from '../stages/check.js';
import { readingText, transformLetter, type ParsedLetter, type TransformContext } from '../stages/transform.js';

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
}

/** Transforms one parsed letter and checks its outputs (all but the links). */
export async function buildLetter(letter: ParsedLetter, context: TransformContext): Promise<LetterBuild> {
  const transformed = transformLetter(letter, context);
  const diagnostics = [...transformed.diagnostics];
  const reading = readingText(letter, context);
  if (reading.diagnostic) diagnostics.push(reading.diagnostic);
  const readingWords = reading.reading ? [reading.reading.flow, ...reading.reading.notes.map((note) => note.text)].join('\n') : undefined;
  const structures = new Map<string, HtmlStructure>();
  diagnostics.push(...(await checkOutputs(transformed.outputs, { letterFile: letter.file, readingText: readingWords, teiSource: letter.text, structures })));
  const pages = [...structures].map(([path, structure]) => ({ path, ids: [...structure.ids], links: [...structure.links] }));
  return { file: letter.file, outputs: transformed.outputs, diagnostics: diagnostics.map(portableDiagnostic), pages };
}

/**
 * A diagnostic whose `cause` is a string, as the JSON report shows it: the
 * raw causes (html-validate messages, SaxonJS errors) cannot always be posted
 * between threads or stored as JSON.
 */
export function portableDiagnostic(diagnostic: Diagnostic): Diagnostic {
  if (diagnostic.cause === undefined || typeof diagnostic.cause === 'string') return diagnostic;
  return { ...diagnostic, cause: describeCause(diagnostic.cause) };
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  try {
    return JSON.stringify(cause) ?? String(cause);
  } catch {
    return String(cause);
  }
}
