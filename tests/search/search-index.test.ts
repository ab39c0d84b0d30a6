/**
 * The search index: what its documents hold (a passage its own text only,
 * never its letter's title; register entries with their names; the letters
 * in date order with the filters' values), how words are folded on both
 * sides (accents, special letters, quotes and apostrophes), how results
 * rank (a register entry found by its name first), and the index check.
 */
import { describe, expect, it } from 'vitest';
import MiniSearch from 'minisearch';
import type { Output } from '../../src/output.js';
import { checkSearchIndex } from '../../src/check/search-index.js';
import { transformEdition, transformLetter, type ParsedLetter } from '../../src/stages/transform.js';
import { buildSearchIndex, searchTerms, SEARCH_OPTIONS, type SearchIndexFile } from '../../src/search/search-index.js';
import { parsedLetter, tei, testContext } from '../xslt/helpers.js';

const letterText = (id: string, options: { date: string; sender: string; title: string; body: string }) => tei({
  header: '',
  profile: `<correspDesc><correspAction type="sent"><persName ref="#anna">${options.sender}</persName><date when="${options.date}"/></correspAction><correspAction type="received"><persName>Berta</persName></correspAction></correspDesc>`,
  standOff: `<standOff><listPerson><person xml:id="anna"><persName>Muster, Anna</persName><persName type="pseudonym">Ännchen</persName><note>Writes from Zürich.</note></person><person xml:id="carl"><persName>Carl</persName></person></listPerson></standOff>`,
  body: options.body,
}).replace('<title>Test letter</title>', `<title>${options.title}</title>`).replace('<TEI ', `<TEI xml:id="${id}" `);

async function indexOf(letters: ParsedLetter[]): Promise<{ file: SearchIndexFile; outputs: Map<string, Output> }> {
  const context = await testContext();
  const outputs: Output[] = [];
  for (const letter of letters) outputs.push(...transformLetter(letter, context).outputs);
  const documents = transformEdition(letters, context, ['search-index', 'registers']);
  expect(documents.diagnostics).toEqual([]);
  outputs.push(...documents.outputs);
  const byPath = new Map(outputs.map((output) => [output.path, output]));
  return { file: JSON.parse(byPath.get('search-index.json')!.content) as SearchIndexFile, outputs: byPath };
}

function loaded(file: SearchIndexFile): MiniSearch {
  const { tokenize, processTerm } = searchTerms();
  return MiniSearch.loadJS(file.index as Parameters<typeof MiniSearch.loadJS>[0], { ...file.options, tokenize, processTerm });
}

describe('the words of the search', () => {
  const { fold, tokenize, processTerm, words } = searchTerms();

  it('folds accents, special letters, ligatures, quotation marks and apostrophes, and lower case', () => {
    expect(fold('Zürich')).toBe(fold('Zurich'));
    expect(fold('ZÜRICH')).toBe('zurich');
    expect(fold('Straße')).toBe('strasse');
    expect(fold('Søren Łódź')).toBe('soren lodz');
    expect(fold('ﬁle ſo')).toBe('file so');
    expect(fold('Belenin’s wife')).toBe(fold("Belenin's wife"));
    expect(fold('Lʼvov ‘x’ “y” „z“ «w»')).toBe(`l'vov 'x' "y" "z" "w"`);
  });

  it('splits at spaces and punctuation, both apostrophes alike, and processes words as the index does', () => {
    expect(tokenize('Don’t go—Zürich, 1916!').map(processTerm).filter(Boolean)).toEqual(['don', 't', 'go', 'zurich', '1916']);
    expect(tokenize("Don't").map(processTerm)).toEqual(tokenize('Donʼt').map(processTerm));
    expect(processTerm('\u0301')).toBeNull();
    expect(words('So, Zürich.')).toEqual([{ start: 0, end: 2, term: 'so' }, { start: 4, end: 10, term: 'zurich' }]);
  });
});

