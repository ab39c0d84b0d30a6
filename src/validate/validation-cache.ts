/**
 * The validation cache: a document's verdict and diagnostics, kept by a key
 * made of everything they depend on (the document's text after XInclude, the
 * files and lines that text came from, its path as shown, the schemas of the
 * store, the options that choose and add schemas, the toolkit's code), so
 * that a build validates only the letters that changed. One small JSON file per document under the cache
 * folder; a damaged or foreign entry is a miss. The facts the build needs of
 * a valid letter (its root's xml:id, the dates of its publication and changes) are kept with the
 * verdict, so a cached letter is not parsed at all before it is built.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { removeUnusedEntries, writeFileAtomically } from '../cache-files.js';
import type { Diagnostic } from '../diagnostic.js';
import type { LineMapping } from '../xml/xinclude.js';

// 2: the facts hold changeDates (publication, revision and edition dates) instead of publicationDates.
const ENTRY_FORMAT = 2;

/** What the build reads of a valid document without parsing it again. */
export interface DocumentFacts {
  /** The `xml:id` of the root element, if any. */
  rootId?: string;
  /**
   * The days (YYYY-MM-DD) the letter gives for its own publication or change,
   * in document order: `publicationStmt/date` (`@when`, `@notAfter`, `@to`),
   * `revisionDesc`'s `change/@when` and the dates of `editionStmt`, each
   * also as its ISO twin (`@when-iso`, …); a time of day is dropped.
   */
  changeDates: string[];
}

/** A document's validation, as the cache keeps it. */
export interface CachedValidation {
  valid: boolean;
  /** The document's diagnostics, each `cause` reduced to a string. */
  diagnostics: Diagnostic[];
  /** Path of the grammar (RELAX NG or XML Schema) it was validated against. */
  schemaPath?: string;
  facts?: DocumentFacts;
}

interface CacheEntry {
  format: number;
  key: string;
  validation: CachedValidation;
}

/** Validation results on disk, by key; `prune()` drops the entries a run did not use. */
export class ValidationCache {
  private readonly used = new Set<string>();

  /** `salt` stands for everything outside the document and the schemas that a verdict depends on (the toolkit's code and version). */
  constructor(
    private readonly folder: string,
    private readonly salt: string,
  ) {}

  /**
   * The key of a document's validation: its text and path, where each line
   * of the text came from (XInclude: an included file renamed, or shifted
   * without changing the text, moves the diagnostics), the schemas (by
   * sha256) and the options that choose schemas.
   */
  key(document: { file: string; text: string; lineMapping: LineMapping }, schemaDigests: readonly string[], options: { schema?: string; embeddedSchematron?: boolean }): string {
    const hash = createHash('sha256').update(`${ENTRY_FORMAT}\0${this.salt}\0${document.file}\0${options.schema ?? ''}\0${options.embeddedSchematron ? 1 : 0}\0`);
    for (const digest of schemaDigests) hash.update(`${digest}\0`);
    hash.update(`${JSON.stringify(document.lineMapping.segments)}\0`);
    return hash.update(document.text).digest('hex');
  }

  /** The cached validation for a key, or undefined (absent, damaged, or another format). */
  async read(key: string): Promise<CachedValidation | undefined> {
    this.used.add(key);
    try {
      const entry = JSON.parse(await readFile(this.entryPath(key), 'utf8')) as CacheEntry;
      return entry.format === ENTRY_FORMAT && entry.key === key ? entry.validation : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores a validation. */
  async write(key: string, validation: CachedValidation): Promise<void> {
    this.used.add(key);
    await writeFileAtomically(this.entryPath(key), JSON.stringify({ format: ENTRY_FORMAT, key, validation } satisfies CacheEntry));
  }

  /** Removes the entries this run did not use (older versions of its documents, documents no longer there). */
  async prune(): Promise<void> {
    await removeUnusedEntries(this.folder, this.used);
  }

  private entryPath(key: string): string {
    return path.join(this.folder, `${key}.json`);
  }
}
