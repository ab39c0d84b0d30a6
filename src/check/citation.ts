/**
 * Citation checks: citeproc renders the letter's CSL-JSON, and the BibLaTeX
 * and RIS files are parsed back with citation-js and compared field by field
 * with the CSL-JSON: author, recipient, title, date, the edition and the URL.
 *
 * What citation-js 0.8.2 does with our files (read from its mappings and
 * confirmed by the tests):
 * - BibLaTeX must be read as `@biblatex/text` (`@bibtex/text` applies the
 *   classic BibTeX mapping, which drops the ISO `date`, e.g. our open range
 *   `1916-10-04/..`). `date = {1916-10-04/..}` becomes
 *   `date-parts [[1916,10,4], null]`.
 * - No BibTeX mapping knows a recipient (biblatex has no such field), and
 *   `howpublished` and `titleaddon` of a `@misc` map to nothing. So they are
 *   read from the raw entry as citation-js's BibTeX parser returns it,
 *   decoded by citation-js: the letter's description ("Letter to A. G.
 *   Shlyapnikov; …", names in reading order) is the `titleaddon` when the
 *   entry has one (then `title` is the letter's own title), else the
 *   `title` (a letter without a title of its own); the edition is
 *   `howpublished` ("{edition title}, version {version}").
 * - RIS is read as `@ris/file`. For `TY  - PCOMM` citation-js maps `A2` to
 *   `recipient` (for other types A2 is an editor or similar), `AU` to
 *   `author`, `TI` to `title`, `DA` (else `PY`) to `issued`, `UR` to `URL`;
 *   it maps `T2` of a PCOMM to nothing (EndNote's personal communication has
 *   no secondary title), so the edition is read from the parsed record.
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
export type RoundTripField = 'author' | 'recipient' | 'title' | 'date' | 'container-title' | 'URL';

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

/** How the description of a letter names its recipients: "Letter to A. G. Shlyapnikov; …". */
const LETTER_TO = 'Letter to ';

/** The fields compared, with the BibTeX field names and RIS tags that carry them (for locating them in the file). */
const FIELD_SOURCES: Record<RoundTripField, { bibtex: string[]; ris: string[] }> = {
  author: { bibtex: ['author'], ris: ['AU', 'A1'] },
  recipient: { bibtex: ['titleaddon', 'title'], ris: ['A2'] },
  title: { bibtex: ['title'], ris: ['TI', 'T1'] },
  date: { bibtex: ['date', 'year'], ris: ['DA', 'PY', 'Y1'] },
  'container-title': { bibtex: ['howpublished'], ris: ['T2'] },
  URL: { bibtex: ['url'], ris: ['UR'] },
};

/** Each compared field of one item as text, for people and for comparison. */
type Comparable = Record<RoundTripField, string>;

interface RawBibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

/**
 * Parses BibLaTeX text back with citation-js and compares every entry with
 * the CSL item of the same id (or the only CSL item).
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
    const properties = raw?.properties ?? {};
    const titleAddon = decodeBibtexText(properties['titleaddon']);
    const description = titleAddon ?? decodeBibtexText(properties['title']);
    const expectedItem = expectedItemFor(cslItems, raw?.label);
    const actual: Comparable = {
      author: formatNames(item.author, 'inverted'),
      recipient: description?.startsWith(LETTER_TO) === true ? normaliseText(description.slice(LETTER_TO.length)) : NONE,
      title: titleAddon === undefined ? NONE : normaliseText(item.title),
      date: formatDate(item, expectedItem),
      'container-title': decodeBibtexText(properties['howpublished']) ?? NONE,
      URL: normaliseText(item.URL),
    };
    const expected: Comparable = {
      ...comparable(expectedItem),
      recipient: formatNames(expectedItem?.recipient, 'natural'),
      'container-title': normaliseText([stripMarkup(expectedItem?.['container-title']), expectedItem?.version ? `version ${String(expectedItem.version)}` : undefined].filter(Boolean).join(', ')),
    };
    const start = entryOffsets[index] ?? 0;
    const end = entryOffsets[index + 1] ?? bibtex.length;
    const locate = (field: RoundTripField): number =>
      locateField(bibtex, start, end, FIELD_SOURCES[field].bibtex, (name) => new RegExp(`(^|[\\s,{])${name}\\s*=`, 'gi'));
    mismatches.push(...differences(expected, actual, index, raw?.label, locate));
  });
  return { ok: true, mismatches };
}

/** Parses RIS text back with citation-js and compares every record with the CSL item (the only one, or by position). */
export function roundTripRis(ris: string, cslItems: readonly CiteItem[]): RoundTripResult {
  let items: CiteItem[];
  let records: Record<string, string | string[]>[];
  try {
    records = plugins.input.chainLink(ris, { forceType: '@ris/file', target: '@ris/records' }) as Record<string, string | string[]>[];
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
    const expectedItem = cslItems.length === 1 ? cslItems[0] : cslItems[index];
    const edition = records[index]?.['T2'];
    const actual: Comparable = {
      ...comparable(item),
      date: formatDate(item, expectedItem),
      'container-title': normaliseText(Array.isArray(edition) ? edition.join('; ') : edition),
    };
    mismatches.push(...differences(comparable(expectedItem), actual, index, undefined, locate));
  });
  return { ok: true, mismatches };
}

