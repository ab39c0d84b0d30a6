/**
 * Register pages and mentions over small letters: entries
 * from registers and from names alone (grouped by @ref, @key or text), which
 * names are mentions, every mention linked both ways, letters merged under
 * one entry, authority links and empty registers (the search index has its
 * own tests in tests/search/).
 */
import { describe, expect, it } from 'vitest';
import type { Output } from '../../src/output.js';
import { checkOutputs } from '../../src/stages/check.js';
import { transformEdition, transformLetter, type ParsedLetter } from '../../src/stages/transform.js';
import { parsedLetter, tei, testContext } from './helpers.js';

const SITE = ['index', 'assets', 'registers', 'correspondents', 'about', 'search', 'search-index', 'search-script', 'search-terms', 'search-library', 'names-script', 'tei-corpus', 'cmif', 'oai-pmh', 'citation-cff', 'zenodo'];

const withRegister = (id: string, date: string, body: string) => tei({
  profile: `<correspDesc><correspAction type="sent"><persName ref="#anna">Anna</persName><date when="${date}"/></correspAction><correspAction type="received"><persName key="Berta B.">Berta</persName></correspAction></correspDesc>`,
  standOff: `<standOff><listPerson><person xml:id="anna"><persName>Muster, Anna</persName><idno type="URI">https://example.org/person/anna</idno><note>Identified by the signature.</note></person><person xml:id="carl"><persName>Carl</persName></person></listPerson></standOff>`,
  body: body.replace('ID', id),
});

async function site(letters: ParsedLetter[]): Promise<{ outputs: Map<string, Output>; diagnostics: unknown[] }> {
  const context = await testContext();
  const outputs: Output[] = [];
  for (const letter of letters) outputs.push(...transformLetter(letter, context).outputs);
  const edition = transformEdition(letters, context, SITE);
  outputs.push(...edition.outputs);
  const byPath = new Map(outputs.map((output) => [output.path, output]));
  // The pages, the search index and the scripts: what this test is about (the citation files have tests of their own).
  const checked = await checkOutputs(outputs.filter((output) => ['text/html', 'application/json', 'text/javascript'].includes(output.mediaType)), { letterFile: 'tei', outputsByPath: byPath });
  return { outputs: byPath, diagnostics: [...edition.diagnostics, ...checked.filter((d) => d.severity === 'error')] };
}

const page = (outputs: Map<string, Output>, path: string) => outputs.get(path)?.content ?? '';

describe('register pages and mentions', () => {
  it('lists entries and names, links every mention both ways, and merges letters under one entry in date order', async () => {
    const first = await parsedLetter(withRegister('a', '1850-02-01', `<p>To <persName ref="#carl">Carl</persName> in <placeName key="Zürich (Stadt)">Zürich</placeName>, <placeName key="Zürich (Stadt)">Zurich</placeName>.</p>
      <p>Also <persName ref="#carl">Carl</persName><note n="1">Carl is <persName ref="#carl">C.</persName> <persName>Dora</persName>.</note>; <del><persName ref="#carl">crossed</persName></del>; <choice><abbr><persName ref="#carl">C</persName>.</abbr><expan>Carl</expan></choice>.</p>`), 'a.xml', 'a');
    const second = await parsedLetter(withRegister('b', '1849-12-24', '<p><persName ref="#carl">Carl</persName> and <title level="j" ref="https://example.org/journal">The Journal</title>.</p>'), 'b.xml', 'b');
    const { outputs, diagnostics } = await site([first, second]);
    expect(diagnostics.map((d) => JSON.stringify(d).slice(0, 300))).toEqual([]);

    const persons = page(outputs, 'registers/persons.html');
    // Sorted by name: "Berta B." (a key), "Carl", "Dora" (text only), "Muster, Anna".
    expect([...persons.matchAll(/<article class="register-entry" id="([^"]+)"/g)].map((match) => match[1])).toEqual(['Berta-B', 'carl', 'Dora', 'anna']);
    const carl = persons.slice(persons.indexOf('id="carl"'), persons.indexOf('id="Dora"'));
    expect(carl).toContain('4 mentions:');
    expect(carl.indexOf('letters/b/index.html')).toBeLessThan(carl.indexOf('letters/a/index.html'));
    expect([...carl.matchAll(/href="([^"]+)"[^>]*>([^<]+)</g)].map((match) => `${match[1]} ${match[2]}`)).toEqual([
      '../letters/b/index.html Test letter', '../letters/b/index.html#mention-carl-1 para. 1',
      '../letters/a/index.html Test letter', '../letters/a/index.html#mention-carl-1 para. 1', '../letters/a/index.html#mention-carl-2 para. 2',
      '../letters/a/index.html#mention-carl-3 note 1',
    ]);
    const anna = persons.slice(persons.indexOf('id="anna"'));
    expect(anna).toContain('<dd class="identification">Identified by the signature.</dd>');
    expect(anna).toContain('<a class="authority" href="https://example.org/person/anna">');
    expect(anna).toContain('>sender</a>');
    expect(persons).toContain('Not in a register: grouped by the name as the letters tag it (its key).');

    const letter = page(outputs, 'letters/a/index.html');
    expect(letter).toContain('<a class="name persName kind-person" id="mention-carl-1" href="../../registers/persons.html#carl">Carl</a>');
    expect(letter).toContain('<a class="name kind-person" id="mention-anna-1" href="../../registers/persons.html#anna">Anna</a>');
    expect(letter).not.toContain('mention-carl-4');
    const places = page(outputs, 'registers/places.html');
    expect(places).toContain('id="Zurich-Stadt"');
    expect(places).toContain('<dd>Zürich; Zurich</dd>');
    expect(page(outputs, 'registers/works.html')).toContain('<a class="authority" href="https://example.org/journal">');
    expect(page(outputs, 'registers/organisations.html')).toContain('There is no register of organisations in this edition');
  });

  it('lists letters by date and by correspondent on the index page', async () => {
    const later = await parsedLetter(withRegister('a', '1850-02-01', '<p>x</p>'), 'a.xml', 'a');
    const earlier = await parsedLetter(withRegister('b', '1849-12-24', '<p>y</p>'), 'b.xml', 'b');
    const { outputs } = await site([later, earlier]);
    const index = page(outputs, 'index.html');
    expect(index.indexOf('24 December 1849')).toBeLessThan(index.indexOf('1 February 1850'));
    expect(index).toContain('<a class="correspondent" href="registers/persons.html#anna">Muster, Anna</a>');
    expect(index).toContain('<a class="correspondent" href="registers/persons.html#Berta-B">Berta</a>');
  });
});
