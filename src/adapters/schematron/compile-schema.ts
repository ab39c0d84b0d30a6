/**
 * Prepares a Schematron schema once: reads its patterns, rules, lets and
 * messages from the parsed schema, rewrites expressions for standalone
 * XPath, turns rule contexts into selections, and checks every expression
 * statically with SaxonJS so that broken ones are reported before any
 * document is checked.
 */
import type { Diagnostic } from '../../diagnostic.js';
import { indexSource } from '../../xml/source-index.js';
import { evaluateItems, evaluateValue, parseXmlDocument, xpathFailure, type XPathFailure } from '../saxon-xpath.js';
import { contextSelection } from './context-pattern.js';
import { prepareExpression } from './prepare-expression.js';
import {
  RULE_CONTEXT_VARIABLE,
  SCHEMATRON_NAMESPACE,
  type LetBinding,
  type PreparedAssertion,
  type PreparedPattern,
  type PreparedRule,
  type SchemaNode,
} from './schema-model.js';
import { xpathStringLiteral } from './xpath-tokens.js';

/** The DOM-like surface of SaxonJS nodes that the schema reader uses. */
interface DomNode {
  nodeType: number;
  localName: string | null;
  namespaceURI: string | null;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
  attributes?: ArrayLike<{ localName: string; namespaceURI: string | null; value: string }>;
}

/** Everything the runner needs from a prepared schema. */
export interface PreparedSchema {
  file: string;
  namespaces: Record<string, string>;
  lets: LetBinding[];
  patterns: PreparedPattern[];
  /** Line and column of a schema element, for diagnostics about the schema (computed on first use). */
  locateSchemaNode(node: SchemaNode): { line: number; column: number } | undefined;
}

/** Where the Schematron elements of a schema come from. */
export interface SchemaSource {
  text: string;
  file: string;
  /** The `sch:schema` root, or the document node when the Schematron is embedded in another vocabulary. */
  root: DomNode;
  embedded: boolean;
}

const QUERY_BINDINGS = new Set(['xslt', 'xslt2', 'xslt3', 'xpath', 'xpath2', 'xpath3', 'xpath31']);
const ITEM_VARIABLE = '$Q{urn:x-tei-edition:schematron}item';

/** Parses schema text; a parse failure is an error diagnostic about the schema file. */
export function parseSchemaText(text: string, file: string): { document?: DomNode; diagnostics: Diagnostic[] } {
  try {
    return { document: parseXmlDocument(text) as DomNode, diagnostics: [] };
  } catch (error) {
    const failure = xpathFailure(error);
    return {
      diagnostics: [
        {
          file,
          severity: 'error',
          source: 'schematron',
          ruleId: 'schematron/schema-not-well-formed',
          message: `The Schematron schema could not be parsed: ${failure?.message ?? String(error)}`,
          cause: error,
        },
      ],
    };
  }
}

function isSchematron(node: DomNode, localName?: string): boolean {
  return node.nodeType === 1 && node.namespaceURI === SCHEMATRON_NAMESPACE && (localName === undefined || node.localName === localName);
}

function elementChildren(node: DomNode): DomNode[] {
  return Array.from(node.childNodes).filter((child) => child.nodeType === 1);
}

function attribute(node: DomNode, name: string): string | undefined {
  for (const attr of Array.from(node.attributes ?? [])) {
    if (attr.localName === name && !attr.namespaceURI) return attr.value;
  }
  return undefined;
}

function descendants(node: DomNode, localName: string, stopAt?: string): DomNode[] {
  const found: DomNode[] = [];
  const visit = (current: DomNode) => {
    for (const child of elementChildren(current)) {
      if (isSchematron(child, localName)) found.push(child);
      else if (!(stopAt && isSchematron(child, stopAt))) visit(child);
    }
  };
  visit(node);
  return found;
}

/** Collects problems while preparing a schema. */
class SchemaPreparation {
  readonly diagnostics: Diagnostic[] = [];
  readonly namespaces: Record<string, string> = {};
  private readonly abstractRules = new Map<string, DomNode>();
  private readonly diagnosticTexts = new Map<string, DomNode>();
  private readonly emptyDocument = parseXmlDocument('<empty/>');
  private sourceIndex: ReturnType<typeof indexSource> | undefined;

  constructor(private readonly source: SchemaSource) {}

  locate(node: SchemaNode): { line: number; column: number } | undefined {
    this.sourceIndex ??= indexSource(this.source.text);
    const path = String(evaluateItems('path(.)', node, { namespaces: {} })[0] ?? '');
    return this.sourceIndex.findByPath(path)?.start;
  }

