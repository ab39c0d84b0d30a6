/**
 * ID checks: `xml:id` values must be unique (an error, as jing reports for
 * xsd:ID), and local pointers (`#id` tokens in pointer attributes) should
 * resolve. tei_all types pointers as anyURI, so jing does not check them and
 * an unresolved pointer is only a warning here; customisations that require
 * resolution (like tei-letter) say so in their Schematron.
 */
import type { Diagnostic } from '../diagnostic.js';
import type { SourceIndex } from '../xml/source-index.js';

/** TEI attributes whose values are (lists of) pointers. */
export const POINTER_ATTRIBUTES = new Set([
  'ref', 'target', 'resp', 'corresp', 'sameAs', 'source', 'who', 'ana', 'next', 'prev', 'synch', 'copyOf',
  'hand', 'scribeRef', 'scriptRef', 'decls', 'facs', 'wit', 'edRef', 'inst', 'active', 'passive', 'mutual',
  'spanTo', 'select', 'exclude', 'parts', 'origin', 'calendar', 'datingPoint', 'datingMethod', 'start', 'end',
  'domains', 'targets', 'marks', 'scheme', 'classCode', 'assertedValue', 'fVal', 'feats', 'valueDatcat', 'datcat',
]);

/** Checks ID uniqueness and local pointer resolution in one document. */
export function checkIds(index: SourceIndex, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const firstById = new Map<string, { line: number; column: number }>();
  for (const element of index.elements) {
    for (const attribute of element.attributes) {
      if (attribute.name !== 'xml:id') continue;
      const id = attribute.value.trim();
      const first = firstById.get(id);
      if (first) {
        diagnostics.push({
          file,
          line: attribute.position.line,
          column: attribute.position.column,
          severity: 'error',
          source: 'ids',
          ruleId: 'ids/duplicate-id',
          message: `The xml:id "${id}" on <${element.qualifiedName}> is already used at line ${first.line}, column ${first.column}.`,
          hint: 'Every xml:id must be unique in the document: rename one of them and update the pointers (#…) to it.',
          path: element.displayPath,
        });
      } else firstById.set(id, attribute.position);
    }
  }
  for (const element of index.elements) {
    for (const attribute of element.attributes) {
      if (!POINTER_ATTRIBUTES.has(attribute.name)) continue;
      for (const token of attribute.value.split(/\s+/)) {
        if (!token.startsWith('#') || token.length < 2) continue;
        const id = token.slice(1);
        if (firstById.has(id)) continue;
        diagnostics.push({
          file,
          line: attribute.position.line,
          column: attribute.position.column,
          severity: 'warning',
          source: 'ids',
          ruleId: 'ids/unresolved-pointer',
          message: `The pointer "${token}" in @${attribute.name} of <${element.qualifiedName}> points to no xml:id in this document.`,
          hint: `Add xml:id="${id}" to the element it should point to, or correct the pointer.`,
          path: element.displayPath,
        });
      }
    }
  }
  return diagnostics;
}
