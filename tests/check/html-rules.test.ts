/**
 * The HTML check's rule set (`HTML_RULES`): for every rule, a minimal HTML5
 * page with one defect a stylesheet could make, which that rule (and only
 * the rules named with it) must report; a clean page, a page with only
 * hand-written style the set leaves out, and the golden pages pass.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { HTML_RULES, validateHtml } from '../../src/check/html.js';

type HtmlRuleId = keyof typeof HTML_RULES;

/** A page breaking one rule. */
interface BreakingPage {
  /** The mistake a stylesheet would have made. */
  defect: string;
  page: string;
  /** Other rules the same defect necessarily breaks. */
  alsoBreaks?: HtmlRuleId[];
}

/**
 * html-validate's recommended rules that `HTML_RULES` leaves out, and why in
 * a word (README, "HTML checks", says more): hand-written style, a judgement
 * of html-validate's own configuration, or a page no static edition has.
 */
const LEFT_OUT_RECOMMENDED_RULES: Record<string, 'style' | 'configuration' | 'no such page'> = {
  'attr-case': 'style',
  'attr-delimiter': 'style',
  'attr-quotes': 'style',
  'attribute-boolean-style': 'style',
  'attribute-empty-style': 'style',
  'autocomplete-password': 'no such page',
  'deprecated-rule': 'configuration',
  'doctype-style': 'style',
  'element-case': 'style',
  'no-dup-class': 'style',
  'no-implicit-input-type': 'style',
  'no-inline-style': 'style',
  'no-trailing-whitespace': 'style',
  'no-unused-disable': 'configuration',
  'no-utf8-bom': 'style',
  'prefer-button': 'style',
  'prefer-tbody': 'style',
  'script-type': 'style',
  'void-style': 'style',
};

const HEAD = '<meta charset="utf-8"><title>Letter</title>';

/** A complete HTML5 page; every part can be replaced to put a defect in it. */
function page(body: string, { doctype = '<!DOCTYPE html>', head = HEAD, bodyTag = '<body>' } = {}): string {
  return `${doctype}\n<html lang="en"><head>${head}</head>${bodyTag}${body}</body></html>\n`;
}

/** A page whose `<main>` holds `content`. */
const inMain = (content: string): string => page(`<main>${content}</main>`);

/** A search form around `controls`, with its submit button. */
const searchForm = (controls: string): string => `<form action="search.html">${controls}<button type="submit">Search</button></form>`;

