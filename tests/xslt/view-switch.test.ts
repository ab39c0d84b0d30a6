/**
 * The letter page's switch between the reading and the diplomatic view
 * (issue 16, item 2): it says what the diplomatic view shows, counted, and
 * promises only what the letter has; a letter whose views are the same gets
 * no switch.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { transformLetter, type TransformContext } from '../../src/stages/transform.js';
import { BUNDLED_LETTER, ROOT, letterFromFile, parsedLetter, tei, testContext } from './helpers.js';

let context: TransformContext;

beforeAll(async () => {
  context = await testContext();
}, 300_000);

/** The letter page of a parsed letter. */
function letterPage(letter: Awaited<ReturnType<typeof parsedLetter>>): string {
  const result = transformLetter(letter, context);
  return result.outputs.find((output) => output.path === `letters/${letter.id}/index.html`)?.content ?? '';
}

/** The text of the elements with this class (tags removed). */
const texts = (html: string, className: string) =>
  [...html.matchAll(new RegExp(`<(p|span|label)[^>]*class="${className}"[^>]*>(.*?)</\\1>`, 'g'))].map((match) => match[2]!.replace(/<[^>]+>/g, ''));

describe('the view switch', () => {
  it('counts the source readings of the bundled letter and promises no deletions', async () => {
    const html = letterPage(await letterFromFile(BUNDLED_LETTER));
    expect(html).toContain('<label for="view-source">Diplomatic view (source readings: 11 places)</label>');
    expect(texts(html, 'source-only')).toContain('Diplomatic view: source readings: 11 places.');
    expect(html).not.toMatch(/deletion/i);
    // The switch is part of the text, before its first paragraph, so it can stay in view while the text scrolls.
    expect(html.indexOf('<p class="view-switch">')).toBeGreaterThan(html.indexOf('<section class="letter-text"'));
    expect(html.indexOf('<p class="view-switch">')).toBeLessThan(html.indexOf('<div class="text">'));
  });

  it('names deletions and additions where the letter has them, counting nested ones once', async () => {
    const html = letterPage(await letterFromFile(path.join(ROOT, 'tests', 'fixtures', 'encodings', 'deletions-and-additions.xml')));
    expect(html).toContain('<label for="view-source">Diplomatic view (source readings: 1 place; deletions: 3; additions marked: 1)</label>');
  });

  it('offers no switch when the two views are the same', async () => {
    const html = letterPage(await parsedLetter(tei({ body: '<p>Nothing was corrected here.</p>' }), 'plain.xml', 'plain'));
    expect(html).not.toContain('view-source');
    expect(html).not.toContain('class="view-switch"');
    expect(texts(html, 'view-note')).toEqual(['The text has no corrections, expansions, regularisations, deletions or additions: the source’s readings are the ones shown.']);
  });
});
