/**
 * HTML check: html-validate with its recommended rules, and a parse of the
 * page (with html-validate's own parser) that collects the page's ids and
 * its `href`/`src` links for the link check. One validator instance stays
 * warm for the whole run.
 */
import { HtmlValidate, Parser, type HtmlElement, type Message, type ResolvedConfig } from 'html-validate';
import type { Finding } from './report.js';

/** One `href` or `src` attribute of a page. */
export interface HtmlLink {
  attribute: 'href' | 'src';
  /** The attribute value as written. */
  value: string;
  /** 0-based character offset of the value in the page. */
  offset: number;
}

/** What the link check needs to know about a page. */
export interface HtmlStructure {
  ids: ReadonlySet<string>;
  links: readonly HtmlLink[];
}

/** Severity of html-validate messages (its `Severity` enum). */
const HTML_VALIDATE_ERROR = 2;

let validator: HtmlValidate | undefined;
let parserConfig: ResolvedConfig | undefined;

function htmlValidator(): HtmlValidate {
  validator ??= new HtmlValidate({ extends: ['html-validate:recommended'] });
  return validator;
}

/** Drops the warm validator (see `closeCheckers`). */
export function releaseHtmlChecker(): void {
  validator = undefined;
  parserConfig = undefined;
}

/** Validates a page with html-validate's recommended rules; `path` names it in html-validate's report. */
export async function validateHtml(content: string, path: string): Promise<Finding[]> {
  const report = await htmlValidator().validateString(content, path);
  return report.results.flatMap((result) => result.messages.map(messageFinding));
}

function messageFinding(message: Message): Finding {
  return {
    ruleId: `check/html-validate/${message.ruleId}`,
    message: message.message,
    offset: message.offset,
    endOffset: message.offset + message.size,
    severity: message.severity === HTML_VALIDATE_ERROR ? 'error' : 'warning',
    url: message.ruleUrl,
    cause: message,
  };
}

/** Parses a page and collects its ids and its `href`/`src` links. */
export async function readHtmlStructure(content: string, path: string): Promise<HtmlStructure> {
  parserConfig ??= await htmlValidator().getConfigFor(path);
  const root = new Parser(parserConfig).parseHtml({ data: content, filename: path, line: 1, column: 1, offset: 0 });
  const ids = new Set<string>();
  for (const element of root.querySelectorAll('[id]')) {
    if (element.id) ids.add(element.id);
  }
  const links: HtmlLink[] = [];
  for (const attribute of ['href', 'src'] as const) {
    for (const element of root.querySelectorAll(`[${attribute}]`)) {
      const link = linkOf(element, attribute);
      if (link) links.push(link);
    }
  }
  links.sort((a, b) => a.offset - b.offset);
  return { ids, links };
}

function linkOf(element: HtmlElement, name: 'href' | 'src'): HtmlLink | undefined {
  const attribute = element.getAttribute(name);
  if (!attribute || typeof attribute.value !== 'string') return undefined;
  const offset = attribute.valueLocation?.offset ?? attribute.keyLocation.offset;
  return { attribute: name, value: attribute.value, offset };
}
