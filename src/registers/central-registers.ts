/**
 * Central registers: person, place, organisation and bibliography files that
 * many letters point into (`edition.config.json` "registers"). Each file is
 * read and indexed once per build; each letter is then given only the
 * entries its names point to (as a small TEI document, the stylesheets'
 * `central-registers` parameter), so that the cost of a letter grows with
 * its names, not with the size of the registers. Names resolve by
 * `@ref="#id"`, `@ref="file.xml#id"` (an entry of that file) and `@key`
 * (matched to the entry's `xml:id` or `n`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkWellFormed, validateRelaxNg } from '../adapters/xmllint.js';
import type { Diagnostic } from '../diagnostic.js';
import type { SchemaStore } from '../schema-store.js';
import { displayPath } from '../stages/load.js';
import { TEI_NAMESPACE } from '../stages/validate.js';
import { indexSource, type ElementLocation } from '../xml/source-index.js';

/** The register lists whose children are entries (as in `xslt/common/metadata.xsl`, ed:is-register). */
const REGISTER_LISTS = new Set(['listPerson', 'listPlace', 'listOrg', 'listBibl', 'listEvent']);

/** The elements of a letter that name a register entry, with what each names (rs and name: see NAME_TYPES). */
const NAME_ELEMENTS: ReadonlyMap<string, string> = new Map([
  ['persName', 'person'], ['orgName', 'organisation'], ['title', 'work'], ['name', 'name'], ['rs', 'name'],
  ...['placeName', 'geogName', 'settlement', 'district', 'region', 'country', 'bloc'].map((place) => [place, 'place'] as const),
]);

/**
 * What rs and name name by their @type (lower case), as the stylesheets read
 * them (`$ed:type-kinds` in xslt/common/mentions.xsl): an rs typed person,
 * persName, place, placeName, org or orgName is that name element.
 */
const NAME_TYPES: ReadonlyMap<string, string> = new Map([
  ...['person', 'persname', 'persons', 'group', 'persongrp', 'people'].map((type) => [type, 'person'] as const),
  ...['place', 'placename', 'settlement', 'country'].map((type) => [type, 'place'] as const),
  ...['org', 'orgname', 'organisation', 'organization', 'institution'].map((type) => [type, 'organisation'] as const),
  ...['work', 'bibl', 'periodical', 'title', 'book', 'journal', 'newspaper'].map((type) => [type, 'work'] as const),
]);

/** The register page that lists what a name names. */
const REGISTER_PAGES: Readonly<Record<string, string>> = { person: 'persons', place: 'places', organisation: 'organisations', work: 'works' };

/** What a name element names: a person, place, organisation or work, else (an untyped rs or name) a name. */
function namedKind(element: ElementLocation): string {
  const kind = NAME_ELEMENTS.get(element.localName) ?? 'name';
  if (kind !== 'name') return kind;
  const type = element.attributes.find((attribute) => attribute.name === 'type')?.value.trim().toLowerCase() ?? '';
  return NAME_TYPES.get(type) ?? 'name';
}

/** The namespace of the stylesheets' own attributes (`ed:file` on the lists of a letter's entries). */
const XSLT_NAMESPACE = 'https://tei-edition.example.org/ns/xslt';

/** What a name's `@key` is matched against. */
export type RegisterKey = 'xml:id' | 'n';

/** One entry of a central register. */
interface RegisterEntry {
  id: string;
  /** File name of its register, for `@ref="file.xml#id"`. */
  fileName: string;
  /** The register file as shown to the user, and where the entry's start tag is. */
  file: string;
  line: number;
  column: number;
  /** Local name of the list it is in, e.g. `listPerson`. */
  list: string;
  /** Its XML as written in the file. */
  xml: string;
}

/** The central registers of an edition, indexed. */
export interface CentralRegisters {
  /** The register files (as shown to the user) whose entries are used. */
  files: string[];
  key: RegisterKey;
  byId: ReadonlyMap<string, RegisterEntry>;
  byN: ReadonlyMap<string, RegisterEntry>;
  /** Namespace declarations of the register files' roots (other than TEI's), for the letters' excerpts. */
  namespaces: ReadonlyMap<string, string>;
  diagnostics: Diagnostic[];
}

