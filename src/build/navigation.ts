/**
 * The edition's sequence of letters, worked out before any letter is built:
 * letter pages are built one at a time (in worker threads, and cached), so
 * each letter is handed its neighbours as a stylesheet parameter.
 *
 * What the sequence reads of each letter (its date's sort key, its
 * correspondents, its correspContext pointers) comes from
 * `xslt/navigation-facts.xsl`, which uses the functions the index page uses,
 * so that the pages' previous and next follow the index; it reads many
 * letters in one transform. Those facts are kept in the build cache, one
 * entry per letter keyed by its text, so that a warm build does not parse
 * unchanged letters again.
 *
 * - By date: the index's order (earliest bound, latest bound, title), then
 *   the file; undated letters last, by file name.
 * - In the correspondence: among the letters with the same unordered pair of
 *   parties (the senders, the recipients; each party the set of its
 *   correspondents' keys, i.e. register entries, else names), in date order,
 *   unless the letter's correspContext points (`ref type="previous"`,
 *   `"prev"` or `"next"` with `@target`) to a letter of the edition; a pointer
 *   that resolves to none is reported (info) and the computed neighbour used.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { removeUnusedEntries, writeFileAtomically } from '../cache-files.js';
import type { Diagnostic } from '../diagnostic.js';
import { mapPosition, type LineMapping } from '../xml/xinclude.js';
import { indexSource } from '../xml/source-index.js';
import { batchesSharingRegisters, navigationFactsJson, type EditionParams, type PreparedStylesheets } from '../stages/transform.js';

/** A correspondent as the sequence groups it: its key (register anchor, else `name:` and its name) and its name. */
export interface Correspondent {
  key: string;
  label: string;
}

/** A correspContext pointer to the previous or next letter of the correspondence, with where it is written. */
export interface ContextPointer {
  type: 'previous' | 'next';
  target: string;
  /** The file it is written in (the letter, or a file the letter includes) and its position there. */
  file: string;
  line?: number;
  column?: number;
  /** Its element path in the letter. */
  path: string;
}

/** What the sequence needs of one letter (see `xslt/navigation-facts.xsl`). */
export interface NavigationFacts {
  /** The index's sort key: the earliest bound of the date, '9999' when undated. */
  sortKey: string;
  /** The latest bound of the date, '9999' when open or undated. */
  latest: string;
  /** True when the letter has a date the sequence can use. */
  dated: boolean;
  title: string;
  /** The date as the edition states it. */
  date: string;
  /** Senders' and recipients' names as the page's header writes them. */
  from: string;
  to: string;
  senders: Correspondent[];
  recipients: Correspondent[];
  context: ContextPointer[];
}

/** A letter of the edition with its facts. */
export interface SequencedLetter {
  file: string;
  id: string;
  /** The `xml:id` of its root, when it has one (correspContext targets may name it). */
  rootId?: string;
  facts: NavigationFacts;
}

/** A neighbouring letter as a page links to it. */
export interface Neighbour {
  id: string;
  /** "sender to recipient". */
  label: string;
  /** The date as the edition states it. */
  date: string;
}

/** A letter's neighbours: by date, and in its correspondence (absent when it has none there). */
export interface LetterNavigation {
  previous?: Neighbour;
  next?: Neighbour;
  correspondence?: { label: string; previous?: Neighbour; next?: Neighbour };
  /** True when the letter has no usable date (it then stands after the dated letters, by file name). */
  undated: boolean;
}

