/**
 * What a RELAX NG grammar allows inside each element, read from the grammar
 * itself, so that a diagnostic can say "allowed here: …" instead of repeating
 * libxml2's terse "Did not expect element p there".
 */
import { isRng, patternName, RNG_NAMESPACE, type RngDocument, type RngNode } from './rng-document.js';

/** What the content model of an element allows, over all its definitions. */
export interface AllowedContent {
  /** Local names of the child elements allowed, sorted. */
  elements: string[];
  /** True when a name class (anyName, nsName) allows further elements. */
  anyElement: boolean;
  /** True when text (or typed data) is allowed. */
  text: boolean;
}

/** Which attributes an element allows, over all its definitions. */
export interface AllowedAttributes {
  /** Names as written in the grammar (e.g. `xml:id`, `when`), sorted. */
  names: string[];
  /** True when a name class allows further attributes. */
  anyAttribute: boolean;
}

/** Questions the validator asks about a grammar. */
export interface GrammarModel {
  /** True when the grammar has an element pattern with this local name. */
  hasElement(localName: string): boolean;
  /** What may occur directly inside the element, or undefined when the grammar does not define it. */
  allowedContent(localName: string): AllowedContent | undefined;
  /** Which attributes the element may carry, or undefined when the grammar does not define it. */
  allowedAttributes(localName: string): AllowedAttributes | undefined;
}

/** Builds the model from a parsed grammar; answers are computed on demand and memoised. */
export function buildGrammarModel(grammar: RngDocument): GrammarModel {
  const defines = new Map<string, RngNode[]>();
  const elements = new Map<string, RngNode[]>();
  const index = (node: RngNode): void => {
    if (isRng(node, 'define')) {
      const name = node.attributes.get('name')?.trim();
      if (name) defines.set(name, [...(defines.get(name) ?? []), node]);
    } else if (isRng(node, 'element')) {
      const name = patternName(node);
      if (name !== undefined) elements.set(name, [...(elements.get(name) ?? []), node]);
    }
    for (const child of node.children) index(child);
  };
  index(grammar.root);

  const contentCache = new Map<string, AllowedContent>();
  const attributeCache = new Map<string, AllowedAttributes>();

  /** Walks a content model without entering nested element or attribute patterns. */
  const walk = (
    nodes: readonly RngNode[],
    onElement: (node: RngNode) => void,
    onAttribute: (node: RngNode) => void,
    onText: () => void,
    visited: Set<string>,
  ): void => {
    for (const node of nodes) {
      if (node.namespaceUri !== RNG_NAMESPACE) continue;
      switch (node.localName) {
        case 'element':
          onElement(node);
          break;
        case 'attribute':
          onAttribute(node);
          break;
        case 'text':
        case 'data':
        case 'value':
        case 'list':
          onText();
          break;
        case 'ref': {
          const name = node.attributes.get('name')?.trim() ?? '';
          if (visited.has(name)) break;
          visited.add(name);
          for (const define of defines.get(name) ?? []) walk(define.children, onElement, onAttribute, onText, visited);
          break;
        }
        case 'mixed':
          onText();
          walk(node.children, onElement, onAttribute, onText, visited);
          break;
        case 'parentRef':
        case 'externalRef':
        case 'notAllowed':
        case 'empty':
          break;
        default:
          walk(node.children, onElement, onAttribute, onText, visited);
      }
    }
  };

  /** Content of an element pattern: its children after the name class. */
  const contentOf = (pattern: RngNode): RngNode[] => {
    const rngChildren = pattern.children.filter((child) => child.namespaceUri === RNG_NAMESPACE);
    return pattern.attributes.has('name') ? rngChildren : rngChildren.slice(1);
  };

  return {
    hasElement: (localName) => elements.has(localName),
    allowedContent(localName) {
      const patterns = elements.get(localName);
      if (!patterns) return undefined;
      let cached = contentCache.get(localName);
      if (!cached) {
        const names = new Set<string>();
        const result: AllowedContent = { elements: [], anyElement: false, text: false };
        for (const pattern of patterns) {
          walk(
            contentOf(pattern),
            (element) => {
              const name = patternName(element);
              if (name === undefined) result.anyElement = true;
              else names.add(name);
            },
            () => undefined,
            () => {
              result.text = true;
            },
            new Set(),
          );
        }
        result.elements = [...names].sort();
        cached = result;
        contentCache.set(localName, cached);
      }
      return cached;
    },
    allowedAttributes(localName) {
      const patterns = elements.get(localName);
      if (!patterns) return undefined;
      let cached = attributeCache.get(localName);
      if (!cached) {
        const names = new Set<string>();
        const result: AllowedAttributes = { names: [], anyAttribute: false };
        for (const pattern of patterns) {
          walk(
            contentOf(pattern),
            () => undefined,
            (attribute) => {
              const written = attribute.attributes.get('name')?.trim();
              const first = attribute.children.find((child) => child.namespaceUri === RNG_NAMESPACE);
              const name = written ?? (first && isRng(first, 'name') ? first.text.trim() : undefined);
              if (name === undefined) result.anyAttribute = true;
              else names.add(name);
            },
            () => undefined,
            new Set(),
          );
        }
        result.names = [...names].sort();
        cached = result;
        attributeCache.set(localName, cached);
      }
      return cached;
    },
  };
}