/**
 * Reads and indexes the register files (none: empty registers, and nothing
 * is read). A file that is missing, not
 * well-formed or not TEI gives a warning and no entries (the names that
 * point into it stay unlinked, each with a warning); a TEI file that is not
 * valid against tei_all (when the store has it) is used, with one warning
 * for the file. Two entries with the same xml:id are an error naming both.
 */
export async function loadCentralRegisters(files: readonly string[], options: { cwd: string; key: RegisterKey; store?: SchemaStore }): Promise<CentralRegisters> {
  const registers = { files: [] as string[], key: options.key, byId: new Map<string, RegisterEntry>(), byN: new Map<string, RegisterEntry>(), namespaces: new Map<string, string>(), diagnostics: [] as Diagnostic[] };
  if (files.length === 0) return registers;
  const readable: { file: string; text: string }[] = [];
  for (const absolute of files) {
    const file = displayPath(absolute, options.cwd);
    try {
      readable.push({ file, text: await readFile(absolute, 'utf8') });
    } catch (error) {
      registers.diagnostics.push(unusable(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 'registers/not-found', 'Correct the path in "registers" in edition.config.json (paths are relative to the config file).'));
    }
  }
  const wellFormedness = await checkWellFormed(readable);
  const teiAll = options.store?.byName('tei_all', 'relaxng');
  const teiFiles: { file: string; text: string }[] = [];
  for (const { file, text } of readable) {
    const firstError = wellFormedness.get(file)?.find((d) => d.severity === 'error');
    if (firstError) {
      registers.diagnostics.push({ ...unusable(file, `is not well-formed: ${firstError.message}`, 'registers/not-well-formed', 'Fix the XML of the register file.'), ...position(firstError) });
      continue;
    }
    const index = indexSource(text);
    const root = index.elements[0];
    if (!root || root.namespaceUri !== TEI_NAMESPACE) {
      registers.diagnostics.push({ ...unusable(file, `is not TEI (its root is <${root?.qualifiedName ?? '?'}>${root?.namespaceUri ? ` in ${root.namespaceUri}` : ' in no namespace'})`, 'registers/not-tei', `A register is a TEI file (root <TEI xmlns="${TEI_NAMESPACE}">) with listPerson, listPlace, listOrg or listBibl.`), line: 1, column: 1 });
      continue;
    }
    teiFiles.push({ file, text });
    registers.files.push(file);
    for (const attribute of root.attributes) if (attribute.name.startsWith('xmlns:') && !registers.namespaces.has(attribute.name)) registers.namespaces.set(attribute.name, attribute.value);
    addEntries(registers, file, text, index.elements);
  }
  if (teiAll && teiFiles.length > 0) {
    const validity = await validateRelaxNg(teiFiles, { file: teiAll.path, text: await readFile(teiAll.path, 'utf8'), hash: teiAll.sha256 });
    for (const { file } of teiFiles) {
      const errors = validity.get(file)?.filter((d) => d.severity === 'error') ?? [];
      if (errors.length === 0) continue;
      const first = errors[0]!;
      registers.diagnostics.push({
        file,
        ...position(first),
        severity: 'warning',
        source: 'registers',
        ruleId: 'registers/invalid',
        message: `The register file is not valid against tei_all (${errors.length} ${errors.length === 1 ? 'problem' : 'problems'}; the first: ${first.message}). Its entries are used as they are.`,
        hint: `Run "tei-edition validate ${file} --schema tei_all" to see every problem.`,
      });
    }
  }
  return registers;
}

