/**
 * Maps XML source text to positions. libxml2 reports only lines and SaxonJS
 * no locations at all, so columns and element paths are recovered here from
 * the text itself.
 */
import type { Position } from '../diagnostic.js';
import { declarationEnd, findTagEnd } from './scan.js';

/** One element start tag found in the source text. */
export interface ElementLocation {
  /** Local name, e.g. `p`. */
  localName: string;
  /** Name as written, e.g. `tei:p` or `p`. */
  qualifiedName: string;
  /** Namespace URI in scope, '' for none. */
  namespaceUri: string;
  /** Position of the `<` of the start tag (1-based line and column; columns count characters). */
  start: Position;
  /** Position just after the `>` of the start tag. */
  startTagEnd: Position;
  /** Offset of the `<` of the start tag in the text. */
  startOffset: number;
  /** Offset just after the element's end tag (or after `/>` when empty). */
  endOffset: number;
  /** Canonical path: `/TEI[1]/text[1]/body[1]/p[3]` (local names, position among same-named siblings). */
  path: string;
  /** Like `path`, with `[1]` dropped where the element has no same-named sibling. */
  displayPath: string;
  /** Index of the parent in `elements`, -1 for the root. */
  parent: number;
  /** Attributes as written, each with the position of its name. */
  attributes: { name: string; value: string; position: Position }[];
}

/** Positions of the elements of one document. */
export interface SourceIndex {
  /** All elements in document order. */
  readonly elements: readonly ElementLocation[];
  /** Element by canonical path; accepts SaxonJS `path()` output (`Q{uri}` prefixes); an attribute or text step resolves to its owner element. */
  findByPath(path: string): ElementLocation | undefined;
  /** Elements whose start tag begins on `line`, in document order. */
  elementsStartingOnLine(line: number): ElementLocation[];
  /** The last element (optionally with this local name) whose start tag begins on or before `line`. */
  elementAtLine(line: number, localName?: string): ElementLocation | undefined;
  /** Position of an attribute's name in an element's start tag, if it is written there. */
  attributePosition(element: ElementLocation, attributeName: string): Position | undefined;
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;

/**
 * Where the lines of a text begin: positions are computed from offsets when
 * asked (most are never read, and a thousand letters' worth of position
 * objects kept the garbage collector busy).
 */
class LineTable {
  constructor(private readonly starts: readonly number[]) {}

  positionAt(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }

  /** Offset where the line after `line` (1-based) begins; the text's end beyond the last line. */
  endOfLine(line: number): number {
    return line < this.starts.length ? this.starts[line]! : Number.POSITIVE_INFINITY;
  }
}

/** An attribute as written; its position is computed when read. */
class IndexedAttribute {
  constructor(
    readonly name: string,
    readonly value: string,
    private readonly offset: number,
    private readonly lines: LineTable,
  ) {}

  get position(): Position {
    return this.lines.positionAt(this.offset);
  }
}

/** An element start tag; its positions are computed when read. */
class IndexedElement implements ElementLocation {
  endOffset: number;
  displayPath = '';

  constructor(
    readonly localName: string,
    readonly qualifiedName: string,
    readonly namespaceUri: string,
    readonly startOffset: number,
    private readonly startTagEndOffset: number,
    selfClosing: boolean,
    textLength: number,
    readonly path: string,
    readonly parent: number,
    readonly attributes: IndexedAttribute[],
    private readonly lines: LineTable,
  ) {
    this.endOffset = selfClosing ? startTagEndOffset : textLength;
  }

  get start(): Position {
    return this.lines.positionAt(this.startOffset);
  }

