/**
 * The letter's identifications: every pseudonym mention resolves to the
 * person it names, every identification states its certainty and basis,
 * every authority identifier is a full URI of a known authority file, and
 * the register corrections hold.
 */
import { describe, expect, it } from 'vitest';
import { childrenNamed, elementsOf, loadLetter, onlyChild, textContent, type XmlElement } from './reading-text.js';

const tei = loadLetter();
const standOff = onlyChild(tei, 'standOff');
const text = onlyChild(tei, 'text');
const entries = elementsOf(standOff).filter((element) => ['person', 'personGrp', 'place', 'org', 'bibl'].includes(element.name));
const entryById = new Map(entries.map((entry) => [entry.attributes['xml:id'] ?? '', entry]));

function entryOf(mention: XmlElement): XmlElement | undefined {
  return entryById.get((mention.attributes['ref'] ?? '').replace(/^#/, ''));
}

function namesOf(entry: XmlElement): XmlElement[] {
  return childrenNamed(entry, 'persName');
}

/** The persons whose entry resolves a pseudonym to a person with a normalised name. */
const identifiedPersons = entries.filter(
  (entry) => namesOf(entry).some((name) => name.attributes['type'] === 'pseudonym') && namesOf(entry).some((name) => name.attributes['type'] === 'normalised'),
);

/** The authority files an idno may name, with the one URI form each is written in. */
const AUTHORITY_URI: Record<string, RegExp> = {
  wikidata: /^http:\/\/www\.wikidata\.org\/entity\/Q[1-9][0-9]*$/,
  geonames: /^https:\/\/www\.geonames\.org\/[1-9][0-9]*$/,
  gnd: /^https:\/\/d-nb\.info\/gnd\/[0-9][0-9X-]*$/,
  viaf: /^https:\/\/viaf\.org\/viaf\/[1-9][0-9]*$/,
};

describe('pseudonyms', () => {
  const pseudonymMentions = elementsOf(text).filter((element) => element.name === 'persName' && element.attributes['type'] === 'pseudonym');

  it('are typed as pseudonyms wherever Belenin, James or Makar is named', () => {
    const named = elementsOf(text).filter((element) => element.name === 'persName' && ['Belenin', 'James', 'Makar'].includes(textContent(element).trim()));
    expect(named.length).toBeGreaterThanOrEqual(20);
    expect(named.filter((mention) => mention.attributes['type'] !== 'pseudonym').map(textContent)).toEqual([]);
  });

  it('resolve to the entry that lists the form as a pseudonym of that person', () => {
    expect(pseudonymMentions.length).toBeGreaterThan(0);
    for (const mention of pseudonymMentions) {
      const entry = entryOf(mention);
      const form = textContent(mention).trim();
      expect(entry, `${form} → ${mention.attributes['ref']}`).toBeDefined();
      const pseudonyms = namesOf(entry!).filter((name) => name.attributes['type'] === 'pseudonym').map((name) => textContent(name).trim());
      expect(pseudonyms, `${form} in ${entry!.attributes['xml:id']}`).toContain(form);
    }
  });

  it('resolve Belenin to Shlyapnikov, the recipient, with no separate Belenin entry', () => {
    const belenin = pseudonymMentions.filter((mention) => textContent(mention).trim() === 'Belenin');
    expect(belenin.length).toBe(16);
    expect(new Set(belenin.map((mention) => mention.attributes['ref']))).toEqual(new Set(['#shlyapnikov']));
    expect(entryById.has('belenin')).toBe(false);
    const recipient = elementsOf(tei).find((element) => element.name === 'correspAction' && element.attributes['type'] === 'received')!;
    expect(childrenNamed(recipient, 'persName')[0]!.attributes['ref']).toBe('#shlyapnikov');
  });

  it.each([
    ['Kievsky', '#pyatakov', 'high'],
    ['Makar', '#nogin', 'high'],
    ['Grigory', '#zinoviev', 'medium'],
    ['Bonch', '#bonch-bruyevich', 'medium'],
    ['James', '#yelizarova', 'high'],
  ])('resolve %s to %s with certainty %s', (form, ref, cert) => {
    const mentions = pseudonymMentions.filter((mention) => textContent(mention).trim() === form);
    expect(mentions.length).toBeGreaterThan(0);
    for (const mention of mentions) expect(mention.attributes['ref']).toBe(ref);
    const name = namesOf(entryOf(mentions[0]!)!).find((candidate) => textContent(candidate).trim() === form)!;
    expect(name.attributes['cert']).toBe(cert);
  });

  it('leave Katin open, saying what was searched', () => {
    const katin = entryById.get('katin')!;
    expect(namesOf(katin).map((name) => name.attributes['type'])).toEqual(['pseudonym']);
    expect(textContent(childrenNamed(katin, 'note')[0]!)).toMatch(/Left open.*search/s);
  });
});

describe('identifications', () => {
  it('each pseudonym resolved to a person has @cert and a note naming its basis and certainty', () => {
    expect(identifiedPersons.map((entry) => entry.attributes['xml:id']).sort()).toEqual(['bonch-bruyevich', 'nogin', 'pyatakov', 'shlyapnikov', 'yelizarova', 'zinoviev']);
    for (const entry of identifiedPersons) {
      const id = entry.attributes['xml:id'];
      const pseudonyms = namesOf(entry).filter((name) => name.attributes['type'] === 'pseudonym' && name.attributes['cert'] !== undefined);
      expect(pseudonyms.length, id).toBeGreaterThan(0);
      const basis = childrenNamed(entry, 'note').filter((note) => note.attributes['type'] === 'identification');
      expect(basis.length, id).toBe(1);
      const words = textContent(basis[0]!);
      expect(words, id).toMatch(/Certainty: (high|medium|low)\.|CW note \d/);
      // A work with volume and page, or the URL of a published record.
      expect(words, id).toMatch(/vol\. \d+, pp?\. \d+|https?:\/\/\S+|CW note \d/);
      expect(words, id).toContain(`Certainty: ${pseudonyms[0]!.attributes['cert']}.`);
    }
  });

  it('"the Japanese" is a group with a nickname note, not persons', () => {
    const japanese = entryById.get('japanese')!;
    expect(japanese.name).toBe('personGrp');
    expect(namesOf(japanese)[0]!.attributes['cert']).toBe('low');
    expect(textContent(childrenNamed(japanese, 'note')[0]!)).toMatch(/nickname, not Japanese nationals/);
  });

  it('"my article in reply to Kievsky" is the registered work', () => {
    const mention = elementsOf(text).find((element) => element.name === 'rs' && element.attributes['ref'] === '#reply-to-kievsky');
    expect(mention && textContent(mention)).toBe('my article in reply to Kievsky');
    expect(textContent(childrenNamed(entryById.get('reply-to-kievsky')!, 'title')[0]!)).toBe('Reply to P. Kievsky (Y. Pyatakov)');
  });
});

describe('authority identifiers', () => {
  const idnos = elementsOf(standOff).filter((element) => element.name === 'idno');

  it('are full URIs in the written form of a known authority file', () => {
    expect(idnos.length).toBeGreaterThanOrEqual(10);
    for (const idno of idnos) {
      const type = idno.attributes['type'] ?? '';
      expect(Object.keys(AUTHORITY_URI), textContent(idno)).toContain(type);
      expect(textContent(idno), type).toMatch(AUTHORITY_URI[type]!);
    }
  });

  it('identify the sender and both places of the correspondence', () => {
    const idsOf = (id: string) => childrenNamed(entryById.get(id)!, 'idno').map(textContent);
    expect(idsOf('lenin')).toContain('http://www.wikidata.org/entity/Q1394');
    expect(idsOf('zurich')).toContain('https://www.geonames.org/2657896');
    expect(idsOf('stockholm')).toContain('https://www.geonames.org/2673730');
  });
});

describe('register corrections', () => {
  it('Socialism and War has two authors, Zinoviev and Lenin', () => {
    const authors = childrenNamed(entryById.get('socialism-and-war')!, 'author').map((author) => childrenNamed(author, 'persName')[0]!.attributes['ref']);
    expect(authors).toEqual(['#zinoviev', '#lenin']);
  });

  it('Volna is not registered as a periodical', () => {
    const volna = entryById.get('volna')!;
    expect(volna.name).toBe('org');
    expect(elementsOf(tei).filter((element) => element.name === 'title' && element.attributes['ref'] === '#volna')).toEqual([]);
  });

  it('Spain carries the caution that it may be a cover name', () => {
    expect(textContent(childrenNamed(entryById.get('spain')!, 'note')[0]!)).toMatch(/cover name/);
  });

  it('Trotsky’s "his paper" is tagged as Nashe Slovo', () => {
    const mention = elementsOf(text).find((element) => element.name === 'rs' && textContent(element) === 'his paper');
    expect(mention?.attributes['ref']).toBe('#nashe-slovo');
  });

  it('the printed source records its first printing and the year the transcription gives', () => {
    const imprint = elementsOf(tei).find((element) => element.name === 'imprint')!;
    const dates = childrenNamed(imprint, 'date').map((date) => [date.attributes['type'], date.attributes['when']]);
    expect(dates).toEqual([
      ['first-printing', '1966'],
      ['as-transcribed', '1976'],
    ]);
  });
});