/** The edition's sequence: every letter's navigation by id, and the info on each correspContext pointer that resolves to no letter. */
export interface EditionSequence {
  navigation: Map<string, LetterNavigation>;
  diagnostics: Diagnostic[];
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order of the index page (`$ed:index-rows` in `xslt/html/index.xsl`), with the file as the last tie-break. */
function sortKey(letter: SequencedLetter): string[] {
  const { facts } = letter;
  return [facts.sortKey, facts.latest, facts.dated ? facts.title : letter.file, letter.file];
}

function compareLetters(a: SequencedLetter, b: SequencedLetter): number {
  const [keyA, keyB] = [sortKey(a), sortKey(b)];
  for (let index = 0; index < keyA.length; index++) {
    const order = compareStrings(keyA[index]!, keyB[index]!);
    if (order !== 0) return order;
  }
  return 0;
}

/** The key of a party (one side of a letter): its correspondents' keys, in any order; '' when it names none. */
function partyKey(correspondents: readonly Correspondent[]): string {
  return [...new Set(correspondents.map((correspondent) => correspondent.key))].sort().join('\u001f');
}

/** The key of a letter's correspondence: the unordered pair of its parties; undefined when a party is missing. */
export function correspondenceKey(facts: NavigationFacts): string | undefined {
  const parties = [partyKey(facts.senders), partyKey(facts.recipients)];
  return parties.includes('') ? undefined : parties.sort().join('\u001e');
}

function neighbour(letter: SequencedLetter | undefined): Neighbour | undefined {
  return letter && { id: letter.id, label: `${letter.facts.from} to ${letter.facts.to}`, date: letter.facts.date };
}

/** The names a correspContext target may give a letter by: a fragment, else the last path segment (with and without its extension). */
function targetNames(target: string): string[] {
  const hash = target.lastIndexOf('#');
  const segment = hash >= 0 ? target.slice(hash + 1) : (target.replace(/[?].*$/, '').replace(/\/+$/, '').split('/').at(-1) ?? '');
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A malformed escape is matched as written.
  }
  return [...new Set([decoded, decoded.replace(/\.(?:xml|html?)$/i, '')])].filter(Boolean);
}

/** Orders the letters and works out each one's neighbours by date and in its correspondence. */
export function editionSequence(letters: readonly SequencedLetter[]): EditionSequence {
  const ordered = [...letters].sort(compareLetters);
  const byName = new Map<string, SequencedLetter>();
  // Ids first: a letter's id wins over another's xml:id or file name.
  for (const letter of ordered) byName.set(letter.id, letter);
  for (const letter of ordered) {
    for (const name of [letter.rootId, path.basename(letter.file, path.extname(letter.file))]) {
      if (name && !byName.has(name)) byName.set(name, letter);
    }
  }
  const correspondences = new Map<string, SequencedLetter[]>();
  for (const letter of ordered) {
    const key = correspondenceKey(letter.facts);
    if (key === undefined) continue;
    const members = correspondences.get(key) ?? [];
    members.push(letter);
    correspondences.set(key, members);
  }

  const navigation = new Map<string, LetterNavigation>();
  const diagnostics: Diagnostic[] = [];
  for (const [position, letter] of ordered.entries()) {
    const entry: LetterNavigation = { undated: !letter.facts.dated };
    const [previous, next] = [neighbour(ordered[position - 1]), neighbour(ordered[position + 1])];
    if (previous) entry.previous = previous;
    if (next) entry.next = next;
    const key = correspondenceKey(letter.facts);
    if (key !== undefined || letter.facts.context.length > 0) {
      const members = key === undefined ? [] : correspondences.get(key)!;
      const at = members.indexOf(letter);
      const computed: Partial<Record<ContextPointer['type'], SequencedLetter>> = at < 0 ? {} : { previous: members[at - 1], next: members[at + 1] };
      const chosen = { ...computed };
      const pointed = new Set<string>();
      for (const pointer of letter.facts.context) {
        if (pointed.has(pointer.type)) continue;
        const target = targetNames(pointer.target).map((name) => byName.get(name)).find((found) => found !== undefined && found !== letter);
        if (target) {
          chosen[pointer.type] = target;
          pointed.add(pointer.type);
        } else {
          diagnostics.push(unresolvedPointer(letter, pointer, computed[pointer.type]));
        }
      }
      const correspondence: NonNullable<LetterNavigation['correspondence']> = { label: `${letter.facts.from} and ${letter.facts.to}` };
      const [inPrevious, inNext] = [neighbour(chosen.previous), neighbour(chosen.next)];
      if (inPrevious) correspondence.previous = inPrevious;
      if (inNext) correspondence.next = inNext;
      if (inPrevious || inNext) entry.correspondence = correspondence;
    }
    navigation.set(letter.id, entry);
  }
  return { navigation, diagnostics };
}

