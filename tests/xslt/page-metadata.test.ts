/**
 * What reference managers and search engines read from the pages' heads:
 * Zotero's Embedded Metadata translator must save a letter page as a
 * letter, and every page has a description, Open Graph tags, a canonical
 * link, an icon and a title that is not cut inside a phrase.
 *
 * Zotero's rules, as its translators' source states them
 * (zotero/translators, "Embedded Metadata.js" and "RDF.js"):
 * 1. `<meta name="PREFIX.prop">` (also with ":" or "_") whose prefix is a
 *    known schema (dc = http://purl.org/dc/elements/1.1/ by default, or as
 *    a `<link rel="schema.DC">` declares; og = Open Graph, read from
 *    `property` too) becomes an RDF statement about the page.
 * 2. When there are such statements, the item type is RDF.js's detectType:
 *    the first of z:itemType, bib/bibo type, PRISM, eprints, og:type
 *    ("website" → webpage, "book", "video.*", "music.*"), dc:type (a value
 *    that is itself a Zotero item type, e.g. "letter"), schema.org type;
 *    only then the Highwire guess below, then the weak guesses (og:type
 *    "article" → journalArticle, dc:type "text" → journalArticle).
 * 3. Without such statements, the Highwire tags decide: citation_title
 *    alone makes a journal article.
 * 4. citation_date / DC.date give the date; citation_author / DC.creator the
 *    authors ("Family, Given" is split at the comma).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { transformEdition, transformLetter, type TransformContext } from '../../src/stages/transform.js';
import { BUNDLED_LETTER, letterFromFile, parsedLetter, testContext } from './helpers.js';

let context: TransformContext;

beforeAll(async () => {
  context = await testContext();
}, 300_000);

interface HeadTag {
  tag: 'meta' | 'link';
  name?: string;
  property?: string;
  content?: string;
  rel?: string;
  href?: string;
}

function headOf(html: string): { title: string; tags: HeadTag[] } {
  const head = /<head>([\s\S]*?)<\/head>/.exec(html)![1]!;
  const tags = [...head.matchAll(/<(meta|link)\s([^>]*)>/g)].map(([, tag, attributes]) => {
    const values: Record<string, string> = {};
    for (const [, key, value] of attributes!.matchAll(/([a-z-]+)="([^"]*)"/g)) values[key!] = value!.replaceAll('&amp;', '&');
    return { tag: tag as 'meta' | 'link', ...values };
  });
  return { title: /<title>([^<]*)<\/title>/.exec(head)![1]!, tags };
}

/** The item type Zotero's Embedded Metadata translator gives a page, by the rules above. */
function zoteroItemType(tags: readonly HeadTag[]): string {
  const dcPrefixes = new Set(['dc', ...tags.filter((tag) => tag.tag === 'link' && /^schema\./.test(tag.rel ?? '') && tag.href === 'http://purl.org/dc/elements/1.1/').map((tag) => tag.rel!.slice(7).toLowerCase())]);
  const statements = tags
    .filter((tag) => tag.tag === 'meta' && tag.content)
    .flatMap((tag) => {
      const key = tag.name ?? tag.property ?? '';
      const delimiter = key.search(/[.:_]/);
      const prefix = key.slice(0, delimiter).toLowerCase();
      const property = key.slice(delimiter + 1);
      if (dcPrefixes.has(prefix)) return [{ schema: 'dc', property: property.toLowerCase(), value: tag.content! }];
      if (prefix === 'og') return [{ schema: 'og', property, value: tag.content! }];
      return [];
    });
  const highwireGuess = tags.some((tag) => tag.name === 'citation_journal_title') ? 'journalArticle' : tags.some((tag) => tag.name === 'citation_title') ? 'journalArticle' : undefined;
  if (statements.length === 0) return highwireGuess ?? 'webpage';
  const ogType = statements.find((s) => s.schema === 'og' && s.property === 'type')?.value;
  const ogStrong = ogType === 'website' ? 'webpage' : ogType === 'book' ? 'book' : /^video\./.test(ogType ?? '') ? 'videoRecording' : /^music\./.test(ogType ?? '') ? 'audioRecording' : undefined;
  const zoteroItemTypes = new Set(['letter', 'manuscript', 'book', 'bookSection', 'journalArticle', 'webpage', 'document', 'report', 'thesis']);
  const dcType = statements.find((s) => s.schema === 'dc' && s.property === 'type')?.value;
  const dcStrong = dcType && zoteroItemTypes.has(dcType) ? dcType : undefined;
  return ogStrong ?? dcStrong ?? highwireGuess ?? (ogType === 'article' ? 'journalArticle' : 'webpage');
}

const meta = (tags: readonly HeadTag[], key: string) => tags.filter((tag) => tag.name === key || tag.property === key).map((tag) => tag.content);