function addEntries(registers: { byId: Map<string, RegisterEntry>; byN: Map<string, RegisterEntry>; diagnostics: Diagnostic[] }, file: string, text: string, elements: readonly ElementLocation[]): void {
  const fileName = path.basename(file);
  for (const element of elements) {
    const parent = elements[element.parent];
    if (!parent || !REGISTER_LISTS.has(parent.localName) || parent.namespaceUri !== TEI_NAMESPACE || inSourceDescription(element, elements)) continue;
    const idAttribute = element.attributes.find((attribute) => attribute.name === 'xml:id');
    if (!idAttribute) continue;
    const id = idAttribute.value.trim();
    const entry: RegisterEntry = { id, fileName, file, ...element.start, list: parent.localName, xml: text.slice(element.startOffset, element.endOffset) };
    const other = registers.byId.get(id);
    if (other) {
      registers.diagnostics.push({
        file,
        ...element.start,
        severity: 'error',
        source: 'registers',
        ruleId: 'registers/duplicate-id',
        message: `The register entry xml:id="${id}" is also the id of an entry at ${other.file}:${other.line}:${other.column}.`,
        hint: 'Every entry of the central registers needs its own xml:id: rename one of them and the names that point to it.',
      });
      continue;
    }
    registers.byId.set(id, entry);
    const n = element.attributes.find((attribute) => attribute.name === 'n')?.value.trim();
    if (n && !registers.byN.has(n)) registers.byN.set(n, entry);
  }
}

function inSourceDescription(element: ElementLocation, elements: readonly ElementLocation[]): boolean {
  for (let at = element.parent; at >= 0; at = elements[at]!.parent) if (elements[at]!.localName === 'sourceDesc') return true;
  return false;
}

function unusable(file: string, problem: string, ruleId: string, hint: string): Diagnostic {
  return { file, severity: 'warning', source: 'registers', ruleId, message: `The register file ${problem}; its entries are not used, and the names that point into it stay unlinked.`, hint };
}

function position(diagnostic: Diagnostic): Pick<Diagnostic, 'line' | 'column'> {
  return { ...(diagnostic.line === undefined ? {} : { line: diagnostic.line }), ...(diagnostic.column === undefined ? {} : { column: diagnostic.column }) };
}

/** What a letter takes from the central registers. */
export interface LetterRegisterExcerpt {
  /** The entries its names point to, as the stylesheets' `central-registers` parameter; '' when none. */
  excerpt: string;
  /** A warning for each name whose pointer or key resolves nowhere. */
  diagnostics: Diagnostic[];
}

/**
 * The entries of the central registers that a letter's names point to, and a
 * warning for each name that points to an entry that exists neither in the
 * letter nor in the registers. (A "#id" that resolves nowhere is already
 * reported by the ID check, so it is not reported again here.)
 */
export function letterRegisterExcerpt(letterText: string, file: string, registers: CentralRegisters): LetterRegisterExcerpt {
  if (registers.files.length === 0 && registers.diagnostics.length === 0) return { excerpt: '', diagnostics: [] };
  const elements = indexSource(letterText).elements;
  const ownIds = new Set(elements.flatMap((element) => element.attributes.filter((a) => a.name === 'xml:id').map((a) => a.value.trim())));
  const found = new Map<string, RegisterEntry>();
  const diagnostics: Diagnostic[] = [];
  for (const element of elements) {
    if (!NAME_ELEMENTS.has(element.localName) || element.namespaceUri !== TEI_NAMESPACE) continue;
    for (const attribute of element.attributes) {
      if (attribute.name === 'ref') {
        for (const pointer of attribute.value.split(/\s+/)) {
          if (!pointer.includes('#') || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(pointer)) continue;
          const [document, id] = [pointer.slice(0, pointer.indexOf('#')), pointer.slice(pointer.indexOf('#') + 1)];
          if (document === '' && ownIds.has(id)) continue;
          const entry = registers.byId.get(id);
          if (entry && (document === '' || entry.fileName === path.posix.basename(document))) found.set(entry.id, entry);
          else if (document !== '') diagnostics.push(unresolved(file, element, attribute, `ref="${pointer}"`, `no entry with xml:id="${id}" in a register file named ${path.posix.basename(document)}`));
        }
      } else if (attribute.name === 'key') {
        const key = attribute.value.trim();
        if (!key) continue;
        const entry = registers.key === 'n' ? registers.byN.get(key) : registers.byId.get(key);
        if (entry) found.set(entry.id, entry);
        else diagnostics.push(unresolved(file, element, attribute, `key="${key}"`, `no entry with ${registers.key === 'n' ? 'n' : 'xml:id'}="${key}"`));
      }
    }
  }
  return { excerpt: found.size === 0 ? '' : excerptDocument([...found.values()], registers.namespaces), diagnostics };
}