function unresolvedPointer(letter: SequencedLetter, pointer: ContextPointer, fallback: SequencedLetter | undefined): Diagnostic {
  const instead = fallback ? `${fallback.facts.from} to ${fallback.facts.to}, ${fallback.facts.date} (${fallback.id})` : 'none';
  return {
    file: pointer.file,
    ...(pointer.line === undefined ? {} : { line: pointer.line }),
    ...(pointer.column === undefined ? {} : { column: pointer.column }),
    severity: 'info',
    source: 'transform',
    ruleId: 'navigation/unresolved-corresp-context',
    message: `The correspContext ref type="${pointer.type}" target="${pointer.target}" of ${letter.id} names no other letter of this edition, so its page links the ${pointer.type} letter of the correspondence by date instead: ${instead}.`,
    hint: 'Nothing to do when the letter it names is not in this edition. Otherwise point @target at that letter by its xml:id ("#id" or "id"), its file name, or a URL ending in either.',
    path: pointer.path,
  };
}

/** A letter's navigation as the letter page's stylesheet parameter `navigation` (JSON); part of the letter's build-cache key. */
export function navigationParam(navigation: LetterNavigation | undefined): string {
  return navigation ? JSON.stringify(navigation) : '';
}

/** What the navigation-facts stylesheet writes of a letter (see `xslt/navigation-facts.xsl`): pointers with their paths only. */
type ExtractedFacts = Omit<NavigationFacts, 'context'> & { context: { type: 'previous' | 'next'; target: string; path: string }[] };

/** A letter's facts as the navigation-facts stylesheet wrote them, each pointer placed at its line and column (in the file it comes from, through XInclude). */
function placePointers(extracted: ExtractedFacts, letter: { file: string; text: string; lineMapping: LineMapping }): NavigationFacts {
  const index = extracted.context.length > 0 ? indexSource(letter.text) : undefined;
  const context = extracted.context.map((pointer): ContextPointer => {
    const found = index?.findByPath(pointer.path);
    const place = found ? mapPosition(letter.lineMapping, letter.file, found.start.line, found.start.column) : { file: letter.file };
    return { ...pointer, ...place, path: found?.displayPath ?? pointer.path };
  });
  return { ...extracted, context };
}

/** A letter as the sequence reads it (plain data, so that it can be posted to a worker thread). */
export interface FactsSource {
  file: string;
  id: string;
  text: string;
  registers?: string;
  lineMapping: LineMapping;
}

/** A letter as the sequence reads it, with the `xml:id` of its root when it has one. */
export interface NavigationSource extends FactsSource {
  rootId?: string;
}

/** Reads the facts of the letters (each letter's facts, or the diagnostic of the transform that failed on it), in the order given. */
export type FactsReader = (letters: readonly FactsSource[]) => Promise<(NavigationFacts | Diagnostic)[]>;

/** Letters read in one transform at most: their parsed documents are held together. */
const LETTERS_PER_FACTS_TRANSFORM = 50;

/**
 * A {@link FactsReader} that reads the letters with `xslt/navigation-facts.xsl`,
 * many in one transform (SaxonJS prepares the stylesheet anew for every
 * transform, a few milliseconds, more than reading a letter takes), parsing
 * each with `parse`. Letters share a transform only with letters that have
 * the same central register entries, a parameter of the stylesheet; when a
 * transform fails, its letters are read one by one, so that the diagnostic
 * names the letter it failed on.
 */
export function factsReader(context: { stylesheets: PreparedStylesheets; params: EditionParams }, parse: (letter: FactsSource) => Promise<unknown>): FactsReader {
  return async (letters) => {
    const read = new Map<FactsSource, NavigationFacts | Diagnostic>();
    const readTogether = async (batch: readonly FactsSource[]): Promise<void> => {
      const documents: unknown[] = [];
      for (const letter of batch) documents.push(await parse(letter));
      const made = navigationFactsJson(batch.map((letter, index) => ({ ...letter, document: documents[index] })), context);
      if ('diagnostic' in made) {
        if (batch.length === 1) read.set(batch[0]!, made.diagnostic);
        else for (const letter of batch) await readTogether([letter]);
        return;
      }
      const extracted = JSON.parse(made.json) as ExtractedFacts[];
      for (const [index, letter] of batch.entries()) read.set(letter, placePointers(extracted[index]!, letter));
    };
    for (const batch of batchesSharingRegisters(letters, LETTERS_PER_FACTS_TRANSFORM)) await readTogether(batch);
    return letters.map((letter) => read.get(letter)!);
  };
}

