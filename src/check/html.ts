/**
 * HTML check: html-validate with the rules a generated page can break (see
 * `HTML_RULES`; README, "HTML checks"). The same parse also
 * collects the page's ids and its `href`/`src` links for the link check,
 * through a small html-validate rule that reads the finished DOM, so a page
 * is parsed once. One validator instance stays warm for the whole run.
 */
import {
  HtmlValidate,
  Parser,
  Rule,
  StaticConfigLoader,
  type ConfigData,
  type HtmlElement,
  type Message,
  type Plugin,
  type ResolvedConfig,
  type RuleConfig,
} from 'html-validate';
import type { Finding } from './report.js';

/** One `href` or `src` attribute of a page, or one id an ARIA reference attribute names (as `#id`). */
export interface HtmlLink {
  attribute: 'href' | 'src' | (typeof ARIA_REFERENCES)[number];
  /** The attribute value as written (for an ARIA reference, `#` and one of its ids). */
  value: string;
  /** 0-based character offset of the value in the page. */
  offset: number;
}

/** What the link check needs to know about a page. */
export interface HtmlStructure {
  ids: ReadonlySet<string>;
  links: readonly HtmlLink[];
}

/** The findings of html-validate and the structure of the page. */
export interface HtmlCheckResult {
  findings: Finding[];
  structure: HtmlStructure;
}

/** Severity of html-validate messages (its `Severity` enum). */
const HTML_VALIDATE_ERROR = 2;

/** The plugin's rules are reported as check/html/{name}, html-validate's own as check/html-validate/{name}. */
const OWN_RULE_PREFIX = 'tei-edition/';

/** Name of the rule that collects the structure; it never reports. */
const STRUCTURE_RULE = `${OWN_RULE_PREFIX}collect-structure`;

/** Structures collected during validation, by the file name given to html-validate, until picked up. */
const collected = new Map<string, HtmlStructure>();

/** Reads ids and links from the DOM html-validate has just built. */
class CollectStructure extends Rule {
  override setup(): void {
    this.on('dom:ready', (event) => {
      collected.set(event.source.filename, structureOf(event.document.root));
    });
  }
}

/** Name of the rule that rejects XML namespace declarations. */
const NAMESPACE_RULE = `${OWN_RULE_PREFIX}no-xml-namespace`;

/**
 * Rejects `xmlns:*` attributes. In HTML they declare nothing: an XSLT or
 * XPath namespace (map, array, tei) that leaked from a stylesheet into a page
 * is noise that tools copying the markup (meta tags into citation managers)
 * pass on.
 */
class NoXmlNamespace extends Rule {
  override setup(): void {
    this.on('attr', (event) => {
      if (!event.key.toLowerCase().startsWith('xmlns:')) return;
      this.report(
        event.target,
        `The attribute "${event.key}" declares an XML namespace, which HTML does not use; a stylesheet namespace leaked into the page (declare it on xsl:stylesheet, where exclude-result-prefixes="#all" keeps it out).`,
        event.keyLocation,
      );
    });
  }
}

const structurePlugin: Plugin = { name: 'tei-edition', rules: { [STRUCTURE_RULE]: CollectStructure, [NAMESPACE_RULE]: NoXmlNamespace } };

/**
 * A static configuration resolved once. html-validate's own static loader
 * merges and resolves the configuration (element metadata included) on every
 * call, which took about 40% of the time of validating a page; the rules and
 * metadata are the same for every page of a build.
 */
class ResolvedOnceConfigLoader extends StaticConfigLoader {
  private resolved: ResolvedConfig | Promise<ResolvedConfig> | undefined;

  override getConfigFor(handle: string, configOverride?: ConfigData): ResolvedConfig | Promise<ResolvedConfig> {
    if (configOverride) return super.getConfigFor(handle, configOverride);
    this.resolved ??= super.getConfigFor(handle);
    return this.resolved;
  }
}

/**
 * The html-validate rules the edition's pages are checked with: those a page
 * made by the stylesheets can break. html-validate's recommended rules that
 * only judge how a person writes HTML (quote style, case, whitespace) are
 * left out, and so is one no page of a static edition can break; README,
 * "HTML checks", gives the reason for each. Four rules come from
 * html-validate's document preset (marked below). Options are the
 * recommended preset's where it sets any.
 */
