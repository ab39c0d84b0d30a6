/** Tests of the common XSLT layer (xslt/common/): metadata reading, notes, readings, degradation of unknown markup. */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { BUNDLED_LETTER, commonReading, parsedLetter, tei, testContext } from './helpers.js';
import { transformLetter } from '../../src/stages/transform.js';

describe('metadata (xslt/common/metadata.xsl)', () => {
  // The first reading compiles the harness stylesheet, which takes seconds where the SEF cache is cold (a fresh clone).
  it('reads the bundled letter: correspondents, places, the date as stated, source, translator, language', { timeout: 60_000 }, async () => {
    const read = await commonReading(await readFile(BUNDLED_LETTER, 'utf8'));
    expect(read).toMatchObject({
      senders: ['V. I. Lenin'],
      recipients: ['A. G. Shlyapnikov'],
      sentPlaces: ['Zurich'],
      date: 'later than 3 October 1916',
      bounds: ['1916-10-04', ''],
      sortKey: '1916-10-04',
      containerTitle: 'Collected Works',
      translators: ['Andrew Rothstein'],
      language: 'en',
    });
    expect(read['source']).toBe('To A. G. Shlyapnikov, Collected Works, vol. 35, Moscow: Progress Publishers, 1966, pp. 232–236');
  });

  it.each([
    ['<date when="1807-01-29"/>', '29 January 1807', ['1807-01-29', '1807-01-29']],
    ['<date notBefore="1932-12-20"/>', 'not before 20 December 1932', ['1932-12-20', '']],
    ['<date from="1900-05" to="1901"/>', 'between May 1900 and 1901', ['1900-05', '1901']],
    ['<date notAfter="1850"/>', 'not after 1850', ['', '1850']],
    ['<date>um Ostern</date>', 'um Ostern', ['', '']],
    ['', 'undated', ['', '']],
  ])('states the date %s as "%s"', async (date, statement, bounds) => {
    const read = await commonReading(tei({
      profile: `<correspDesc><correspAction type="sent"><persName>A</persName>${date}</correspAction></correspDesc>`,
      body: '<p>x</p>',
    }));
    expect(read['date']).toBe(statement);
    expect(read['bounds']).toEqual(bounds);
  });

  it('finds several senders and recipients, skips postal redirections, reads typed names (Escher style)', async () => {
    const several = await commonReading(tei({
      profile: `<correspDesc>
        <correspAction type="sent"><persName>A</persName><persName>B</persName></correspAction>
        <correspAction type="received" subtype="redirecting"><persName>Post office</persName></correspAction>
        <correspAction type="received"><persName>C</persName><orgName>D</orgName></correspAction></correspDesc>`,
      body: '<p>x</p>',
    }));
    expect(several).toMatchObject({ senders: ['A', 'B'], recipients: ['C', 'D'], sendersLabel: 'A, B' });
    const typed = await commonReading(tei({
      profile: `<correspDesc><correspAction type="sent"><persName type="addressee">To</persName><persName type="sender">From</persName></correspAction></correspDesc>`,
      body: '<p>x</p>',
    }));
    expect(typed).toMatchObject({ senders: ['From'], recipients: ['To'] });
  });

  it('falls back to "Unknown" and "undated" without correspDesc, and labels empty names from their register entry', async () => {
    const bare = await commonReading(tei({ body: '<p>x</p>' }));
    expect(bare).toMatchObject({ sendersLabel: 'Unknown', recipientsLabel: 'Unknown', date: 'undated', sortKey: '9999', language: 'und' });
    const pointing = await commonReading(tei({
      profile: `<particDesc><listPerson><person xml:id="bs"><persName>Bona Sforza</persName></person></listPerson></particDesc>
        <correspDesc><correspAction type="sent"><persName ref="#bs"/></correspAction></correspDesc>`,
      body: '<p>x</p>',
    }));
    expect(pointing['senders']).toEqual(['Bona Sforza']);
  });
});

describe('notes (xslt/common/behaviour.xsl)', () => {
  it('numbers notes as the source does, orders numbered notes by number, tells authorial from editorial', async () => {
    const read = await commonReading(tei({
      profile: '<correspDesc><correspAction type="sent"><persName ref="#w">W</persName></correspAction></correspDesc>',
      body: `<p>a<note n="2" resp="#w">mine</note> b<note n="1" type="editorial">theirs</note> c<note>ours</note> d<note n="1">again</note></p>`,
      standOff: '<standOff><listPerson><person xml:id="w"><persName>W</persName></person></listPerson></standOff>',
    }));
    expect(read['notes']).toEqual([
      { label: '1', id: 'note-1-2', kind: 'editorial', attribution: 'Editorial note' },
      { label: '1', id: 'note-1-4', kind: 'editorial', attribution: 'Editorial note' },
      { label: '2', id: 'note-2', kind: 'authorial', attribution: 'Author’s note: W' },
      { label: 'a', id: 'note-a', kind: 'editorial', attribution: 'Editorial note' },
    ]);
  });
});

describe('readings (xslt/common/reading.xsl)', () => {
  it('reads corrections, expansions and regularisations, and leaves out deletions and notes', async () => {
    const read = await commonReading(tei({
      body: '<p>one <choice><sic>tow</sic><corr>two</corr></choice> <choice><abbr>thr.</abbr><expan>three</expan></choice> <del>gone</del>four<note>aside</note> <lb/>five</p><p>six</p>',
    }));
    expect(read['reading']).toBe('one two three four five six');
  });
});

describe('unknown markup degrades to its text', () => {
  it('keeps the text of elements no stylesheet knows, in every reading output', { timeout: 300_000 }, async () => {
    const text = tei({
      body: '<p>Known <unknownThing>hidden words</unknownThing> and <x:foreign xmlns:x="urn:example">alien words</x:foreign> end.</p>',
    });
    const context = await testContext();
    const result = transformLetter(await parsedLetter(text, 'unknown.xml', 'unknown'), context);
    // The letter has no correspDesc: its CMIF part reports the fallback as a warning, and nothing fails.
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const name of ['html', 'text']) {
      const content = result.outputs.find((output) => output.format === name)?.content ?? '';
      expect(content, name).toMatch(/hidden words/);
      expect(content, name).toMatch(/alien words/);
    }
  });
});