describe('search index', () => {
  it('holds each passage with its own text and letter, never the letter title; register entries with their names; letters in date order', async () => {
    const later = await parsedLetter(letterText('later', { date: '1851-03-01', sender: 'Anna', title: 'Letter about Hamburg', body: '<p>To <persName ref="#carl">Carl</persName> in Zürich.<note n="1">About Carl’s house.</note></p><p>Nothing here.</p>' }), 'later.xml', 'later');
    const earlier = await parsedLetter(letterText('earlier', { date: '1850-02-01', sender: 'Ännchen', title: 'Letter about Bern', body: '<p>From Zurich to Bern.</p>' }), 'earlier.xml', 'earlier');
    const { file, outputs } = await indexOf([later, earlier]);

    expect(file.version).toBe(2);
    expect(file.options).toEqual(SEARCH_OPTIONS);
    expect(file.letters.map((letter) => [letter.url, letter.title, letter.year, letter.notes])).toEqual([
      ['letters/earlier/index.html', 'Letter about Bern', '1850', 0],
      ['letters/later/index.html', 'Letter about Hamburg', '1851', 1],
    ]);
    expect(file.years).toEqual(['1850', '1851']);
    expect(file.correspondents).toEqual(['Anna', 'Ännchen', 'Berta']);

    const search = loaded(file);
    const all = search.search(MiniSearch.wildcard);
    // No passage is found by its letter's title: "Hamburg" is only there.
    expect(search.search('Hamburg')).toEqual([]);
    for (const result of all.filter((document) => document['kind'] !== 'register')) {
      expect(result['title']).toBeUndefined();
      expect(file.letters[result['letter'] as number]).toBeDefined();
    }
    const nothing = all.find((result) => result['url'] === 'letters/later/index.html#p2')!;
    expect([nothing['kind'], nothing['text'], nothing['letter'], nothing['place']]).toEqual(['letter', 'Nothing here.', 1, 'para. 2']);

    // Accents fold in both directions, and the register entry names and describes the person.
    const zurich = (query: string) => search.search(query).map((result) => result['url']).sort();
    expect(zurich('Zurich')).toEqual(['letters/earlier/index.html#p1', 'letters/later/index.html#p1', 'registers/persons.html#anna']);
    expect(zurich('ZÜRICH')).toEqual(zurich('Zurich'));
    const anna = all.find((result) => result['url'] === 'registers/persons.html#anna')!;
    expect(anna['kind']).toBe('register');
    expect(anna['title']).toBe('Muster, Anna');
    expect(anna['text']).toBe('Muster, Anna · Ännchen · Anna · Writes from Zürich.');
    expect(search.search('annchen').map((result) => result['url'])).toEqual(['registers/persons.html#anna']);
    expect(search.search('Carl’s').map((result) => result['url'])).toEqual(search.search("Carl's").map((result) => result['url']));

    expect(await checkSearchIndex(outputs.get('search-index.json')!.content, 'search-index.json', { outputsByPath: outputs, idsOf: async () => new Set(['p1', 'p2', 'note-1', 'anna', 'carl', 'Berta']) })).toEqual([]);
  }, 300_000);

  it('ranks the register entry found by its name above one that only mentions it, and above passages, when names are boosted as the search page does', async () => {
    const index = buildSearchIndex(JSON.stringify({
      letters: [{ url: 'letters/a/index.html', title: 'Shlyapnikov’s letter', date: '1916', year: '1916', correspondents: [] }],
      documents: [
        { kind: 'letter', letter: 0, place: 'para. 1', url: 'letters/a/index.html#p1', text: 'Shlyapnikov wrote to Shlyapnikov about Shlyapnikov.' },
        { kind: 'register', title: 'Katin', place: 'Persons', url: 'registers/persons.html#katin', names: 'Katin', text: 'Katin · Named in a letter to Shlyapnikov, who did not know him.' },
        { kind: 'register', title: 'Shlyapnikov, A. G.', place: 'Persons', url: 'registers/persons.html#shlyapnikov', names: 'Shlyapnikov, A. G. · Belenin', text: 'Shlyapnikov, A. G. · Belenin · Metalworker, Bolshevik.' },
      ],
    }));
    const search = loaded(JSON.parse(index) as SearchIndexFile);
    const ranked = search.search('Shlyapnikov', { boost: { names: 3 } });
    expect(ranked[0]!['url']).toBe('registers/persons.html#shlyapnikov');
    expect(ranked.filter((result) => result['kind'] === 'register').map((result) => result['url'])).toEqual(['registers/persons.html#shlyapnikov', 'registers/persons.html#katin']);
  });

  it('is checked for passages that name no letter and for letters and results that lead nowhere', async () => {
    const outputs = new Map<string, Output>();
    const broken = buildSearchIndex(JSON.stringify({
      letters: [{ url: 'letters/a/index.html', title: 't', date: '', year: '', correspondents: [] }],
      documents: [{ kind: 'letter', letter: 0, place: 'para. 9', url: 'letters/a/index.html#p9', text: 'x' }],
    }));
    const findings = await checkSearchIndex(broken, 'search-index.json', { outputsByPath: outputs, idsOf: async () => new Set(['p1']) });
    expect(findings.map((finding) => finding.message)).toEqual([
      'Search result: The href "letters/a/index.html#p9" points to letters/a/index.html, which the build does not write.',
      'Search result: The href "letters/a/index.html" points to letters/a/index.html, which the build does not write.',
    ]);
    const orphan = buildSearchIndex(JSON.stringify({ letters: [], documents: [{ kind: 'note', letter: 3, place: 'note 1', url: 'letters/a/index.html#note-1', text: 'x' }] }));
    expect((await checkSearchIndex(orphan, 'search-index.json', { outputsByPath: outputs, idsOf: async () => new Set() })).map((finding) => finding.message)).toEqual([
      'The search index\'s passage letters/a/index.html#note-1 names letter 3, which is not in its list of 0 letters.',
    ]);
    expect((await checkSearchIndex(JSON.stringify({ format: 'tei-edition-search', version: 1, correspondents: [], years: [] }), 'search-index.json', { outputsByPath: outputs, idsOf: async () => new Set() })).map((finding) => finding.ruleId)).toEqual(['check/search-index']);
  });
});
