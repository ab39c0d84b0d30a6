/**
 * Runs a prepared Schematron schema on one document. Per rule it makes one
 * SaxonJS call to select the context nodes and one to evaluate every test
 * on all of them; only firing assertions cost a further call (path and
 * message). When the batched call hits a dynamic XPath error, the rule is
 * re-run one node and one expression at a time so that the failing
 * expression is reported once and the other checks still run.
 */
import type { Diagnostic, Severity } from '../../diagnostic.js';
import { evaluateBoolean, evaluateItems, evaluateValue, xpathFailure, type XPathScope } from '../saxon-xpath.js';
import type { PreparedSchema } from './compile-schema.js';
import { RULE_CONTEXT_VARIABLE, type LetBinding, type PreparedAssertion, type PreparedRule, type SchemaNode } from './schema-model.js';

const NODES_VARIABLE = 'Q{urn:x-tei-edition:schematron}nodes';
const NODE_VARIABLE = 'Q{urn:x-tei-edition:schematron}node';

/** Maps a Schematron `role` to a severity: error unless it names a warning or information. */
export function severityOfRole(role: string | undefined): Severity {
  switch (role?.trim().toLowerCase()) {
    case 'warning':
    case 'warn':
    case 'nonfatal':
      return 'warning';
    case 'info':
    case 'information':
      return 'info';
    default:
      return 'error';
  }
}

/** Drops `Q{uri}` prefixes from a `path()` result, writing the XML namespace as `xml:`. */
export function displayPath(path: string): string {
  return path.replace(/Q\{http:\/\/www\.w3\.org\/XML\/1998\/namespace\}/g, 'xml:').replace(/Q\{[^}]*\}/g, '');
}

function withRuleLets(lets: readonly LetBinding[], body: string): string {
  const bindings = lets.map((binding) => `let $${binding.name} := (${binding.value}\n) return `).join('');
  return `let $${RULE_CONTEXT_VARIABLE} := . return ${bindings}(${body}\n)`;
}

/** One run of a schema on one document. */
class SchemaRun {
  readonly diagnostics: Diagnostic[] = [];
  private readonly reportedErrors = new Set<string>();

  constructor(
    private readonly schema: PreparedSchema,
    private readonly document: unknown,
    private readonly file: string,
    private readonly locate: (nodePath: string) => { line: number; column: number } | undefined,
  ) {}

  run(): void {
    const scope: XPathScope = { namespaces: this.schema.namespaces, variables: {} };
    const schemaVariables = this.bindLets(this.schema.lets, scope);
    if (!schemaVariables) return;
    for (const pattern of this.schema.patterns) {
      const patternVariables = this.bindLets(pattern.lets, { ...scope, variables: schemaVariables });
      if (!patternVariables) continue;
      const patternScope: XPathScope = { namespaces: this.schema.namespaces, variables: patternVariables };
      const handled = new Set<unknown>();
      for (const rule of pattern.rules) {
        if (!this.runRule(rule, patternScope, handled)) break;
      }
    }
  }

  /** Evaluates schema- or pattern-level lets on the document node; undefined if one fails (reported). */
  private bindLets(lets: readonly LetBinding[], scope: XPathScope): Record<string, unknown> | undefined {
    const variables: Record<string, unknown> = { ...scope.variables };
    for (const binding of lets) {
      try {
        variables[binding.name] = evaluateValue(binding.value, this.document, { ...scope, variables });
      } catch (error) {
        this.reportXPathError(binding.node, `let "${binding.name}"`, binding.value, error);
        return undefined;
      }
    }
    return variables;
  }

