/**
 * Names on the letter page (issue 16, item 3): every mention carries the
 * class of its kind (person, group, place, organisation, work); the index of
 * names is grouped by kind in collapsible groups, one line a name, each line
 * holding the hidden facts the popover of assets/names.js shows (dates,
 * identification, certainty, authority records); every mention's link finds
 * its line. On the bundled letter, on small letters (names without entries,
 * certainty, no names at all) and on Escher letters with central registers.
 */
import path from 'node:path';
import { readdir, readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { letterRegisterExcerpt, loadCentralRegisters } from '../../src/registers/central-registers.js';
import { editionParams, transformLetter, type ParsedLetter, type TransformContext } from '../../src/stages/transform.js';
import { ESCHER_LETTERS, available } from '../helpers/fixtures.js';
import { BUILD_DATE, BUNDLED_LETTER, letterFromFile, parsedLetter, tei, testContext } from './helpers.js';

const KINDS = ['person', 'group', 'place', 'organisation', 'work'];

let context: TransformContext;

beforeAll(async () => {
  context = await testContext();
}, 300_000);

/** The letter page of a letter. */
function letterPage(letter: ParsedLetter, using: TransformContext = context): string {
  const result = transformLetter(letter, using);
  const page = result.outputs.find((output) => output.path === `letters/${letter.id}/index.html`);
  if (!page) throw new Error(`no letter page: ${JSON.stringify(result.diagnostics).slice(0, 500)}`);
  return page.content;
}

/** The start tags of the page's mentions (names with a mention id), by id. */
function mentionTags(page: string): Map<string, string> {
  return new Map([...page.matchAll(/<(?:a|span) class="(?:name|further-target)[^"]*"[^>]*\bid="(mention-[^"]+)"[^>]*>/g)].map((match) => [match[1]!, match[0]]));
}

const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** The lines of the index of names: the entry page's address, the line's markup. */
function indexLines(page: string): Map<string, string> {
  const lines = [...page.matchAll(/<li class="name-entry"[^>]*>.*?<\/li>/g)].map((match) => match[0]);
  return new Map(lines.map((line) => [attribute(/<a class="entry-page"[^>]*>/.exec(line)![0], 'href')!, line]));
}

/** What every page with names must hold: a kind on every mention, and a line with hidden facts for every mention's link. */
function expectEveryMentionExplained(page: string): void {
  const lines = indexLines(page);
  const tags = mentionTags(page);
  expect(tags.size).toBeGreaterThan(0);
  for (const [id, tag] of tags) {
    const kinds = (attribute(tag, 'class') ?? '').split(' ').filter((name) => name.startsWith('kind-'));
    expect(kinds.length, id).toBe(1);
    expect(KINDS, id).toContain(kinds[0]!.slice('kind-'.length));
    const href = attribute(tag, 'href');
    if (href === undefined) continue;
    expect(lines.get(href), `${id} → ${href}`).toMatch(/<dl class="name-facts" hidden="hidden">/);
  }
}

describe('names on the letter page', () => {
  it('marks every mention of the bundled letter with its kind and finds its facts in the grouped index of names', async () => {
    const page = letterPage(await letterFromFile(BUNDLED_LETTER));
    expectEveryMentionExplained(page);
    const tags = mentionTags(page);
    const kindOf = (id: string) => /kind-(\w+)/.exec(attribute(tags.get(id)!, 'class')!)![1];
    expect(['mention-shlyapnikov-1', 'mention-machists-1', 'mention-zurich-1', 'mention-rsdlp-2', 'mention-letopis-1', 'mention-nashe-slovo-1'].map(kindOf))
      .toEqual(['person', 'group', 'place', 'organisation', 'work', 'work']);

    const index = page.slice(page.indexOf('<section class="registers"'), page.indexOf('<aside class="how-to-cite"'));
    expect([...index.matchAll(/<details class="name-group"><summary>([^<]+)<\/summary>/g)].map((match) => match[1]))
      .toEqual(['Persons (24)', 'Groups (8)', 'Places (11)', 'Organisations (18)', 'Periodicals and works (10)']);
    // Closed at first: no group is open.
    expect(index).not.toMatch(/<details[^>]* open/);
    expect(index).toMatch(/<p class="names-key">In the text, names link to their register entries and are marked by kind: <span class="name-sample kind-person">persons<\/span>, <span class="name-sample kind-group">groups<\/span>/);

    const lines = indexLines(page);
    expect(lines.get('../../registers/persons.html#potresov')).toMatch(
      /^<li class="name-entry" id="potresov"><a class="entry-page" href="[^"]+">Potresov, A\. N\.<\/a> <span class="entry-dates">1869–1934<\/span> <span class="mention-count">3 mentions<\/span><dl class="name-facts" hidden="hidden"><dt>Dates<\/dt><dd>1869–1934<\/dd><dt>Occupation<\/dt><dd>Menshevik leader<\/dd><dt>Identification<\/dt><dd>Identified by CW note 6/);
    const yelizarova = lines.get('../../registers/persons.html#yelizarova')!;
    expect(yelizarova).toContain('<dt>Also named</dt><dd>James</dd>');
    expect(yelizarova).toContain('<dt>Certainty</dt><dd class="certainty">“James”: high</dd>');
    expect(yelizarova).toContain('<dt>Authority records</dt><dd><a class="authority" href="http://www.wikidata.org/entity/Q4174883">Wikidata Q4174883</a></dd>');
    expect(lines.get('../../registers/places.html#zurich')).toContain('<a class="authority" href="https://www.geonames.org/2657896">GeoNames 2657896</a>, <a class="authority" href="http://www.wikidata.org/entity/Q72">Wikidata Q72</a>');
    expect(lines.get('../../registers/organisations.html#mia')).toContain('<span class="mention-count">not in the text</span>');
    // The identification comes first; an entry that states no certainty has no certainty row.
    expect(lines.get('../../registers/persons.html#shlyapnikov')).toMatch(/<dt>Identification<\/dt><dd>“Belenin” is Shlyapnikov’s own party name/);
    expect(lines.get('../../registers/persons.html#trotsky')).not.toContain('Certainty');
    // A mention that states its own certainty carries it for the popover.
    expect(attribute(tags.get('mention-zinoviev-1')!, 'data-cert')).toBe('medium');
    expect(attribute(tags.get('mention-shlyapnikov-2')!, 'data-cert')).toBeUndefined();

    expect(page).toContain('<script src="../../assets/names.js" defer="defer"></script>');
    expect(Buffer.byteLength(page)).toBeLessThan(100_000);
  });

  it('lists names without register entries by the forms the letter uses, tells groups from persons, and states an entry’s certainty', async () => {
    const letter = await parsedLetter(tei({
      standOff: `<standOff><listPerson><person xml:id="anna"><persName>Muster, Anna</persName><birth notBefore="1801"/><death when="1870"/><note type="identification" cert="medium">Taken to be Anna Muster.</note></person><personGrp xml:id="friends"><persName>the Friends</persName></personGrp></listPerson></standOff>`,
      body: `<p><persName ref="#anna" cert="low">A.</persName> and <rs type="person" ref="#friends">the friends</rs> met <persName>Dora</persName>, <rs type="people" key="Jacobins">the Jacobins</rs> and <rs type="group" key="Jacobins">Jacobins</rs> in <placeName key="Zürich (Stadt)">Zurich</placeName>, reading <title ref="https://example.org/journal">The Journal</title> of <orgName>the Society</orgName>.</p>`,
    }), 'small.xml', 'small');
    const page = letterPage(letter);
    expectEveryMentionExplained(page);
    const tags = mentionTags(page);
    expect([...tags.values()].map((tag) => `${attribute(tag, 'id')} ${/kind-(\w+)/.exec(tag)![1]}`)).toEqual([
      'mention-anna-1 person', 'mention-friends-1 group', 'mention-Dora-1 person', 'mention-Jacobins-1 group', 'mention-Jacobins-2 group',
      'mention-Zurich-Stadt-1 place', 'mention-https-example-org-journal-1 work', 'mention-the-Society-1 organisation',
    ]);
    expect([...page.matchAll(/<summary>([^<]+)<\/summary>/g)].map((match) => match[1])).toEqual(['Persons (2)', 'Groups (2)', 'Places (1)', 'Organisations (1)', 'Periodicals and works (1)']);
    const lines = indexLines(page);
    expect(lines.get('../../registers/persons.html#anna')).toContain('<span class="entry-dates">1801–1870</span> <span class="mention-count">1 mention</span>');
    expect(lines.get('../../registers/persons.html#anna')).toContain('<dt>Certainty</dt><dd class="certainty">medium</dd>');
    expect(attribute(tags.get('mention-anna-1')!, 'data-cert')).toBe('low');
    expect(lines.get('../../registers/persons.html#Jacobins')).toMatch(/>Jacobins<\/a> <span class="mention-count">2 mentions<\/span><dl class="name-facts" hidden="hidden"><dt>Named in the letter<\/dt><dd>the Jacobins; Jacobins<\/dd><dt>Identification<\/dt><dd>Not in a register: named as the letter tags it\.<\/dd><\/dl>/);
    expect(lines.get('../../registers/places.html#Zurich-Stadt')).toContain('>Zürich (Stadt)</a>');
    expect(lines.get('../../registers/works.html#https-example-org-journal')).toContain('>The Journal</a>');
  });

  it('has no index of names, no popover script and no "Names" link on a page without names', async () => {
    const page = letterPage(await parsedLetter(tei({ body: '<p>Nobody is named here.</p>' }), 'none.xml', 'none'));
    expect(page).not.toContain('names.js');
    expect(page).not.toContain('class="registers"');
    expect(page).not.toContain('href="#registers-label"');
  });

  it.skipIf(!available.corpus)('finds the facts of every mention of Escher letters in their central registers', async () => {
    const escher = path.dirname(ESCHER_LETTERS);
    const registers = await loadCentralRegisters([path.join(escher, 'people', 'people.xml'), path.join(escher, 'places', 'places.xml')], { cwd: escher, key: 'n' });
    const keyed: TransformContext = { ...context, params: { ...editionParams({ ...DEFAULT_CONFIG, registerKey: 'n' }, BUILD_DATE) } };
    const files = (await readdir(ESCHER_LETTERS)).filter((file) => file.endsWith('.xml')).sort().slice(0, 6);
    let entries = 0;
    for (const file of files) {
      const text = await readFile(path.join(ESCHER_LETTERS, file), 'utf8');
      const letter = { ...(await letterFromFile(path.join(ESCHER_LETTERS, file))), registers: letterRegisterExcerpt(text, file, registers).excerpt };
      const page = letterPage(letter, keyed);
      if (mentionTags(page).size === 0) continue;
      expectEveryMentionExplained(page);
      entries += [...page.matchAll(/<dt>Identification<\/dt><dd>(?!Not in a register)/g)].length;
    }
    // The central registers' entries give the popovers their facts.
    expect(entries).toBeGreaterThan(0);
  }, 120_000);
});
