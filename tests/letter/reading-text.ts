/**
 * Reading texts of the bundled letter, for comparison with its source.
 *
 * The diplomatic reading takes every `sic` of a `choice`, the normalised
 * reading every `corr`. The source's notes are rendered as the seed file
 * writes them: a marker `[n]` at the reference point and the note's text,
 * `[n] …`, after the letter, in the order of `n`. The project's own notes
 * (resp="#tei-edition") are not part of the source and are left out.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

/** Project root (the folder holding `tei/` and `tests/`). */
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The encoded letter. */
export const letterPath = `${projectRoot}tei/lenin-to-shlyapnikov-1916-10.xml`;

/** Who is responsible for the project's own interventions. */
export const projectResp = '#tei-edition';

/** An element of the parsed document. */
export interface XmlElement {
  readonly kind: 'element';
  /** Name as written (the letter uses no prefixes). */
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

/** A run of character data. */
export interface XmlText {
  readonly kind: 'text';
  readonly text: string;
}

/** A node of the parsed document; comments and processing instructions are dropped. */
export type XmlNode = XmlElement | XmlText;

type OrderedEntry = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Decodes character references, which fast-xml-parser leaves as written. */
function decodeCharacterReferences(text: string): string {
  return text.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (_, code: string) =>
    String.fromCodePoint(code.startsWith('x') ? parseInt(code.slice(1), 16) : parseInt(code, 10)),
  );
}

function toNodes(entries: readonly OrderedEntry[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const entry of entries) {
    const name = Object.keys(entry).find((key) => key !== ':@');
    if (name === undefined || name.startsWith('?') || name === '#comment') continue;
    if (name === '#text') {
      nodes.push({ kind: 'text', text: decodeCharacterReferences(String(entry['#text'])) });
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(entry[':@'] ?? {})) {
      attributes[key] = decodeCharacterReferences(value);
    }
    nodes.push({ kind: 'element', name, attributes, children: toNodes(entry[name] as OrderedEntry[]) });
  }
  return nodes;
}

/** Parses an XML document, keeping the order of mixed content and every whitespace character. */
export function parseXml(xml: string): XmlElement {
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    commentPropName: '#comment',
  });
  const root = toNodes(parser.parse(xml) as OrderedEntry[]).find(
    (node): node is XmlElement => node.kind === 'element',
  );
  if (root === undefined) throw new Error('document has no root element');
  return root;
}

/** Reads and parses the encoded letter. */
export function loadLetter(): XmlElement {
  return parseXml(readFileSync(letterPath, 'utf8'));
}

/** The element itself and all its descendant elements, in document order. */
export function elementsOf(element: XmlElement): XmlElement[] {
  const found: XmlElement[] = [element];
  for (const child of element.children) {
    if (child.kind === 'element') found.push(...elementsOf(child));
  }
  return found;
}

/** The child elements called `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => child.kind === 'element' && child.name === name);
}

/** The only child element called `name`; throws when there is none or more than one. */
export function onlyChild(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name);
  if (found.length !== 1) throw new Error(`<${element.name}> has ${found.length} <${name}> children, expected 1`);
  return found[0]!;
}

/** The text content of an element, all readings included. */
export function textContent(node: XmlNode): string {
  return node.kind === 'text' ? node.text : node.children.map(textContent).join('');
}

/** Whether a note is the project's own (not part of the source). */
export function isProjectNote(note: XmlElement): boolean {
  return note.attributes.resp === projectResp;
}

/** Which reading of a `choice` to render. */
export type ChoiceReading = (choice: XmlElement) => 'sic' | 'corr';

/** Where the rendered reading of one `choice` stands in a reading text. */
export interface ChoiceSpan {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

/** A reading text of the letter with the positions of its choices. */
export interface ReadingText {
  readonly text: string;
  readonly choices: readonly ChoiceSpan[];
}

/** Elements rendered as blocks: they never run into the text around them. */
const blockElements = new Set(['body', 'div', 'opener', 'closer', 'salute', 'postscript', 'p', 'ab', 'dateline', 'signed']);

/** Milestones: no text of their own, and they stand in whitespace. */
const milestoneElements = new Set(['pb', 'lb', 'milestone']);

/** Renders subtrees of the letter in one reading, keeping track of choices and of the source's notes. */
class Renderer {
  text = '';
  readonly choices: ChoiceSpan[] = [];
  readonly notes: XmlElement[] = [];

  constructor(private readonly reading: ChoiceReading) {}