  report(node: SchemaNode | undefined, severity: Diagnostic['severity'], ruleId: string, message: string, cause?: unknown): void {
    const position = node ? this.locate(node) : undefined;
    this.diagnostics.push({
      file: this.source.file,
      ...(position ?? {}),
      severity,
      source: 'schematron',
      ruleId,
      message,
      ...(cause === undefined ? {} : { cause }),
    });
  }

  prepare(): PreparedSchema {
    const { root, embedded } = this.source;
    const everywhere = (name: string) => descendants(root, name, embedded ? undefined : 'pattern');
    for (const ns of embedded ? descendants(root, 'ns') : elementChildren(root).filter((n) => isSchematron(n, 'ns'))) {
      const prefix = attribute(ns, 'prefix');
      const uri = attribute(ns, 'uri');
      if (prefix === undefined || uri === undefined) this.report(ns, 'error', 'schematron/invalid-schema', 'An ns element needs both prefix and uri.');
      else this.namespaces[prefix] = uri;
    }
    if (!embedded) this.checkSchemaElement(root);
    for (const rule of descendants(root, 'rule')) {
      const id = attribute(rule, 'id');
      if (attribute(rule, 'abstract') === 'true' && id) this.abstractRules.set(id, rule);
    }
    for (const diagnostic of descendants(root, 'diagnostic')) {
      const id = attribute(diagnostic, 'id');
      if (id) this.diagnosticTexts.set(id, diagnostic);
    }
    for (const include of everywhere('include')) {
      this.report(include, 'warning', 'schematron/unsupported', 'include is not supported: the included file is not checked.');
    }

    const schemaLets = embedded ? [] : this.readLets(elementChildren(root).filter((n) => isSchematron(n, 'let')));
    const lets = this.checkLets(schemaLets ?? [], [], 'schema');
    const patterns: PreparedPattern[] = [];
    const patternElements = embedded ? descendants(root, 'pattern') : elementChildren(root).filter((n) => isSchematron(n, 'pattern'));
    for (const [index, pattern] of patternElements.entries()) {
      const prepared = this.preparePattern(pattern, index + 1, lets.map((l) => l.name));
      if (prepared) patterns.push(prepared);
    }
    return {
      file: this.source.file,
      namespaces: this.namespaces,
      lets,
      patterns,
      locateSchemaNode: (node) => this.locate(node),
    };
  }

  private checkSchemaElement(root: DomNode): void {
    const binding = attribute(root, 'queryBinding');
    if (binding !== undefined && !QUERY_BINDINGS.has(binding.toLowerCase())) {
      this.report(root, 'warning', 'schematron/unsupported', `queryBinding "${binding}" is not supported; expressions are run as XPath 3.1.`);
    }
  }

  /** Reads let elements; undefined when one cannot be used (reported). */
  private readLets(elements: DomNode[]): LetBinding[] | undefined {
    const lets: LetBinding[] = [];
    for (const element of elements) {
      const name = attribute(element, 'name');
      const value = attribute(element, 'value');
      if (!name) {
        this.report(element, 'error', 'schematron/invalid-schema', 'A let element needs a name.');
        return undefined;
      }
      if (value === undefined) {
        this.report(element, 'warning', 'schematron/unsupported', `let "${name}" without a value attribute is not supported.`);
        return undefined;
      }
      const prepared = prepareExpression(value);
      if ('unsupported' in prepared) {
        this.report(element, 'warning', 'schematron/unsupported', `let "${name}" ${prepared.unsupported}.`);
        return undefined;
      }
      lets.push({ name, value: prepared.text, node: element });
    }
    return lets;
  }

  /** Keeps the schema- or pattern-level lets that compile (each checked with the ones before it in scope). */
  private checkLets(lets: LetBinding[], outer: string[], level: string): LetBinding[] {
    const kept: LetBinding[] = [];
    for (const binding of lets) {
      const failure = this.staticFailure(binding.value, [...outer, ...kept.map((l) => l.name)]);
      if (failure) this.reportXPath(binding.node, `${level} let "${binding.name}"`, binding.value, failure);
      else kept.push(binding);
    }
    return kept;
  }

