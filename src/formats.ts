/**
 * The output-format registry: format name → stylesheet, file name pattern,
 * media type and checker. Adding a format is one entry here, one stylesheet
 * in `xslt/` and one checker.
 */

/**
 * The checkers an output can have. `tei` (the source as published) passed the
 * validate stage, and `css` is a static file of the toolkit: both are written
 * as they are. The archive exports (`cmif`, `oai-pmh`, `tei-corpus`,
 * `citation-cff`, `zenodo`) are checked against schemas from the schema store
 * (see `src/check/export-check.ts`).
 */
export type CheckerId = 'html' | 'text' | 'csl-json' | 'bibtex' | 'ris' | 'tei' | 'css' | 'cmif' | 'oai-pmh' | 'tei-corpus' | 'citation-cff' | 'zenodo' | 'search-index' | 'script';

/** One output format of the edition. */
export interface OutputFormat {
  /** Format name, used in diagnostics and the manifest. */
  readonly name: string;
  /**
   * Entry stylesheet relative to the project root; absent for outputs not
   * made by XSLT. {@link LETTER_DATA_STYLESHEET} makes several formats in one
   * pass, each as a result document named by the format. An edition-wide
   * stylesheet merges the letters' parts from its initial template; each
   * letter's part is made by its template `ed:{format}-part`, which the
   * letter-data pass calls (see `xslt/common/letter-parts.xsl`).
   */
  readonly stylesheet?: string;
  /** Path of the output relative to `dist/`; `{id}` is the letter id. */
  readonly pathPattern: string;
  readonly mediaType: string;
  /** Id of the checker that must pass before the output is written. */
  readonly checker: CheckerId;
  /** True for one file per edition (index, assets), false for one per letter. */
  readonly perEdition: boolean;
  /**
   * True when the stylesheet also writes further files with
   * `xsl:result-document` (their `href` is relative to `pathPattern`'s
   * folder); they have the same format and checker.
   */
  readonly resultDocuments?: boolean;
}

/** The stylesheet that makes, in one pass over a letter, its citation files, its reading text and its parts of the edition-wide outputs. */
export const LETTER_DATA_STYLESHEET = 'xslt/letter-data.xsl';

/** The stylesheet that reads what the edition's sequence of letters needs of a letter, before the letters are built (see `build/navigation.ts`). */
export const NAVIGATION_FACTS_STYLESHEET = 'xslt/navigation-facts.xsl';

/** Every format, in the order the build produces them (CSL-JSON first: the others show its rendered citation). */
export const FORMATS: readonly OutputFormat[] = Object.freeze([
  { name: 'csl-json', stylesheet: LETTER_DATA_STYLESHEET, pathPattern: 'letters/{id}/{id}.csl.json', mediaType: 'application/vnd.citationstyles.csl+json', checker: 'csl-json', perEdition: false },
  { name: 'html', stylesheet: 'xslt/html/letter.xsl', pathPattern: 'letters/{id}/index.html', mediaType: 'text/html', checker: 'html', perEdition: false, resultDocuments: true },
  { name: 'text', stylesheet: 'xslt/text/letter.xsl', pathPattern: 'letters/{id}/{id}.txt', mediaType: 'text/plain', checker: 'text', perEdition: false },
  { name: 'bibtex', stylesheet: LETTER_DATA_STYLESHEET, pathPattern: 'letters/{id}/{id}.bib', mediaType: 'application/x-bibtex', checker: 'bibtex', perEdition: false },
  { name: 'ris', stylesheet: LETTER_DATA_STYLESHEET, pathPattern: 'letters/{id}/{id}.ris', mediaType: 'application/x-research-info-systems', checker: 'ris', perEdition: false },
  { name: 'tei', pathPattern: 'letters/{id}/{id}.xml', mediaType: 'application/tei+xml', checker: 'tei', perEdition: false },
  { name: 'index', stylesheet: 'xslt/html/index.xsl', pathPattern: 'index.html', mediaType: 'text/html', checker: 'html', perEdition: true },
  { name: 'assets', pathPattern: 'assets/edition.css', mediaType: 'text/css', checker: 'css', perEdition: true },
  { name: 'cmif', stylesheet: 'xslt/export/cmif.xsl', pathPattern: 'cmif.xml', mediaType: 'application/tei+xml', checker: 'cmif', perEdition: true },
  { name: 'oai-pmh', stylesheet: 'xslt/export/oai-pmh.xsl', pathPattern: 'oai/Identify.xml', mediaType: 'text/xml', checker: 'oai-pmh', perEdition: true, resultDocuments: true },
  { name: 'tei-corpus', stylesheet: 'xslt/export/tei-corpus.xsl', pathPattern: 'tei-corpus.xml', mediaType: 'application/tei+xml', checker: 'tei-corpus', perEdition: true },
  { name: 'citation-cff', pathPattern: 'CITATION.cff', mediaType: 'application/x-yaml', checker: 'citation-cff', perEdition: true },
  { name: 'zenodo', pathPattern: '.zenodo.json', mediaType: 'application/json', checker: 'zenodo', perEdition: true },
  { name: 'registers', stylesheet: 'xslt/html/registers.xsl', pathPattern: 'registers/persons.html', mediaType: 'text/html', checker: 'html', perEdition: true, resultDocuments: true },
  { name: 'correspondents', stylesheet: 'xslt/html/correspondents.xsl', pathPattern: 'correspondents.html', mediaType: 'text/html', checker: 'html', perEdition: true, resultDocuments: true },
  { name: 'about', stylesheet: 'xslt/html/about.xsl', pathPattern: 'about.html', mediaType: 'text/html', checker: 'html', perEdition: true },
  { name: 'search', stylesheet: 'xslt/html/search.xsl', pathPattern: 'search.html', mediaType: 'text/html', checker: 'html', perEdition: true },
  { name: 'search-index', stylesheet: 'xslt/search/search-documents.xsl', pathPattern: 'search-index.json', mediaType: 'application/json', checker: 'search-index', perEdition: true },
  { name: 'search-script', pathPattern: 'assets/search.js', mediaType: 'text/javascript', checker: 'script', perEdition: true },
  { name: 'search-terms', pathPattern: 'assets/search-terms.js', mediaType: 'text/javascript', checker: 'script', perEdition: true },
  { name: 'search-library', pathPattern: 'assets/minisearch.js', mediaType: 'text/javascript', checker: 'script', perEdition: true },
  { name: 'names-script', pathPattern: 'assets/names.js', mediaType: 'text/javascript', checker: 'script', perEdition: true },
] satisfies OutputFormat[]);

/** The registry entry of a format; throws for an unknown name (a programming error). */
export function format(name: string): OutputFormat {
  const found = FORMATS.find((entry) => entry.name === name);
  if (!found) throw new Error(`Unknown output format: ${name}`);
  return found;
}

/** The output path of a format for a letter, relative to `dist/`. */
export function outputPath(entry: OutputFormat, letterId: string): string {
  return entry.pathPattern.replaceAll('{id}', letterId);
}