  /** Runs one rule on the nodes no earlier rule of the pattern handled; false when its context failed (later rules cannot run soundly). */
  private runRule(rule: PreparedRule, scope: XPathScope, handled: Set<unknown>): boolean {
    if (rule.selection === undefined) return false;
    let selected: unknown[];
    try {
      selected = evaluateItems(rule.selection, this.document, scope);
    } catch (error) {
      this.reportXPathError(rule.node, 'rule context', rule.context, error);
      return false;
    }
    const nodes = selected.filter((node) => !handled.has(node));
    for (const node of nodes) handled.add(node);
    if (rule.skipped !== undefined || nodes.length === 0 || rule.assertions.length === 0) return true;

    const tests = rule.assertions.map((assertion) => `boolean((${assertion.test}\n))`).join(', ');
    const batch = `for $${NODE_VARIABLE} in $${NODES_VARIABLE} return $${NODE_VARIABLE} ! (${withRuleLets(rule.lets, tests)})`;
    let results: unknown[];
    try {
      results = evaluateItems(batch, null, { ...scope, variables: { ...scope.variables, [NODES_VARIABLE]: nodes } });
    } catch {
      for (const node of nodes) this.runRuleOnNode(rule, node, scope);
      return true;
    }
    for (const [index, node] of nodes.entries()) {
      for (const [position, assertion] of rule.assertions.entries()) {
        const outcome = results[index * rule.assertions.length + position] === true;
        if (outcome === (assertion.kind === 'report')) this.fire(rule, assertion, node, scope);
      }
    }
    return true;
  }

  /** The slow path after a dynamic error: every let and test on its own, so one failure does not hide the rest. */
  private runRuleOnNode(rule: PreparedRule, node: unknown, scope: XPathScope): void {
    const variables: Record<string, unknown> = { ...scope.variables, [RULE_CONTEXT_VARIABLE]: node };
    for (const binding of rule.lets) {
      try {
        variables[binding.name] = evaluateValue(binding.value, node, { ...scope, variables });
      } catch (error) {
        this.reportXPathError(binding.node, `let "${binding.name}"`, binding.value, error);
        return;
      }
    }
    for (const assertion of rule.assertions) {
      let outcome: boolean;
      try {
        outcome = evaluateBoolean(assertion.test, node, { ...scope, variables });
      } catch (error) {
        this.reportXPathError(assertion.node, `${assertion.kind} test`, assertion.test, error);
        continue;
      }
      if (outcome === (assertion.kind === 'report')) this.fire(rule, assertion, node, scope);
    }
  }

  private fire(rule: PreparedRule, assertion: PreparedAssertion, node: unknown, scope: XPathScope): void {
    const parts = [assertion.message, 'path(.)', assertion.hint ?? "''"].join(', ');
    let message = '';
    let path = '';
    let hint = '';
    try {
      [message, path, hint] = evaluateItems(withRuleLets(rule.lets, parts), node, scope).map(String) as [string, string, string];
    } catch (error) {
      this.reportXPathError(assertion.node, 'message', assertion.message, error);
      path = String(evaluateItems('path(.)', node, scope)[0] ?? '');
    }
    const position = this.locate(path);
    const normalisedHint = hint.replace(/\s+/g, ' ').trim();
    this.diagnostics.push({
      file: this.file,
      ...(position ? { line: position.line, column: position.column } : {}),
      severity: severityOfRole(assertion.role),
      source: 'schematron',
      ruleId: assertion.ruleId,
      message: message.replace(/\s+/g, ' ').trim(),
      ...(normalisedHint ? { hint: normalisedHint } : {}),
      path: displayPath(path),
    });
  }

  /** Reports a dynamic XPath error once per expression per run, against the schema file. */
  private reportXPathError(node: SchemaNode, what: string, expression: string, error: unknown): void {
    const key = `${what}\u0000${expression}`;
    if (this.reportedErrors.has(key)) return;
    this.reportedErrors.add(key);
    const failure = xpathFailure(error);
    const position = this.schema.locateSchemaNode(node);
    this.diagnostics.push({
      file: this.schema.file,
      ...(position ?? {}),
      severity: 'error',
      source: 'schematron',
      ruleId: 'schematron/xpath-error',
      message: `XPath error in ${what} "${expression.trim()}" while checking ${this.file}: ${failure?.message ?? String(error)}`,
      cause: error,
    });
  }
}

/** Runs a prepared schema on one parsed document. */
export function runPreparedSchema(
  schema: PreparedSchema,
  document: unknown,
  file: string,
  locate: (nodePath: string) => { line: number; column: number } | undefined,
): Diagnostic[] {
  const run = new SchemaRun(schema, document, file, locate);
  run.run();
  return run.diagnostics;
}
