/**
 * Citation checks: citeproc renders the letter's CSL-JSON, and the BibTeX and
 * RIS files are parsed back with citation-js and compared field by field with
 * the CSL-JSON.
 *
 * What citation-js 0.8.2 does with our files (read from its mappings and
 * confirmed by the tests):
 * - BibTeX must be read as `@biblatex/text`. `@bibtex/text` applies the
 *   classic BibTeX mapping, which turns `@letter` into `document` and drops
 *   the BibLaTeX `date` (our open range `1916-10-04/..`) and `translator`.
 *   With `@biblatex/text`, `@letter` becomes `personal_communication`, `date`
 *   `1916-10-04/..` becomes `date-parts [[1916,10,4], null]`, and `@misc`
 *   with `year` becomes `[[1916]]`; the year is `date-parts[0][0]` either way.
 * - Neither BibTeX mapping knows a recipient (biblatex has no such field, and
 *   `editora`/`editoratype = {recipient}` is ignored too), and `howpublished`
 *   of a `@misc` maps to nothing. The recipient is therefore read from the raw
 *   entry as citation-js's BibTeX parser returns it, decoded by citation-js:
 *   from a `recipient` field (a name list, compared as family and given), or
 *   else from `howpublished = {Letter to A. G. Shlyapnikov; …}` (names in
 *   natural order, compared with the CSL names written given-first). An entry
 *   with neither loses the recipient and fails the check.
 * - RIS is read as `@ris/file`. For `TY  - PCOMM` (and `ICOMM`) citation-js
 *   maps `A2` to `recipient` (for other types A2 is an editor or similar), `AU`
 *   to `author`, `TI` to `title`, `PY` to the year of `issued`, `UR` to `URL`.
 */
import { Cite, plugins, type CiteItem, type CiteName } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';

/** The citation style and locale the edition shows (both bundled with plugin-csl). */
const STYLE = { template: 'apa', lang: 'en-US' } as const;

/** Thrown by {@link renderCitation} when citeproc cannot render the data. */
export class CitationRenderError extends Error {
  override readonly name = 'CitationRenderError';
}

/** A formatted citation as plain text (no trailing newline): the pages and the text file show it as text. */
export interface RenderedCitation {
  text: string;
}

/**
 * Renders CSL-JSON (an array of items, or one item) with citeproc in APA,
 * en-US. The citeproc engine stays warm inside plugin-csl: the first render
 * of a run takes 1–2 s, later ones milliseconds.
 *
 * @throws {@link CitationRenderError} when the text is not JSON, or citeproc
 * fails or renders nothing.
 */
export function renderCitation(cslJson: string): RenderedCitation {
  if (lastRendered?.cslJson === cslJson) return lastRendered.citation;
  const citation = Object.freeze(renderUncached(cslJson));
  lastRendered = { cslJson, citation };
  return citation;
}

/**
 * The last citation rendered: the build renders a letter's CSL-JSON for its
 * HTML and text, and the CSL-JSON check renders the same text again right
 * after; citeproc is deterministic, so the second render is the first.
 */
let lastRendered: { cslJson: string; citation: RenderedCitation } | undefined;

function renderUncached(cslJson: string): RenderedCitation {
  let data: unknown;
  try {
    data = JSON.parse(cslJson);
  } catch (error) {
    throw new CitationRenderError(`The CSL-JSON is not JSON: ${(error as Error).message}`, { cause: error });
  }
  let text: string;
  try {
    const cite = new Cite(data);
    text = cite.format('bibliography', { format: 'text', ...STYLE }).trim();
  } catch (error) {
    throw new CitationRenderError(`citeproc could not render the CSL-JSON: ${(error as Error).message}`, { cause: error });
  }
  if (text === '') {
    throw new CitationRenderError('citeproc rendered the CSL-JSON as an empty citation.');
  }
  return { text };
}

/** A field the round trip compares. */
export type RoundTripField = 'author' | 'recipient' | 'title' | 'year' | 'URL';

/** One difference between the CSL-JSON and a parsed-back citation file. */
export interface FieldMismatch {
  /** Index of the entry (BibTeX) or record (RIS) in its file, 0-based. */
  entry: number;
  /** Key of the entry when the file names one (BibTeX label). */
  label?: string;
  field: RoundTripField;
  /** The value in the CSL-JSON, formatted for people; `(none)` when absent. */
  expected: string;
  /** The value parsed back; `(none)` when lost. */
  actual: string;
  /** 0-based character offset in the file of the field (or of its entry when the field is missing). */
  offset: number;
}

