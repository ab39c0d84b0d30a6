/**
 * The edition's static search index: the search documents made by
 * `xslt/search/search-documents.xsl` (one per passage, note and register
 * entry, and the list of letters) indexed at build time with MiniSearch,
 * and the browser build of MiniSearch that the search page loads to query
 * it. Words are split and folded by `assets/search-terms.js`, the same
 * script the search page queries with, so that both sides agree on what a
 * word is (Zürich = Zurich). The index file holds MiniSearch's own
 * serialisation, the options the browser must load it with, the letters
 * (what results are grouped by and what the filters list without a query)
 * and the values of the search filters.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createContext, runInContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { PROJECT_ROOT } from '../project-root.js';
import { format } from '../formats.js';

const require = createRequire(import.meta.url);

/** A letter of the edition as the search shows and filters it. */
export interface SearchLetter {
  /** Site-relative URL of the letter page. */
  url: string;
  /** The letter's title. */
  title: string;
  /** The letter's date as the edition states it. */
  date: string;
  /** The letter's year for the year filter ('' when undated). */
  year: string;
  /** The letter's senders and recipients for the correspondent filter. */
  correspondents: string[];
}

/** One search document: a passage of a letter, a note, or a register entry. */
export interface SearchDocument {
  /** `letter` (a text unit), `note` or `register`. */
  kind: 'letter' | 'note' | 'register';
  /** Passages and notes: the position of their letter in the list of letters. */
  letter?: number;
  /** Register entries: the normalised name, shown as the result's title. */
  title?: string;
  /** Register entries: every name of the entry (normalised, other names, the forms the letters use), searched besides the text. */
  names?: string;
  /** Where the passage stands, e.g. "para. 3", "note 4", "Persons". */
  place: string;
  /** Site-relative URL of the passage, with its fragment; unique, so also the document id. */
  url: string;
  /** What the result shows: the passage's reading text, or the entry's names and description. */
  text: string;
}

/** What the search-documents stylesheet makes. */
export interface SearchDocuments {
  /** The letters in edition (date) order. */
  letters: SearchLetter[];
  documents: SearchDocument[];
}

/** A letter in the index file: with the number of its notes, so that the kind filter can list letters without a query. */
export interface IndexedLetter extends SearchLetter {
  notes: number;
}

/** The search index file (`search-index.json`). */
export interface SearchIndexFile {
  format: 'tei-edition-search';
  version: 2;
  /** The MiniSearch options the index was built with; the browser loads it with the same ones (and the functions of `assets/search-terms.js`). */
  options: { idField: string; fields: string[]; storeFields: string[] };
  /** The letters, in edition order; documents name theirs by position. */
  letters: IndexedLetter[];
  /** Filter values, sorted. */
  correspondents: string[];
  years: string[];
  /** MiniSearch's serialised index (`MiniSearch#toJSON()`). */
  index: unknown;
}

/**
 * Fields searched and fields stored for showing results and filtering. A
 * passage is searched in its own text only (never in its letter's title),
 * so that every result shows what matched; a register entry also in its names.
 */
export const SEARCH_OPTIONS = Object.freeze({
  idField: 'url',
  fields: ['names', 'text'],
  storeFields: ['kind', 'letter', 'title', 'place', 'url', 'text'],
});

/** The word functions of `assets/search-terms.js`. */
export interface SearchTerms {
  /** Lower case, without accents, special letters spelled out, quotes and apostrophes unified. */
  fold(text: string): string;
  /** The words of a text, unfolded. */
  tokenize(text: string): string[];
  /** A word folded, or null when nothing is left of it. */
  processTerm(word: string): string | null;
  /** The words of a text with their positions and folded forms. */
  words(text: string): { start: number; end: number; term: string }[];
}

let termsSource: string | undefined;
let terms: SearchTerms | undefined;

/** The search page's word script (`assets/search-terms.js`), shipped with the site. Read once per process. */
export function searchTermsSource(): string {
  termsSource ??= readFileSync(path.join(PROJECT_ROOT, format('search-terms').pathPattern), 'utf8');
  return termsSource;
}

/** The word functions the search page uses, from its own script run in a context of its own (it defines a global, as in the browser). */
export function searchTerms(): SearchTerms {
  if (terms === undefined) {
    const context = createContext({});
    runInContext(searchTermsSource(), context, { filename: format('search-terms').pathPattern });
    terms = (context as { TeiEditionSearchTerms: SearchTerms }).TeiEditionSearchTerms;
  }
  return terms;
}

/** Builds the search index file (JSON text) from the search documents (JSON text, see {@link SearchDocuments}). */
export function buildSearchIndex(documentsJson: string): string {
  const { letters, documents } = JSON.parse(documentsJson) as SearchDocuments;
  const { tokenize, processTerm } = searchTerms();
  const search = new MiniSearch<SearchDocument>({ ...SEARCH_OPTIONS, fields: [...SEARCH_OPTIONS.fields], storeFields: [...SEARCH_OPTIONS.storeFields], tokenize, processTerm });
  search.addAll(documents);
  const notes = new Array<number>(letters.length).fill(0);
  for (const document of documents) if (document.kind === 'note' && document.letter !== undefined) notes[document.letter]! += 1;
  const sorted = (values: Iterable<string>) => [...new Set(values)].filter((value) => value !== '').sort((a, b) => a.localeCompare(b, 'en'));
  const file: SearchIndexFile = {
    format: 'tei-edition-search',
    version: 2,
    options: { idField: SEARCH_OPTIONS.idField, fields: [...SEARCH_OPTIONS.fields], storeFields: [...SEARCH_OPTIONS.storeFields] },
    letters: letters.map((letter, position) => ({ ...letter, notes: notes[position]! })),
    correspondents: sorted(letters.flatMap((letter) => letter.correspondents)),
    years: sorted(letters.map((letter) => letter.year)),
    index: search.toJSON(),
  };
  return `${JSON.stringify(file)}\n`;
}

let library: string | undefined;

/**
 * The browser (UMD) build of MiniSearch from node_modules, shipped with the
 * site as a dependency (it defines the global `MiniSearch`). Read once per process.
 */
export function searchLibrarySource(): string {
  // The package exports only its module entry points; the UMD build sits beside them.
  library ??= readFileSync(path.join(path.dirname(require.resolve('minisearch')), '..', 'umd', 'index.js'), 'utf8');
  return library;
}