export const HTML_RULES = {
  // Document: a doctype browsers render in standards mode, and a usable title.
  'doctype-html': 'error',
  'missing-doctype': 'error', // document preset
  'empty-title': 'error',
  'long-title': 'error',
  'meta-refresh': 'error',
  // Content model: which element may hold, follow or contain which, as the HTML standard says.
  'element-name': 'error',
  'element-permitted-content': 'error',
  'element-permitted-occurrences': 'error',
  'element-permitted-order': 'error',
  'element-permitted-parent': 'error',
  'element-required-ancestor': 'error',
  'element-required-content': 'error',
  'no-multiple-main': 'error',
  // Nesting and syntax: markup a browser would parse into another tree than the stylesheet meant.
  'close-attr': 'error',
  'close-order': 'error',
  'no-implicit-close': 'error',
  'no-self-closing': 'error',
  'script-element': 'error',
  'void-content': 'error',
  'attr-spacing': 'error',
  'no-dup-attr': 'error',
  'no-raw-characters': 'error',
  'unrecognized-char-ref': 'error',
  // Obsolete markup: the HTML standard has dropped it; browsers keep it only for old pages.
  deprecated: 'error',
  'no-deprecated-attr': 'error',
  'no-conditional-comment': 'error',
  // Attributes: required ones present, others only where they mean something, with allowed values.
  'attribute-allowed-values': 'error',
  'attribute-misuse': 'error',
  'element-required-attributes': 'error',
  'input-attributes': 'error',
  'no-implicit-button-type': 'error',
  // Ids and references between elements: the link check, labels and ARIA rely on them.
  'no-dup-id': 'error',
  'valid-id': ['error', { relaxed: false }],
  // (ARIA references to ids, html-validate's no-missing-references, are resolved by the link check: see ARIA_REFERENCES.)
  'valid-for': 'error',
  'map-dup-name': 'error',
  'map-id-name': 'error',
  // Forms (the search page is one): every field named, labelled once, and submittable.
  'form-dup-name': 'error',
  'valid-autocomplete': 'error',
  'input-missing-label': 'error', // document preset
  'multiple-labeled-controls': 'error',
  'wcag/h32': 'error',
  'wcag/h36': 'error',
  'wcag/h71': 'error',
  // ARIA: roles, states and accessible names as assistive technology reads them.
  'aria-hidden-body': 'error',
  'aria-label-misuse': ['error', { allowAnyNamable: false }],
  'hidden-focusable': 'error',
  'no-abstract-role': 'error',
  'no-redundant-aria-label': 'error',
  'no-redundant-for': 'error',
  'no-redundant-role': 'error',
  'prefer-native-element': 'error',
  'unique-landmark': 'error',
  // Content every reader can perceive: text alternatives, link and button text, headings, table headers, media.
  'area-alt': ['error', { accessible: true }],
  'wcag/h37': 'error',
  'wcag/h67': 'error',
  'wcag/h30': 'error',
  'text-content': 'error',
  'empty-heading': 'error',
  'heading-level': 'error', // document preset
  'wcag/h63': 'error',
  'tel-non-breaking': 'error',
  'no-autoplay': ['error', { include: ['audio', 'video'] }],
} satisfies RuleConfig;

let validator: HtmlValidate | undefined;
let parserConfig: ResolvedConfig | undefined;

function htmlValidator(): HtmlValidate {
  validator ??= new HtmlValidate(
    new ResolvedOnceConfigLoader({
      elements: ['html5'],
      plugins: [structurePlugin],
      rules: { ...HTML_RULES, [STRUCTURE_RULE]: 'error', [NAMESPACE_RULE]: 'error' },
    }),
  );
  return validator;
}

/** Drops the warm validator (see `closeCheckers`). */
export function releaseHtmlChecker(): void {
  validator = undefined;
  parserConfig = undefined;
  collected.clear();
}

/**
 * Validates a page with `HTML_RULES` and returns its
 * structure from the same parse; `path` names the page in html-validate's
 * report and must be unique among pages being validated at the same time.
 */
export async function validateHtml(content: string, path: string): Promise<HtmlCheckResult> {
  const report = await htmlValidator().validateString(content, path);
  const structure = collected.get(path) ?? (await readHtmlStructure(content, path));
  collected.delete(path);
  return { findings: report.results.flatMap((result) => result.messages.map(messageFinding)), structure };
}

function messageFinding(message: Message): Finding {
  return {
    ruleId: message.ruleId.startsWith(OWN_RULE_PREFIX) ? `check/html/${message.ruleId.slice(OWN_RULE_PREFIX.length)}` : `check/html-validate/${message.ruleId}`,
    message: message.message,
    offset: message.offset,
    endOffset: message.offset + message.size,
    severity: message.severity === HTML_VALIDATE_ERROR ? 'error' : 'warning',
    url: message.ruleUrl,
    cause: message,
  };
}

/** Parses a page (without validating it) and collects its ids and its `href`/`src` links. */
export async function readHtmlStructure(content: string, path: string): Promise<HtmlStructure> {
  parserConfig ??= await htmlValidator().getConfigFor(path);
  return structureOf(new Parser(parserConfig).parseHtml({ data: content, filename: path, line: 1, column: 1, offset: 0 }));
}

function structureOf(root: HtmlElement): HtmlStructure {
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
  for (const attribute of ARIA_REFERENCES) {
    for (const element of root.querySelectorAll(`[${attribute}]`)) {
      const value = element.getAttribute(attribute);
      if (!value || typeof value.value !== 'string') continue;
      const offset = value.valueLocation?.offset ?? value.keyLocation.offset;
      for (const id of value.value.split(/\s+/).filter(Boolean)) links.push({ attribute, value: `#${id}`, offset });
    }
  }
  links.sort((a, b) => a.offset - b.offset);
  return { ids, links };
}

/**
 * The ARIA attributes that name ids in the same page. The link check
 * resolves each id as a fragment, as html-validate's no-missing-references
 * would, without that rule's search of the whole page for every reference.
 */
const ARIA_REFERENCES = ['aria-labelledby', 'aria-describedby', 'aria-controls'] as const;

function linkOf(element: HtmlElement, name: 'href' | 'src'): HtmlLink | undefined {
  const attribute = element.getAttribute(name);
  if (!attribute || typeof attribute.value !== 'string') return undefined;
  const offset = attribute.valueLocation?.offset ?? attribute.keyLocation.offset;
  return { attribute: name, value: attribute.value, offset };
}
