/**
 * A thin typed wrapper around SaxonJS's XPath 3.1 API: the only place that
 * knows how SaxonJS takes options and reports XPath errors.
 */
import { saxonJS } from './saxon-js.js';

/** Static and dynamic context of one evaluation. */
export interface XPathScope {
  /** Prefix → namespace URI bindings. */
  namespaces: Readonly<Record<string, string>>;
  /** Variable values by name (`name` or `Q{uri}name`), as returned by {@link evaluateValue}. */
  variables?: Readonly<Record<string, unknown>>;
}

/** An XPath error reported by SaxonJS (static or dynamic), e.g. code `XPST0003`. */
export interface XPathFailure {
  code: string;
  message: string;
}

function options(scope: XPathScope, resultForm: 'array' | 'xdm' | 'default') {
  return { namespaceContext: { ...scope.namespaces }, params: { ...scope.variables }, resultForm };
}

/** Evaluates an expression and keeps the XDM value, suitable to pass back as a variable. Throws SaxonJS errors. */
export function evaluateValue(expression: string, context: unknown, scope: XPathScope): unknown {
  return saxonJS().XPath.evaluate(expression, context ?? null, options(scope, 'xdm'));
}

/** Evaluates an expression and returns its items as a JS array (nodes stay SaxonJS nodes). Throws SaxonJS errors. */
export function evaluateItems(expression: string, context: unknown, scope: XPathScope): unknown[] {
  return saxonJS().XPath.evaluate(expression, context ?? null, options(scope, 'array')) as unknown[];
}

/** The effective boolean value of an expression. Throws SaxonJS errors. */
export function evaluateBoolean(expression: string, context: unknown, scope: XPathScope): boolean {
  return saxonJS().XPath.evaluate(`boolean((${expression}\n))`, context ?? null, options(scope, 'default')) === true;
}

/** Parses XML text synchronously into a SaxonJS document node. Throws SaxonJS errors (e.g. `FODC0006` when not well-formed). */
export function parseXmlDocument(text: string): unknown {
  return saxonJS().XPath.evaluate('parse-xml($text)', null, { params: { text } });
}

/** The SaxonJS error code and message of a thrown value, or undefined when it is not an XPath error. */
export function xpathFailure(error: unknown): XPathFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || typeof message !== 'string') return undefined;
  return { code, message };
}