describe('the bundled letter page', () => {
  let page: { title: string; tags: HeadTag[] };

  beforeAll(async () => {
    const made = transformLetter(await letterFromFile(BUNDLED_LETTER), context);
    page = headOf(made.outputs.find((output) => output.path.endsWith('/index.html'))!.content);
  }, 120_000);

  it('is saved by Zotero as a letter, not a journal article', () => {
    expect(zoteroItemType(page.tags)).toBe('letter');
    expect(meta(page.tags, 'DC.type')).toEqual(['letter']);
  });

  it('the model of Zotero’s rules tells a journal article from a letter (without DC.type, citation_title decides)', () => {
    expect(zoteroItemType(page.tags.filter((tag) => !(tag.name ?? '').startsWith('DC.')))).toBe('journalArticle');
    expect(zoteroItemType([...page.tags.filter((tag) => tag.property !== 'og:type'), { tag: 'meta', property: 'og:type', content: 'website' }])).toBe('webpage');
  });

  it('carries the Dublin Core fields Zotero reads, beside the citation_* tags', () => {
    expect(meta(page.tags, 'DC.title')).toEqual(['Letter from V. I. Lenin to A. G. Shlyapnikov, later than 3 October 1916']);
    expect(meta(page.tags, 'DC.creator')).toEqual(['Lenin, V. I.']);
    expect(meta(page.tags, 'DC.date')).toEqual(['1916']);
    expect(meta(page.tags, 'DC.publisher')).toEqual(['tei-edition project']);
    expect(meta(page.tags, 'DC.rights')[0]).toMatch(/^Text: public domain .*Marxists Internet Archive.*Encoding and notes: tei-edition project, CC BY 4\.0/);
    expect(page.tags).toContainEqual({ tag: 'link', rel: 'schema.DC', href: 'http://purl.org/dc/elements/1.1/' });
  });

  it('has a whole title, a description, Open Graph tags, a canonical link and an icon', () => {
    expect(page.title).toBe('V. I. Lenin to A. G. Shlyapnikov, later than 3 October 1916');
    expect(meta(page.tags, 'description')[0]).toMatch(/^Letter from V\. I\. Lenin \(Zurich\) to A\. G\. Shlyapnikov \(Stockholm\), later than 3 October 1916\./);
    expect(meta(page.tags, 'og:url')).toEqual(['https://tei-edition.example.org/letters/lenin-to-shlyapnikov-1916-10/']);
    expect(meta(page.tags, 'og:type')).toEqual(['article']);
    expect(page.tags.filter((tag) => tag.rel === 'canonical').map((tag) => tag.href)).toEqual(['https://tei-edition.example.org/letters/lenin-to-shlyapnikov-1916-10/']);
    expect(page.tags.find((tag) => tag.rel === 'icon')?.href).toMatch(/^data:image\/svg\+xml,/);
  });
});

const letterDated = (date: string) =>
  `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letter from A to B</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc><profileDesc><correspDesc><correspAction type="sent"><persName>Anna Adler</persName>${date}</correspAction><correspAction type="received"><persName>Bert Berg</persName></correspAction></correspDesc></profileDesc></teiHeader><text><body><p>Words.</p></body></text></TEI>`;

describe('citation_date and DC.date', () => {
  it.each([
    ['<date when="1850-03-07"/>', '1850/03/07', '1850-03-07'],
    ['<date notBefore="1850-03-02" notAfter="1850-03-20"/>', '1850/03', '1850-03'],
    // Across two years, the earliest bound's year: a meta tag holds one date, not a range.
    ['<date notBefore="1850-03-02" notAfter="1851-01-20"/>', '1850', '1850'],
    ['<date notBefore="1850-03-02"/>', '1850', '1850'],
  ])('%s gives the day and month when known: %s', async (date, citationDate, dcDate) => {
    const made = transformLetter(await parsedLetter(letterDated(date), 'dated.xml', 'dated'), context);
    const { tags } = headOf(made.outputs.find((output) => output.path.endsWith('/index.html'))!.content);
    expect(meta(tags, 'citation_date')).toEqual([citationDate]);
    expect(meta(tags, 'DC.date')).toEqual([dcDate]);
  });
});

describe('every page', () => {
  it('has a title within 70 characters, cut between phrases, a description, Open Graph tags, a canonical link and an icon', async () => {
    // A long edition title, as the bundled edition's, so that page titles must be cut.
    const longTitled = { ...context, params: { ...context.params, editionTitle: 'Letters of V. I. Lenin: a tei-edition sample edition' } };
    const letter = await letterFromFile(BUNDLED_LETTER);
    const made = transformLetter(letter, longTitled);
    const edition = transformEdition([{ file: letter.file, id: letter.id, parts: made.parts }], longTitled, ['index', 'registers', 'search']);
    const pages = [...made.outputs, ...edition.outputs].filter((output) => output.path.endsWith('.html') && !output.path.endsWith('diplomatic.html'));
    expect(pages.map((page) => page.path).sort()).toEqual(['index.html', 'letters/lenin-to-shlyapnikov-1916-10/index.html', 'registers/organisations.html', 'registers/persons.html', 'registers/places.html', 'registers/works.html', 'search.html']);
    for (const page of pages) {
      const { title, tags } = headOf(page.content);
      expect(title.length, page.path).toBeLessThanOrEqual(70);
      expect(title, page.path).not.toMatch(/…$/);
      expect(meta(tags, 'description')[0], page.path).toBeTruthy();
      for (const property of ['og:title', 'og:description', 'og:type', 'og:url', 'og:site_name']) expect(meta(tags, property).length, `${page.path} ${property}`).toBe(1);
      const canonical = tags.filter((tag) => tag.rel === 'canonical').map((tag) => tag.href);
      expect(canonical, page.path).toEqual([`https://tei-edition.example.org/${page.path.replace(/index\.html$/, '')}`]);
      expect(tags.filter((tag) => tag.rel === 'icon').length, page.path).toBe(1);
    }
    const works = headOf(pages.find((page) => page.path === 'registers/works.html')!.content);
    expect(works.title).toBe('Periodicals and works – Letters of V. I. Lenin');
  });
});