  /** Appends a node; a source note becomes its marker `[n]` and, if `collectNotes`, is kept for later. */
  render(node: XmlNode, collectNotes: boolean): void {
    if (node.kind === 'text') {
      this.text += node.text;
      return;
    }
    if (milestoneElements.has(node.name)) return;
    if (node.name === 'note') {
      if (isProjectNote(node)) return;
      this.text += `[${node.attributes.n ?? '?'}]`;
      if (collectNotes) this.notes.push(node);
      return;
    }
    if (node.name === 'choice') {
      const start = this.text.length;
      for (const child of onlyChild(node, this.reading(node)).children) this.render(child, collectNotes);
      this.choices.push({ id: node.attributes['xml:id'] ?? `choice-${this.choices.length + 1}`, start, end: this.text.length });
      return;
    }
    const block = blockElements.has(node.name);
    if (block) this.text += '\n';
    for (const child of node.children) this.render(child, collectNotes);
    if (block) this.text += '\n';
  }
}

/** The source's notes of a body, in the order of their numbers. */
function sortedByNumber(notes: readonly XmlElement[]): XmlElement[] {
  return [...notes].sort((a, b) => Number(a.attributes.n) - Number(b.attributes.n));
}

function bodyOf(tei: XmlElement): XmlElement {
  return onlyChild(onlyChild(tei, 'text'), 'body');
}

/**
 * Renders the letter's body as the seed file writes it: running text with
 * note markers, then the source's notes in the order of their numbers.
 */
export function readingText(tei: XmlElement, reading: ChoiceReading): ReadingText {
  const renderer = new Renderer(reading);
  renderer.render(bodyOf(tei), true);
  for (const note of sortedByNumber(renderer.notes)) {
    renderer.text += `\n[${note.attributes.n ?? '?'}] `;
    for (const child of note.children) renderer.render(child, false);
    renderer.text += '\n';
  }
  return { text: renderer.text, choices: renderer.choices };
}

/** Elements of the letter's division that the seed writes as one paragraph each. */
const paragraphUnits = new Set(['opener', 'p', 'closer', 'postscript']);

/**
 * The letter's paragraphs in one reading, as the seed divides them: the
 * salutation, each paragraph, the closing, the postscript, then each note
 * (a note of several paragraphs gives one entry per paragraph, the first
 * with the marker `[n]`).
 */
export function paragraphs(tei: XmlElement, reading: ChoiceReading): string[] {
  const renderOne = (nodes: readonly XmlNode[], prefix = ''): string => {
    const renderer = new Renderer(reading);
    renderer.text = prefix;
    for (const node of nodes) renderer.render(node, false);
    return renderer.text;
  };
  const units = elementsOf(bodyOf(tei)).filter(
    (element) => paragraphUnits.has(element.name) && !(element.name === 'p' && isInside(tei, element, ['postscript', 'note'])),
  );
  const notes = sortedByNumber(elementsOf(bodyOf(tei)).filter((element) => element.name === 'note' && !isProjectNote(element)));
  const noteParagraphs = notes.flatMap((note) => {
    const marker = `[${note.attributes.n ?? '?'}] `;
    const parts = childrenNamed(note, 'p');
    if (parts.length === 0) return [renderOne(note.children, marker)];
    return parts.map((part, index) => renderOne(part.children, index === 0 ? marker : ''));
  });
  return [...units.map((unit) => renderOne([unit])), ...noteParagraphs];
}

/** Whether `element` has an ancestor called one of `names` below `root`. */
function isInside(root: XmlElement, element: XmlElement, names: readonly string[]): boolean {
  const path = pathTo(root, element);
  return path !== undefined && path.slice(0, -1).some((ancestor) => names.includes(ancestor.name));
}

function pathTo(from: XmlElement, target: XmlElement): XmlElement[] | undefined {
  if (from === target) return [from];
  for (const child of from.children) {
    if (child.kind !== 'element') continue;
    const rest = pathTo(child, target);
    if (rest !== undefined) return [from, ...rest];
  }
  return undefined;
}

/** The letter part of the seed: from "Dear Friend," to the end of note 8, before the page furniture. */
export function letterPartOfSeed(seed: string): string {
  const start = seed.indexOf('Dear Friend,');
  const end = seed.indexOf('< backward');
  if (start < 0 || end < start) throw new Error('seed file: letter part not found');
  return seed.slice(start, end);
}

/** A word token with its position in the text it was cut from. */
export interface Token {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** Splits on whitespace (including no-break spaces, which `\s` matches). */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(/\S+/g)].map((match) => ({
    value: match[0],
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** One place where two token sequences differ. */
export interface DiffHunk {
  /** Index in the expected sequence where the difference starts. */
  readonly expectedIndex: number;
  /** Index in the actual sequence where the difference starts. */
  readonly actualIndex: number;
  readonly expected: readonly string[];
  readonly actual: readonly string[];
}

/** Token differences by longest common subsequence (common prefix and suffix trimmed first). */
export function diffTokens(expected: readonly string[], actual: readonly string[]): DiffHunk[] {
  let prefix = 0;
  while (prefix < expected.length && prefix < actual.length && expected[prefix] === actual[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < expected.length - prefix &&
    suffix < actual.length - prefix &&
    expected[expected.length - 1 - suffix] === actual[actual.length - 1 - suffix]
  ) {
    suffix++;
  }
  const a = expected.slice(prefix, expected.length - suffix);
  const b = actual.slice(prefix, actual.length - suffix);
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const hunks: DiffHunk[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    const startI = i;
    const startJ = j;
    while ((i < a.length || j < b.length) && !(i < a.length && j < b.length && a[i] === b[j])) {
      if (j >= b.length || (i < a.length && lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) i++;
      else j++;
    }
    hunks.push({
      expectedIndex: prefix + startI,
      actualIndex: prefix + startJ,
      expected: a.slice(startI, i),
      actual: b.slice(startJ, j),
    });
  }
  return hunks;
}

/** A readable report of token differences, one line per hunk. */
export function formatHunks(hunks: readonly DiffHunk[]): string {
  return hunks
    .map(
      (hunk) =>
        `token ${hunk.expectedIndex}: expected ${JSON.stringify(hunk.expected.join(' '))}, actual ${JSON.stringify(hunk.actual.join(' '))}`,
    )
    .join('\n');
}
