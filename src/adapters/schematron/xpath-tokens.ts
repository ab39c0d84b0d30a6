/**
 * A lexical view of XPath 3.1 text, enough to find function calls, axes and
 * top-level operators without being fooled by string literals or comments.
 * It does not parse: SaxonJS remains the judge of whether an expression is valid.
 */

/** One lexical token with its span in the source text. */
export interface XPathToken {
  kind: 'name' | 'string' | 'number' | 'variable' | 'symbol';
  text: string;
  start: number;
  end: number;
  /** Nesting depth of (), [] and {} at the token (the bracket itself counts at the outer depth). */
  depth: number;
}

const NAME_START = /[A-Za-z_\u00C0-\uFFFF]/;
const NAME_CHAR = /[\w.\-\u00B7\u00C0-\uFFFF]/;
const TWO_CHAR_SYMBOLS = ['//', '::', '..', ':=', '!=', '<=', '>=', '<<', '>>', '||', '=>'];

/** Splits XPath text into tokens, skipping whitespace and `(: comments :)`. */
export function tokenizeXPath(text: string): XPathToken[] {
  const tokens: XPathToken[] = [];
  let depth = 0;
  let index = 0;
  const readName = (from: number): number => {
    let end = from;
    if (text.startsWith('Q{', end)) {
      const close = text.indexOf('}', end);
      end = close < 0 ? text.length : close + 1;
    } else if (text[end] === '*') {
      end += 1;
    } else {
      while (end < text.length && NAME_CHAR.test(text[end]!)) end += 1;
    }
    if (text[end] === ':' && text[end + 1] !== ':' && text[end + 1] !== '=') {
      if (text[end + 1] === '*') return end + 2;
      if (NAME_START.test(text[end + 1] ?? '')) {
        end += 1;
        while (end < text.length && NAME_CHAR.test(text[end]!)) end += 1;
      }
    }
    if (text[end - 1] === '}' || text[end - 1] === '*') {
      while (end < text.length && NAME_CHAR.test(text[end]!)) end += 1;
    }
    return end;
  };

  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (text.startsWith('(:', index)) {
      let nesting = 0;
      while (index < text.length) {
        if (text.startsWith('(:', index)) {
          nesting += 1;
          index += 2;
        } else if (text.startsWith(':)', index)) {
          nesting -= 1;
          index += 2;
          if (nesting === 0) break;
        } else index += 1;
      }
      continue;
    }
    const start = index;
    if (char === '"' || char === "'") {
      index += 1;
      while (index < text.length) {
        if (text[index] === char) {
          if (text[index + 1] === char) index += 2;
          else break;
        } else index += 1;
      }
      index += 1;
      tokens.push({ kind: 'string', text: text.slice(start, index), start, end: index, depth });
    } else if (/\d/.test(char) || (char === '.' && /\d/.test(text[index + 1] ?? ''))) {
      const match = /^(\d*\.?\d*)([eE][+-]?\d+)?/.exec(text.slice(index))!;
      index += match[0].length;
      tokens.push({ kind: 'number', text: match[0], start, end: index, depth });
    } else if (char === '$') {
      index = readName(index + 1);
      tokens.push({ kind: 'variable', text: text.slice(start, index), start, end: index, depth });
    } else if (NAME_START.test(char) || text.startsWith('Q{', index) || (char === '*' && text[index + 1] === ':')) {
      index = readName(index);
      tokens.push({ kind: 'name', text: text.slice(start, index), start, end: index, depth });
    } else {
      const two = text.slice(index, index + 2);
      const symbol = TWO_CHAR_SYMBOLS.includes(two) ? two : char;
      index += symbol.length;
      if (symbol === ')' || symbol === ']' || symbol === '}') depth = Math.max(0, depth - 1);
      tokens.push({ kind: 'symbol', text: symbol, start, end: index, depth });
      if (symbol === '(' || symbol === '[' || symbol === '{') depth += 1;
    }
  }
  return tokens;
}

/** Names that are followed by `(` without being function calls. */
const NOT_FUNCTIONS = new Set([
  'if', 'switch', 'typeswitch', 'node', 'text', 'comment', 'element', 'attribute', 'document-node',
  'processing-instruction', 'schema-element', 'schema-attribute', 'namespace-node', 'item',
  'function', 'map', 'array', 'empty-sequence',
]);

/** A function call found in XPath text: its name without an `fn:` prefix, and its tokens. */
export interface FunctionCall {
  name: string;
  nameToken: XPathToken;
  /** The `(` that opens the argument list. */
  open: XPathToken;
}

/** Function calls in the text (names in the default function namespace lose their `fn:` prefix). */
export function functionCalls(tokens: readonly XPathToken[]): FunctionCall[] {
  const calls: FunctionCall[] = [];
  for (const [index, token] of tokens.entries()) {
    const next = tokens[index + 1];
    const previous = tokens[index - 1];
    if (token.kind !== 'name' || next?.text !== '(') continue;
    if (previous?.text === '@' || previous?.text === '::') continue;
    const name = token.text.replace(/^(fn:|Q\{http:\/\/www\.w3\.org\/2005\/xpath-functions\})/, '');
    if (NOT_FUNCTIONS.has(name)) continue;
    calls.push({ name, nameToken: token, open: next });
  }
  return calls;
}

/** True when a token ends an operand, so a following `union`/`except` name is an operator. */
export function endsOperand(token: XPathToken | undefined): boolean {
  if (!token) return false;
  if (token.kind !== 'symbol') return true;
  return [')', ']', '*', '.', '..', '}'].includes(token.text);
}

/** Quotes a string as an XPath string literal. */
export function xpathStringLiteral(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}