const breakingPages: Record<HtmlRuleId, BreakingPage> = {
  'doctype-html': {
    defect: 'an XHTML 1.0 doctype from doctype-public/doctype-system',
    page: page('<main><p>x</p></main>', { doctype: '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">' }),
  },
  'missing-doctype': { defect: 'no doctype (output method without html-version 5)', page: page('<main><p>x</p></main>', { doctype: '' }) },
  'empty-title': { defect: 'a title from a missing TEI title', page: page('<main><p>x</p></main>', { head: '<meta charset="utf-8"><title></title>' }) },
  'long-title': {
    defect: 'a letter title not shortened',
    page: page('<main><p>x</p></main>', { head: '<meta charset="utf-8"><title>Letter from V. I. Lenin to A. G. Shlyapnikov, later than 3 October 1916, Zurich</title>' }),
  },
  'meta-refresh': { defect: 'a timed redirect', page: page('<main><p>x</p></main>', { head: `${HEAD}<meta http-equiv="refresh" content="5; url=../">` }) },
  'element-name': { defect: 'a TEI element copied into the page', page: inMain('<p>Letter to <persName>Bukharin</persName></p>') },
  'element-permitted-content': { defect: 'a paragraph straight in a list', page: inMain('<ul><p>x</p></ul>') },
  'element-permitted-occurrences': { defect: 'two captions for one table', page: inMain('<table><caption>a</caption><caption>b</caption><tbody><tr><td>x</td></tr></tbody></table>') },
  'element-permitted-order': { defect: 'a caption after the table body', page: inMain('<table><tbody><tr><td>x</td></tr></tbody><caption>a</caption></table>') },
  'element-permitted-parent': { defect: 'a TEI title made a <title> in the body', page: inMain('<p>x</p><title>Letter</title>') },
  'element-required-ancestor': { defect: 'a gloss list item without its <dl>', page: inMain('<div><dt>Date</dt></div>') },
  'element-required-content': { defect: 'a head without a title', page: page('<main><p>x</p></main>', { head: '<meta charset="utf-8">' }) },
  'no-multiple-main': {
    defect: 'the reading and diplomatic text each in a <main>',
    page: page('<main aria-label="Reading"><p>x</p></main><main aria-label="Diplomatic"><p>y</p></main>'),
  },
  'close-attr': { defect: 'an end tag with an attribute (markup written as text)', page: inMain('<p>x</p id="a">') },
  'close-order': { defect: 'an end tag with nothing to close', page: inMain('<p>x</em></p>') },
  'no-implicit-close': { defect: 'a list inside a paragraph', page: inMain('<p>a<ul><li>b</li></ul></p>'), alsoBreaks: ['close-order'] },
  'no-self-closing': { defect: 'an empty element serialised as XML', page: inMain('<p><span class="pb"/> text</p>') },
  'script-element': { defect: 'a script serialised as XML', page: page('<main><p>x</p></main><script src="search.js"/>'), alsoBreaks: ['no-self-closing'] },
  'void-content': { defect: 'an end tag for a void element', page: inMain('<p>a<br>b</br></p>') },
  'attr-spacing': { defect: 'attributes without a space (markup written as text)', page: inMain('<p id="a"class="b">x</p>') },
  'no-dup-attr': { defect: 'an attribute twice (markup written as text)', page: inMain('<p class="a" class="b">x</p>') },
  'no-raw-characters': { defect: 'an unescaped ampersand', page: inMain('<p>Marx & Engels</p>') },
  'unrecognized-char-ref': { defect: 'a TEI entity left unresolved', page: inMain('<p>&foo; x</p>') },
  deprecated: { defect: 'a deprecated element for TEI rend="center"', page: inMain('<center>x</center>') },
  'no-deprecated-attr': { defect: 'a deprecated attribute for TEI rend="center"', page: inMain('<p align="center">x</p>') },
  'no-conditional-comment': { defect: 'an Internet Explorer conditional comment', page: inMain('<!--[if IE]><p>old</p><![endif]--><p>x</p>') },
  'attribute-allowed-values': { defect: 'a value the attribute does not allow', page: inMain('<p dir="up">x</p>') },
  'attribute-misuse': { defect: 'an attribute without the one it depends on', page: inMain('<p><a target="_blank">x</a></p>') },
  'element-required-attributes': { defect: 'an image without src', page: inMain('<p><img alt="Facsimile"></p>') },
  'input-attributes': { defect: 'an attribute this input type ignores', page: inMain(searchForm('<label>Search <input type="search" name="q" checked></label>')) },
  'no-implicit-button-type': { defect: 'a button that submits by default', page: inMain('<p><button>Print</button></p>') },
  'no-dup-id': { defect: 'a note id made twice', page: inMain('<p id="note-1">a</p><p id="note-1">b</p>') },
  'valid-id': { defect: 'an id made from a page number', page: inMain('<p><span id="12" class="pb"></span>x</p>') },
  'valid-for': { defect: 'a label for an element that is not a control', page: inMain('<p id="n">x</p><p><label for="n">Note</label></p>') },
  'map-dup-name': {
    defect: 'two facsimile maps with one name',
    page: inMain('<map name="f"><area href="#a" alt="a"></map><map name="f"><area href="#b" alt="b"></map><p id="a">a</p><p id="b">b</p>'),
  },
  'map-id-name': { defect: 'a facsimile map whose id and name differ', page: inMain('<map name="f" id="g"><area href="#a" alt="a"></map><p id="a">a</p>') },
  'form-dup-name': {
    defect: 'two search fields with one name',
    page: inMain(searchForm('<label>Title <input type="search" name="q"></label><label>Text <input type="search" name="q"></label>')),
  },
  'valid-autocomplete': { defect: 'an autocomplete value that does not exist', page: inMain(searchForm('<label>Search <input type="search" name="q" autocomplete="maybe"></label>')) },
  'input-missing-label': { defect: 'a search field without a label', page: inMain(searchForm('<input type="search" name="q">')) },
  'multiple-labeled-controls': { defect: 'one label around two fields', page: inMain(searchForm('<label>Search <input type="search" name="q"><input type="search" name="r"></label>')) },
  'wcag/h32': { defect: 'a form without a submit button', page: inMain('<form action="search.html"><label>Search <input type="search" name="q"></label></form>') },
  'wcag/h36': {
    defect: 'an image submit button without alt',
    page: inMain('<form action="search.html"><label>Search <input type="search" name="q"></label><input type="image" src="go.png" aria-label="Search"></form>'),
  },
  'wcag/h71': { defect: 'a fieldset without a legend', page: inMain(searchForm('<fieldset><label>Search <input type="search" name="q"></label></fieldset>')) },
  'aria-hidden-body': { defect: 'the whole body hidden from assistive technology', page: page('<main><p>x</p></main>', { bodyTag: '<body aria-hidden="true">' }) },
  'aria-label-misuse': { defect: 'aria-label on an element that cannot be named', page: inMain('<p><span aria-label="Nikolai Bukharin">B.</span></p>') },
  'hidden-focusable': { defect: 'a link inside a hidden note marker', page: inMain('<p aria-hidden="true"><a href="#x">x</a></p><p id="x">y</p>') },
  'no-abstract-role': { defect: 'an abstract ARIA role', page: inMain('<p role="section">x</p>') },
  'no-redundant-aria-label': {
    defect: 'an aria-label repeating the label',
    page: inMain(searchForm('<label for="q">Search</label><input type="search" name="q" id="q" aria-label="Search">')),
  },
  'no-redundant-for': { defect: 'a for on a label around its control', page: inMain(searchForm('<label for="q">Search <input type="search" name="q" id="q"></label>')) },
  'no-redundant-role': { defect: 'a role the element has already', page: page('<nav role="navigation"><a href="#m">Letter</a></nav><main id="m"><p>x</p></main>') },
  'prefer-native-element': { defect: 'a span made a button', page: inMain('<p><span role="button" tabindex="0">Print</span></p>') },
  'unique-landmark': { defect: 'two navigations without names', page: page('<nav><a href="#m">a</a></nav><nav><a href="#m">b</a></nav><main id="m"><p>x</p></main>') },
  'area-alt': {
    defect: 'a facsimile zone without alt',
    page: inMain('<img src="f.jpg" alt="Facsimile" usemap="#f"><map name="f"><area href="#a" shape="rect" coords="0,0,1,1"></map><p id="a">a</p>'),
  },
  'wcag/h37': { defect: 'a facsimile image without alt', page: inMain('<p><img src="f.jpg"></p>') },
  'wcag/h67': { defect: 'a decorative image with a title', page: inMain('<p><img src="f.jpg" alt="" title="Facsimile"></p>') },
  'wcag/h30': { defect: 'a link with no text', page: inMain('<p><a href="#x"><img src="i.png" alt=""></a></p><p id="x">y</p>') },
  'text-content': { defect: 'a button with no text', page: inMain('<p><button type="button"></button></p>') },
  'empty-heading': { defect: 'a heading from an empty TEI head', page: inMain('<h1></h1><p>x</p>') },
  'heading-level': { defect: 'a heading level skipped', page: inMain('<h1>Letter</h1><h3>Notes</h3>') },
  'wcag/h63': {
    defect: 'header cells in rows and columns without scope',
    page: inMain('<table><thead><tr><th>Letter</th><th>Date</th></tr></thead><tbody><tr><th>A</th><td>1916</td></tr></tbody></table>'),
  },
  'tel-non-breaking': { defect: 'a telephone number that can wrap', page: inMain('<p><a href="tel:123">+1 555 123</a></p>') },
  'no-autoplay': { defect: 'audio that plays by itself', page: inMain('<audio src="a.mp3" autoplay controls></audio>') },
};

