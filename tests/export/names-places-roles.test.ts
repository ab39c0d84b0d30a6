/**
 * Issue 13, items 4 to 7: the correspondents and places every output shows
 * are the ones the TEI means. One fixture per encoding pattern in
 * tests/fixtures/encodings/ (settlement as the place, structured names,
 * names with particles written as text, roles typed against their action,
 * mentions tagged rs, several authority URIs per entry); for each, the
 * CMIF, OAI-PMH, CSL-JSON, BibTeX, RIS, JSON-LD, the letter page's and the
 * text's header and the index row are read back.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import { authorityCoverageDiagnostic, cmifAuthorityCoverage } from '../../src/export/cmif-authority-coverage.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { checkOutputs } from '../../src/stages/check.js';
import { editionParams, transformEdition, transformLetter, type EditionLetter, type TransformContext } from '../../src/stages/transform.js';
import { SHARED_SCHEMAS, available } from '../helpers/fixtures.js';
import { BUILD_DATE, ROOT, commonReading, letterFromFile, parsedLetter, testContext, tei, words } from '../xslt/helpers.js';

const ENCODINGS = path.join(ROOT, 'tests', 'fixtures', 'encodings');
const officialStore = new SchemaStore(schemaFolders({ env: { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS }, cwd: ROOT }));

let context: TransformContext;

beforeAll(async () => {
  const base = await testContext();
  context = { ...base, params: { ...editionParams(DEFAULT_CONFIG, BUILD_DATE), cmifMentions: true } };
}, 300_000);

/** A CSL-JSON name as the citation files write it. */
type CslName = Record<string, string>;

/** What the outputs of one letter say about its correspondents and places. */
interface Shown {
  file: string;
  edition: EditionLetter;
  diagnostics: Diagnostic[];
  content: (outputPath: string) => string;
  cmif: { sent: string[][]; received: string[][]; mentions: string[][] };
  csl: { author: CslName[]; recipient: CslName[] };
  bibtexAuthor: string;
  ris: { AU: string[]; A2: string[] };
  oai: { creators: string[]; contributors: string[] };
  jsonLd: { sender: string[][]; recipient: string[][] };
  text: { from: string; to: string };
  page: { from: string; to: string; citationAuthors: string[] };
  indexRow: string[];
}

