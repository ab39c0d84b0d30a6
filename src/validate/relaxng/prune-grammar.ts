/**
 * Prunes a RELAX NG grammar to the vocabulary of the documents being
 * validated. libxml2 needs 13–30 s to compile tei_all.rng; most of that is
 * spent on elements a given set of letters never uses. An `<element>` pattern
 * whose name occurs in none of the documents can never match, so changing
 * what it would accept cannot change a verdict. Two ways are offered:
 *
 * - `not-allowed` replaces the pattern with `<notAllowed/>`: the fastest
 *   compile (tei_all for one letter: about 0.15 s), but libxml2 does not
 *   compile content models that reach a notAllowed into automata, so it
 *   validates about 4× slower and reports errors at an ancestor after
 *   backtracking ("Expecting element TEI, got text" on line 2).
 * - `empty-content` keeps the pattern and its name but replaces its content
 *   with `<empty/>`: a named element keeps every content model compilable, so
 *   libxml2 validates at full speed and reports exactly what it reports with
 *   the whole grammar (the same lines as jing on the corpus), for a slower
 *   compile (about 1–2 s for tei_all).
 *
 * One other rewrite is made, in both modes: the nested repetition of TEI's
 * lists of entries, which libxml2 validates in cubic time, is flattened to a
 * form that accepts the same documents (see {@link flattenedRepetition}).
 * Nothing else is simplified: removing notAllowed patterns by RELAX NG's
 * simplification rules made libxml2 backtrack for minutes on some vocabularies.
 */
import { isRng, patternName, RNG_NAMESPACE, type RngDocument, type RngNode } from './rng-document.js';

/** How unused element patterns are neutralised; see the module comment. */
export type PruneMode = 'not-allowed' | 'empty-content';

const START_TAG_NAME = /<([A-Za-z_\u00C0-\uFFFF][^\s/>!?]*)/g;
const CHARACTER_REFERENCE = /&#(x[0-9A-Fa-f]+|[0-9]+);/g;

/**
 * Local names of every element that may occur in the documents. Over-inclusive
 * on purpose (names in comments, in entity declarations and behind character
 * references in entity values count too): a name wrongly kept costs compile
 * time, a name wrongly left out would change a verdict.
 */
export function documentVocabulary(texts: Iterable<string>): Set<string> {
  const vocabulary = new Set<string>();
  const collect = (text: string): void => {
    for (const match of text.matchAll(START_TAG_NAME)) {
      const name = match[1]!;
      vocabulary.add(name.slice(name.indexOf(':') + 1));
    }
  };
  for (const text of texts) {
    collect(text);
    if (text.includes('&#')) {
      collect(text.replace(CHARACTER_REFERENCE, (_whole, body: string) =>
        String.fromCodePoint(body.startsWith('x') ? Number.parseInt(body.slice(1), 16) : Number.parseInt(body, 10)),
      ));
    }
  }
  return vocabulary;
}

/** A grammar text pruned to a vocabulary. */
export interface PrunedGrammar {
  /** The grammar text with unused element patterns neutralised and nested repetitions flattened. */
  text: string;
  /** How many `<element>` patterns were replaced. */
  removed: number;
  /** How many `<element>` patterns with a plain name were kept. */
  kept: number;
  /** How many nested repetitions were flattened (see {@link flattenedRepetition}). */
  flattened: number;
}

/**
 * Neutralises every `<element>` pattern whose name is not in `vocabulary`
 * (see {@link PruneMode}) and flattens the nested repetitions libxml2
 * validates in cubic time, splicing the original text so that everything
 * else stays as written. Patterns named by a name class (anyName, nsName,
 * choice) and a grammar whose root is itself an element pattern are kept.
 */
export function pruneGrammar(grammar: RngDocument, vocabulary: ReadonlySet<string>, mode: PruneMode): PrunedGrammar {
  const { text, root } = grammar;
  const elementsOnly = elementsOnlyTest(grammar);
  const counts = { removed: 0, kept: 0, flattened: 0 };
  // A node's text after pruning, or undefined when nothing in it changed (most of a grammar: its text is then taken as one slice).
  const changed = (node: RngNode): string | undefined => {
    if (isRng(node, 'element') && node !== root) {
      const name = patternName(node);
      if (name !== undefined && !vocabulary.has(name)) {
        counts.removed++;
        return neutralised(node, text, mode);
      }
      if (name !== undefined) counts.kept++;
    }
    const flattened = flattenedRepetition(node, elementsOnly, render);
    if (flattened !== undefined) {
      counts.flattened++;
      return flattened;
    }
    let result: string | undefined;
    let offset = node.startOffset;
    for (const child of node.children) {
      const inner = changed(child);
      if (inner === undefined) continue;
      result = (result ?? '') + text.slice(offset, child.startOffset) + inner;
      offset = child.endOffset;
    }
    return result === undefined ? undefined : result + text.slice(offset, node.endOffset);
  };
  const render = (node: RngNode): string => changed(node) ?? text.slice(node.startOffset, node.endOffset);
  return { text: text.slice(0, root.startOffset) + render(root) + text.slice(root.endOffset), ...counts };
}

/** An unused element pattern as `mode` neutralises it. */
function neutralised(node: RngNode, text: string, mode: PruneMode): string {
  if (mode === 'not-allowed') return notAllowedLike(node);
  const nameClass = node.attributes.has('name') ? undefined : node.children.find((child) => child.namespaceUri === RNG_NAMESPACE);
  const keptEnd = nameClass ? nameClass.endOffset : node.startTagEndOffset;
  return `${text.slice(node.startOffset, keptEnd)}<${prefixOf(node)}empty/></${node.qualifiedName}>`;
}

