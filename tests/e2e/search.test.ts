/**
 * The search page in a real browser (Debian's Chromium through
 * playwright-core, as in website.test.ts), against two editions served by
 * `tei-edition serve`: the bundled letter, for ranking ("Shlyapnikov" finds
 * only what contains it, the register entry first, passages grouped by
 * letter, snippets cut at word boundaries), and the three letters of
 * tests/fixtures/search-edition, for accent and apostrophe folding and for
 * the filters (without a query they list letters; they are kept in the
 * URL). Also: the form's layout and fonts, the page without JavaScript, and
 * axe-core at 1280 and 375 px. Skipped where Chromium is not installed.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchTerms, type SearchIndexFile } from '../../src/search/search-index.js';
import type { PreviewServer } from '../../src/serve.js';
import { axeViolations, openBrowser, serveEdition } from '../helpers/browser.js';
import { available } from '../helpers/fixtures.js';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE_EDITION = path.join(ROOT, 'tests', 'fixtures', 'search-edition');
const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');

let temporary: string;
let browser: BrowserContext;
const servers: { server: PreviewServer; served: Promise<number> }[] = [];
let bundled: PreviewServer;
let fixture: PreviewServer;

/** Builds and serves the edition whose config is in `cwd` into a temporary folder. */
async function serve(cwd: string, name: string): Promise<PreviewServer> {
  const edition = await serveEdition(cwd, path.join(temporary, name));
  servers.push(edition);
  return edition.server;
}

/** Opens the search page of `server` at `query` (e.g. "?q=Zurich") and waits until the index is loaded and the search has answered. */
async function searchPage(page: Page, server: PreviewServer, query: string): Promise<void> {
  await page.goto(new URL(`search.html${query}`, server.url).href);
  await page.locator('.search-results[aria-busy="false"]').waitFor();
}

/** Every result as shown: its group's heading, its title, its passage and the words marked in it. */
async function shownResults(page: Page): Promise<{ group: string; title: string; href: string; passage: string; marks: string[] }[]> {
  return page.locator('#search-results .result').evaluateAll((items) => items.map((item) => ({
    group: item.closest('.result-group')!.querySelector('.group-title')!.textContent!,
    title: item.querySelector('.result-title')!.textContent!,
    href: item.querySelector('.result-title a')!.getAttribute('href')!,
    passage: item.querySelector('.result-passage')!.textContent!,
    marks: [...item.querySelectorAll('mark')].map((mark) => mark.textContent!),
  })));
}

/** The full text of every search document of a served edition, by URL, from its index. */
async function documentTexts(server: PreviewServer): Promise<Map<string, string>> {
  const file = await (await fetch(new URL('search-index.json', server.url))).json() as SearchIndexFile;
  const { tokenize, processTerm } = searchTerms();
  const search = MiniSearch.loadJS(file.index as Parameters<typeof MiniSearch.loadJS>[0], { ...file.options, tokenize, processTerm });
  return new Map(search.search(MiniSearch.wildcard).map((result) => [String(result['url']), String(result['text'])]));
}

