/**
 * Check stage: every output of a letter is checked before it is written.
 * Each output format has one checker; a failing check yields a diagnostic
 * that names the output (path relative to the output folder), the check
 * (`ruleId`) and the TEI element the output was produced from (`path`).
 */
import type { Diagnostic } from '../diagnostic.js';
import { roundTripBibtex, roundTripRis, type RoundTripResult } from '../check/citation.js';
import type { CiteItem } from '@citation-js/core';
import { checkCslJson, releaseCslJsonChecker } from '../check/csl-json.js';
import { readHtmlStructure, releaseHtmlChecker, validateHtml, type HtmlStructure } from '../check/html.js';
import { checkLinks } from '../check/links.js';
import { FORMATS, type CheckerId } from '../formats.js';
import type { Output, OutputTarget } from '../output.js';
import { findingDiagnostic, type Finding } from '../check/report.js';
import { checkText } from '../check/text.js';
import { checkScript } from '../check/script.js';
import { checkSearchIndex } from '../check/search-index.js';
import { checkExports, isExportChecker, type ExportCheckOptions } from '../check/export-check.js';
import type { SchemaStore } from '../schema-store.js';

export { renderCitation, type RenderedCitation } from '../check/citation.js';

/** What the checks need besides the outputs. */
export interface CheckContext {
  /** The TEI file the outputs were built from, as the user named it (for the index page: the input folder). */
  letterFile: string;
  /** The letter's reading text, words in order; the text output must contain them all, in order. */
  readingText?: string;
  /** The letter's TEI source text; its pointer and namespace attribute values must not leak into the text output. */
  teiSource?: string;
  /**
   * All outputs of the whole build by path relative to the output folder
   * (assets included), for the link check. Absent: HTML pages are validated
   * but their links are not checked yet; the caller collects their
   * structures (`structures`) and checks the links with
   * {@link checkPageLinks} once every output of the build is known.
   */
  outputsByPath?: ReadonlyMap<string, OutputTarget>;
  /** Receives the ids and links of every HTML page checked, by output path. */
  structures?: Map<string, HtmlStructure>;
  /** Ids of pages parsed before (in a worker, or by an earlier build), by output path: link targets need not be parsed again. */
  idsByPath?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Where the archive exports' official schemas are looked up; without it, the toolkit's own export schemas are used (and the skipped official check is reported). */
  store?: SchemaStore;
  /** The edition's CMIF header alone, when the letters' CMIF entries were checked where they were built: see {@link ExportCheckOptions.cmifHeader}. */
  cmifHeader?: string;
}

/** Ids of HTML outputs already parsed, per output object of the current build. */
const idsByOutput = new WeakMap<Output, ReadonlySet<string>>();

/**
 * Checks the outputs of one letter (or the index page). Returns the
 * diagnostics; an empty list (or one without errors) means the outputs may
 * be written.
 */
export async function checkOutputs(outputs: readonly Output[], context: CheckContext): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const report = (output: Output, findings: readonly Finding[]): void => {
    const inFileOrder = [...findings].sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
    for (const finding of inFileOrder) diagnostics.push(findingDiagnostic(output, context.letterFile, finding));
  };

  // The BibTeX and RIS round trips compare with the CSL-JSON, so it is checked first;
  // when it fails its own check, comparing with it would only repeat that failure.
  let csl: { items?: CiteItem[]; valid: boolean } | undefined;
  for (const output of outputs) {
    if (checkerOf(output) !== 'csl-json') continue;
    const result = checkCslJson(output.content);
    report(output, result.findings);
    csl ??= { items: result.items, valid: result.findings.length === 0 };
  }

  // The exports are checked in batches (one schema compile for all OAI-PMH responses).
  const exportFindings = await checkExports(
    outputs.flatMap((output) => {
      const checker = checkerOf(output);
      return checker !== undefined && isExportChecker(checker) ? [{ output, checker }] : [];
    }),
    { store: context.store, cmifHeader: context.cmifHeader },
  );
  for (const output of outputs) {
    const checker = checkerOf(output);
    switch (checker) {
      case 'cmif':
      case 'oai-pmh':
      case 'tei-corpus':
      case 'citation-cff':
      case 'zenodo':
        report(output, exportFindings.get(output) ?? []);
        break;
      case 'html':
        report(output, await checkHtmlOutput(output, context));
        break;
      case 'search-index':
        report(output, await checkSearchIndex(output.content, output.path, { outputsByPath: allOutputs(context, output), idsOf: async (target) => context.idsByPath?.get(target.path) ?? idsOf(target) }));
        break;
      case 'script':
        report(output, checkScript(output.content, output.path));
        break;
      case 'text':
        report(output, checkText({ text: output.content, readingText: context.readingText, teiSource: context.teiSource }));
        break;
      case 'bibtex':
      case 'ris':
        if (csl === undefined || csl.valid) report(output, checkRoundTrip(output, checker, csl?.items));
        break;
      case 'csl-json':
      case 'tei':
      case 'css':
        break;
      case undefined:
        report(output, [
          {
            ruleId: 'check/no-checker',
            message: `No check is registered for the output format "${output.format}".`,
            hint: 'Register the format, with its checker, in the output-format registry (src/formats.ts).',
          },
        ]);
        break;
    }
  }
  return diagnostics;
}

