/**
 * Search-index check: the index file has the expected shape, MiniSearch
 * loads it with the options it names, they are the options the toolkit
 * builds with, every passage names a letter of the index, and every
 * document's URL (and every letter's) leads to a page of the build and an
 * element of that page (so every search result can be opened).
 */
import MiniSearch from 'minisearch';
import { SEARCH_OPTIONS, searchTerms, type SearchIndexFile } from '../search/search-index.js';
import { checkLinks, type LinkTargets } from './links.js';
import type { Finding } from './report.js';

/** Checks the search index at `path` (relative to the output folder). */
export async function checkSearchIndex(content: string, path: string, targets: LinkTargets): Promise<Finding[]> {
  let file: SearchIndexFile;
  try {
    file = JSON.parse(content) as SearchIndexFile;
  } catch (error) {
    return [{ ruleId: 'check/search-index', message: `The search index is not JSON: ${(error as Error).message}`, offset: 0, cause: error }];
  }
  if (file.format !== 'tei-edition-search' || file.version !== 2 || !Array.isArray(file.letters) || !Array.isArray(file.correspondents) || !Array.isArray(file.years)) {
    return [{ ruleId: 'check/search-index', message: 'The search index does not have the format "tei-edition-search", version 2, with letters, correspondents and years.', offset: 0 }];
  }
  if (JSON.stringify(file.options) !== JSON.stringify(SEARCH_OPTIONS)) {
    return [{ ruleId: 'check/search-index', message: `The search index names the options ${JSON.stringify(file.options)}, not the toolkit's ${JSON.stringify(SEARCH_OPTIONS)}.`, offset: 0 }];
  }
  let search: MiniSearch;
  try {
    const { tokenize, processTerm } = searchTerms();
    search = MiniSearch.loadJS(file.index as Parameters<typeof MiniSearch.loadJS>[0], { ...file.options, tokenize, processTerm });
  } catch (error) {
    return [{ ruleId: 'check/search-index', message: `MiniSearch cannot load the search index: ${(error as Error).message}`, offset: 0, cause: error }];
  }
  const documents = search.search(MiniSearch.wildcard);
  const urls = [...new Set(documents.map((result) => String(result['url'])))];
  if (urls.length !== search.documentCount) {
    return [{ ruleId: 'check/search-index', message: `The search index holds ${search.documentCount} documents but stores the URL of ${urls.length}.`, offset: 0 }];
  }
  const orphan = documents.find((result) => result['kind'] !== 'register' && file.letters[Number(result['letter'])] === undefined);
  if (orphan) {
    return [{ ruleId: 'check/search-index', message: `The search index's passage ${String(orphan['url'])} names letter ${String(orphan['letter'])}, which is not in its list of ${file.letters.length} letters.`, offset: 0 }];
  }
  urls.push(...file.letters.map((letter) => letter.url));
  const links = urls.map((url) => ({ attribute: 'href' as const, value: url, offset: Math.max(0, content.indexOf(JSON.stringify(url))) }));
  const findings = await checkLinks(path, links, targets);
  return findings.map((finding) => ({ ...finding, message: `Search result: ${finding.message}` }));
}