describe.skipIf(!available.chromium)('the search page in Chromium', () => {
  beforeAll(async () => {
    temporary = await mkdtemp(path.join(os.tmpdir(), 'tei-edition-search-e2e-'));
    await mkdir(SCREENSHOTS, { recursive: true });
    bundled = await serve(ROOT, 'bundled');
    fixture = await serve(FIXTURE_EDITION, 'fixture');
    browser = await openBrowser(temporary, { javaScriptEnabled: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    for (const { server, served } of servers) {
      await server.close();
      expect(await served).toBe(0);
    }
    await rm(temporary, { recursive: true, force: true });
  }, 60_000);

  it('finds only results that show "Shlyapnikov" or "Belenin", the register entry first, passages grouped by letter, snippets cut at word boundaries', async () => {
    const page = await browser.newPage();
    await searchPage(page, bundled, '?q=Shlyapnikov');
    const byName = await shownResults(page);
    expect(byName[0]!.href).toBe('registers/persons.html#shlyapnikov');
    for (const result of byName) {
      expect(`${result.title} ${result.passage}`, result.href).toMatch(/Shlyapnikov/);
      expect(result.marks, result.href).toContain('Shlyapnikov');
    }
    // The letter's text calls him by his pseudonym only: no passage is found by the title "… to A. G. Shlyapnikov".
    expect(byName.filter((result) => result.href.startsWith('letters/'))).toEqual([]);
    expect(await page.locator('#search-status').textContent()).toBe(`${byName.length} register entries match “Shlyapnikov”.`);

    // "Belenin": the entry (Belenin is one of its names) first, then the passages that contain it, under their letter.
    await searchPage(page, bundled, '?q=Belenin');
    const results = await shownResults(page);
    expect(results[0]!.href).toBe('registers/persons.html#shlyapnikov');
    expect(results[0]!.group).toBe('Register entries');
    expect(results[0]!.marks).toContain('Belenin');
    const passages = results.filter((result) => result.href.startsWith('letters/'));
    expect(passages.length).toBeGreaterThan(3);
    expect(results.slice(-passages.length)).toEqual(passages);
    for (const result of results) expect(result.marks, result.href).toContain('Belenin');
    const letterGroups = await page.locator('#search-results .result-group.letter .group-title').allTextContents();
    expect(letterGroups).toHaveLength(1);
    for (const result of passages) expect(result.group).toBe(letterGroups[0]);
    expect(await page.locator('#search-status').textContent()).toBe(`${results.length - passages.length} register entr${results.length - passages.length === 1 ? 'y' : 'ies'} and ${passages.length} passages in 1 letter match “Belenin”.`);

    // A snippet is a stretch of its document's text from the start of a word to the end of one.
    const texts = await documentTexts(bundled);
    const { words } = searchTerms();
    for (const result of [...byName, ...results]) {
      const text = texts.get(result.href)!;
      const shown = result.passage.replace(/^… /, '').replace(/ …$/, '');
      const at = text.indexOf(shown);
      expect(at, result.passage).toBeGreaterThanOrEqual(0);
      const bounds = words(text);
      const first = words(shown)[0]!;
      const last = words(shown).at(-1)!;
      expect(bounds.some((word) => word.start === at + first.start), `starts at a word: ${shown}`).toBe(true);
      expect(bounds.some((word) => word.end === at + last.end), `ends with a word: ${shown}`).toBe(true);
      expect(result.passage.startsWith('… ')).toBe(at > 0);
      expect(result.passage.endsWith(' …')).toBe(at + shown.length < text.length);
    }
    await page.close();
  }, 120_000);

  it('folds accents and apostrophes: Zurich = Zürich, Carl\'s = Carl’s, in the query as in the letters', async () => {
    const page = await browser.newPage();
    for (const query of ['Zurich', 'zürich', 'ZÜRICH']) {
      await searchPage(page, fixture, `?q=${encodeURIComponent(query)}`);
      const results = await shownResults(page);
      expect(results.map((result) => result.href).sort(), query).toEqual(['letters/accented-1850/index.html#p2', 'letters/plain-1851/index.html#p2']);
      expect(results.flatMap((result) => result.marks).sort(), query).toEqual(['Zurich', 'Zürich']);
    }
    for (const query of ['"Carl\'s house"', '“Carl’s house”']) {
      await searchPage(page, fixture, `?q=${encodeURIComponent(query)}`);
      const results = await shownResults(page);
      expect(results.map((result) => result.href).sort(), query).toEqual(['letters/accented-1850/index.html#note-a', 'letters/accented-1850/index.html#p2', 'letters/plain-1851/index.html#p2']);
      expect(await page.locator('#search-results .result-group').count()).toBe(2);
    }
    await page.close();
  }, 120_000);

  it('lists letters by the filters alone, and keeps the filters in the URL', async () => {
    const page = await browser.newPage();
    await searchPage(page, fixture, '');
    expect(await page.locator('#search-status').textContent()).toBe('Enter a word or a phrase, or choose a filter to list letters.');
    await page.selectOption('#search-correspondent', 'Anna Muster');
    await expect.poll(() => page.locator('#search-results .group-title').allTextContents()).toEqual([
      'Anna Muster to Berta Beispiel, 1 February 1850', 'Berta Beispiel to Anna Muster, 10 May 1851', 'Anna Muster to Carl Gast, 3 September 1852',
    ]);
    expect(await page.locator('#search-status').textContent()).toBe('3 letters match the filters.');
    await page.selectOption('#search-year', '1851');
    await expect.poll(() => page.locator('#search-results .group-title').allTextContents()).toEqual(['Berta Beispiel to Anna Muster, 10 May 1851']);
    expect(new URL(page.url()).search).toBe('?correspondent=Anna+Muster&year=1851');
    await page.locator('#search-results .group-title a').click();
    await page.waitForURL(/letters\/plain-1851\/index\.html$/);

    // A reload or a shared link restores the filters and their list.
    await page.goBack();
    await page.waitForURL(/search\.html\?correspondent=Anna\+Muster&year=1851$/);
    await expect.poll(() => page.locator('#search-results .group-title').allTextContents()).toEqual(['Berta Beispiel to Anna Muster, 10 May 1851']);
    expect(await page.locator('#search-year').inputValue()).toBe('1851');
    await searchPage(page, fixture, '?kind=note');
    expect(await page.locator('#search-results .group-title').allTextContents()).toEqual(['Anna Muster to Berta Beispiel, 1 February 1850']);
    expect(await page.locator('#search-kind').inputValue()).toBe('note');

    // With words, the kind filter keeps only that kind, and the URL says so.
    await page.fill('#search-query', 'house');
    await page.press('#search-query', 'Enter');
    await expect.poll(() => shownResults(page).then((results) => results.map((result) => result.href))).toEqual(['letters/accented-1850/index.html#note-a']);
    expect(new URL(page.url()).search).toBe('?q=house&kind=note');
    await page.close();
  }, 120_000);

  it('lays the filters out apart, in the page\'s font, and has no serious axe violations at 1280 and 375 px', async () => {
    const page = await browser.newPage();
    await searchPage(page, bundled, '?q=Belenin');
    const layout = await page.evaluate(() => {
      const font = (selector: string) => getComputedStyle(document.querySelector(selector)!).fontFamily;
      const boxes = [...document.querySelectorAll('.search-filter select')].map((select) => select.getBoundingClientRect());
      return {
        fonts: ['#search-query', 'label[for="search-query"]', '.search-filters legend', 'label[for="search-year"]', '#search-year', '#search-kind', '.search-form button'].map(font),
        page: font('main'),
        gaps: boxes.slice(1).map((box, index) => box.left - boxes[index]!.right),
      };
    });
    expect(new Set(layout.fonts)).toEqual(new Set([layout.page]));
    expect(layout.gaps).toHaveLength(2);
    for (const gap of layout.gaps) expect(gap).toBeGreaterThanOrEqual(16);

    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeViolations(page), `results at ${width} px`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(SCREENSHOTS, `search-${width}.png`), fullPage: true });
      await searchPage(page, fixture, '?year=1850');
      expect(await axeViolations(page), `letters listed by the filters at ${width} px`).toEqual([]);
      await searchPage(page, bundled, '?q=Belenin');
    }
    await page.close();
  }, 120_000);

  it('without JavaScript, says that the search needs it and leads to the index and the registers, with no form to fill in', async () => {
    const noScript = await openBrowser(temporary, { javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(new URL('search.html?q=Belenin', bundled.url).href);
      expect(await page.locator('.noscript').textContent()).toContain('The search needs JavaScript');
      expect(await page.locator('.noscript a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
        'index.html', 'registers/persons.html', 'registers/places.html', 'registers/organisations.html', 'registers/works.html',
      ]);
      expect(await page.locator('#search-query').isVisible()).toBe(false);
      expect(await page.locator('.search-filters').isVisible()).toBe(false);
      expect(await page.locator('#search-status').isVisible()).toBe(false);
      await page.click('.noscript a[href="registers/persons.html"]');
      await page.waitForURL(/registers\/persons\.html$/);
    } finally {
      await noScript.close();
    }
  }, 60_000);
});
