/**
 * Issue 16, item 5, in a real browser: previous/next navigation through an
 * edition of the Escher letters that jing finds valid (with the Escher
 * edition's central registers), served by `tei-edition serve`. Walks every
 * letter by date from the index's first to its last, and a correspondence
 * from its correspondent's page, checking the links' rel and the head's
 * link rel="prev"/"next". The letters' correspContext targets (B0133, …)
 * name letters outside the sample, so the build reports each with an info
 * line and the pages link the neighbours by date. Every link of every page
 * visited leads to a page (and its fragment to an element). Skipped where
 * Chromium or ../shared is missing.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewServer } from '../../src/serve.js';
import { axeViolations, openBrowser, serveEdition } from '../helpers/browser.js';
import { ESCHER_LETTERS, SHARED_SCHEMAS, VERDICTS, available } from '../helpers/fixtures.js';


let temporary: string;
let server: PreviewServer;
let served: Promise<number>;
let browser: BrowserContext;
let report = '';
/** Every page the walks opened (URL without fragment). */
const visited = new Set<string>();

/** Opens a URL and records it as visited. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  visited.add(page.url().replace(/#.*$/, ''));
}

/** The absolute URL of an element's href (undefined when there is no such element). */
async function hrefOf(page: Page, selector: string): Promise<string | undefined> {
  const locator = page.locator(selector);
  if ((await locator.count()) === 0) return undefined;
  return new URL((await locator.first().getAttribute('href'))!, page.url()).href;
}

