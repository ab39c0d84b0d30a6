/**
 * Lexical helpers shared by the toolkit's two XML text scanners (the source
 * index and the RELAX NG grammar reader), which need offsets that no parser
 * at hand reports.
 */

/** Offset of the `>` that ends the start tag beginning at `lt`, skipping `>` inside quoted attribute values; -1 when the tag is not closed. */
export function findTagEnd(text: string, lt: number): number {
  let quote = '';
  for (let i = lt + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

/** Offset just after a `<!…>` declaration beginning at `lt` (e.g. a DOCTYPE with an internal subset in brackets, quoted strings skipped); -1 when it is not closed. */
export function declarationEnd(text: string, lt: number): number {
  let depth = 0;
  let quote = '';
  for (let i = lt + 2; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '>' && depth <= 0) return i + 1;
  }
  return -1;
}
