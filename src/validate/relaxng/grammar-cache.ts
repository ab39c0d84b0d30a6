/**
 * Pruned grammars on disk: pruning tei_all means parsing 2.4 MB of RELAX NG
 * (about 0.3 s) before libxml2 compiles anything. An entry is keyed by the
 * schema's sha256, the prune mode and the vocabulary, and holds the pruned
 * text with its own sha256, so that a damaged or foreign entry is told apart
 * from a hit and rebuilt.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomically } from '../../cache-files.js';
import type { PruneMode } from './prune-grammar.js';

const ENTRY_FORMAT = 1;

interface CacheEntry {
  format: number;
  schemaSha256: string;
  mode: PruneMode;
  vocabulary: string[];
  textSha256: string;
  text: string;
}

/** What the cache holds for a grammar: the pruned text, nothing, or an entry that fails its checks. */
export type GrammarCacheLookup = { kind: 'hit'; text: string } | { kind: 'miss' } | { kind: 'damaged'; file: string; reason: string };

/** Pruned grammar texts in a folder (e.g. `.cache/relaxng` under the working directory), one JSON file per key. */
export class PrunedGrammarCache {
  constructor(readonly folder: string) {}

  /** Looks up the pruned text of a schema (by sha256) for a mode and a vocabulary (sorted). */
  async read(schemaSha256: string, mode: PruneMode, vocabulary: readonly string[]): Promise<GrammarCacheLookup> {
    const file = this.entryPath(schemaSha256, mode, vocabulary);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return { kind: 'miss' };
    }
    const reason = problemOf(text, schemaSha256, mode, vocabulary);
    if (typeof reason === 'string') return { kind: 'damaged', file, reason };
    return { kind: 'hit', text: reason.text };
  }

  /** Stores a pruned text. */
  async write(schemaSha256: string, mode: PruneMode, vocabulary: readonly string[], text: string): Promise<void> {
    const entry: CacheEntry = { format: ENTRY_FORMAT, schemaSha256, mode, vocabulary: [...vocabulary], textSha256: sha256(text), text };
    await writeFileAtomically(this.entryPath(schemaSha256, mode, vocabulary), JSON.stringify(entry));
  }

  /** The file of an entry. */
  entryPath(schemaSha256: string, mode: PruneMode, vocabulary: readonly string[]): string {
    return path.join(this.folder, `${sha256(`${ENTRY_FORMAT}\0${schemaSha256}\0${mode}\0${vocabulary.join(' ')}`)}.json`);
  }
}

/** The entry, or why it cannot be used. */
function problemOf(text: string, schemaSha256: string, mode: PruneMode, vocabulary: readonly string[]): string | CacheEntry {
  let entry: Partial<CacheEntry>;
  try {
    entry = JSON.parse(text) as Partial<CacheEntry>;
  } catch {
    return 'it is not valid JSON';
  }
  if (entry.format !== ENTRY_FORMAT) return `it has format ${String(entry.format)}, not ${ENTRY_FORMAT}`;
  if (entry.schemaSha256 !== schemaSha256 || entry.mode !== mode || entry.vocabulary?.join(' ') !== vocabulary.join(' ')) return 'it was made for another schema, mode or vocabulary';
  if (typeof entry.text !== 'string' || sha256(entry.text) !== entry.textSha256) return 'its grammar text does not match its sha256';
  return entry as CacheEntry;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
