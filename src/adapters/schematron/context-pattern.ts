/**
 * Turns a Schematron rule context (an XSLT 3.0 pattern) into an XPath
 * expression that selects, from the document node, exactly the nodes the
 * pattern matches.
 *
 * Supported forms (XSLT 3.0 §5.5): relative path patterns (`tei:p`,
 * `tei:div/tei:p`, `tei:l//tei:p`, `@x`, `tei:rt/@target`, `(a | b)[pred]/c`),
 * which match what `//(P)` selects from the root; absolute patterns (`/`,
 * `/tei:TEI`, `//x`); patterns rooted at a variable (`$v/x`) or at `id()`,
 * `element-with-id()` or `root()`; predicate patterns (`.` and `.[pred]`);
 * and any of these combined with `|`, `union`, `intersect` and `except`
 * (each operand is selected separately, then combined as sets).
 * Unsupported, with a reason: `key()`/`doc()` roots, `current()` in a context,
 * and axes XSLT patterns forbid (parent, ancestor, preceding, following…).
 */
import { endsOperand, functionCalls, tokenizeXPath, type XPathToken } from './xpath-tokens.js';

/** The selection for a rule context, or why it cannot be made. */
export type ContextSelection = { selection: string } | { unsupported: string };

const PATTERN_AXES = new Set(['child', 'descendant', 'attribute', 'self', 'descendant-or-self', 'namespace']);
const SET_OPERATORS = new Set(['union', 'intersect', 'except']);
const ROOT_FUNCTIONS = new Set(['id', 'element-with-id', 'root']);

/** Converts an XSLT pattern to an XPath selection evaluated with the document node as context. */
export function contextSelection(pattern: string): ContextSelection {
  const tokens = tokenizeXPath(pattern);
  if (tokens.length === 0) return { unsupported: 'the rule context is empty' };
  if (functionCalls(tokens).some((call) => call.name === 'current')) {
    return { unsupported: 'current() in a rule context' };
  }

  const operands: XPathToken[][] = [[]];
  const operators: string[] = [];
  for (const [index, token] of tokens.entries()) {
    const isOperator =
      token.depth === 0 &&
      ((token.kind === 'symbol' && token.text === '|') ||
        (token.kind === 'name' && SET_OPERATORS.has(token.text) && endsOperand(tokens[index - 1])));
    if (isOperator) {
      operators.push(token.text);
      operands.push([]);
    } else operands.at(-1)!.push(token);
  }

  const selections: string[] = [];
  for (const operand of operands) {
    const converted = operandSelection(pattern, operand);
    if ('unsupported' in converted) return converted;
    selections.push(converted.selection);
  }
  return {
    selection: selections.map((selection, index) => (index === 0 ? selection : ` ${operators[index - 1]} ${selection}`)).join(''),
  };
}

function operandSelection(pattern: string, tokens: readonly XPathToken[]): ContextSelection {
  const first = tokens[0];
  if (!first) return { unsupported: `an operand of "${pattern}" is empty` };
  const text = pattern.slice(first.start, tokens.at(-1)!.end);
  for (const [index, token] of tokens.entries()) {
    if (token.depth !== 0) continue;
    if (token.kind === 'name' && tokens[index + 1]?.text === '::' && !PATTERN_AXES.has(token.text)) {
      return { unsupported: `the ${token.text}:: axis is not allowed in a pattern ("${pattern}")` };
    }
    if (token.kind === 'symbol' && token.text === '..') {
      return { unsupported: `".." is not allowed in a pattern ("${pattern}")` };
    }
  }

  if (first.kind === 'symbol' && (first.text === '/' || first.text === '//')) return { selection: `(${text})` };
  if (first.kind === 'variable') return { selection: `(${text})` };
  if (first.kind === 'symbol' && first.text === '.') return { selection: `(/ | //node() | //@*)/(${text})` };
  if (first.kind === 'name' && tokens[1]?.text === '(') {
    const name = first.text.replace(/^fn:/, '');
    if (ROOT_FUNCTIONS.has(name)) return { selection: `(${text})` };
    if (!['node', 'text', 'comment', 'element', 'attribute', 'processing-instruction', 'document-node', 'namespace-node', 'schema-element', 'schema-attribute'].includes(name)) {
      return { unsupported: `patterns rooted at ${name}() are not supported ("${pattern}")` };
    }
  }
  return { selection: `(//(${text}))` };
}
