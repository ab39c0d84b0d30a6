/**
 * Turns libxml2's RELAX NG messages into diagnostics people can act on: the
 * element and its path, what is allowed there (read from the grammar), a hint,
 * a link to the TEI Guidelines, and the column recovered from the source.
 */
import type { Diagnostic } from '../../diagnostic.js';
import type { ElementLocation, SourceIndex } from '../../xml/source-index.js';
import type { GrammarModel } from './grammar-model.js';
import { localPart } from './rng-document.js';

/** The TEI namespace; elements in it get a link to their Guidelines page. */
export const TEI_NAMESPACE = 'http://www.tei-c.org/ns/1.0';

/** How many allowed names a message lists before saying "and N others". */
const LISTED_NAMES = 5;

/** One RELAX NG report of libxml2, already attributed to a document. */
export interface RelaxNgReport {
  /** Line libxml2 gives (the line of the element's start tag), when known. */
  line: number | undefined;
  /** The element libxml2 names in its `element X:` prefix, when it does. */
  element: string | undefined;
  /** The message after `Relax-NG validity error : `. */
  message: string;
  /** The raw lines, kept as the diagnostic's cause. */
  raw: string;
}

/** What the humaniser knows about the document a report belongs to. */
export interface DocumentContext {
  file: string;
  index: SourceIndex;
  model: GrammarModel | undefined;
  /** How often each element local name occurs in the document, to rank suggestions. */
  usage: ReadonlyMap<string, number>;
}

/** A diagnostic with a mark saying whether it only repeats a more specific one. */
export interface HumanisedReport {
  diagnostic: Diagnostic;
  /** True for libxml2's follow-on reports ("Element X failed to validate content"). */
  cascade: boolean;
}

/** The TEI Guidelines reference page of a TEI element. */
export function teiReferenceUrl(localName: string): string {
  return `https://tei-c.org/release/doc/tei-p5-doc/en/html/ref-${localName}.html`;
}

/** Counts element local names in a document, for ranking suggestions. */
export function elementUsage(index: SourceIndex): Map<string, number> {
  const usage = new Map<string, number>();
  for (const element of index.elements) usage.set(element.localName, (usage.get(element.localName) ?? 0) + 1);
  return usage;
}