/**
 * The central registers applied to validated documents, as every command
 * that loads letters needs them: the documents' diagnostics without the ID
 * check's warnings about pointers into the registers, the registers' own
 * diagnostics and the unresolved names; and each document's excerpt (by
 * file; absent when it names no entry).
 */
export function applyCentralRegisters(documents: readonly { file: string; text: string; diagnostics: readonly Diagnostic[] }[], registers: CentralRegisters): { diagnostics: Diagnostic[]; excerpts: ReadonlyMap<string, string> } {
  const excerpts = new Map<string, string>();
  const mentions: Diagnostic[] = [];
  for (const document of documents) {
    const { excerpt, diagnostics } = letterRegisterExcerpt(document.text, document.file, registers);
    if (excerpt) excerpts.set(document.file, excerpt);
    mentions.push(...diagnostics);
  }
  return { diagnostics: [...withoutCentralPointers(documents.flatMap((d) => d.diagnostics), registers), ...registers.diagnostics, ...mentions], excerpts };
}

/** The diagnostics without the ID check's warnings about "#id" pointers to entries of the central registers (they resolve there). */
export function withoutCentralPointers(diagnostics: readonly Diagnostic[], registers: CentralRegisters): Diagnostic[] {
  if (registers.byId.size === 0) return [...diagnostics];
  return diagnostics.filter((d) => d.ruleId !== 'ids/unresolved-pointer' || !registers.byId.has(/"#([^"]+)"/.exec(d.message)?.[1] ?? ''));
}

function unresolved(file: string, element: ElementLocation, attribute: ElementLocation['attributes'][number], pointer: string, what: string): Diagnostic {
  const type = ['rs', 'name'].includes(element.localName) ? element.attributes.find((a) => a.name === 'type') : undefined;
  const kind = namedKind(element);
  return {
    file,
    line: attribute.position.line,
    column: attribute.position.column,
    severity: 'warning',
    source: 'registers',
    ruleId: 'registers/unresolved-mention',
    message: `<${element.qualifiedName}${type ? ` type="${type.value}"` : ''} ${pointer}> points into the central registers, but they have ${what}; the ${kind} has no register entry (${kind === 'name' ? 'an rs or name without a type of person, place, org or work is not listed in a register' : `the register page of ${REGISTER_PAGES[kind]} lists it under its key alone`}).`,
    hint: 'Add the entry to a register file listed in "registers" in edition.config.json, or correct the pointer or key ("registerKey" says whether @key is matched to xml:id or n).',
    path: element.displayPath,
  };
}

/** The entries as a TEI document: one list per register file and list kind, each marked with ed:file. */
function excerptDocument(entries: readonly RegisterEntry[], namespaces: ReadonlyMap<string, string>): string {
  const lists = new Map<string, RegisterEntry[]>();
  for (const entry of entries) {
    const key = `${entry.fileName}\0${entry.list}`;
    lists.set(key, [...(lists.get(key) ?? []), entry]);
  }
  const declarations = [...namespaces].map(([name, uri]) => ` ${name}="${escapeAttribute(uri)}"`).join('');
  const body = [...lists.values()].map((group) => `<${group[0]!.list} ed:file="${escapeAttribute(group[0]!.fileName)}">${group.map((entry) => entry.xml).join('')}</${group[0]!.list}>`).join('');
  return `<TEI xmlns="${TEI_NAMESPACE}" xmlns:ed="${XSLT_NAMESPACE}"${declarations}><standOff>${body}</standOff></TEI>`;
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
}
