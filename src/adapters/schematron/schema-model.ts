/**
 * The prepared form of a Schematron schema: what the runner needs, with
 * every expression rewritten and checked once, plus the schema-level
 * problems found while preparing it.
 */

/** Namespace of ISO Schematron elements. */
export const SCHEMATRON_NAMESPACE = 'http://purl.oclc.org/dsdl/schematron';

/** Variable the engine binds to the rule context, standing in for XSLT's `current()`. */
export const RULE_CONTEXT_VARIABLE = 'Q{urn:x-tei-edition:schematron}rule-context';

/** A SaxonJS node of the schema document, kept to locate schema problems in the schema text. */
export type SchemaNode = unknown;

/** A `let`: a name bound to an XPath value. */
export interface LetBinding {
  name: string;
  value: string;
  node: SchemaNode;
}

/** One `assert` or `report`, ready to run. */
export interface PreparedAssertion {
  kind: 'assert' | 'report';
  /** The test, with `current()` rewritten. */
  test: string;
  /** Diagnostic rule id: the element's `@id`, else derived from rule/pattern (see `assertionRuleId`). */
  ruleId: string;
  role: string | undefined;
  /** XPath expression that builds the message text (a string). */
  message: string;
  /** XPath expression that builds the referenced `diagnostic` texts, if any. */
  hint: string | undefined;
  node: SchemaNode;
}

/** One concrete rule. */
export interface PreparedRule {
  context: string;
  /** XPath selecting the matched nodes from the document node; absent when the context cannot be run. */
  selection: string | undefined;
  /** Why the rule does not run, if it does not (reported once at compile time). */
  skipped: string | undefined;
  lets: LetBinding[];
  assertions: PreparedAssertion[];
  node: SchemaNode;
}

/** One concrete pattern. */
export interface PreparedPattern {
  id: string | undefined;
  lets: LetBinding[];
  rules: PreparedRule[];
  node: SchemaNode;
}
