/**
 * Names on the letter page in a real browser (Debian's Chromium through
 * playwright-core, as in website.test.ts), against the bundled edition
 * served by `tei-edition serve`: a name's popover (assets/names.js) opened
 * by keyboard and by mouse, in the reading and the diplomatic view, with
 * the entry's normalised name, dates, certainty and authority records,
 * closed by Escape, its button or a click outside, its entry link leading
 * to the register entry; modified clicks and the page without JavaScript
 * keep the link to the entry page; the kinds of names told apart without
 * colour; the index of names grouped, collapsible and printed open; axe-core
 * with the panel open at 1280 and 375 px. Skipped where Chromium is not
 * installed.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, openBrowser, useServedEdition } from '../helpers/browser.js';
import { available } from '../helpers/fixtures.js';

const ROOT = path.resolve(__dirname, '../..');
const LETTER = 'letters/lenin-to-shlyapnikov-1916-10/index.html';

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe.skipIf(!available.chromium)('names on the letter page in Chromium', () => {
  const session = useServedEdition(ROOT, 'tei-edition-names-');
  const letterUrl = (hash = '') => new URL(LETTER + hash, session.server.url).href;

  it('opens a name’s popover by keyboard with its facts, closes it with Escape back on the name, and reaches the entry page from it', async () => {
    const page = await session.browser.newPage();
    await page.goto(letterUrl());
    // "James" follows "Belenin" in the text: Tab reaches it.
    await page.focus('a#mention-shlyapnikov-4');
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('mention-yelizarova-1');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Yelizarova, Anna' });
    await panel.waitFor();
    expect(page.url()).toBe(letterUrl());
    expect(await page.evaluate(() => document.querySelector('.name-panel')!.contains(document.activeElement))).toBe(true);
    expect(await panel.locator('dl').innerText()).toMatch(/Also named\s+James/);
    expect(await panel.locator('dl').innerText()).toMatch(/Certainty\s+“James”: high/);
    expect(await panel.getByRole('link', { name: 'Wikidata Q4174883' }).getAttribute('href')).toBe('http://www.wikidata.org/entity/Q4174883');
    await page.keyboard.press('Escape');
    expect(await page.locator('.name-panel').count()).toBe(0);
    expect(await activeId(page)).toBe('mention-yelizarova-1');

    // Dates, and the certainty a mention states of itself.
    await page.click('a#mention-potresov-1');
    expect(await page.getByRole('dialog', { name: 'Potresov, A. N.' }).locator('dl').innerText()).toMatch(/Dates\s+1869–1934[\s\S]*Certainty\s+not stated/);
    await page.click('a#mention-zinoviev-1');
    expect(await page.locator('.name-panel').count()).toBe(1);
    expect(await page.getByRole('dialog', { name: 'Zinoviev, G. Y.' }).locator('dl').innerText()).toMatch(/Certainty here\s+“Grigory”: medium/);

    // Tab from the panel's button reaches its entry link; Enter follows it to the register entry.
    await page.focus('.name-panel-close');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Entry page');
    await page.keyboard.press('Enter');
    await page.waitForURL(/registers\/persons\.html#zinoviev$/);
    expect(await page.locator(':target h2').textContent()).toBe('Zinoviev, G. Y.');
    await page.close();
  }, 60_000);

  it('closes by its button, by a click outside and by a second click on the name, keeps modified clicks as links, and works in the diplomatic view', async () => {
    const page = await session.browser.newPage();
    await page.goto(letterUrl());
    await page.click('a#mention-spain-1');
    await page.getByRole('dialog', { name: 'Spain' }).getByRole('button', { name: 'Close' }).click();
    expect(await page.locator('.name-panel').count()).toBe(0);
    expect(await activeId(page)).toBe('mention-spain-1');
    await page.click('a#mention-spain-1');
    await page.mouse.click(5, 5);
    expect(await page.locator('.name-panel').count()).toBe(0);

    // A click on the words inside a name (here a name within a work's title) opens the work's panel; a second click closes it.
    await page.click('#mention-pyatakov-1');
    expect(await page.getByRole('dialog', { name: 'Reply to P. Kievsky (Y. Pyatakov)' }).isVisible()).toBe(true);
    await page.click('#mention-pyatakov-1');
    expect(await page.locator('.name-panel').count()).toBe(0);
    expect(await activeId(page)).toBe('mention-reply-to-kievsky-1');

    const [opened] = await Promise.all([session.browser.waitForEvent('page'), page.click('a#mention-spain-1', { modifiers: ['Control'] })]);
    await opened!.waitForLoadState();
    expect(opened!.url()).toMatch(/registers\/places\.html#spain$/);
    await opened!.close();
    expect(await page.locator('.name-panel').count()).toBe(0);

    await page.goto(letterUrl('#diplomatic'));
    await page.click('a#mention-letopis-1');
    expect(await page.getByRole('dialog', { name: 'Letopis' }).isVisible()).toBe(true);
    expect(page.url()).toBe(letterUrl('#diplomatic'));
    await page.close();
  }, 60_000);

  it('fits the panel into a 375 px viewport and has no serious or critical axe-core violations with it open at 1280 and 375 px', async () => {
    const page = await session.browser.newPage();
    const found: Record<string, unknown> = {};
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(letterUrl());
      await page.click('a#mention-shlyapnikov-9');
      const box = (await page.locator('.name-panel').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      found[width] = await axeViolations(page);
    }
    expect(found).toEqual({ 1280: [], 375: [] });
    await page.close();
  }, 60_000);

  it('tells the kinds of names apart without colour, and apart from corrections', async () => {
    const page = await session.browser.newPage();
    await page.goto(letterUrl());
    const looks = await page.evaluate(() => Object.fromEntries(['person', 'group', 'place', 'organisation', 'work'].map((kind) => {
      const style = getComputedStyle(document.querySelector(`.letter-text a.name.kind-${kind}`)!);
      return [kind, `${style.textDecorationLine} ${style.textDecorationStyle} ${style.fontStyle}`];
    })));
    expect(new Set(Object.values(looks)).size).toBe(5);
    const correction = await page.evaluate(() => {
      const style = getComputedStyle(document.querySelector('.letter-text .corr')!);
      return `${style.textDecorationLine} ${style.borderBottomStyle}`;
    });
    expect(correction).toBe('none dotted');
    expect(await page.locator('.names-key').innerText()).toMatch(/persons, groups, places, organisations and works; corrections are marked °/);
    await page.close();
  }, 60_000);

  it('groups the index of names by kind, closed, one line a name, and prints it open', async () => {
    const page = await session.browser.newPage();
    await page.goto(letterUrl());
    const groups = page.locator('.registers details.name-group');
    expect(await groups.locator('summary').allTextContents()).toEqual(['Persons (24)', 'Groups (8)', 'Places (11)', 'Organisations (18)', 'Periodicals and works (10)']);
    expect(await page.locator('#potresov').isVisible()).toBe(false);
    await groups.first().locator('summary').click();
    expect(await page.locator('#potresov').innerText()).toBe('Potresov, A. N. 1869–1934 3 mentions');
    const line = (await page.locator('#potresov').boundingBox())!;
    expect(line.height).toBeLessThan(40);

    await page.goto(letterUrl());
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#nogin a.entry-page').isVisible()).toBe(true);
    expect(await page.locator('#nogin .name-facts').isVisible()).toBe(false);
    await page.close();
  }, 60_000);

  it('leads from a name to its entry page without JavaScript', async () => {
    const noScript = await openBrowser(session.folder, { javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(letterUrl());
      await page.click('a#mention-yelizarova-1');
      await page.waitForURL(/registers\/persons\.html#yelizarova$/);
      expect(await page.locator(':target h2').textContent()).toBe('Yelizarova, Anna');
    } finally {
      await noScript.close();
    }
  }, 60_000);
});
