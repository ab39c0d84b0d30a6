/**
 * The edition website in a real browser: Debian's Chromium (`chromium` on PATH)
 * driven by playwright-core, headless, with a fresh profile and no background
 * networking, against `tei-edition serve` on a free port of 127.0.0.1. Walks
 * the reader's path (index → search → letter → note and back → diplomatic
 * view → register entry → mention), checks the site without JavaScript, runs
 * axe-core on every page type at 1280 and 375 px, and saves a screenshot of
 * each there, with axe's counts per page type (axe-report.json), to
 * test-artifacts/screenshots/. Skipped where Chromium is not installed
 * (CI installs it).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeResults, axeViolations, openBrowser, useServedEdition } from '../helpers/browser.js';
import { available } from '../helpers/fixtures.js';

const ROOT = path.resolve(__dirname, '../..');
const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');
const LETTER = 'letters/lenin-to-shlyapnikov-1916-10/';
/** One address of each type of page the edition has. */
const PAGE_TYPES: Record<string, string> = {
  index: '',
  letter: `${LETTER}index.html`,
  'letter-diplomatic': `${LETTER}index.html#diplomatic`,
  search: 'search.html?q=Belenin',
  'register-persons': 'registers/persons.html',
  'register-places': 'registers/places.html',
  'register-organisations': 'registers/organisations.html',
  'register-works': 'registers/works.html',
  about: 'about.html',
  correspondents: 'correspondents.html',
  correspondent: 'correspondents/lenin.html',
};


