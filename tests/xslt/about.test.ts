/**
 * "About this edition" (about.html): the editorial principles from the
 * letters' headers, each distinct text once, with the sources, the rights,
 * the editors, version and build date, and the downloads; linked from every
 * page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { transformEdition, transformLetter, type TransformContext } from '../../src/stages/transform.js';
import { BUNDLED_LETTER, letterFromFile, parsedLetter, testContext } from './helpers.js';

let context: TransformContext;

beforeAll(async () => {
  context = await testContext();
}, 300_000);

/** A letter whose header states a correction principle of its own. */
const otherLetter = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letter from A to B</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><bibl>A letter book, fol. 3</bibl></sourceDesc></fileDesc><encodingDesc><editorialDecl><correction><p>Slips of the pen are corrected silently.</p></correction></editorialDecl></encodingDesc></teiHeader><text><body><p>Words.</p></body></text></TEI>`;

async function aboutPage(letters: Awaited<ReturnType<typeof letterFromFile>>[]): Promise<{ about: string; pages: { path: string; content: string }[] }> {
  const parts = letters.map((letter) => ({ file: letter.file, id: letter.id, parts: transformLetter(letter, context).parts }));
  const { outputs } = transformEdition(parts, { ...context, params: { ...context.params, editors: ['Anna Adler'] } }, ['about', 'index', 'registers', 'search']);
  return { about: outputs.find((output) => output.path === 'about.html')!.content, pages: outputs.filter((output) => output.path.endsWith('.html')) };
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('about.html', () => {
  let bundled: Awaited<ReturnType<typeof aboutPage>>;

  beforeAll(async () => {
    bundled = await aboutPage([await letterFromFile(BUNDLED_LETTER)]);
  }, 120_000);

  it('states the principles of the bundled letter’s header under their headings', () => {
    const headings = [...bundled.about.matchAll(/<h3[^>]*>([^<]*)<\/h3>/g)].map((match) => match[1]);
    expect(headings).toEqual(['The project', 'What is encoded', 'Corrections', 'Normalisation', 'Hyphenation', 'Quotation marks', 'Punctuation', 'Segmentation', 'Identifications and tagging']);
    expect(text(bundled.about)).toContain('“lake the stand” → “take the stand”: misreading of t as l.');
    expect(bundled.about.match(/<li>/g)!.length).toBeGreaterThanOrEqual(11);
  });

  it('names the edition, its editors, version and build date, the source, both rights layers and the downloads', () => {
    const words = text(bundled.about);
    expect(words).toContain('edited by Anna Adler; version 0.1.0, built on 27 November 2026. 1 letter.');
    expect(words).toContain('To A. G. Shlyapnikov, Collected Works, vol. 35, Moscow: Progress Publishers, 1966, pp. 232–236');
    expect(words).toContain('Text: public domain');
    expect(words).toContain('Encoding and notes: tei-edition project, CC BY 4.0');
    for (const href of ['tei-corpus.xml', 'cmif.xml', 'oai/Identify.xml', 'CITATION.cff', '.zenodo.json']) expect(bundled.about).toContain(`href="${href}"`);
  });

  it('is linked from every page', () => {
    for (const page of bundled.pages) expect(page.content, page.path).toMatch(/<a href="(\.\.\/)*about\.html">About<\/a>/);
  });

  it('shows each distinct text once and says how many letters state a text that not all share', async () => {
    const bundledLetter = await letterFromFile(BUNDLED_LETTER);
    const { about } = await aboutPage([bundledLetter, { ...bundledLetter, id: 'copy', file: 'copy.xml' }, await parsedLetter(otherLetter, 'other.xml', 'other')]);
    const words = text(about);
    expect(words.match(/misreading of t as l/g)).toHaveLength(1);
    expect(words).toContain('Stated by 2 of 3 letters:');
    expect(words).toContain('Stated by 1 of 3 letters: Slips of the pen are corrected silently.');
    expect(words).toContain('A letter book, fol. 3 (1 letter)');
  });
});