/**
 * `oneOrMore(oneOrMore(A), zeroOrMore(B))` rewritten as
 * `group(A, zeroOrMore(choice(A, B)))`, or undefined when `node` is not of
 * that shape. TEI's lists of entries (listPerson, listPlace, listOrg,
 * listBibl, listEvent, listObject, listNym) are written so, and libxml2
 * validates their entries in cubic time: 2,000 places took 5 s, 4,000 took
 * 38 s. Both accept exactly the sequences that start with an A and go on
 * with As and Bs; the rewrite is made only when A and B match elements and
 * nothing else (see {@link elementsOnlyTest}), where RELAX NG's text,
 * attribute and interleave rules cannot tell the two apart.
 */
function flattenedRepetition(node: RngNode, elementsOnly: (pattern: RngNode) => boolean, render: (node: RngNode) => string): string | undefined {
  if (!isRng(node, 'oneOrMore') || node.attributes.size > 0) return undefined;
  const parts = patternsOf(node);
  if (parts.length !== 2) return undefined;
  const [head, tail] = parts as [RngNode, RngNode];
  if (!isRng(head, 'oneOrMore') || !isRng(tail, 'zeroOrMore') || head.attributes.size > 0 || tail.attributes.size > 0) return undefined;
  const a = patternsOf(head);
  const b = patternsOf(tail);
  if (a.length === 0 || b.length === 0 || ![...a, ...b].every(elementsOnly)) return undefined;
  const prefix = prefixOf(node);
  const wrap = (patterns: readonly RngNode[]): string => {
    const inner = patterns.map(render).join('');
    return patterns.length === 1 ? inner : `<${prefix}group>${inner}</${prefix}group>`;
  };
  const first = wrap(a);
  return `<${prefix}group>${first}<${prefix}zeroOrMore><${prefix}choice>${first}${wrap(b)}</${prefix}choice></${prefix}zeroOrMore></${prefix}group>`;
}

/**
 * Whether a pattern matches elements only, at least one: an `element`, a
 * `notAllowed`, or a `choice`/`group` of such, directly or through `ref`s to
 * the grammar's defines; no text, attributes, data or optional parts.
 * Conservative: in a grammar with `include`, `externalRef`, `parentRef` or
 * nested grammars, and for a pattern with attributes of its own (`ns`,
 * `datatypeLibrary`, namespace declarations), the answer is false.
 */
function elementsOnlyTest(grammar: RngDocument): (pattern: RngNode) => boolean {
  const defines = new Map<string, RngNode[]>();
  const collectDefines = (container: RngNode): void => {
    for (const child of container.children) {
      if (isRng(child, 'div')) collectDefines(child);
      if (!isRng(child, 'define')) continue;
      const name = child.attributes.get('name')?.trim() ?? '';
      defines.set(name, [...(defines.get(name) ?? []), child]);
    }
  };
  const composed = (node: RngNode): boolean =>
    isRng(node, 'include') || isRng(node, 'externalRef') || isRng(node, 'parentRef') || (isRng(node, 'grammar') && node !== grammar.root) || node.children.some(composed);
  const simple = isRng(grammar.root, 'grammar') && !composed(grammar.root);
  if (simple) collectDefines(grammar.root);
  const known = new Map<string, boolean>();
  const test = (pattern: RngNode): boolean => {
    if (pattern.namespaceUri !== RNG_NAMESPACE) return false;
    if (isRng(pattern, 'element') || isRng(pattern, 'notAllowed')) return true;
    const ownAttributes = [...pattern.attributes.keys()];
    if (isRng(pattern, 'choice') || isRng(pattern, 'group')) return ownAttributes.length === 0 && patternsOf(pattern).length > 0 && patternsOf(pattern).every(test);
    if (!isRng(pattern, 'ref') || ownAttributes.some((name) => name !== 'name')) return false;
    const name = pattern.attributes.get('name')!.trim();
    if (!known.has(name)) {
      // A define met again while it is being tested goes round without passing an element (not allowed in RELAX NG): not flattened.
      known.set(name, false);
      const found = defines.get(name) ?? [];
      const testable = (define: RngNode): boolean =>
        [...define.attributes].every(([attribute, value]) => attribute === 'name' || (attribute === 'combine' && value.trim() === 'choice')) && patternsOf(define).length > 0 && patternsOf(define).every(test);
      known.set(name, found.length > 0 && found.every(testable));
    }
    return known.get(name)!;
  };
  return (pattern) => simple && test(pattern);
}

/** The RELAX NG children of a node (foreign elements are annotations). */
function patternsOf(node: RngNode): RngNode[] {
  return node.children.filter((child) => child.namespaceUri === RNG_NAMESPACE);
}

/** `<notAllowed/>` with the prefix of `node`, redeclaring the namespace when `node` itself declared it. */
function notAllowedLike(node: RngNode): string {
  const prefix = prefixOf(node);
  const declaration = prefix ? `xmlns:${prefix.slice(0, -1)}` : 'xmlns';
  const redeclared = node.attributes.has(declaration) ? ` ${declaration}="${node.namespaceUri}"` : '';
  return `<${prefix}notAllowed${redeclared}/>`;
}

/** The prefix of a node's name with its colon (`rng:`), or '' when unprefixed. */
function prefixOf(node: RngNode): string {
  const colon = node.qualifiedName.indexOf(':');
  return colon < 0 ? '' : node.qualifiedName.slice(0, colon + 1);
}