function expectedItemFor(cslItems: readonly CiteItem[], label: string | undefined): CiteItem | undefined {
  if (cslItems.length === 1) return cslItems[0];
  return cslItems.find((item) => String(item.id) === label);
}

/** The compared fields of a CSL item (names inverted, markup such as CSL's nocase spans removed). */
function comparable(item: CiteItem | undefined): Comparable {
  return {
    author: formatNames(item?.author, 'inverted'),
    recipient: formatNames(item?.recipient, 'inverted'),
    title: normaliseText(stripMarkup(item?.title)),
    date: formatDate(item, undefined),
    'container-title': normaliseText(stripMarkup(item?.['container-title'])),
    URL: normaliseText(item?.URL),
  };
}

function differences(
  expected: Comparable,
  actual: Comparable,
  entry: number,
  label: string | undefined,
  locate: (field: RoundTripField) => number,
): FieldMismatch[] {
  return (Object.keys(FIELD_SOURCES) as RoundTripField[])
    .filter((field) => expected[field] !== actual[field])
    .map((field) => ({ entry, label, field, expected: expected[field], actual: actual[field], offset: locate(field) }));
}

function normaliseText(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return NONE;
  const text = String(value).normalize('NFC').replace(/\s+/g, ' ').trim();
  return text === '' ? NONE : text;
}

/** The text of a CSL rich-text value: its markup (`<span class="nocase">`, `<i>`, …) left out. */
function stripMarkup(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/<\/?(span|i|b|sup|sub)\b[^>]*>/g, '') : value;
}

/** `Family, Given` (BibTeX, RIS, CSL) or `Given Family` (prose). */
type NameOrder = 'inverted' | 'natural';

/** Formats names (a literal as it is; a family-only name equals a literal; particles belong to the family name, a suffix follows), joined with `; `. */
function formatNames(names: readonly CiteName[] | undefined, order: NameOrder): string {
  if (!Array.isArray(names) || names.length === 0) return NONE;
  return names
    .map((name) => {
      if (typeof name.literal === 'string') return normaliseText(name.literal);
      // BibTeX readers split "von Mülinen" into a particle and a family name; the name is the same.
      const family = normaliseText([name['dropping-particle'], name['non-dropping-particle'], name.family].filter((part) => typeof part === 'string' && part !== '').join(' '));
      const suffix = typeof name['suffix'] === 'string' && name['suffix'] !== '' ? normaliseText(name['suffix']) : undefined;
      if (typeof name.given !== 'string') return [family, suffix].filter(Boolean).join(order === 'inverted' ? ', ' : ' ');
      const given = normaliseText(name.given);
      return order === 'inverted' ? [family, given, suffix].filter(Boolean).join(', ') : [given, family, suffix].filter(Boolean).join(' ');
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

/**
 * The first date of an item as `YYYY[-MM[-DD]]`, the first bound of a range
 * when its start is open. Read against an expected item, it is cut to as many
 * parts as the expected date has: a BibLaTeX range (`1916-10-04/..`) is more
 * precise than the CSL date its letter is cited with (`circa 1916`).
 */
function formatDate(item: CiteItem | undefined, expected: CiteItem | undefined): string {
  const parts = firstDateParts(item);
  if (parts.length === 0) return NONE;
  const length = expected === undefined ? parts.length : firstDateParts(expected).length || parts.length;
  return parts.slice(0, length).map((part, index) => String(part).padStart(index === 0 ? 1 : 2, '0')).join('-');
}

function firstDateParts(item: CiteItem | undefined): number[] {
  const dates = item?.issued?.['date-parts'] ?? [];
  const first = dates.find((date): date is (number | string | null)[] => Array.isArray(date) && date.length > 0 && date[0] !== null && date[0] !== '');
  return (first ?? []).filter((part): part is number | string => part !== null && part !== '').map(Number);
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
