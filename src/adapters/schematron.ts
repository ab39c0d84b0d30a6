/**
 * ISO Schematron on SaxonJS, written here as an interpreter over SaxonJS's
 * XPath 3.1 evaluator (SaxonJS cannot compile XSLT at run time cheaply).
 *
 * Supported: `pattern`, `rule`, `assert` (fires when its test is false),
 * `report` (fires when true), `let` at schema, pattern and rule level (with
 * `@value`), `value-of`, `name` (with optional `@path`), `ns`, `diagnostics`
 * (their text becomes the hint), `role` (error by default; `warning`, `warn`
 * and `nonfatal` give warnings; `info` and `information` give info),
 * `rule abstract="true"` with `extends rule="…"`, first-matching-rule-wins
 * within a pattern, and `current()` (bound to the rule context). Rule
 * contexts are XSLT patterns: see `schematron/context-pattern.ts` for the
 * forms supported. Phases are ignored: every pattern runs.
 *
 * Reported as not supported (never silently ignored): abstract patterns
 * (`abstract`, `is-a`, `param`), `include`, `extends href`, `let` without
 * `@value`, unknown `queryBinding`s, and rules whose expressions call
 * XSLT-only functions (`key()`, `document()`, `system-property()`, …) or read
 * other resources (`doc()`, `unparsed-text()`, …).
 */
import type { Diagnostic } from '../diagnostic.js';
import { parseSchemaText, prepareSchema, type PreparedSchema } from './schematron/compile-schema.js';
import { SCHEMATRON_NAMESPACE } from './schematron/schema-model.js';
import { runPreparedSchema } from './schematron/run-schema.js';

/** A Schematron schema prepared once for many documents. */
export interface CompiledSchematron {
  /** The file the schema was read from (schema diagnostics name it). */
  readonly file: string;
  /** Number of patterns that will run. */
  readonly patternCount: number;
  /** @internal The prepared patterns, rules and expressions. */
  readonly prepared: PreparedSchema;
}

interface RootElement {
  nodeType: number;
  localName: string | null;
  namespaceURI: string | null;
}

function compiled(prepared: PreparedSchema): CompiledSchematron {
  return { file: prepared.file, patternCount: prepared.patterns.length, prepared };
}

/** Parses an ISO Schematron schema (standalone .sch). Problems with the schema itself are diagnostics (source 'schematron', severity 'error', file = schema file). */
export function compileSchematron(schemaText: string, schemaFile: string): { schema?: CompiledSchematron; diagnostics: Diagnostic[] } {
  const parsed = parseSchemaText(schemaText, schemaFile);
  if (!parsed.document) return { diagnostics: parsed.diagnostics };
  const root = Array.from(parsed.document.childNodes).find((node) => node.nodeType === 1) as (typeof parsed.document & RootElement) | undefined;
  if (!root || root.namespaceURI !== SCHEMATRON_NAMESPACE || root.localName !== 'schema') {
    const found = root ? `{${root.namespaceURI ?? ''}}${root.localName ?? ''}` : 'no element';
    return {
      diagnostics: [
        {
          file: schemaFile,
          line: 1,
          column: 1,
          severity: 'error',
          source: 'schematron',
          ruleId: 'schematron/invalid-schema',
          message: `Not an ISO Schematron schema: the root must be schema in ${SCHEMATRON_NAMESPACE}, found ${found}.`,
        },
      ],
    };
  }
  const { schema, diagnostics } = prepareSchema({ text: schemaText, file: schemaFile, root, embedded: false });
  return { schema: compiled(schema), diagnostics };
}

/** Builds a Schematron schema from the sch:pattern / sch:ns elements embedded in a RELAX NG schema (as tei_all.rng embeds them); undefined if none. */
export function extractEmbeddedSchematron(rngText: string, rngFile: string): { schema?: CompiledSchematron; diagnostics: Diagnostic[] } {
  if (!rngText.includes(SCHEMATRON_NAMESPACE)) return { diagnostics: [] };
  const parsed = parseSchemaText(rngText, rngFile);
  if (!parsed.document) return { diagnostics: parsed.diagnostics };
  const { schema, diagnostics } = prepareSchema({ text: rngText, file: rngFile, root: parsed.document, embedded: true });
  if (schema.patterns.length === 0 && diagnostics.length === 0) return { diagnostics };
  return { schema: compiled(schema), diagnostics };
}

/** Runs the schema on one parsed document. `document` is what SaxonJS.getResource({type:'xml', text}) returns (the lead parses each file once and passes it in). */
export function runSchematron(
  schema: CompiledSchematron,
  document: unknown,
  file: string,
  locate: (nodePath: string) => { line: number; column: number } | undefined,
): Diagnostic[] {
  return runPreparedSchema(schema.prepared, document, file, locate);
}
