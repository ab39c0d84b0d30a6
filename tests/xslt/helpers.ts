/** Shared set-up of the XSLT tests: compiled stylesheets (SEF cache under test-artifacts/), parsing, a transform context. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileStylesheet, loadStylesheet, parseXml, transform, type LoadedStylesheet } from '../../src/adapters/saxon.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { editionParams, prepareStylesheets, type ParsedLetter, type TransformContext } from '../../src/stages/transform.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SEF_CACHE = path.join(ROOT, 'test-artifacts', 'sef');
export const BUNDLED_LETTER = path.join(ROOT, 'tei', 'lenin-to-shlyapnikov-1916-10.xml');
export const BUILD_DATE = '2026-11-27';

/** A transform context with the default edition configuration and an optional citation renderer. */
export async function testContext(renderCitation?: TransformContext['renderCitation']): Promise<TransformContext> {
  const stylesheets = await prepareStylesheets({ cacheDir: SEF_CACHE });
  return { stylesheets, params: editionParams(DEFAULT_CONFIG, BUILD_DATE), ...(renderCitation ? { renderCitation } : {}) };
}

/** Parses TEI text into a letter as the load stage would. */
export async function parsedLetter(text: string, file: string, id: string): Promise<ParsedLetter> {
  return { file, id, text, document: await parseXml(text) };
}

/** Reads and parses a TEI file; the id is the file name, sanitised. */
export async function letterFromFile(file: string): Promise<ParsedLetter> {
  const id = path.basename(file, '.xml').replace(/[^A-Za-z0-9._-]/g, '_');
  return parsedLetter(await readFile(file, 'utf8'), file, id);
}

let harness: LoadedStylesheet | undefined;

/** What the common layer reads from a TEI document (see tests/fixtures/xslt/common-harness.xsl). */
export async function commonReading(tei: string): Promise<Record<string, unknown>> {
  harness ??= await loadStylesheet(await compileStylesheet(path.join(ROOT, 'tests/fixtures/xslt/common-harness.xsl'), { cacheDir: SEF_CACHE }));
  const outcome = transform(harness, { sourceNode: await parseXml(tei), params: {} });
  if (!outcome.ok) throw new Error(outcome.diagnostic.message);
  return JSON.parse(outcome.output) as Record<string, unknown>;
}

/** A minimal TEI letter around a header fragment and a body. */
export function tei(options: { header?: string; profile?: string; body: string; back?: string; standOff?: string; lang?: string }): string {
  return `<TEI xmlns="http://www.tei-c.org/ns/1.0"${options.lang ? ` xml:lang="${options.lang}"` : ''}><teiHeader><fileDesc><titleStmt><title>Test letter</title>${options.header ?? ''}</titleStmt><publicationStmt><p>test</p></publicationStmt><sourceDesc><p>test source</p></sourceDesc></fileDesc>${options.profile ? `<profileDesc>${options.profile}</profileDesc>` : ''}</teiHeader>${options.standOff ?? ''}<text><body>${options.body}</body>${options.back ? `<back>${options.back}</back>` : ''}</text></TEI>`;
}

/** Words (letters and digits) of a text, for in-order comparisons. */
export function words(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Index in `haystack` after which all of `needle` occur in order, or the first missing word. */
export function missingInOrder(needle: readonly string[], haystack: readonly string[]): string | undefined {
  let at = 0;
  for (const word of needle) {
    while (at < haystack.length && haystack[at] !== word) at++;
    if (at === haystack.length) return word;
    at++;
  }
  return undefined;
}