  private preparePattern(pattern: DomNode, index: number, schemaLetNames: string[]): PreparedPattern | undefined {
    const id = attribute(pattern, 'id');
    if (attribute(pattern, 'abstract') === 'true' || attribute(pattern, 'is-a') !== undefined) {
      this.report(pattern, 'warning', 'schematron/unsupported', `Pattern ${id ? `"${id}" ` : ''}skipped: abstract patterns (abstract, is-a, param) are not supported.`);
      return undefined;
    }
    const children = elementChildren(pattern);
    const read = this.readLets(children.filter((n) => isSchematron(n, 'let')));
    if (!read) return undefined;
    const lets = this.checkLets(read, schemaLetNames, 'pattern');
    if (lets.length !== read.length) return undefined;
    const outerNames = [...schemaLetNames, ...lets.map((l) => l.name)];
    const rules: PreparedRule[] = [];
    const ruleElements = children.filter((n) => isSchematron(n, 'rule') && attribute(n, 'abstract') !== 'true');
    for (const [ruleIndex, element] of ruleElements.entries()) {
      const rule = this.prepareRule(element, id ? `${id}-rule-${ruleIndex + 1}` : `pattern-${index}-rule-${ruleIndex + 1}`, outerNames);
      rules.push(rule);
      if (rule.selection === undefined) {
        const later = ruleElements.length - ruleIndex - 1;
        if (later > 0) {
          this.report(element, 'warning', 'schematron/rule-skipped', `The ${later} later rule(s) of this pattern are skipped too: without this rule's context, which rule applies first cannot be decided.`);
        }
        break;
      }
    }
    return { id, lets, rules, node: pattern };
  }

  private prepareRule(element: DomNode, fallbackId: string, outerNames: string[]): PreparedRule {
    const context = attribute(element, 'context') ?? '';
    const rule: PreparedRule = { context, selection: undefined, skipped: undefined, lets: [], assertions: [], node: element };
    const skip = (reason: string, severity: Diagnostic['severity'] = 'warning', cause?: unknown) => {
      rule.skipped = reason;
      this.report(element, severity, 'schematron/rule-skipped', `Rule "${context}" skipped: ${reason}.`, cause);
      return rule;
    };
    if (!context) return skip('it has no context', 'error');

    const selection = contextSelection(context);
    if ('unsupported' in selection) return skip(selection.unsupported);
    const selectionFailure = this.staticFailure(selection.selection, outerNames);
    if (selectionFailure) return skip(`its context is not a valid pattern: ${selectionFailure.message}`, 'error', selectionFailure);
    rule.selection = selection.selection;

    const body = this.expandRule(element, new Set());
    if ('problem' in body) return skip(body.problem, body.severity);
    const lets = this.readLets(body.lets);
    if (!lets) return skip('one of its lets cannot be used');
    for (const binding of lets) {
      const names = [...outerNames, RULE_CONTEXT_VARIABLE, ...rule.lets.map((l) => l.name)];
      const failure = this.staticFailure(binding.value, names);
      if (failure) {
        this.reportXPath(binding.node, `let "${binding.name}"`, binding.value, failure);
        return skip('one of its lets is not valid XPath', 'error');
      }
      rule.lets.push(binding);
    }
    const inScope = [...outerNames, RULE_CONTEXT_VARIABLE, ...rule.lets.map((l) => l.name)];
    const ruleId = attribute(element, 'id') ?? fallbackId;
    const counts = { assert: 0, report: 0 };
    for (const assertion of body.assertions) {
      const kind = assertion.localName === 'assert' ? 'assert' : 'report';
      counts[kind] += 1;
      const prepared = this.prepareAssertion(assertion, kind, `${ruleId}-${kind}-${counts[kind]}`, attribute(element, 'role'), inScope);
      if (typeof prepared === 'string') return skip(prepared);
      if (prepared) rule.assertions.push(prepared);
    }
    return rule;
  }

  /** The rule's lets and assertions in order, with `extends rule="…"` replaced by the abstract rule's content. */
  private expandRule(element: DomNode, seen: Set<string>): { lets: DomNode[]; assertions: DomNode[] } | { problem: string; severity: Diagnostic['severity'] } {
    const lets: DomNode[] = [];
    const assertions: DomNode[] = [];
    for (const child of elementChildren(element)) {
      if (isSchematron(child, 'let')) lets.push(child);
      else if (isSchematron(child, 'assert') || isSchematron(child, 'report')) assertions.push(child);
      else if (isSchematron(child, 'extends')) {
        const target = attribute(child, 'rule');
        if (target === undefined) return { problem: 'extends with href is not supported', severity: 'warning' };
        const abstract = this.abstractRules.get(target);
        if (!abstract) return { problem: `extends names "${target}", which is not an abstract rule`, severity: 'error' };
        if (seen.has(target)) return { problem: `abstract rule "${target}" extends itself`, severity: 'error' };
        const inherited = this.expandRule(abstract, new Set([...seen, target]));
        if ('problem' in inherited) return inherited;
        lets.push(...inherited.lets);
        assertions.push(...inherited.assertions);
      }
    }
    return { lets, assertions };
  }

