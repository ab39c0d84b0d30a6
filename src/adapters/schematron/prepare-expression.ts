/**
 * Rewrites Schematron XPath (written for an XSLT binding) so that SaxonJS's
 * standalone XPath 3.1 evaluator can run it, or says why it cannot.
 */
import { RULE_CONTEXT_VARIABLE } from './schema-model.js';
import { functionCalls, tokenizeXPath } from './xpath-tokens.js';

/** Functions that exist only inside XSLT, so plain XPath cannot call them. */
const XSLT_ONLY_FUNCTIONS = new Set([
  'key', 'document', 'system-property', 'unparsed-entity-uri', 'unparsed-entity-public-id',
  'regex-group', 'current-group', 'current-grouping-key', 'current-merge-group', 'current-merge-key',
  'current-output-uri', 'element-available', 'function-available', 'type-available',
  'available-system-properties', 'accumulator-before', 'accumulator-after', 'copy-of', 'snapshot',
  'stream-available',
]);

/** Functions that read files or URLs: validation never reads anything but the document itself. */
const RESOURCE_FUNCTIONS = new Set([
  'doc', 'doc-available', 'collection', 'uri-collection', 'unparsed-text', 'unparsed-text-lines',
  'unparsed-text-available', 'json-doc', 'transform', 'load-xquery-module',
]);

/** The rewritten expression, or why it cannot run. */
export type PreparedExpression = { text: string } | { unsupported: string };

/** Replaces `current()` by the rule-context variable and rejects XSLT-only and resource-reading functions. */
export function prepareExpression(expression: string): PreparedExpression {
  const tokens = tokenizeXPath(expression);
  let text = '';
  let copied = 0;
  for (const call of functionCalls(tokens)) {
    if (XSLT_ONLY_FUNCTIONS.has(call.name)) return { unsupported: `uses ${call.name}(), which exists only in XSLT` };
    if (RESOURCE_FUNCTIONS.has(call.name)) return { unsupported: `uses ${call.name}(); validation reads no other resources` };
    if (call.name !== 'current') continue;
    const close = tokens[tokens.indexOf(call.open) + 1];
    if (close?.text !== ')') return { unsupported: 'calls current() with arguments' };
    text += `${expression.slice(copied, call.nameToken.start)}$${RULE_CONTEXT_VARIABLE}`;
    copied = close.end;
  }
  return { text: text + expression.slice(copied) };
}
