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
  /** The grammar text with unused element patterns replaced by `<notAllowed/>`. */
  text: string;
  /** How many `<element>` patterns were replaced. */
  removed: number;
  /** How many `<element>` patterns with a plain name were kept. */
  kept: number;
}

/**
 * Neutralises every `<element>` pattern whose name is not in `vocabulary`
 * (see {@link PruneMode}), splicing the original text so that everything else
 * stays as written. Patterns named by a name class (anyName, nsName, choice)
 * and a grammar whose root is itself an element pattern are kept.
 */
export function pruneGrammar(grammar: RngDocument, vocabulary: ReadonlySet<string>, mode: PruneMode): PrunedGrammar {
  const replaced: RngNode[] = [];
  let kept = 0;
  const visit = (node: RngNode): void => {
    if (isRng(node, 'element') && node !== grammar.root) {
      const name = patternName(node);
      if (name !== undefined && !vocabulary.has(name)) {
        replaced.push(node);
        return;
      }
      if (name !== undefined) kept++;
    }
    for (const child of node.children) visit(child);
  };
  visit(grammar.root);

  const parts: string[] = [];
  let offset = 0;
  for (const node of replaced) {
    if (mode === 'not-allowed') {
      parts.push(grammar.text.slice(offset, node.startOffset), notAllowedLike(node));
    } else {
      const nameClass = node.attributes.has('name')
        ? undefined
        : node.children.find((child) => child.namespaceUri === RNG_NAMESPACE);
      const keptEnd = nameClass ? nameClass.endOffset : node.startTagEndOffset;
      parts.push(grammar.text.slice(offset, keptEnd), `<${prefixOf(node)}empty/></${node.qualifiedName}>`);
    }
    offset = node.endOffset;
  }
  parts.push(grammar.text.slice(offset));
  return { text: parts.join(''), removed: replaced.length, kept };
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