/** Releases the warm checkers (html-validate instance, compiled schema); the next check creates them again. */
export function closeCheckers(): void {
  releaseHtmlChecker();
  releaseCslJsonChecker();
}

/** The checker the output-format registry names for an output; undefined for a format it does not know. */
function checkerOf(output: Output): CheckerId | undefined {
  return FORMATS.find((entry) => entry.name === output.format)?.checker;
}

async function checkHtmlOutput(output: Output, context: CheckContext): Promise<Finding[]> {
  const { findings, structure } = await validateHtml(output.content, output.path);
  idsByOutput.set(output, structure.ids);
  context.structures?.set(output.path, structure);
  if (!context.outputsByPath) return findings;
  return [...findings, ...(await linkFindings(output, structure, { outputsByPath: context.outputsByPath, idsByPath: context.idsByPath }))];
}

/** The build's outputs, for a check that needs them all; a check run without them is a defect of the caller. */
function allOutputs(context: CheckContext, output: Output): ReadonlyMap<string, OutputTarget> {
  if (!context.outputsByPath) throw new Error(`${output.path} can only be checked with all outputs of the build (outputsByPath).`);
  return context.outputsByPath;
}

/** What the link check of a page needs. */
export interface LinkCheckContext {
  /** The TEI file the page was built from, as the user named it. */
  letterFile: string;
  outputsByPath: ReadonlyMap<string, OutputTarget>;
  idsByPath?: ReadonlyMap<string, ReadonlySet<string>>;
}

/**
 * Checks the links of an HTML page whose structure was collected when it
 * was validated (see {@link CheckContext.outputsByPath}): every internal link
 * and fragment must have a target among the build's outputs.
 */
export async function checkPageLinks(output: Output | WrittenOutput, structure: HtmlStructure, context: LinkCheckContext): Promise<Diagnostic[]> {
  const findings = await linkFindings(output, structure, context);
  if (findings.length === 0) return [];
  const page = 'content' in output ? output : await readWrittenOutput(output);
  return findings.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0)).map((finding) => findingDiagnostic(page, context.letterFile, finding));
}

/** An output already written (its text is not kept in memory): read back only to place a finding on its line and column. */
export interface WrittenOutput extends OutputTarget {
  format: string;
  producedBy?: string;
  read(): Promise<string>;
}

/** A written output with its text read back. */
export async function readWrittenOutput(output: WrittenOutput): Promise<Output> {
  return { format: output.format, path: output.path, mediaType: output.mediaType, ...(output.producedBy ? { producedBy: output.producedBy } : {}), content: await output.read() };
}

function linkFindings(output: OutputTarget, structure: HtmlStructure, context: Omit<LinkCheckContext, 'letterFile'>): Promise<Finding[]> {
  return checkLinks(output.path, structure.links, {
    outputsByPath: context.outputsByPath,
    idsOf: async (target) => (target === output ? structure.ids : (context.idsByPath?.get(target.path) ?? idsOf(target))),
  });
}

/** The ids of an HTML output: from its check, else parsed now. A target without its content (written already) has its ids in `idsByPath`. */
async function idsOf(target: OutputTarget): Promise<ReadonlySet<string>> {
  if (!('content' in target)) throw new Error(`The ids of ${target.path} were not collected when it was checked.`);
  const output = target as Output;
  const known = idsByOutput.get(output);
  if (known) return known;
  const { ids } = await readHtmlStructure(output.content, output.path);
  idsByOutput.set(output, ids);
  return ids;
}

function checkRoundTrip(output: Output, format: 'bibtex' | 'ris', cslItems: CiteItem[] | undefined): Finding[] {
  if (!cslItems) {
    return [
      {
        ruleId: 'check/citation-roundtrip',
        message: 'No CSL-JSON output of the same letter to compare with.',
        hint: 'Check a letter\'s citation files together with its CSL-JSON.',
      },
    ];
  }
  const result: RoundTripResult = format === 'bibtex' ? roundTripBibtex(output.content, cslItems) : roundTripRis(output.content, cslItems);
  if (!result.ok) return [{ ruleId: 'check/citation-roundtrip', message: result.reason, offset: 0, cause: result.cause }];
  const name = format === 'bibtex' ? 'BibTeX' : 'RIS';
  return result.mismatches.map((mismatch) => ({
    ruleId: 'check/citation-roundtrip',
    message:
      mismatch.actual === '(none)'
        ? `${mismatch.field} is lost in the ${name} round trip: the CSL-JSON has ${JSON.stringify(mismatch.expected)}, citation-js reads nothing back.`
        : `${mismatch.field} differs in the ${name} round trip: the CSL-JSON has ${JSON.stringify(mismatch.expected)}, citation-js reads ${JSON.stringify(mismatch.actual)}.`,
    offset: mismatch.offset,
    hint: `Make the ${name} stylesheet write the ${mismatch.field} as the CSL-JSON stylesheet does.`,
  }));
}