const isDiagnostic = (read: NavigationFacts | Diagnostic): read is Diagnostic => 'ruleId' in read;

/**
 * The edition's sequence of the letters: each letter's facts from the cache,
 * else read by `readFacts` (all missing letters at once, so that a pool of
 * workers can share them out) and then stored; a letter whose facts could
 * not be read is reported and has no place in the sequence.
 */
export async function sequenceLetters(letters: readonly NavigationSource[], readFacts: FactsReader, cache?: NavigationFactsCache): Promise<EditionSequence> {
  const keys = letters.map((letter) => cache?.key(letter));
  const known = letters.map((_, index) => (keys[index] === undefined ? undefined : cache!.read(keys[index]!)));
  const missing = letters.filter((_, index) => known[index] === undefined);
  const read = missing.length > 0 ? await readFacts(missing) : [];
  const readByLetter = new Map(missing.map((letter, index) => [letter, read[index]!] as const));
  const sequenced: SequencedLetter[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [index, letter] of letters.entries()) {
    const facts = known[index] ?? readByLetter.get(letter)!;
    if (isDiagnostic(facts)) {
      diagnostics.push(facts);
      continue;
    }
    if (known[index] === undefined && keys[index] !== undefined) cache!.write(keys[index]!, facts);
    sequenced.push({ file: letter.file, id: letter.id, ...(letter.rootId ? { rootId: letter.rootId } : {}), facts });
  }
  const sequence = editionSequence(sequenced);
  return { navigation: sequence.navigation, diagnostics: [...diagnostics, ...sequence.diagnostics] };
}

/**
 * The letters' facts kept between builds, one entry per letter text (and
 * register entries and XInclude sources), all in one file: read once when
 * opened and written once by {@link save}, since a build reads the facts of
 * every letter and a file per letter cost more to write than the facts to
 * make.
 */
export class NavigationFactsCache {
  private readonly used = new Map<string, NavigationFacts>();
  private changed = false;

  private constructor(
    private readonly folder: string,
    private readonly salt: string,
    private readonly stored: ReadonlyMap<string, NavigationFacts>,
  ) {}

  /** Opens the cache in `folder`; a missing or unreadable file is an empty cache. */
  static async open(folder: string, salt: string): Promise<NavigationFactsCache> {
    let stored = new Map<string, NavigationFacts>();
    try {
      const file = JSON.parse(await readFile(path.join(folder, FACTS_FILE), 'utf8')) as { entries?: Record<string, NavigationFacts> };
      stored = new Map(Object.entries(file.entries ?? {}));
    } catch {
      // Nothing stored yet, or a file this version cannot read: every letter's facts are read again.
    }
    return new NavigationFactsCache(folder, salt, stored);
  }

  key(letter: { file: string; text: string; registers?: string; lineMapping: LineMapping }): string {
    return createHash('sha256').update(this.salt).update('\0').update(letter.file).update('\0').update(letter.text).update('\0').update(letter.registers ?? '').update('\0').update(JSON.stringify(letter.lineMapping)).digest('hex');
  }

  read(key: string): NavigationFacts | undefined {
    const facts = this.stored.get(key);
    if (facts) this.used.set(key, facts);
    return facts;
  }

  write(key: string, facts: NavigationFacts): void {
    this.used.set(key, facts);
    this.changed = true;
  }

  /** Stores the entries this build used (and only those), when they differ from what was stored; removes any other file of the folder. */
  async save(): Promise<void> {
    if (this.changed || this.used.size !== this.stored.size) {
      await writeFileAtomically(path.join(this.folder, FACTS_FILE), JSON.stringify({ entries: Object.fromEntries(this.used) }));
    }
    await removeUnusedEntries(this.folder, new Set([path.basename(FACTS_FILE, '.json')]));
  }
}

const FACTS_FILE = 'facts.json';
