/**
 * The edition's static search index: the search documents made by
 * `xslt/search/search-documents.xsl` (one per passage, note and register
 * entry) indexed at build time with MiniSearch, and the browser build of
 * MiniSearch that the search page loads to query it. The index file holds
 * MiniSearch's own serialisation plus the options the browser must load it
 * with and the values of the search filters.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import MiniSearch from 'minisearch';

const require = createRequire(import.meta.url);

/** One search document: a passage of a letter, a note, or a register entry. */
export interface SearchDocument {
  /** `letter` (a text unit), `note` or `register`. */
  kind: 'letter' | 'note' | 'register';
  /** Letter title, or the register entry's name. */
  title: string;
  /** Where the passage stands, e.g. "para. 3", "note 4", "Persons". */
  place: string;
  /** Site-relative URL of the passage, with its fragment; unique, so also the document id. */
  url: string;
  /** The passage's reading text. */
  text: string;
  /** The letter's date as the edition states it ('' for register entries). */
  date: string;
  /** The letter's year for the year filter ('' when undated or a register entry). */
  year: string;
  /** The letter's senders and recipients for the correspondent filter. */
  correspondents: string[];
}

/** The search index file (`search-index.json`). */
export interface SearchIndexFile {
  format: 'tei-edition-search';
  version: 1;
  /** The MiniSearch options the index was built with; the browser loads it with the same ones. */
  options: { idField: string; fields: string[]; storeFields: string[] };
  /** Filter values, sorted. */
  correspondents: string[];
  years: string[];
  /** MiniSearch's serialised index (`MiniSearch#toJSON()`). */
  index: unknown;
}

/** Fields searched (title: letter titles and register names) and fields stored for showing results and filtering. */
export const SEARCH_OPTIONS = Object.freeze({
  idField: 'url',
  fields: ['title', 'text'],
  storeFields: ['kind', 'title', 'place', 'url', 'text', 'date', 'year', 'correspondents'],
});

/** Builds the search index file (JSON text) from the search documents (JSON text, an array). */
export function buildSearchIndex(documentsJson: string): string {
  const documents = JSON.parse(documentsJson) as SearchDocument[];
  const search = new MiniSearch<SearchDocument>({ ...SEARCH_OPTIONS, fields: [...SEARCH_OPTIONS.fields], storeFields: [...SEARCH_OPTIONS.storeFields] });
  search.addAll(documents);
  const sorted = (values: Iterable<string>) => [...new Set(values)].filter((value) => value !== '').sort((a, b) => a.localeCompare(b, 'en'));
  const file: SearchIndexFile = {
    format: 'tei-edition-search',
    version: 1,
    options: { idField: SEARCH_OPTIONS.idField, fields: [...SEARCH_OPTIONS.fields], storeFields: [...SEARCH_OPTIONS.storeFields] },
    correspondents: sorted(documents.flatMap((document) => document.correspondents)),
    years: sorted(documents.map((document) => document.year)),
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