/** The result of parsing a citation file back: mismatches, or why it could not be parsed. */
export type RoundTripResult =
  | { ok: true; mismatches: FieldMismatch[] }
  | { ok: false; reason: string; cause: unknown };

const NONE = '(none)';

/** How a `@misc` entry names the recipients in `howpublished` when it has no `recipient` field. */
const LETTER_TO = 'Letter to ';

/** The fields compared, with the BibTeX field names and RIS tags that carry them (for locating them in the file). */
const FIELD_SOURCES: Record<RoundTripField, { bibtex: string[]; ris: string[] }> = {
  author: { bibtex: ['author'], ris: ['AU', 'A1'] },
  recipient: { bibtex: ['recipient'], ris: ['A2'] },
  title: { bibtex: ['title'], ris: ['TI', 'T1'] },
  year: { bibtex: ['date', 'year'], ris: ['PY', 'Y1', 'DA'] },
  URL: { bibtex: ['url'], ris: ['UR'] },
};

interface RawBibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

/**
 * Parses BibTeX/BibLaTeX text back with citation-js and compares every entry
 * with the CSL item of the same id (or the only CSL item).
 */
export function roundTripBibtex(bibtex: string, cslItems: readonly CiteItem[]): RoundTripResult {
  let parsed: { raw: RawBibtexEntry[]; items: CiteItem[] };
  try {
    const raw = plugins.input.chainLink(bibtex, { forceType: '@biblatex/text' }) as RawBibtexEntry[];
    const items = raw.length === 0 ? [] : new Cite(raw, { forceType: '@biblatex/entries+list' }).data;
    parsed = { raw, items };
  } catch (error) {
    return { ok: false, reason: `citation-js could not parse the BibTeX: ${(error as Error).message}`, cause: error };
  }
  if (parsed.items.length === 0) {
    return { ok: false, reason: 'citation-js found no entry in the BibTeX file.', cause: undefined };
  }
  const entryOffsets = bibtexEntryOffsets(bibtex);
  const mismatches: FieldMismatch[] = [];
  parsed.items.forEach((item, index) => {
    const raw = parsed.raw[index];
    const recipientField = raw?.properties['recipient'];
    const howPublished = recipientField ? undefined : decodeBibtexText(raw?.properties['howpublished']);
    const recipientsInProse = howPublished?.startsWith(LETTER_TO) === true;
    const actual: CiteItem = {
      ...item,
      recipient: recipientField
        ? parseBibtexNames(recipientField)
        : recipientsInProse
          ? howPublished!.slice(LETTER_TO.length).split('; ').map((literal) => ({ literal }))
          : undefined,
    };
    const start = entryOffsets[index] ?? 0;
    const end = entryOffsets[index + 1] ?? bibtex.length;
    const sources = recipientsInProse ? { ...FIELD_SOURCES, recipient: { bibtex: ['howpublished'], ris: [] } } : FIELD_SOURCES;
    const locate = (field: RoundTripField): number =>
      locateField(bibtex, start, end, sources[field].bibtex, (name) => new RegExp(`(^|[\\s,{])${name}\\s*=`, 'gi'));
    const nameOrder = { recipient: recipientsInProse ? 'natural' : 'inverted' } as const;
    mismatches.push(...compareItem(expectedItemFor(cslItems, raw?.label), actual, index, raw?.label, locate, nameOrder));
  });
  return { ok: true, mismatches };
}

/** Parses RIS text back with citation-js and compares every record with the CSL item (the only one, or by position). */
export function roundTripRis(ris: string, cslItems: readonly CiteItem[]): RoundTripResult {
  let items: CiteItem[];
  try {
    items = new Cite(ris, { forceType: '@ris/file' }).data;
  } catch (error) {
    return { ok: false, reason: `citation-js could not parse the RIS: ${(error as Error).message}`, cause: error };
  }
  if (items.length === 0) {
    return { ok: false, reason: 'citation-js found no record in the RIS file.', cause: undefined };
  }
  const recordOffsets = risRecordOffsets(ris);
  const mismatches: FieldMismatch[] = [];
  items.forEach((item, index) => {
    const start = recordOffsets[index] ?? 0;
    const end = recordOffsets[index + 1] ?? ris.length;
    const locate = (field: RoundTripField): number =>
      locateField(ris, start, end, FIELD_SOURCES[field].ris, (tag) => new RegExp(`(^|\\n)${tag}  - `, 'g'));
    const expected = cslItems.length === 1 ? cslItems[0] : cslItems[index];
    mismatches.push(...compareItem(expected, item, index, undefined, locate, { recipient: 'inverted' }));
  });
  return { ok: true, mismatches };
}