describe.skipIf(!available.chromium)('the edition website in Chromium', () => {
  const session = useServedEdition(ROOT, 'tei-edition-e2e-');
  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  it('leads from the index through search to the letter, its note and its diplomatic view, then to a register entry and back', async () => {
    const page = await session.browser.newPage();
    await page.goto(session.server.url);
    expect(await page.locator('h1').textContent()).toBe(await page.title());
    expect(await page.locator('h2').allTextContents()).toEqual(['Letters by date', 'Letters by correspondent']);

    await page.fill('#quick-search', 'Belenin');
    await page.press('#quick-search', 'Enter');
    await page.waitForURL(/search\.html\?q=Belenin/);
    const results = page.locator('#search-results li.result');
    await results.first().waitFor();
    expect(await results.count()).toBeGreaterThan(5);
    expect(await page.locator('#search-status').textContent()).toMatch(/passages in 1 letter match “Belenin”/);
    expect(await results.first().locator('mark').first().textContent()).toBe('Belenin');

    await results.locator(`a[href^="${LETTER}"]`).first().click();
    await page.waitForURL(new RegExp(`${LETTER}index\\.html#p\\d+$`));
    const passage = page.locator(':target');
    expect(await passage.textContent()).toContain('Belenin');

    await page.click('a#noteref-4');
    await page.waitForURL(/#note-4$/);
    expect(await page.locator(':target').getAttribute('id')).toBe('note-4');
    expect(await page.locator(':target').textContent()).toContain('Elimination of James meant the arrest of Anna Yelizarova');
    await page.click('#note-4 a.note-back');
    await page.waitForURL(/#noteref-4$/);
    expect(await page.locator(':target').getAttribute('id')).toBe('noteref-4');

    await page.click('label[for="view-source"]');
    expect(await page.locator('.letter-text').innerText()).toContain('loading workers. Without');
    expect(await page.locator('.letter-text').innerText()).not.toMatch(/[°‸]/);
    await page.click('label[for="view-source"]');
    // The reading view marks each correction; the mark leads to its emendation.
    expect(await page.locator('.letter-text').innerText()).toContain('leading° workers');
    await page.goto(new URL(`${LETTER}diplomatic.html`, session.server.url).href);
    await page.waitForURL(/index\.html#diplomatic$/);
    expect(await page.locator('.letter-text').innerText()).toContain('loading workers');
    await page.click('text=Show the reading view');
    await page.waitForURL(/index\.html$/);
    expect(await page.locator('.letter-text').innerText()).toContain('leading° workers. Without');
    expect(await page.locator('.letter-text').innerText()).not.toContain('loading workers');

    // A removed comma is a visible mark, reached by keyboard, named, leading to its emendation and back.
    const removal = page.locator('a#emendation-c03-text');
    expect(await removal.isVisible()).toBe(true);
    expect(await removal.getAttribute('aria-label')).toBe('removed: “,”, emendation 3');
    await removal.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#emendation-c03$/);
    expect(await page.locator(':target').innerText()).toMatch(/“,”\s+removed\s+A stray comma/);
    await page.locator(':target a[href="#emendation-c03-text"]').click();
    await page.waitForURL(/#emendation-c03-text$/);

    // A name opens its popover (assets/names.js), whose entry link leads to the register entry.
    await page.click('a#mention-shlyapnikov-1');
    await page.click('.name-panel a.name-panel-entry');
    await page.waitForURL(/registers\/persons\.html#shlyapnikov$/);
    const entry = page.locator('#shlyapnikov');
    expect(await entry.locator('h2').textContent()).toBe('Shlyapnikov, A. G.');
    expect(await entry.textContent()).toContain('The recipient, addressed as “Dear Friend”');

    await entry.locator('a.mention').first().click();
    await page.waitForURL(new RegExp(`${LETTER}index\\.html#mention-shlyapnikov-1$`));
    expect(await page.locator(':target').textContent()).toBe('A. G. Shlyapnikov');

    // Belenin, Shlyapnikov's party name, is a mention of his entry, under the form the letter uses.
    await page.goto(new URL('registers/persons.html#shlyapnikov', session.server.url).href);
    await page.locator('#shlyapnikov a.mention').nth(1).click();
    await page.waitForURL(/#mention-shlyapnikov-\d+$/);
    expect(await page.locator(':target').textContent()).toBe('Belenin');
    await page.close();
  }, 120_000);

  it('finds phrases and filters by correspondent and year', async () => {
    const page = await session.browser.newPage();
    await page.goto(new URL('search.html?q=%22leading+workers%22', session.server.url).href);
    await page.locator('#search-results li').first().waitFor();
    const passages = await page.locator('#search-results .result-passage').allTextContents();
    expect(passages.length).toBeGreaterThan(0);
    for (const passage of passages) expect(passage.toLowerCase()).toContain('leading workers');
    await page.goto(new URL('search.html?q=%22workers+leading%22', session.server.url).href);
    await expect.poll(() => page.locator('#search-status').textContent()).toMatch(/^Nothing matches “\"workers leading\"”\.$/);

    // Register entries have no correspondent or year: the filters leave only the letters' passages and notes.
    await page.goto(new URL('search.html?q=Belenin', session.server.url).href);
    await page.locator('#search-results li').first().waitFor();
    const all = await page.locator('#search-results li.result').count();
    const registers = await page.locator('#search-results li.register').count();
    expect(registers).toBeGreaterThan(0);
    await page.selectOption('#search-correspondent', 'A. G. Shlyapnikov');
    await expect.poll(() => page.locator('#search-results li.result').count()).toBe(all - registers);
    expect(await page.locator('#search-results li.register').count()).toBe(0);
    await page.selectOption('#search-correspondent', '');
    await page.selectOption('#search-year', '1916');
    await expect.poll(() => page.locator('#search-results li.result').count()).toBe(all - registers);
    await page.goto(new URL('search.html?q=Belenin&correspondent=A.+G.+Shlyapnikov&year=1916', session.server.url).href);
    await expect.poll(() => page.locator('#search-results li.result').count()).toBe(all - registers);
    expect(await page.locator('#search-correspondent').inputValue()).toBe('A. G. Shlyapnikov');
    await page.close();
  }, 60_000);

  it('has no serious or critical axe-core violations on any page type at 1280 and 375 px, and nothing scrolls sideways at 375 px', async () => {
    const page = await session.browser.newPage();
    const found: Record<string, unknown> = {};
    const report: Record<string, Record<number, { violations: number; serious: number; passes: number }>> = {};
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [type, address] of Object.entries(PAGE_TYPES)) {
        await page.goto(new URL(address, session.server.url).href);
        if (type === 'search') await page.locator('#search-results li').first().waitFor();
        const result = await axeResults(page);
        found[`${type} at ${width} px`] = result.serious;
        (report[type] ??= {})[width] = { violations: result.violations, serious: result.serious.length, passes: result.passes };
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${type} at ${width} px`).toBeLessThanOrEqual(width);
        await page.screenshot({ path: path.join(SCREENSHOTS, `${type}-${width}.png`), fullPage: true });
        // The first screen a reader sees (the README shows the letter's).
        if (width === 1280) await page.screenshot({ path: path.join(SCREENSHOTS, `${type}-${width}-top.png`) });
      }
    }
    await writeFile(path.join(SCREENSHOTS, 'axe-report.json'), `${JSON.stringify(report, null, 2)}\n`);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
    await page.close();
  }, 240_000);

  it('keeps every page but search usable without JavaScript, and search says so', async () => {
    const noScript = await openBrowser(session.folder, { javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(new URL('search.html?q=Belenin', session.server.url).href);
      expect(await page.locator('.noscript').textContent()).toContain('The search needs JavaScript');
      await page.goto(session.server.url);
      await page.click(`a[href="${LETTER}index.html"]`);
      expect(await page.locator('.letter-text').textContent()).toContain('Belenin');
      await page.click('label[for="view-source"]');
      expect(await page.locator('.letter-text').innerText()).toContain('loading workers');
      await page.click('label[for="view-source"]');
      await page.click('a#noteref-4');
      expect(await page.locator(':target').getAttribute('id')).toBe('note-4');
    } finally {
      await noScript.close();
    }
  }, 60_000);

  it('switches views without JavaScript where the reader is reading, and says what the diplomatic view shows', async () => {
    const noScript = await openBrowser(session.folder, { javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(new URL(`${LETTER}index.html`, session.server.url).href);
        const label = page.locator('label[for="view-source"]');
        expect(await label.textContent()).toBe('Diplomatic view (source readings: 11 places)');
        // Deep in the text, a paragraph with corrections in the middle of the window.
        const paragraph = page.locator('.letter-text .paragraph:has(.sic)').nth(6);
        await paragraph.evaluate((element) => element.scrollIntoView({ block: 'center' }));
        const before = await paragraph.evaluate((element) => element.getBoundingClientRect().top);
        // The switch is in view there, without scrolling back to the top.
        const switchBox = await label.evaluate((element) => element.getBoundingClientRect().toJSON() as DOMRect);
        expect(switchBox.top).toBeGreaterThanOrEqual(0);
        expect(switchBox.bottom).toBeLessThanOrEqual(800);
        // Clicked where the reader sees it (the mouse, not a scroll to the element first).
        await page.mouse.click(switchBox.left + switchBox.width / 2, switchBox.top + switchBox.height / 2);
        expect(await page.locator('#view-source').isChecked()).toBe(true);
        expect(await paragraph.locator('.sic').first().isVisible()).toBe(true);
        const after = await paragraph.evaluate((element) => element.getBoundingClientRect().top);
        expect(Math.abs(after - before), `${width} px: the paragraph moved`).toBeLessThan(30);
        expect(await page.locator('.view-note .source-only').textContent()).toBe('Diplomatic view: source readings: 11 places.');
        await page.mouse.click(switchBox.left + switchBox.width / 2, switchBox.top + switchBox.height / 2);
        expect(Math.abs((await paragraph.evaluate((element) => element.getBoundingClientRect().top)) - before)).toBeLessThan(30);
      }
      // The diplomatic view has its own address.
      await page.goto(new URL(`${LETTER}index.html#diplomatic`, session.server.url).href);
      expect(await page.locator('.letter-text .sic').first().isVisible()).toBe(true);
      expect(await page.locator('.letter-text .emendation-ref').first().isVisible()).toBe(false);
    } finally {
      await noScript.close();
    }
  }, 60_000);

  it('sets the letter in a measure of 60–75 characters, with side notes beside their lines where the window is wide enough', async () => {
    const page = await session.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(new URL(`${LETTER}index.html`, session.server.url).href);
    // Characters a line: the text column's width over the average width of the paragraph's own characters, set on one line in its font.
    const measure = await page.evaluate(() => {
      const paragraph = [...document.querySelectorAll<HTMLElement>('.letter-text .paragraph')].sort((a, b) => b.textContent!.length - a.textContent!.length)[0]!;
      const probe = document.createElement('span');
      probe.style.whiteSpace = 'nowrap';
      probe.textContent = paragraph.innerText.replace(/\s+/g, ' ');
      paragraph.append(probe);
      const perCharacter = probe.getBoundingClientRect().width / probe.textContent.length;
      probe.remove();
      return paragraph.clientWidth / perCharacter;
    });
    expect(measure).toBeGreaterThanOrEqual(60);
    expect(measure).toBeLessThanOrEqual(75);
    // Note 1's side note: its words, right of the text column, level with its marker, inside the window.
    const marker = await page.locator('#noteref-1').evaluate((element) => element.getBoundingClientRect().toJSON() as DOMRect);
    const sidenote = page.locator('sup:has(#noteref-1) + .sidenote');
    expect(await sidenote.isVisible()).toBe(true);
    expect(await sidenote.getAttribute('aria-hidden')).toBe('true');
    expect(await sidenote.innerText()).toMatch(/^1 The resolutions of the Conference/);
    const box = await sidenote.evaluate((element) => element.getBoundingClientRect().toJSON() as DOMRect);
    const column = await page.locator('.letter-text').evaluate((element) => element.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.left).toBeGreaterThan(column.right);
    expect(box.right).toBeLessThanOrEqual(1280);
    expect(Math.abs(box.top - marker.top)).toBeLessThan(40);
    // No two side notes overlap.
    const boxes = await page.locator('.letter-text .sidenote').evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().toJSON() as DOMRect));
    for (const [index, next] of boxes.entries()) if (index > 0) expect(next.top).toBeGreaterThanOrEqual(boxes[index - 1]!.bottom);
    // Where the window has no room beside the text, the notes are below it only.
    await page.setViewportSize({ width: 1024, height: 900 });
    expect(await sidenote.isVisible()).toBe(false);
    await page.close();
  }, 60_000);

  it('keeps every page of the bundled edition under 100 KB of HTML, with no script that blocks rendering', async () => {
    const dist = path.join(session.folder, 'dist');
    const pages = (await readdir(dist, { recursive: true })).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    for (const file of pages) {
      const html = await readFile(path.join(dist, file), 'utf8');
      expect(Buffer.byteLength(html), file).toBeLessThanOrEqual(100 * 1024);
      for (const [script] of html.matchAll(/<script\b[^>]*\bsrc=[^>]*>/g)) expect(script, file).toMatch(/\b(defer|async)\b|type="module"/);
    }
  });

  it('highlights only what a link leads to, fits the index at 375 px, gives the register index and note markers 24 px targets, has a table of contents and a skip link to the notes, and prints the letter with its URL once and "How to cite" after the text', async () => {
    const page = await session.browser.newPage();
    await page.goto(session.server.url);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#main');
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).backgroundColor)).toBe('rgba(0, 0, 0, 0)');

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(session.server.url);
    expect(await page.evaluate(() => document.querySelector('.letter-list caption')!.getBoundingClientRect().width)).toBeGreaterThan(300);
    const labels = await page.evaluate(() => [...document.querySelectorAll('.letter-list tbody tr:first-child td')].map((cell) => getComputedStyle(cell, '::before').content));
    expect(labels.slice(0, 3)).toEqual(['"Date: "', '"From: "', '"To: "']);
    await page.goto(new URL('registers/persons.html', session.server.url).href);
    expect(await page.evaluate(() => document.querySelector('.register-index')!.tagName)).toBe('UL');
    const smallest = await page.evaluate(() => Math.min(...[...document.querySelectorAll('.register-index a')].flatMap((link) => [link.getBoundingClientRect().height, link.getBoundingClientRect().width])));
    expect(smallest).toBeGreaterThanOrEqual(24);
    expect(await axeViolations(page)).toEqual([]);

    // The letter page: a table of contents, a second skip link to the notes, note markers of at least 24 × 24 px.
    await page.goto(new URL(`${LETTER}index.html`, session.server.url).href);
    expect(await page.locator('nav.letter-toc a').allTextContents()).toEqual(['Text', 'Notes', 'Emendations', 'Names', 'How to cite']);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the notes');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#footnotes-label');
    const smallestMarker = await page.evaluate(() => Math.min(...[...document.querySelectorAll('.note-ref a')].flatMap((link) => [link.getBoundingClientRect().height, link.getBoundingClientRect().width])));
    expect(smallestMarker).toBeGreaterThanOrEqual(24);
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'print' });
    await page.goto(new URL(`${LETTER}index.html`, session.server.url).href);
    expect(await page.locator('.print-header').innerText()).toContain(`https://tei-edition.example.org/${LETTER}`);
    const top = (selector: string) => page.evaluate((s) => document.querySelector(s)!.getBoundingClientRect().top, selector);
    expect(await top('.how-to-cite')).toBeGreaterThan(await top('.letter-text'));
    expect(await top('.how-to-cite')).toBeLessThan(await top('.registers'));
    const urlsShownTwice = await page.evaluate(() =>
      [...document.querySelectorAll('.how-to-cite a')].filter((link) => link.textContent === link.getAttribute('href') && getComputedStyle(link, '::after').content !== 'none').length);
    expect(urlsShownTwice).toBe(0);
    await page.close();
  }, 120_000);

  it('has a skip link, landmarks and headings in order on every page type', async () => {
    const page = await session.browser.newPage();
    for (const address of ['', 'search.html', `${LETTER}index.html`, 'registers/persons.html']) {
      await page.goto(new URL(address, session.server.url).href);
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      for (const landmark of ['header', 'nav', 'main', 'footer']) expect(await page.locator(landmark).count(), `${address} ${landmark}`).toBeGreaterThan(0);
      const levels = await page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((heading) => Number(heading.tagName[1])));
      expect(levels[0], address).toBe(1);
      for (const [index, level] of levels.entries()) if (index > 0) expect(level - levels[index - 1]!, `${address} heading ${index}`).toBeLessThanOrEqual(1);
    }
    await page.close();
  }, 60_000);
});