/** The names and places of a CMIF correspAction: [element, @ref or '', text]. */
function cmifAction(cmif: string, type: string): string[][] {
  const block = new RegExp(`<correspAction type="${type}">([\\s\\S]*?)</correspAction>`).exec(cmif)?.[1] ?? '';
  return [...block.matchAll(/<(persName|orgName|placeName)(?: ref="([^"]*)")?>([^<]*)</g)].map((match) => [match[1]!, match[2] ?? '', match[3]!]);
}

/** Text of HTML without its tags, whitespace normalised. */
function plain(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

async function shownBy(name: string): Promise<Shown> {
  const letter = await letterFromFile(path.join(ENCODINGS, `${name}.xml`));
  const made = transformLetter(letter, context);
  const edition: EditionLetter = { file: letter.file, id: letter.id, parts: made.parts };
  const wide = transformEdition([edition], context, ['index', 'cmif', 'oai-pmh', 'registers']);
  const outputs = [...made.outputs, ...wide.outputs];
  const content = (outputPath: string) => outputs.find((output) => output.path === outputPath.replaceAll('{id}', letter.id))?.content ?? '';
  const cmif = content('cmif.xml');
  const csl = (JSON.parse(content('letters/{id}/{id}.csl.json')) as { author?: CslName[]; recipient?: CslName[] }[])[0]!;
  const ris = content('letters/{id}/{id}.ris');
  const record = content('oai/GetRecord/{id}.xml');
  const page = content('letters/{id}/index.html');
  const message = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!) as Record<string, { name: string; sameAs?: string }[] | undefined>;
  const text = content('letters/{id}/{id}.txt');
  // The names as the header shows them, without the link after each correspondent to their page of letters.
  const header = (label: string) => plain((new RegExp(`<dt>${label}</dt><dd>(.*?)</dd>`, 's').exec(page)?.[1] ?? '').replace(/<span class="correspondent-page">.*?<\/span>/gs, ''));
  return {
    file: letter.file,
    edition,
    diagnostics: [...made.diagnostics, ...wide.diagnostics],
    content,
    cmif: {
      sent: cmifAction(cmif, 'sent'),
      received: cmifAction(cmif, 'received'),
      mentions: [...cmif.matchAll(/<ref type="[^"]*#(\w+)" target="([^"]*)">([^<]*)</g)].map((match) => [match[1]!, match[2]!, match[3]!]),
    },
    csl: { author: csl.author ?? [], recipient: csl.recipient ?? [] },
    bibtexAuthor: /^\s*author = \{(.*)\},$/m.exec(content('letters/{id}/{id}.bib'))?.[1] ?? '',
    ris: { AU: [...ris.matchAll(/^AU {2}- (.*)$/gm)].map((m) => m[1]!), A2: [...ris.matchAll(/^A2 {2}- (.*)$/gm)].map((m) => m[1]!) },
    oai: { creators: [...record.matchAll(/<dc:creator>([^<]*)</g)].map((m) => m[1]!), contributors: [...record.matchAll(/<dc:contributor>([^<]*)</g)].map((m) => m[1]!) },
    jsonLd: {
      sender: (message['sender'] ?? []).map((agent) => [agent.name, agent.sameAs ?? '']),
      recipient: (message['recipient'] ?? []).map((agent) => [agent.name, agent.sameAs ?? '']),
    },
    text: { from: /^From: (.*)$/m.exec(text)?.[1] ?? '', to: /^To: (.*)$/m.exec(text)?.[1] ?? '' },
    page: { from: header('From'), to: header('To'), citationAuthors: [...page.matchAll(/<meta[^>]* name="citation_author" content="([^"]*)"/g)].map((m) => m[1]!) },
    indexRow: [...(/<tbody><tr>(.*?)<\/tr>/s.exec(content('index.html'))?.[1] ?? '').matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => plain(m[1]!)),
  };
}

/** Problems the official schemas (CMIF, OAI-PMH) and the CSL-JSON check find in a letter's outputs. */
async function schemaProblems(shown: Shown): Promise<Diagnostic[]> {
  const outputs = ['cmif.xml', 'oai/GetRecord/{id}.xml', 'letters/{id}/{id}.csl.json'].map((outputPath) => {
    const resolved = outputPath.replaceAll('{id}', shown.edition.id);
    const format = outputPath.startsWith('cmif') ? 'cmif' : outputPath.startsWith('oai') ? 'oai-pmh' : 'csl-json';
    return { format, path: resolved, mediaType: 'text/xml', content: shown.content(resolved) };
  });
  const diagnostics = await checkOutputs(outputs, { letterFile: shown.file, outputsByPath: new Map(), store: officialStore });
  return diagnostics.filter((d) => d.severity !== 'info');
}

describe('a settlement, district, region or country is the place of its correspAction', () => {
  let shown: Shown;
  beforeAll(async () => {
    shown = await shownBy('settlement-as-place');
  }, 120_000);

  it('in the CMIF, with its GeoNames URI', () => {
    expect(shown.cmif.sent).toEqual([
      ['persName', 'https://d-nb.info/gnd/118540238', 'Johann Wolfgang Goethe'],
      ['placeName', 'https://www.geonames.org/2812482', 'Weimar'],
    ]);
    expect(shown.cmif.received).toEqual([
      ['persName', 'https://d-nb.info/gnd/118636863', 'Carl Friedrich Zelter'],
      ['placeName', 'https://www.geonames.org/2921044', 'Prussia'],
    ]);
  });

  it('in the headers of the text and of the letter page, and in the places register', () => {
    expect(shown.text).toEqual({ from: 'Johann Wolfgang Goethe (Weimar)', to: 'Carl Friedrich Zelter (Prussia)' });
    expect(shown.page).toMatchObject({ from: 'Johann Wolfgang Goethe (Weimar)', to: 'Carl Friedrich Zelter (Prussia)' });
    const places = shown.content('registers/places.html');
    expect(places).toContain('>Weimar</h2>');
    expect(places).toContain('>Prussia</h2>');
    expect(places).toContain('place of sending');
    expect(places).toContain('place of receipt');
  });

  it('leaves the correspondents as they were, in every output', () => {
    expect(shown.csl).toEqual({ author: [{ family: 'Goethe', given: 'Johann Wolfgang' }], recipient: [{ family: 'Zelter', given: 'Carl Friedrich' }] });
    expect(shown.bibtexAuthor).toBe('Goethe, Johann Wolfgang');
    expect(shown.ris).toEqual({ AU: ['Goethe, Johann Wolfgang'], A2: ['Zelter, Carl Friedrich'] });
    expect(shown.oai).toEqual({ creators: ['Johann Wolfgang Goethe'], contributors: ['Carl Friedrich Zelter (recipient)'] });
    expect(shown.jsonLd).toEqual({ sender: [['Johann Wolfgang Goethe', 'https://d-nb.info/gnd/118540238']], recipient: [['Carl Friedrich Zelter', 'https://d-nb.info/gnd/118636863']] });
    expect(shown.indexRow.slice(1, 3)).toEqual(['Johann Wolfgang Goethe', 'Carl Friedrich Zelter']);
    expect(shown.diagnostics).toEqual([]);
  });

  it.skipIf(!available.sharedSchemas)('passes the official schemas', async () => {
    expect(await schemaProblems(shown)).toEqual([]);
  }, 120_000);
});

describe('structured names are read as structured data', () => {
  let shown: Shown;
  beforeAll(async () => {
    shown = await shownBy('structured-names');
  }, 120_000);

  it('citations: family, given, particle from nameLink and suffix from genName; roleName and addName left out', () => {
    expect(shown.csl.author).toEqual([{ family: 'Chamisso', given: 'Adelbert', 'non-dropping-particle': 'von' }]);
    expect(shown.csl.recipient).toEqual([{ family: 'La Foye', given: 'Louis', 'non-dropping-particle': 'de', suffix: 'fils' }]);
    // Only the names are asserted here, whatever the layout of the entry: family with its particle and given names, no roleName or addName.
    for (const name of [shown.bibtexAuthor, ...shown.ris.AU]) {
      expect(words(name).sort()).toEqual(['Adelbert', 'Chamisso', 'von']);
    }
    expect(shown.ris.A2).toHaveLength(1);
    expect(words(shown.ris.A2[0]!)).toEqual(expect.arrayContaining(['Louis', 'de', 'La', 'Foye']));
    expect(shown.ris.A2[0]).not.toMatch(/Younger/);
    expect(shown.page.citationAuthors).toEqual(['von Chamisso, Adelbert']);
  });

  it('labels keep every part, as separate words, even where the TEI has no space between them', () => {
    expect(shown.cmif.sent[0]).toEqual(['persName', '', 'Dr. Adelbert von Chamisso']);
    expect(shown.cmif.received[0]).toEqual(['persName', '', 'Louis de La Foye fils the Younger']);
    expect(shown.text).toEqual({ from: 'Dr. Adelbert von Chamisso (Berlin)', to: 'Louis de La Foye fils the Younger (Caen)' });
    expect(shown.page).toMatchObject({ from: 'Dr. Adelbert von Chamisso (Berlin)', to: 'Louis de La Foye fils the Younger (Caen)' });
    expect(shown.oai).toEqual({ creators: ['Dr. Adelbert von Chamisso'], contributors: ['Louis de La Foye fils the Younger (recipient)'] });
    expect(shown.jsonLd).toEqual({ sender: [['Dr. Adelbert von Chamisso', '']], recipient: [['Louis de La Foye fils the Younger', '']] });
    expect(shown.indexRow.slice(1, 3)).toEqual(['Dr. Adelbert von Chamisso', 'Louis de La Foye fils the Younger']);
  });

  it('a line break in a name still separates words, and markup inside a word does not', async () => {
    const reading = await commonReading(tei({
      profile: '<correspDesc><correspAction type="sent"><persName>Alfred<lb/>Escher</persName><persName><hi>Mül</hi>ler</persName><persName><forename>Anna</forename><lb/><surname>Muster</surname></persName></correspAction></correspDesc>',
      body: '<p>x</p>',
    }));
    expect(reading['senders']).toEqual(['Alfred Escher', 'Müller', 'Anna Muster']);
  }, 120_000);

  it.skipIf(!available.sharedSchemas)('passes the official schemas and the CSL-JSON check', async () => {
    expect(await schemaProblems(shown)).toEqual([]);
  }, 120_000);
});

describe('names written as text are split, not cited as literals', () => {
  let shown: Shown;
  beforeAll(async () => {
    shown = await shownBy('unstructured-particle-names');
  }, 120_000);

  it('CSL-JSON: the last word is the family name, lower-case particles before it its non-dropping-particle; one word is a family name; an organisation stays literal', () => {
    expect(shown.csl.author).toEqual([{ family: 'Chamisso', given: 'Adelbert', 'non-dropping-particle': 'von' }]);
    expect(shown.csl.recipient).toEqual([
      { family: 'Gogh', given: 'Vincent', 'non-dropping-particle': 'van' },
      { family: 'Ausonius' },
      { family: 'Humboldt', given: 'Alexander', 'non-dropping-particle': 'von' },
      { literal: "J. G. Cotta'sche Buchhandlung" },
      { family: 'Tieck', given: 'Ludwig' },
    ]);
  });

  it('BibTeX and RIS name the same people, particles included', () => {
    expect(words(shown.bibtexAuthor).sort()).toEqual(['Adelbert', 'Chamisso', 'von']);
    expect(shown.ris.AU.map((name) => words(name).sort())).toEqual([['Adelbert', 'Chamisso', 'von']]);
    expect(shown.ris.A2.map((name) => words(name).sort())).toEqual([['Gogh', 'Vincent', 'van'], ['Ausonius'], ['Alexander', 'Humboldt', 'von'], ['Buchhandlung', 'Cotta', 'G', 'J', 'sche'], ['Ludwig', 'Tieck']]);
  });

  it('the other outputs show the names as written, and the name without text as its register entry', () => {
    const received = ['Vincent van Gogh', 'Ausonius', 'Humboldt, Alexander von', "J. G. Cotta'sche Buchhandlung", 'Ludwig Tieck'];
    expect(shown.cmif.sent).toEqual([['persName', '', 'Adelbert von Chamisso']]);
    expect(shown.cmif.received.map(([element, , text]) => [element, text])).toEqual(received.map((name) => [name.includes('Cotta') ? 'orgName' : 'persName', name]));
    expect(shown.text).toEqual({ from: 'Adelbert von Chamisso', to: received.join(', ') });
    expect(shown.oai.contributors).toEqual(received.map((name) => `${name} (recipient)`));
    expect(shown.jsonLd.recipient.map(([name]) => name)).toEqual(received);
    expect(shown.indexRow[2]).toBe(received.join(', '));
  });

  it.skipIf(!available.sharedSchemas)('passes the official schemas and the CSL-JSON check', async () => {
    expect(await schemaProblems(shown)).toEqual([]);
  }, 120_000);
});

describe('roles that disagree with their action', () => {
  let shown: Shown;
  beforeAll(async () => {
    shown = await shownBy('roles-against-actions');
  }, 120_000);

  it('are read by @type (sender Gunesch, recipient Escher) in every output', () => {
    expect(shown.cmif.sent).toEqual([['persName', '', 'Rudolf Gunesch'], ['placeName', '', 'Wien']]);
    expect(shown.cmif.received).toEqual([['persName', '', 'Alfred Escher'], ['placeName', '', 'Zürich']]);
    expect(shown.csl).toEqual({ author: [{ family: 'Gunesch', given: 'Rudolf' }], recipient: [{ family: 'Escher', given: 'Alfred' }] });
    expect(shown.bibtexAuthor).toBe('Gunesch, Rudolf');
    expect(shown.ris).toEqual({ AU: ['Gunesch, Rudolf'], A2: ['Escher, Alfred'] });
    expect(shown.oai).toEqual({ creators: ['Rudolf Gunesch'], contributors: ['Alfred Escher (recipient)'] });
    expect(shown.jsonLd).toEqual({ sender: [['Rudolf Gunesch', '']], recipient: [['Alfred Escher', '']] });
    expect(shown.text).toEqual({ from: 'Rudolf Gunesch (Wien)', to: 'Alfred Escher (Zürich)' });
    expect(shown.indexRow.slice(1, 3)).toEqual(['Rudolf Gunesch', 'Alfred Escher']);
  });

  it('with one warning for the letter, naming the name and the action, with a hint', () => {
    expect(shown.diagnostics).toHaveLength(1);
    const [warning] = shown.diagnostics;
    expect(warning).toMatchObject({ file: shown.file, severity: 'warning', ruleId: 'metadata/conflicting-roles' });
    expect(warning!.message).toContain('roles-against-actions');
    expect(warning!.message).toContain('persName "Alfred Escher" is typed "addressee" inside correspAction type="sent"');
    expect(warning!.message).toContain('read as the recipient');
    expect(warning!.hint).toContain('correspAction of its role');
  });

  it('a sender or author inside received is a conflict too, reported in the same one warning', async () => {
    const letter = await parsedLetter(tei({
      profile: '<correspDesc><correspAction type="sent"><persName type="recipient">R</persName></correspAction><correspAction type="received"><persName type="author">A</persName><orgName>O</orgName></correspAction></correspDesc>',
      body: '<p>x</p>',
    }), 'inline.xml', 'inline');
    const diagnostics = transformLetter(letter, context).diagnostics;
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['metadata/conflicting-roles']);
    expect(diagnostics[0]!.message).toContain('persName "R" is typed "recipient" inside correspAction type="sent", and is read as the recipient; persName "A" is typed "author" inside correspAction type="received", and is read as the sender');
  });

  it('no warning when types and actions agree', async () => {
    for (const name of ['settlement-as-place', 'structured-names', 'authority-uris']) {
      expect((await shownBy(name)).diagnostics.map((d) => d.ruleId), name).toEqual([]);
    }
  }, 120_000);

  it('a name\'s @type decides over its action; untyped names take their action\'s role', async () => {
    const reading = await commonReading(tei({
      profile: `<correspDesc><correspAction type="sent"><persName type="sender">A</persName><persName>B</persName></correspAction>`
        + `<correspAction type="received"><persName type="author">C</persName><persName>D</persName><persName type="recipient">E</persName></correspAction></correspDesc>`,
      body: '<p>x</p>',
    }));
    expect(reading['senders']).toEqual(['A', 'B', 'C']);
    expect(reading['recipients']).toEqual(['D', 'E']);
  }, 120_000);
});

describe('mentions tagged rs', () => {
  let shown: Shown;
  beforeAll(async () => {
    shown = await shownBy('rs-mentions');
  }, 120_000);

  it('are CMIF mentions of a person, place or organisation by their type; an rs of another type is not', () => {
    expect(shown.cmif.mentions).toEqual([
      ['mentionsPerson', 'https://d-nb.info/gnd/118527800', 'Hegel'],
      ['mentionsPlace', 'https://www.geonames.org/2950159', 'this city'],
      ['mentionsOrganisation', 'http://www.wikidata.org/entity/Q265058', 'the Singakademie'],
      ['mentionsPerson', 'https://viaf.org/viaf/89792209', 'Felix'],
    ]);
  });

  it('are listed in the registers of their kind', () => {
    const headings = (kind: string) => [...shown.content(`registers/${kind}.html`).matchAll(/<h2 id="[^"]*-name">([^<]*)</g)].map((m) => m[1]);
    expect(headings('persons')).toEqual(['Carl Friedrich Zelter', 'Felix', 'Hegel', 'Johann Wolfgang Goethe']);
    expect(headings('places')).toEqual(['this city']);
    expect(headings('organisations')).toEqual(['the Singakademie']);
    expect(shown.content('registers/works.html')).not.toContain('yesterday');
  });

  it.skipIf(!available.sharedSchemas)('passes the official schemas', async () => {
    expect(await schemaProblems(shown)).toEqual([]);
  }, 120_000);
});

describe('authority URIs in the CMIF', () => {
  let shown: Shown;
  beforeAll(async () => {
    shown = await shownBy('authority-uris');
  }, 120_000);

  it('prefers GND > VIAF > Wikidata for persons and GeoNames > GND > Wikidata for places, in their normalised forms', () => {
    expect(shown.cmif.sent).toEqual([
      ['persName', 'https://d-nb.info/gnd/118554700', 'Alexander von Humboldt'],
      ['placeName', 'https://www.geonames.org/2950159', 'Berlin'],
    ]);
    expect(shown.cmif.received).toEqual([
      ['persName', 'http://www.wikidata.org/entity/Q5879', 'Johann Wolfgang Goethe'],
      ['persName', 'https://viaf.org/viaf/49226896', 'Carl Friedrich Gauss'],
      ['persName', 'https://project.example.org/person/9', 'Caroline von Wolzogen'],
      ['placeName', 'https://d-nb.info/gnd/4065105-8', 'Weimar'],
    ]);
    expect(shown.jsonLd.sender).toEqual([['Alexander von Humboldt', 'https://d-nb.info/gnd/118554700']]);
  });

  it('normalises each form of a URI correspSearch knows', async () => {
    const forms: [string, string][] = [
      ['http://d-nb.info/gnd/118554700/', 'https://d-nb.info/gnd/118554700'],
      ['https://d-nb.info/gnd/118554700/about/lds', 'https://d-nb.info/gnd/118554700'],
      ['http://d-nb.info/gnd/11705867X', 'https://d-nb.info/gnd/11705867X'],
      ['https://lobid.org/gnd/118554700.json', 'https://d-nb.info/gnd/118554700'],
      ['http://www.viaf.org/viaf/49226896/', 'https://viaf.org/viaf/49226896'],
      ['https://www.wikidata.org/wiki/Q5879', 'http://www.wikidata.org/entity/Q5879'],
      ['https://www.wikidata.org/entity/Q5879', 'http://www.wikidata.org/entity/Q5879'],
      ['http://sws.geonames.org/2950159/', 'https://www.geonames.org/2950159'],
      ['https://www.geonames.org/2950159/berlin.html', 'https://www.geonames.org/2950159'],
      ['https://example.org/people/x/', 'https://example.org/people/x/'],
    ];
    const names = forms.map(([uri], index) => `<persName ref="${uri}">N${index}</persName>`).join('');
    const letter = await parsedLetter(tei({ profile: `<correspDesc><correspAction type="sent"><persName>S</persName></correspAction><correspAction type="received">${names}</correspAction></correspDesc>`, body: '<p>x</p>' }), 'forms.xml', 'forms');
    const cmif = transformEdition([letter], context, ['cmif']).outputs[0]!.content;
    expect(cmifAction(cmif, 'received').map(([, ref]) => ref)).toEqual(forms.map(([, normalised]) => normalised));
  });

  it('reports the share of correspondents and places without an authority URI correspSearch links by', () => {
    const cmif = shown.content('cmif.xml');
    expect(cmifAuthorityCoverage(cmif)).toEqual({ correspondents: 4, correspondentsWithout: 1, places: 2, placesWithout: 0 });
    expect(authorityCoverageDiagnostic(cmif, 'tei')).toMatchObject({
      file: 'tei',
      severity: 'info',
      ruleId: 'cmif/authority-coverage',
      message: 'CMIF: 1 of 4 correspondents and 0 of 2 places have no authority URI (GND, VIAF, Wikidata, GeoNames); correspSearch links only those that do.',
    });
  });

  it('counts each correspondent and place once over the edition, by URI, else by name, leaving out "Unknown"', async () => {
    const letters = await Promise.all(['settlement-as-place', 'rs-mentions', 'roles-against-actions'].map((name) => shownBy(name)));
    const cmif = transformEdition(letters.map((letter) => letter.edition), context, ['cmif']).outputs[0]!.content;
    expect(cmifAuthorityCoverage(cmif)).toEqual({ correspondents: 4, correspondentsWithout: 2, places: 4, placesWithout: 2 });
  }, 120_000);

  it.skipIf(!available.sharedSchemas)('passes the official schemas', async () => {
    expect(await schemaProblems(shown)).toEqual([]);
  }, 120_000);
});