  get startTagEnd(): Position {
    return this.lines.positionAt(this.startTagEndOffset);
  }
}

interface OpenElement {
  index: number;
  /** The namespaces in scope: the parent's own map unless this element declares one (most do not, and a copy per element was most of the index's garbage). */
  namespaces: ReadonlyMap<string, string>;
  /** Children seen so far by local name; made at the first child. */
  childCounts?: Map<string, number>;
}

const NO_NAMESPACES: ReadonlyMap<string, string> = new Map();

/**
 * The root element alone, read from the text up to the end of its start tag
 * (what the root check and the schema choice need, without indexing the
 * whole document); undefined when the text has no element.
 */
export function indexRoot(text: string): ElementLocation | undefined {
  let offset = 0;
  while (offset < text.length) {
    const lt = text.indexOf('<', offset);
    if (lt < 0) return undefined;
    if (text.startsWith('<!--', lt)) offset = skipPast(text, lt, '-->');
    else if (text.startsWith('<?', lt)) offset = skipPast(text, lt, '?>');
    else if (text.startsWith('<!', lt)) offset = orEnd(declarationEnd(text, lt), text.length);
    else if (NAME_START.test(text[lt + 1] ?? '')) return indexSource(text.slice(0, orEnd(findTagEnd(text, lt), text.length - 1) + 1)).elements[0];
    else offset = lt + 1;
  }
  return undefined;
}

/** Scans well-formed XML text and indexes every element start tag. Tolerant: malformed parts are skipped, never thrown on. */
export function indexSource(text: string): SourceIndex {
  const lines = new LineTable(computeLineStarts(text));
  const elements: IndexedElement[] = [];
  const siblingTotals: Map<string, number>[] = [];
  /** Each element's last path step (`p[3]`), for its display path. */
  const steps: string[] = [];
  const rootCounts = new Map<string, number>();
  const stack: OpenElement[] = [];
  let offset = 0;

  while (offset < text.length) {
    const lt = text.indexOf('<', offset);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      offset = skipPast(text, lt, '-->');
    } else if (text.startsWith('<![CDATA[', lt)) {
      offset = skipPast(text, lt, ']]>');
    } else if (text.startsWith('<?', lt)) {
      offset = skipPast(text, lt, '?>');
    } else if (text.startsWith('<!', lt)) {
      offset = orEnd(declarationEnd(text, lt), text.length);
    } else if (text[lt + 1] === '/') {
      offset = skipPast(text, lt, '>');
      const closed = stack.pop();
      if (closed) elements[closed.index]!.endOffset = offset;
    } else if (NAME_START.test(text[lt + 1] ?? '')) {
      const tagEnd = orEnd(findTagEnd(text, lt), text.length - 1);
      const tag = text.slice(lt + 1, tagEnd);
      const selfClosing = tag.endsWith('/');
      const qualifiedName = /^[^\s/>]+/.exec(tag)![0];
      const attributes: IndexedAttribute[] = [];
      const inherited = stack.at(-1)?.namespaces ?? NO_NAMESPACES;
      let declared: Map<string, string> | undefined;
      for (const match of tag.slice(qualifiedName.length).matchAll(ATTRIBUTE)) {
        const name = match[1]!;
        const value = match[3] ?? match[4] ?? '';
        attributes.push(new IndexedAttribute(name, value, lt + 1 + qualifiedName.length + match.index!, lines));
        if (name === 'xmlns' || name.startsWith('xmlns:')) (declared ??= new Map(inherited)).set(name === 'xmlns' ? '' : name.slice(6), value);
      }
      const namespaces = declared ?? inherited;
      const colon = qualifiedName.indexOf(':');
      const prefix = colon >= 0 ? qualifiedName.slice(0, colon) : '';
      const localName = colon >= 0 ? qualifiedName.slice(colon + 1) : qualifiedName;
      const parent = stack.at(-1);
      const counts = parent ? (parent.childCounts ??= new Map()) : rootCounts;
      const position = (counts.get(localName) ?? 0) + 1;
      counts.set(localName, position);
      const parentPath = parent ? elements[parent.index]!.path : '';
      const index = elements.length;
      const step = `${localName}[${position}]`;
      elements.push(new IndexedElement(localName, qualifiedName, namespaces.get(prefix) ?? '', lt, tagEnd + 1, selfClosing, text.length, `${parentPath}/${step}`, parent ? parent.index : -1, attributes, lines));
      siblingTotals.push(counts);
      steps.push(step);
      if (!selfClosing) stack.push({ index, namespaces });
      offset = tagEnd + 1;
    } else {
      offset = lt + 1;
    }
  }

  for (const [index, element] of elements.entries()) {
    const parentDisplay = element.parent >= 0 ? elements[element.parent]!.displayPath : '';
    const unique = siblingTotals[index]!.get(element.localName) === 1;
    element.displayPath = `${parentDisplay}/${unique ? element.localName : steps[index]!}`;
  }

  let byPath: Map<string, ElementLocation> | undefined;
  return {
    elements,
    findByPath(path) {
      const steps = path.replace(/Q\{[^}]*\}/g, '').split('/').filter(Boolean);
      while (steps.length > 0 && !/^[^@(]+\[\d+\]$/.test(steps.at(-1)!)) steps.pop();
      const canonical = steps
        .map((step) => (step.includes(':') ? step.slice(step.indexOf(':') + 1) : step))
        .join('/');
      byPath ??= new Map(elements.map((element) => [element.path, element]));
      return byPath.get(`/${canonical}`);
    },
    elementsStartingOnLine(line) {
      return elements.filter((element) => element.start.line === line);
    },
    elementAtLine(line, localName) {
      // Elements are in document order: the last one starting before the next line is found by bisection (an invalid register has thousands of errors to place).
      const limit = lines.endOfLine(line);
      let low = 0;
      let high = elements.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (elements[mid]!.startOffset < limit) low = mid + 1;
        else high = mid;
      }
      for (let at = low - 1; at >= 0; at--) {
        if (localName === undefined || elements[at]!.localName === localName) return elements[at];
      }
      return undefined;
    },
    attributePosition(element, attributeName) {
      return element.attributes.find((attribute) => attribute.name === attributeName)?.position;
    },
  };
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function skipPast(text: string, from: number, terminator: string): number {
  const end = text.indexOf(terminator, from);
  return end < 0 ? text.length : end + terminator.length;
}

/** The scanner is tolerant: an unclosed construct runs to the end of the text. */
function orEnd(offset: number, end: number): number {
  return offset < 0 ? end : offset;
}
