/**
 * Prunes a RELAX NG grammar to the vocabulary of the documents being
 * validated. libxml2 needs 13–30 s to compile tei_all.rng; most of that is
 * spent on elements a given set of letters never uses. An `<element>` pattern
 * whose name occurs in none of the documents can never match, so replacing it
 * with `<notAllowed/>` cannot change a verdict. Nothing else is simplified:
 * removing the notAllowed patterns by RELAX NG's simplification rules made
 * libxml2 backtrack for minutes on some vocabularies.
 */
import { isRng, patternName, type RngDocument, type RngNode } from './rng-document.js';

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
 * Replaces every `<element>` pattern whose name is not in `vocabulary` with
 * `<notAllowed/>` (written with the pattern's own prefix), splicing the
 * original text so that everything else stays as written. Patterns named by a
 * name class (anyName, nsName, choice) are kept.
 */
export function pruneGrammar(grammar: RngDocument, vocabulary: ReadonlySet<string>): PrunedGrammar {
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
    parts.push(grammar.text.slice(offset, node.startOffset), notAllowedLike(node));
    offset = node.endOffset;
  }
  parts.push(grammar.text.slice(offset));
  return { text: parts.join(''), removed: replaced.length, kept };
}

/** `<notAllowed/>` with the prefix of `node`, redeclaring the namespace when `node` itself declared it. */
function notAllowedLike(node: RngNode): string {
  const colon = node.qualifiedName.indexOf(':');
  const prefix = colon < 0 ? '' : node.qualifiedName.slice(0, colon);
  const declaration = prefix ? `xmlns:${prefix}` : 'xmlns';
  const redeclared = node.attributes.has(declaration) ? ` ${declaration}="${node.namespaceUri}"` : '';
  return `<${prefix ? `${prefix}:` : ''}notAllowed${redeclared}/>`;
}