function expectedItemFor(cslItems: readonly CiteItem[], label: string | undefined): CiteItem | undefined {
  if (cslItems.length === 1) return cslItems[0];
  return cslItems.find((item) => String(item.id) === label);
}

function compareItem(
  expected: CiteItem | undefined,
  actual: CiteItem,
  entry: number,
  label: string | undefined,
  locate: (field: RoundTripField) => number,
  nameOrder: { recipient: NameOrder },
): FieldMismatch[] {
  const mismatches: FieldMismatch[] = [];
  const fields: [RoundTripField, (item: CiteItem | undefined) => string][] = [
    ['author', (item) => formatNames(item?.author, 'inverted')],
    ['recipient', (item) => formatNames(item?.recipient, nameOrder.recipient)],
    ['title', (item) => normaliseText(item?.title)],
    ['year', (item) => formatYear(item)],
    ['URL', (item) => normaliseText(item?.URL)],
  ];
  for (const [field, read] of fields) {
    const expectedValue = read(expected);
    const actualValue = read(actual);
    if (expectedValue !== actualValue) {
      mismatches.push({ entry, label, field, expected: expectedValue, actual: actualValue, offset: locate(field) });
    }
  }
  return mismatches;
}

function normaliseText(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return NONE;
  const text = String(value).normalize('NFC').replace(/\s+/g, ' ').trim();
  return text === '' ? NONE : text;
}

/** `Family, Given` (BibTeX, RIS, CSL) or `Given Family` (prose). */
type NameOrder = 'inverted' | 'natural';

/** Formats names (a literal as it is; a family-only name equals a literal; particles belong to the family name), joined with `; `. */
function formatNames(names: readonly CiteName[] | undefined, order: NameOrder): string {
  if (!Array.isArray(names) || names.length === 0) return NONE;
  return names
    .map((name) => {
      if (typeof name.literal === 'string') return normaliseText(name.literal);
      // BibTeX readers split "von Mülinen" into a particle and a family name; the name is the same.
      const family = normaliseText([name['dropping-particle'], name['non-dropping-particle'], name.family].filter((part) => typeof part === 'string' && part !== '').join(' '));
      if (typeof name.given !== 'string') return family;
      const given = normaliseText(name.given);
      return order === 'inverted' ? `${family}, ${given}` : `${given} ${family}`;
    })
    .join('; ');
}

/** Decodes a raw BibTeX field value (braces, TeX escapes) with citation-js's own value parser. */
function decodeBibtexText(field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  const [item] = new Cite([{ type: 'misc', label: 'text', properties: { title: field } }], {
    forceType: '@biblatex/entries+list',
  }).data;
  return typeof item?.title === 'string' ? normaliseText(item.title) : undefined;
}

function formatYear(item: CiteItem | undefined): string {
  const first = item?.issued?.['date-parts']?.[0];
  const year = Array.isArray(first) ? first[0] : undefined;
  if (year === undefined || year === null || year === '') return NONE;
  return String(Number(year));
}

/** Parses a BibTeX name list (`A and B`) with citation-js's own BibTeX name handling. */
function parseBibtexNames(field: string): CiteName[] | undefined {
  const [item] = new Cite([{ type: 'misc', label: 'names', properties: { author: field } }], {
    forceType: '@biblatex/entries+list',
  }).data;
  return item?.author;
}

/** Offsets of the `@` of each entry (comments and `@string`/`@preamble` excluded), in file order. */
function bibtexEntryOffsets(text: string): number[] {
  const offsets: number[] = [];
  const entryStart = /@\s*([A-Za-z]+)\s*[{(]/g;
  for (const match of text.matchAll(entryStart)) {
    const type = match[1]!.toLowerCase();
    if (type !== 'comment' && type !== 'string' && type !== 'preamble') offsets.push(match.index);
  }
  return offsets;
}

/** Offsets of the `TY  - ` line of each RIS record. */
function risRecordOffsets(text: string): number[] {
  return [...text.matchAll(/^TY {2}- /gm)].map((match) => match.index);
}

/** Offset of the first of `names` written in `text[start, end)`, else `start`. */
function locateField(
  text: string,
  start: number,
  end: number,
  names: readonly string[],
  pattern: (name: string) => RegExp,
): number {
  for (const name of names) {
    const regex = pattern(name);
    regex.lastIndex = start;
    const match = regex.exec(text);
    if (match && match.index < end) return match.index + match[1]!.length;
  }
  return start;
}
