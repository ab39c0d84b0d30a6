/**
 * Reads the W3C XML Schema a document names on its root element with
 * `xsi:schemaLocation` (namespace–location pairs) or
 * `xsi:noNamespaceSchemaLocation`.
 */
import type { Position } from '../diagnostic.js';
import type { ElementLocation } from './source-index.js';

/** The XML Schema instance namespace. */
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** The schema a root element names, and the attribute that names it. */
export interface XsiSchemaLocation {
  /** The location (a URL or a relative path), as written. */
  href: string;
  /** The attribute as written, e.g. `xsi:schemaLocation`. */
  attribute: string;
  /** Where the attribute's name is written. */
  position: Position;
}

/**
 * The schema location the root declares: of `xsi:schemaLocation`, the
 * location paired with the root's own namespace (else the first pair);
 * otherwise `xsi:noNamespaceSchemaLocation`.
 */
export function readXsiSchemaLocation(root: ElementLocation): XsiSchemaLocation | undefined {
  const prefix = root.attributes.find((attribute) => attribute.name.startsWith('xmlns:') && attribute.value === XSI_NAMESPACE)?.name.slice('xmlns:'.length);
  if (prefix === undefined) return undefined;
  const schemaLocation = root.attributes.find((attribute) => attribute.name === `${prefix}:schemaLocation`);
  if (schemaLocation) {
    const tokens = schemaLocation.value.trim().split(/\s+/);
    const pairs = Array.from({ length: Math.floor(tokens.length / 2) }, (_, i) => ({ namespace: tokens[2 * i]!, location: tokens[2 * i + 1]! }));
    const pair = pairs.find((candidate) => candidate.namespace === root.namespaceUri) ?? pairs[0];
    if (pair) return { href: pair.location, attribute: schemaLocation.name, position: schemaLocation.position };
  }
  const noNamespace = root.attributes.find((attribute) => attribute.name === `${prefix}:noNamespaceSchemaLocation`);
  return noNamespace && noNamespace.value.trim() ? { href: noNamespace.value.trim(), attribute: noNamespace.name, position: noNamespace.position } : undefined;
}