/** The rules html-validate reports for a page, each once. */
async function reportedRules(content: string, name: string): Promise<string[]> {
  const { findings } = await validateHtml(content, name);
  return [...new Set(findings.map((finding) => finding.ruleId))].sort();
}

describe('HTML rule set', () => {
  it('has one breaking page per rule', () => {
    expect(Object.keys(breakingPages).sort()).toEqual(Object.keys(HTML_RULES).sort());
  });

  it.each(Object.entries(breakingPages).map(([rule, breaking]) => ({ rule, ...breaking })))('$rule catches $defect', async ({ rule, page: content, alsoBreaks = [] }) => {
    const expected = [rule, ...alsoBreaks].map((id) => `check/html-validate/${id}`).sort();
    expect(await reportedRules(content, `${rule}.html`)).toEqual(expected);
  });

  it('rejects an XML namespace declaration a stylesheet leaked into the page', async () => {
    const leaked = page('<main><p>x</p></main>', { head: `${HEAD}<meta name="citation_author" content="Lenin, V. I." xmlns:map="http://www.w3.org/2005/xpath-functions/map">` });
    const { findings } = await validateHtml(leaked, 'leaked.html');
    expect(findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([['check/html/no-xml-namespace', 'error']]);
    expect(findings[0]?.message).toContain('xmlns:map');
  });

  it('passes a clean page', async () => {
    expect(await reportedRules(inMain('<h1>Letter</h1><p>x</p>'), 'clean.html')).toEqual([]);
  });

  it('passes hand-written style it leaves out, which the recommended rules report', async () => {
    const styled = `\uFEFF${page(
      `<MAIN><P CLASS='a a' style="margin: 0" hidden="">x<BR/></P>  \n<p id = "s">y</p><TABLE><TR><TD>1916</TD></TR></TABLE>` +
        `<INPUT aria-label="Search"><input type="button" value="Print" disabled="disabled"></MAIN><script type="text/javascript" src="search.js"></script>`,
      { doctype: '<!doctype HTML>' },
    )}`;
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(styled, 'styled.html');
    const recommendedReports = [...new Set(report.results.flatMap((result) => result.messages.map((message) => message.ruleId)))].sort();
    const styleRules = Object.entries(LEFT_OUT_RECOMMENDED_RULES).filter(([, why]) => why === 'style').map(([id]) => id).sort();
    expect(recommendedReports).toEqual(styleRules);
    expect(await reportedRules(styled, 'styled.html')).toEqual([]);
  });

  it('covers every recommended rule, kept or left out', async () => {
    const recommended = (await new HtmlValidate({ extends: ['html-validate:recommended'] }).getConfigFor('page.html')).getRules();
    const enabled = [...recommended].filter(([, [severity]]) => severity > 0).map(([id]) => id);
    expect(Object.keys(LEFT_OUT_RECOMMENDED_RULES).filter((id) => id in HTML_RULES)).toEqual([]);
    expect(enabled.filter((id) => !(id in HTML_RULES) && !(id in LEFT_OUT_RECOMMENDED_RULES))).toEqual([]);
    expect(Object.keys(LEFT_OUT_RECOMMENDED_RULES).filter((id) => !enabled.includes(id))).toEqual([]);
  });
});

describe('golden pages', () => {
  const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));

  it('pass with no findings', async () => {
    const pages = (await readdir(GOLDEN, { recursive: true })).filter((file) => file.endsWith('.html')).sort();
    expect(pages).toEqual(expect.arrayContaining(['lenin-to-shlyapnikov-1916-10/index.html', 'lenin-to-shlyapnikov-1916-10/diplomatic.html']));
    for (const file of pages) {
      expect(await reportedRules(await readFile(path.join(GOLDEN, file), 'utf8'), file), file).toEqual([]);
    }
  });
});
