/**
 * A RELAX NG grammar (XML syntax) read into a light tree that remembers where
 * every element starts and ends in the text, so that pruning can splice the
 * text itself and leave everything else byte for byte as it was.
 */

import { declarationEnd, findTagEnd } from '../../xml/scan.js';

/** The RELAX NG structure namespace. */
export const RNG_NAMESPACE = 'http://relaxng.org/ns/structure/1.0';

/** One element of the grammar document. */
export interface RngNode {
  /** Name as written, e.g. `element` or `rng:element`. */
  qualifiedName: string;
  /** Local part of the name. */
  localName: string;
  /** Namespace URI of the element itself ('' for none). */
  namespaceUri: string;
  /** Attributes as written (values with entity references decoded). */
  attributes: Map<string, string>;
  children: RngNode[];
  /** Concatenated text directly inside the element (decoded). */
  text: string;
  /** Offset of the `<` of the start tag. */
  startOffset: number;
  /** Offset just after the `>` of the start tag. */
  startTagEndOffset: number;
  /** Offset just after the end tag (or `/>`). */
  endOffset: number;
}

/** A grammar parsed once and kept for pruning and analysis. */
export interface RngDocument {
  /** The grammar text exactly as given. */
  readonly text: string;
  /** The document element (normally `grammar` or a single pattern). */
  readonly root: RngNode;
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined and numeric character references of XML text. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return PREDEFINED[body] ?? whole;
  });
}

/** The local part of a qualified name. */
export function localPart(qualifiedName: string): string {
  const colon = qualifiedName.indexOf(':');
  return colon < 0 ? qualifiedName : qualifiedName.slice(colon + 1);
}

interface OpenNode {
  node: RngNode;
  namespaces: ReadonlyMap<string, string>;
}

/**
 * Reads grammar text into a tree. Returns undefined when the text is not a
 * well-formed single-rooted XML document as far as this scanner can tell; the
 * caller then validates without pruning and libxml2 reports the problem.
 */
export function parseRng(text: string): RngDocument | undefined {
  const stack: OpenNode[] = [];
  let root: RngNode | undefined;
  let offset = 0;
  while (offset < text.length) {
    const lt = text.indexOf('<', offset);
    if (lt < 0) {
      appendText(stack, text.slice(offset));
      break;
    }
    if (lt > offset) appendText(stack, text.slice(offset, lt));
    if (text.startsWith('<!--', lt)) {
      const close = text.indexOf('-->', lt + 4);
      if (close < 0) return undefined;
      offset = close + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const close = text.indexOf(']]>', lt + 9);
      if (close < 0) return undefined;
      const top = stack.at(-1);
      if (top) top.node.text += text.slice(lt + 9, close);
      offset = close + 3;
    } else if (text.startsWith('<?', lt)) {
      const close = text.indexOf('?>', lt + 2);
      if (close < 0) return undefined;
      offset = close + 2;
    } else if (text.startsWith('<!', lt)) {
      const close = declarationEnd(text, lt);
      if (close < 0) return undefined;
      offset = close;
    } else if (text.startsWith('</', lt)) {
      const close = text.indexOf('>', lt);
      const open = stack.pop();
      if (close < 0 || !open || text.slice(lt + 2, close).trim() !== open.node.qualifiedName) return undefined;
      open.node.endOffset = close + 1;
      offset = close + 1;
    } else {
      const close = findTagEnd(text, lt);
      if (close < 0) return undefined;
      const selfClosing = text[close - 1] === '/';
      const inner = text.slice(lt + 1, selfClosing ? close - 1 : close);
      const nameMatch = /^[^\s/>]+/.exec(inner);
      if (!nameMatch) return undefined;
      const qualifiedName = nameMatch[0];
      const attributes = new Map<string, string>();
      for (const match of inner.slice(qualifiedName.length).matchAll(ATTRIBUTE)) {
        attributes.set(match[1]!, decodeXmlText(match[2] ?? match[3] ?? ''));
      }
      const parent = stack.at(-1);
      const namespaces = withDeclaredNamespaces(parent?.namespaces ?? NO_NAMESPACES, attributes);
      const colon = qualifiedName.indexOf(':');
      const prefix = colon < 0 ? '' : qualifiedName.slice(0, colon);
      const node: RngNode = {
        qualifiedName,
        localName: localPart(qualifiedName),
        namespaceUri: namespaces.get(prefix) ?? '',
        attributes,
        children: [],
        text: '',
        startOffset: lt,
        startTagEndOffset: close + 1,
        endOffset: close + 1,
      };
      if (parent) parent.node.children.push(node);
      else if (root) return undefined;
      else root = node;
      if (!selfClosing) stack.push({ node, namespaces });
      offset = close + 1;
    }
  }
  if (!root || stack.length > 0) return undefined;
  return { text, root };
}

const NO_NAMESPACES: ReadonlyMap<string, string> = new Map();

/** The namespaces in scope inside an element: its parent's (the same map when it declares none, as most elements of a grammar do) with its own declarations. */
function withDeclaredNamespaces(inherited: ReadonlyMap<string, string>, attributes: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  let namespaces: Map<string, string> | undefined;
  for (const [name, value] of attributes) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    namespaces ??= new Map(inherited);
    namespaces.set(name === 'xmlns' ? '' : name.slice(6), value);
  }
  return namespaces ?? inherited;
}

function appendText(stack: OpenNode[], raw: string): void {
  const top = stack.at(-1);
  if (top) top.node.text += decodeXmlText(raw);
}

/** True for an element of the RELAX NG namespace with the given local name. */
export function isRng(node: RngNode, localName: string): boolean {
  return node.localName === localName && node.namespaceUri === RNG_NAMESPACE;
}

/**
 * The local name an `<element>` or `<attribute>` pattern matches, or undefined
 * when it uses a name class (`anyName`, `nsName`, `choice`), which pruning and
 * analysis leave alone.
 */
export function patternName(node: RngNode): string | undefined {
  const name = node.attributes.get('name');
  if (name !== undefined) return localPart(name.trim());
  const first = node.children.find((child) => child.namespaceUri === RNG_NAMESPACE);
  if (first && isRng(first, 'name')) return localPart(first.text.trim());
  return undefined;
}
