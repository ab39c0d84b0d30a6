/**
 * Search-index check: the index file has the expected shape, MiniSearch
 * loads it with the options it names, they are the options the toolkit
 * builds with, and every document's URL leads to a page of the build and an
 * element of that page (so every search result can be opened).
 */
import MiniSearch from 'minisearch';
import { SEARCH_OPTIONS, type SearchIndexFile } from '../search/search-index.js';
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
  if (file.format !== 'tei-edition-search' || file.version !== 1 || !Array.isArray(file.correspondents) || !Array.isArray(file.years)) {
    return [{ ruleId: 'check/search-index', message: 'The search index does not have the format "tei-edition-search", version 1, with correspondents and years.', offset: 0 }];
  }
  if (JSON.stringify(file.options) !== JSON.stringify(SEARCH_OPTIONS)) {
    return [{ ruleId: 'check/search-index', message: `The search index names the options ${JSON.stringify(file.options)}, not the toolkit's ${JSON.stringify(SEARCH_OPTIONS)}.`, offset: 0 }];
  }
  let search: MiniSearch;
  try {
    search = MiniSearch.loadJS(file.index as Parameters<typeof MiniSearch.loadJS>[0], { ...file.options });
  } catch (error) {
    return [{ ruleId: 'check/search-index', message: `MiniSearch cannot load the search index: ${(error as Error).message}`, offset: 0, cause: error }];
  }
  const urls = [...new Set(search.search(MiniSearch.wildcard).map((result) => String(result['url'])))];
  if (urls.length !== search.documentCount) {
    return [{ ruleId: 'check/search-index', message: `The search index holds ${search.documentCount} documents but stores the URL of ${urls.length}.`, offset: 0 }];
  }
  const links = urls.map((url) => ({ attribute: 'href' as const, value: url, offset: Math.max(0, content.indexOf(JSON.stringify(url))) }));
  const findings = await checkLinks(path, links, targets);
  return findings.map((finding) => ({ ...finding, message: `Search result: ${finding.message}` }));
}