  /** A prepared assertion; undefined when it is dropped (reported); a string when the whole rule must be skipped. */
  private prepareAssertion(element: DomNode, kind: 'assert' | 'report', fallbackId: string, ruleRole: string | undefined, inScope: string[]): PreparedAssertion | string | undefined {
    const rawTest = attribute(element, 'test');
    if (rawTest === undefined) {
      this.report(element, 'error', 'schematron/invalid-schema', `An ${kind} needs a test.`);
      return undefined;
    }
    const test = prepareExpression(rawTest);
    if ('unsupported' in test) return `its ${kind} "${rawTest}" ${test.unsupported}`;
    const message = this.messageExpression(element);
    if ('unsupported' in message) return `a message ${message.unsupported}`;
    const hintParts: string[] = [];
    for (const id of (attribute(element, 'diagnostics') ?? '').split(/\s+/).filter(Boolean)) {
      const diagnostic = this.diagnosticTexts.get(id);
      if (!diagnostic) {
        this.report(element, 'error', 'schematron/invalid-schema', `diagnostics names "${id}", which is not a diagnostic.`);
        continue;
      }
      const text = this.messageExpression(diagnostic);
      if ('unsupported' in text) return `diagnostic "${id}" ${text.unsupported}`;
      hintParts.push(text.text);
    }
    const hint = hintParts.length > 0 ? `string-join((${hintParts.join(', ')}), ' ')` : undefined;
    for (const [what, expression] of [[`${kind} test`, test.text], ['message', message.text], ['diagnostic', hint]] as const) {
      if (expression === undefined) continue;
      const failure = this.staticFailure(expression, inScope);
      if (failure) {
        this.reportXPath(element, what, what.endsWith('test') ? rawTest : expression, failure);
        return undefined;
      }
    }
    return {
      kind,
      test: test.text,
      ruleId: attribute(element, 'id') ?? fallbackId,
      role: attribute(element, 'role') ?? ruleRole,
      message: message.text,
      hint,
      node: element,
    };
  }

  /** An XPath expression producing the text of an assertion or diagnostic, with `value-of` and `name` evaluated. */
  private messageExpression(element: DomNode): { text: string } | { unsupported: string } {
    const parts: string[] = [];
    const visit = (node: DomNode): string | undefined => {
      for (const child of Array.from(node.childNodes)) {
        if (child.nodeType === 3 || child.nodeType === 4) parts.push(xpathStringLiteral(child.nodeValue ?? ''));
        else if (child.nodeType !== 1) continue;
        else if (isSchematron(child, 'value-of')) {
          const select = prepareExpression(attribute(child, 'select') ?? '()');
          if ('unsupported' in select) return select.unsupported;
          parts.push(`string-join(for ${ITEM_VARIABLE} in (${select.text}\n) return string(${ITEM_VARIABLE}), ' ')`);
        } else if (isSchematron(child, 'name')) {
          const path = attribute(child, 'path');
          const select = prepareExpression(path ?? '.');
          if ('unsupported' in select) return select.unsupported;
          parts.push(`string-join((${select.text}\n) ! name(.), ' ')`);
        } else {
          const problem = visit(child);
          if (problem) return problem;
        }
      }
      return undefined;
    };
    const problem = visit(element);
    if (problem) return { unsupported: problem };
    return { text: parts.length === 0 ? "''" : `string-join((${parts.join(', ')}), '')` };
  }

  /** Parses the expression with SaxonJS without running it; the failure if it is not valid XPath here. */
  private staticFailure(expression: string, variables: string[]): XPathFailure | undefined {
    try {
      evaluateValue(`if (false()) then (${expression}\n) else ()`, this.emptyDocument, {
        namespaces: this.namespaces,
        variables: Object.fromEntries(variables.map((name) => [name, []])),
      });
      return undefined;
    } catch (error) {
      return xpathFailure(error) ?? { code: 'internal', message: String(error) };
    }
  }

  private reportXPath(node: SchemaNode, what: string, expression: string, failure: XPathFailure): void {
    this.report(node, 'error', 'schematron/xpath-error', `Invalid XPath in ${what} "${expression.trim()}": ${failure.message}`, failure);
  }
}

/** Prepares a schema from its parsed source; schema problems come back as diagnostics. */
export function prepareSchema(source: SchemaSource): { schema: PreparedSchema; diagnostics: Diagnostic[] } {
  const preparation = new SchemaPreparation(source);
  const schema = preparation.prepare();
  return { schema, diagnostics: preparation.diagnostics };
}