describe.skipIf(!available.chromium || !available.corpus || !available.sharedSchemas)('previous/next navigation through the Escher letters in Chromium', () => {
  beforeAll(async () => {
    temporary = await mkdtemp(path.join(os.tmpdir(), 'tei-edition-navigation-'));
    const edition = path.join(temporary, 'edition');
    mkdirSync(path.join(edition, 'tei'), { recursive: true });
    const valid = readFileSync(VERDICTS, 'utf8').split('\n').map((row) => row.split('\t')).filter(([file, verdict]) => file?.startsWith('stazh__') && file.includes('/briefe/') && verdict === 'valid');
    for (const [file] of valid) cpSync(path.join(ESCHER_LETTERS, path.basename(file!)), path.join(edition, 'tei', path.basename(file!)));
    const registers = ['people/people.xml', 'places/places.xml'].map((file) => path.relative(edition, path.join(path.dirname(ESCHER_LETTERS), file)));
    writeFileSync(path.join(edition, 'edition.config.json'), JSON.stringify({ title: 'Escher letters', registers, registerKey: 'n' }));
    ({ server, served } = await serveEdition(edition, path.join(temporary, 'dist'), { env: { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS }, onOutput: (text) => (report += text) }));
    browser = await openBrowser(temporary, { javaScriptEnabled: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    expect(await served).toBe(0);
    await rm(temporary, { recursive: true, force: true });
  }, 60_000);

  it('walks every letter by date, in the index\'s order, by the links rel="next" and back by rel="prev"', async () => {
    const page = await browser.newPage();
    await open(page, server.url);
    const byDate = await page.locator('table.letter-list tbody tr td:last-child a').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    expect(byDate, report.slice(-3000)).toHaveLength(45);

    await open(page, byDate[0]!);
    expect(await hrefOf(page, 'link[rel="prev"]')).toBeUndefined();
    for (let position = 1; position < byDate.length; position++) {
      const next = await hrefOf(page, 'link[rel="next"]');
      expect(next).toBe(byDate[position]);
      expect(await hrefOf(page, 'nav.letter-sequence a[rel="next"]')).toBe(next);
      const label = await page.locator('nav.letter-sequence a[rel="next"]').textContent();
      await page.click('nav.letter-sequence a[rel="next"]');
      await page.waitForURL(next!);
      visited.add(next!);
      // The link named the letter it leads to: its correspondents and its date as the page states it.
      expect(label).toContain(await page.locator('.letter-metadata .date-statement').textContent());
      expect(await hrefOf(page, 'link[rel="prev"]')).toBe(byDate[position - 1]);
      expect(await hrefOf(page, 'nav.letter-sequence a[rel="prev"]')).toBe(byDate[position - 1]);
    }
    expect(await hrefOf(page, 'link[rel="next"]')).toBeUndefined();
    expect(await page.locator('nav.letter-sequence a[rel="next"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  }, 300_000);

  it('walks a correspondence from its correspondent\'s page by the correspondence links, pointers outside the sample reported and not followed', async () => {
    const page = await browser.newPage();
    await open(page, new URL('correspondents.html', server.url).href);
    const correspondents = await page.locator('ul.correspondents li').evaluateAll((items) => items.map((item) => ({ href: item.querySelector('a')!.href, letters: Number(/\((\d+) letters?\)/.exec(item.textContent!)![1]) })));
    // Escher writes or receives every letter; the correspondent with most letters after him has a correspondence with him.
    const [, busiest] = correspondents.sort((a, b) => b.letters - a.letters);
    expect(busiest!.letters).toBeGreaterThan(2);
    await open(page, busiest!.href);
    const letters = await page.locator('table.letter-list tbody tr td:last-child a').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
    expect(letters).toHaveLength(busiest!.letters);
    expect(await axeViolations(page)).toEqual([]);

    await open(page, letters[0]!);
    expect(await page.locator('.sequence-in-correspondence .sequence-previous').count()).toBe(0);
    const walked = [page.url()];
    for (let next = await hrefOf(page, '.sequence-in-correspondence .sequence-next a'); next; next = await hrefOf(page, '.sequence-in-correspondence .sequence-next a')) {
      await page.click('.sequence-in-correspondence .sequence-next a');
      await page.waitForURL(next);
      visited.add(next);
      expect(await hrefOf(page, '.sequence-in-correspondence .sequence-previous a')).toBe(walked.at(-1));
      walked.push(next);
    }
    expect(walked).toEqual(letters);
    // The correspondence links carry no rel: rel="prev"/"next" is the date order.
    expect(await page.locator('.sequence-in-correspondence a[rel]').count()).toBe(0);

    // K_0134 points to B0133 and B0135, letters not in the sample: reported as info, and its page links no such letter.
    expect(report).toMatch(/info\s+The correspContext ref type="previous" target="B0133" of K_0134 names no other letter of this edition/);
    await open(page, new URL('letters/K_0134/index.html', server.url).href);
    expect(await page.locator('a[href*="B0133"], a[href*="B0135"]').count()).toBe(0);
    expect(await hrefOf(page, 'link[rel="next"]')).toBeDefined();
  }, 300_000);

  it('leaves no link broken on the pages walked', async () => {
    const page = await browser.newPage();
    const targets = new Set<string>();
    for (const url of visited) {
      await page.goto(url);
      const hrefs = await page.locator('a[href], link[rel="prev"], link[rel="next"]').evaluateAll((elements) => elements.map((element) => (element as HTMLAnchorElement | HTMLLinkElement).href));
      for (const href of hrefs) if (href.startsWith(server.url)) targets.add(href);
    }
    expect(targets.size).toBeGreaterThan(visited.size);
    const broken: string[] = [];
    const pages = new Map<string, string>();
    for (const target of targets) {
      const [address, fragment] = target.split('#') as [string, string | undefined];
      if (!pages.has(address)) {
        const response = await page.request.get(address);
        if (!response.ok()) broken.push(`${target}: ${response.status()}`);
        pages.set(address, response.ok() ? await response.text() : '');
      }
      if (fragment && !pages.get(address)!.includes(`id="${decodeURIComponent(fragment)}"`)) broken.push(`${target}: no element with that id`);
    }
    expect(broken).toEqual([]);
  }, 300_000);
});
