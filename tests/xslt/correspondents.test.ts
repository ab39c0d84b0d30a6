/**
 * Issue 16, item 5: the correspondents' pages (xslt/html/correspondents.xsl)
 * and the letter page's navigation (xslt/html/letter.xsl, parameter
 * `navigation`). A correspondent's page lists their letters by date in both
 * directions, with the other party; the letter page links its neighbours,
 * and leaves out a neighbour it has not, with no empty navigation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { transformEdition, transformLetter, type ParsedLetter, type TransformContext } from '../../src/stages/transform.js';
import { parsedLetter, tei, testContext } from './helpers.js';

let context: TransformContext;

/** A letter from `from` to `to` (persons with register keys) on `when` ('' for none). */
async function letter(id: string, from: string, to: string, when: string): Promise<ParsedLetter> {
  const person = (name: string) => `<persName key="${name.toLowerCase().replace(/ /g, '-')}">${name}</persName>`;
  const date = when ? `<date when="${when}"/>` : '';
  const text = tei({
    profile: `<correspDesc><correspAction type="sent">${person(from)}${date}</correspAction><correspAction type="received">${person(to)}</correspAction></correspDesc>`,
    body: '<p>Text.</p>',
  });
  return parsedLetter(text, `tei/${id}.xml`, id);
}

const row = (html: string) => [...html.matchAll(/<tr><td data-label="Date">(.*?)<\/td><td data-label="With">(.*?)<\/td><td><a href="([^"]*)"/g)].map((m) => [m[1], m[2]!.replace(/<[^>]+>/g, ''), m[3]]);

beforeAll(async () => {
  context = await testContext();
}, 300_000);

describe('the correspondents\' pages', () => {
  it('list a correspondent\'s letters by date in both directions, with the other party linked to their page', async () => {
    const letters = [
      await letter('reply', 'Berta Beispiel', 'Anna Muster', '1900-02-01'),
      await letter('undated', 'Carl Dritter', 'Anna Muster', ''),
      await letter('first', 'Anna Muster', 'Berta Beispiel', '1900-01-01'),
    ];
    const made = transformEdition(letters, context, ['correspondents']);
    expect(made.diagnostics).toEqual([]);
    const page = (file: string) => made.outputs.find((output) => output.path === file)?.content ?? '';
    expect(made.outputs.map((output) => output.path).sort()).toEqual(['correspondents.html', 'correspondents/anna-muster.html', 'correspondents/berta-beispiel.html', 'correspondents/carl-dritter.html']);

    const anna = page('correspondents/anna-muster.html');
    expect(anna).toContain('<h1>Letters of Anna Muster</h1>');
    expect(anna).toContain('3 letters: 1 written, 2 received.');
    expect(anna).toContain('<link rel="canonical" href="https://tei-edition.example.org/correspondents/anna-muster.html">');
    expect(row(anna)).toEqual([
      ['1 January 1900', 'to Berta Beispiel', '../letters/first/index.html'],
      ['1 February 1900', 'from Berta Beispiel', '../letters/reply/index.html'],
      ['undated', 'from Carl Dritter', '../letters/undated/index.html'],
    ]);
    expect(anna).toContain('<a href="carl-dritter.html">Carl Dritter</a>');
    expect(row(page('correspondents/carl-dritter.html'))).toEqual([['undated', 'to Anna Muster', '../letters/undated/index.html']]);

    const list = page('correspondents.html');
    expect([...list.matchAll(/<li><a class="correspondent" href="([^"]*)">([^<]*)<\/a> \((\d+) letters?\)/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ['correspondents/anna-muster.html', 'Anna Muster', '3'],
      ['correspondents/berta-beispiel.html', 'Berta Beispiel', '2'],
      ['correspondents/carl-dritter.html', 'Carl Dritter', '1'],
    ]);
  });
});

describe('the letter page\'s navigation', () => {
  const page = async (navigation?: string) => {
    const letterWithNavigation = { ...(await letter('reply', 'Berta Beispiel', 'Anna Muster', '1900-02-01')), ...(navigation ? { navigation } : {}) };
    return transformLetter(letterWithNavigation, context).outputs.find((output) => output.path === 'letters/reply/index.html')!.content;
  };

  it('links the neighbours by date (also as link rel) and in the correspondence, each by its correspondents and date', async () => {
    const html = await page(JSON.stringify({
      undated: false,
      previous: { id: 'first', label: 'Anna Muster to Berta Beispiel', date: '1 January 1900' },
      correspondence: { label: 'Berta Beispiel and Anna Muster', previous: { id: 'first', label: 'Anna Muster to Berta Beispiel', date: '1 January 1900' } },
    }));
    expect(html).toContain('<link rel="prev" href="../first/index.html" title="Anna Muster to Berta Beispiel, 1 January 1900">');
    expect(html).not.toContain('rel="next"');
    const nav = /<nav class="letter-sequence" aria-label="Other letters">(.*?)<\/nav>/s.exec(html)![1];
    expect(nav).toBe('<ul class="sequence-by-date"><li class="sequence-previous">Previous letter: <a rel="prev" href="../first/index.html">Anna Muster to Berta Beispiel, 1 January 1900</a></li></ul>'
      + '<p class="sequence-correspondence">Correspondence of Berta Beispiel and Anna Muster:</p>'
      + '<ul class="sequence-in-correspondence"><li class="sequence-previous">Previous: <a href="../first/index.html">Anna Muster to Berta Beispiel, 1 January 1900</a></li></ul>');
    expect(html).toContain('<span class="correspondent-page"> · <a href="../../correspondents/berta-beispiel.html" aria-label="all letters of Berta Beispiel">all letters</a></span>');
  });

  it('says that an undated letter stands after the dated ones', async () => {
    const html = await page(JSON.stringify({ undated: true, previous: { id: 'first', label: 'A to B', date: '1900' } }));
    expect(html).toContain('<p class="sequence-undated">This letter has no date: undated letters follow the dated ones, by file name.</p>');
  });

  it('has no navigation and no link rel without neighbours', async () => {
    for (const html of [await page(), await page(JSON.stringify({ undated: true }))]) {
      expect(html).not.toContain('letter-sequence');
      expect(html).not.toMatch(/rel="(prev|next)"/);
    }
  });
});