/** Turns one libxml2 RELAX NG report into a diagnostic. */
export function humaniseRelaxNgReport(report: RelaxNgReport, context: DocumentContext): HumanisedReport {
  const { message } = report;
  let match: RegExpExecArray | null;

  if ((match = /^Did not expect element (\S+) there$/.exec(message))) {
    const element = locate(context, report.line, match[1]!);
    return specific(elementNotAllowed(context, report, element, match[1]!));
  }
  if ((match = /^Expecting element (\S+), got (\S+)$/.exec(message))) {
    const element = locate(context, report.line, match[2]!);
    return specific(elementNotAllowed(context, report, element, match[2]!, match[1]!));
  }
  if ((match = /^Element (\S+) has extra content: (\S+)$/.exec(message))) {
    if (match[2] === 'text') return specific(textNotAllowed(context, report, locate(context, report.line, match[1]!), match[1]!));
    const element = locate(context, report.line, match[2]!);
    return specific(elementNotAllowed(context, report, element, match[2]!));
  }
  if ((match = /^Extra element (\S+) in interleave$/.exec(message))) {
    const element = locate(context, report.line, match[1]!);
    return specific(elementNotAllowed(context, report, element, match[1]!));
  }
  if ((match = /^Expecting an element (\S+), got nothing$/.exec(message))) {
    return specific(missingElement(context, report, locate(context, report.line, report.element), match[1]!));
  }
  if ((match = /^Did not expect text in element (\S+) content$/.exec(message))) {
    return specific(textNotAllowed(context, report, locate(context, report.line, match[1]!), match[1]!));
  }
  if (message === 'Expecting an element got text') {
    const element = locate(context, report.line, report.element);
    return specific(textNotAllowed(context, report, element, element?.localName ?? report.element ?? 'this element'));
  }
  if ((match = /^Invalid attribute (\S+) for element (\S+)$/.exec(message))) {
    return specific(invalidAttribute(context, report, locate(context, report.line, match[2]!), match[1]!, match[2]!));
  }
  if ((match = /^Expecting element (\S+) to be empty$/.exec(message))) {
    const element = locate(context, report.line, match[1]!);
    return specific(
      build(context, report, element, match[1]!, {
        ruleId: 'relaxng/element-not-empty',
        message: `<${match[1]}> must be empty here, but it has content.`,
        hint: `Remove the content of <${match[1]}> (write it as <${match[1]}/>), or move the content to an element that allows it.`,
      }),
    );
  }
  if (
    (match = /^Element (\S+) has wrong namespace: expecting (\S+)$/.exec(message)) ||
    (match = /^Expecting a namespace for element (\S+)$/.exec(message)) ||
    (match = /^Expecting no namespace for element (\S+)$/.exec(message))
  ) {
    const element = locate(context, report.line, match[1]!);
    const namespace = element?.namespaceUri ? `in namespace ${element.namespaceUri}` : 'in no namespace';
    return specific(
      build(context, report, element, match[1]!, {
        ruleId: 'relaxng/wrong-namespace',
        message: `<${match[1]}> is ${namespace}, which the schema does not allow here${match[2] ? ` (expected ${match[2]})` : ''}.`,
        hint: `TEI P5 elements belong to the namespace ${TEI_NAMESPACE}: declare it on the root (<TEI xmlns="${TEI_NAMESPACE}">). A TEI P4 file must be converted to P5 first.`,
      }),
    );
  }
  if ((match = /^Type (\S+) doesn't allow value '(.*)'$/.exec(message))) {
    const element = locate(context, report.line, report.element);
    return cascade(
      build(context, report, element, element?.localName ?? report.element ?? '', {
        ruleId: 'relaxng/invalid-value',
        message: `The value "${match[2]}" is not a valid ${match[1]}.`,
        hint: `Write a value of type ${match[1]}.`,
      }),
    );
  }
  if ((match = /^Element (\S+) failed to validate (content|attributes)$/.exec(message))) {
    const element = locate(context, report.line, match[1]!);
    const what = match[2] === 'content' ? 'content' : 'attributes';
    return cascade(
      build(context, report, element, match[1]!, {
        ruleId: what === 'content' ? 'relaxng/invalid-content' : 'relaxng/invalid-attributes',
        message: `The ${what} of <${match[1]}> do${what === 'content' ? 'es' : ''} not match the schema.`,
        hint: `Compare the ${what} of <${match[1]}> with its reference page.`,
      }),
    );
  }
  const element = locate(context, report.line, report.element);
  return cascade(
    build(context, report, element, element?.localName ?? report.element ?? '', {
      ruleId: 'relaxng/invalid',
      message: `Not valid against the schema: ${message}.`,
      hint: 'Compare this element with its reference page in the TEI Guidelines.',
    }),
  );
}

/**
 * Keeps one useful diagnostic per real problem: follow-on reports are dropped
 * when the file has a more specific one, exact repeats are dropped, and a
 * file's only report is always kept.
 */
export function collapseCascades(reports: readonly HumanisedReport[]): Diagnostic[] {
  const hasSpecific = reports.some((report) => !report.cascade);
  const kept = hasSpecific ? reports.filter((report) => !report.cascade) : reports;
  const seen = new Set<string>();
  const result: Diagnostic[] = [];
  for (const { diagnostic } of kept) {
    const key = `${diagnostic.line}:${diagnostic.column}:${diagnostic.ruleId}:${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(diagnostic);
  }
  return result;
}

/** The diagnostic for an xml:id value that is not an NCName (libxml2 checks this while parsing). */
export function invalidXmlId(context: DocumentContext, line: number | undefined, value: string, raw: string): Diagnostic {
  const element = locate(context, line, undefined);
  const position = element ? context.index.attributePosition(element, 'xml:id') : undefined;
  return {
    file: context.file,
    line: position?.line ?? element?.start.line ?? line,
    column: position?.column ?? element?.start.column,
    severity: 'error',
    source: 'relaxng',
    ruleId: 'relaxng/invalid-attribute-value',
    message: `The value "${value}" of @xml:id${element ? ` on <${element.localName}>` : ''} is not a valid identifier.`,
    hint: 'An xml:id must start with a letter or underscore and contain only letters, digits, ".", "-" and "_" (no spaces, brackets or colons).',
    path: element?.displayPath,
    url: element ? urlOf(element) : undefined,
    cause: raw,
  };
}

function specific(diagnostic: Diagnostic): HumanisedReport {
  return { diagnostic, cascade: false };
}

function cascade(diagnostic: Diagnostic): HumanisedReport {
  return { diagnostic, cascade: true };
}

/** The element a report is about: the last one with that name starting on or before the line. */
function locate(context: DocumentContext, line: number | undefined, localName: string | undefined): ElementLocation | undefined {
  if (line === undefined) return undefined;
  const name = localName ? localPart(localName) : undefined;
  return context.index.elementAtLine(line, name) ?? context.index.elementAtLine(line);
}

function parentOf(context: DocumentContext, element: ElementLocation | undefined): ElementLocation | undefined {
  return element && element.parent >= 0 ? context.index.elements[element.parent] : undefined;
}

/** The element sibling just before `element`, if any. */
function previousSibling(context: DocumentContext, element: ElementLocation): ElementLocation | undefined {
  const position = context.index.elements.indexOf(element);
  for (let i = position - 1; i > element.parent; i--) {
    if (context.index.elements[i]!.parent === element.parent) return context.index.elements[i];
  }
  return undefined;
}

function urlOf(element: ElementLocation): string | undefined {
  return element.namespaceUri === TEI_NAMESPACE ? teiReferenceUrl(element.localName) : undefined;
}

function build(
  context: DocumentContext,
  report: RelaxNgReport,
  element: ElementLocation | undefined,
  name: string,
  fields: { ruleId: string; message: string; hint: string; line?: number; column?: number },
): Diagnostic {
  return {
    file: context.file,
    line: fields.line ?? element?.start.line ?? report.line,
    column: fields.column ?? element?.start.column,
    severity: 'error',
    source: 'relaxng',
    ruleId: fields.ruleId,
    message: fields.message,
    hint: fields.hint,
    url: element ? urlOf(element) : name && context.index.elements[0]?.namespaceUri === TEI_NAMESPACE ? teiReferenceUrl(localPart(name)) : undefined,
    path: element?.displayPath,
    cause: report.raw,
  };
}

/** "<a>, <b>, <c> and 57 others", most likely first: names this document already uses, then the rest alphabetically. */
function listNames(names: readonly string[], usage: ReadonlyMap<string, number>, format: (name: string) => string): string {
  const ranked = [...names].sort((a, b) => (usage.get(b) ?? 0) - (usage.get(a) ?? 0) || a.localeCompare(b));
  const shown = ranked.length <= LISTED_NAMES + 2 ? ranked : ranked.slice(0, LISTED_NAMES);
  const others = ranked.length - shown.length;
  const listed = shown.map(format);
  if (others > 0) return `${listed.join(', ')} and ${others} others`;
  if (listed.length <= 1) return listed.join('');
  return `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}`;
}

function elementNotAllowed(
  context: DocumentContext,
  report: RelaxNgReport,
  element: ElementLocation | undefined,
  name: string,
  expected?: string,
): Diagnostic {
  const local = localPart(name);
  const parent = parentOf(context, element);
  const allowed = parent ? context.model?.allowedContent(parent.localName) : undefined;
  const where = parent ? ` inside <${parent.localName}>` : '';
  const previous = element ? previousSibling(context, element) : undefined;
  const wrongPosition = !expected && parent !== undefined && allowed?.elements.includes(local) === true;
  let message = `<${local}> is not allowed here${where}.`;
  if (expected) message += ` Expected <${localPart(expected)}> at this point.`;
  else if (wrongPosition) {
    message = `<${local}> is not allowed at this position inside <${parent.localName}>${previous ? ` (after <${previous.localName}>)` : ''}: <${parent.localName}> allows <${local}>, but only elsewhere in its content.`;
  } else if (allowed && allowed.elements.length > 0) {
    message += ` Allowed here: ${listNames(allowed.elements, context.usage, (n) => `<${n}>`)}.`;
  } else if (allowed) message += ' No element is allowed here.';

  let hint: string;
  const wrappers = allowed && context.model
    ? allowed.elements.filter((candidate) => candidate !== local && context.model!.allowedContent(candidate)?.elements.includes(local))
    : [];
  const wrapIn = wrappers.length > 0 ? `, or wrap it in ${listNames(wrappers, context.usage, (n) => `<${n}>`).replace(/ and (?=[^,]*$)/, ' or ')}` : '';
  if (context.model && !context.model.hasElement(local)) {
    hint = `The schema has no element <${local}>: check its spelling, or use the TEI element meant.`;
  } else if (expected) {
    hint = `Insert <${localPart(expected)}> before <${local}>, or move <${local}> to where the schema allows it.`;
  } else if (wrongPosition) {
    hint = `Move <${local}>${previous ? ` before <${previous.localName}>` : ' to where the content model of its parent allows it'}${wrapIn}; the reference page of <${parent.localName}> shows the order its content must follow.`;
  } else if (wrappers.length > 0) {
    hint = `Move <${local}> to a place that allows it${wrapIn}.`;
  } else {
    hint = `Move <${local}> to a place that allows it, or remove it.`;
  }
  return build(context, report, element, local, { ruleId: 'relaxng/element-not-allowed', message, hint });
}

function missingElement(
  context: DocumentContext,
  report: RelaxNgReport,
  element: ElementLocation | undefined,
  expected: string,
): Diagnostic {
  const owner = element?.localName ?? report.element ?? 'this element';
  return build(context, report, element, owner, {
    ruleId: 'relaxng/missing-element',
    message: `<${owner}> is incomplete: <${localPart(expected)}> is required but missing.`,
    hint: `Add <${localPart(expected)}> inside <${owner}> where its content model requires it.`,
  });
}

function textNotAllowed(
  context: DocumentContext,
  report: RelaxNgReport,
  element: ElementLocation | undefined,
  name: string,
): Diagnostic {
  const local = localPart(name);
  const allowed = context.model?.allowedContent(local);
  const suggestion = allowed && allowed.elements.length > 0
    ? ` Wrap the text in an element allowed here, e.g. ${listNames(allowed.elements, context.usage, (n) => `<${n}>`)}.`
    : '';
  return build(context, report, element, local, {
    ruleId: 'relaxng/text-not-allowed',
    message: `Text is not allowed directly inside <${local}>.`,
    hint: `Remove the text or put it inside a child element.${suggestion}`,
  });
}

function invalidAttribute(
  context: DocumentContext,
  report: RelaxNgReport,
  element: ElementLocation | undefined,
  attribute: string,
  name: string,
): Diagnostic {
  const local = localPart(name);
  const allowed = context.model?.allowedAttributes(local);
  const written = element?.attributes.find((a) => a.name === attribute || localPart(a.name) === attribute);
  const attributeName = written?.name ?? attribute;
  const position = written?.position;
  const isAllowed = allowed?.names.some((n) => n === attributeName || localPart(n) === attribute) ?? false;
  if (isAllowed || !allowed) {
    const value = written ? ` "${written.value}"` : '';
    return build(context, report, element, local, {
      ruleId: 'relaxng/invalid-attribute-value',
      message: `The value${value} of @${attributeName} on <${local}> is not valid.`,
      hint: `Write a value that @${attributeName} allows on <${local}>; the reference page gives its datatype (e.g. URIs without spaces, ISO 8601 dates).`,
      line: position?.line,
      column: position?.column,
    });
  }
  const listed = allowed.names.length > 0 ? ` Allowed attributes: ${listNames(allowed.names, new Map(), (n) => `@${n}`)}.` : '';
  return build(context, report, element, local, {
    ruleId: 'relaxng/attribute-not-allowed',
    message: `<${local}> does not allow the attribute @${attributeName}.${listed}`,
    hint: `Remove @${attributeName} or check its spelling.`,
    line: position?.line,
    column: position?.column,
  });
}
