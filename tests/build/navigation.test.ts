/**
 * Issue 16, item 5: the edition's sequence of letters. By date in the
 * index's order, undated letters last by file name; in a correspondence
 * (the unordered pair of sender and recipient parties) by date, unless the
 * letter's correspContext points to a letter of the edition; a pointer that
 * resolves to none is an info at the ref's line and column, and the
 * neighbour by date is used. The facts come from navigation-facts.xsl, as
 * the index reads them.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../src/adapters/saxon.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { NavigationFactsCache, editionSequence, factsReader, sequenceLetters, type Correspondent, type FactsReader, type NavigationFacts, type NavigationSource, type SequencedLetter } from '../../src/build/navigation.js';
import { editionParams, prepareStylesheets, type PreparedStylesheets } from '../../src/stages/transform.js';
import { PROJECT_ROOT } from '../helpers/fixtures.js';

const person = (key: string): Correspondent => ({ key, label: key });

/** A letter with the given date bounds (undated without), senders and recipients, and correspContext pointers. */
function letter(id: string, options: { from?: string[]; to?: string[]; earliest?: string; latest?: string; title?: string; context?: NavigationFacts['context']; rootId?: string; file?: string }): SequencedLetter {
  const dated = options.earliest !== undefined || options.latest !== undefined;
  const from = options.from ?? ['a'];
  const to = options.to ?? ['b'];
  return {
    file: options.file ?? `tei/${id}.xml`,
    id,
    ...(options.rootId ? { rootId: options.rootId } : {}),
    facts: {
      sortKey: options.earliest ?? options.latest ?? '9999',
      latest: options.latest ?? '9999',
      dated,
      title: options.title ?? `Letter ${id}`,
      date: options.earliest ?? 'undated',
      from: from.join(', '),
      to: to.join(', '),
      senders: from.map(person),
      recipients: to.map(person),
      context: options.context ?? [],
    },
  };
}

const pointer = (type: 'previous' | 'next', target: string, line = 7, column = 9) => ({ type, target, file: 'tei/x.xml', line, column, path: `/TEI/teiHeader/profileDesc/correspDesc/correspContext/ref[${type === 'previous' ? 1 : 2}]` });

/** The ids of the letters in date order, as the previous/next links chain them. */
function chain(sequence: ReturnType<typeof editionSequence>): string[] {
  const first = [...sequence.navigation].find(([, entry]) => entry.previous === undefined)![0];
  const ids = [first];
  for (let next = sequence.navigation.get(first)!.next; next; next = sequence.navigation.get(next.id)!.next) ids.push(next.id);
  return ids;
}

describe('the sequence by date', () => {
  it('orders by the earliest bound, then the latest, then the title, then the file; the ends have no neighbour', () => {
    const sequence = editionSequence([
      letter('late', { earliest: '1900-05-01' }),
      letter('open', { earliest: '1850-01-01' }),
      letter('closed', { earliest: '1850-01-01', latest: '1850-03-01' }),
      letter('b-title', { earliest: '1849', latest: '1849', title: 'B' }),
      letter('a-title', { earliest: '1849', latest: '1849', title: 'A', file: 'tei/z.xml' }),
    ]);
    expect(chain(sequence)).toEqual(['a-title', 'b-title', 'closed', 'open', 'late']);
    expect(sequence.navigation.get('a-title')!.previous).toBeUndefined();
    expect(sequence.navigation.get('late')!.next).toBeUndefined();
    expect(sequence.navigation.get('closed')).toMatchObject({ previous: { id: 'b-title', label: 'a to b', date: '1849' }, next: { id: 'open' }, undated: false });
  });

  it('puts undated letters after the dated ones, by file name whatever their titles', () => {
    const sequence = editionSequence([
      letter('undated-b', { file: 'tei/b.xml', title: 'A' }),
      letter('dated', { earliest: '1901' }),
      letter('undated-a', { file: 'tei/a.xml', title: 'Z' }),
    ]);
    expect(chain(sequence)).toEqual(['dated', 'undated-a', 'undated-b']);
    expect(sequence.navigation.get('undated-a')!.undated).toBe(true);
    expect(sequence.navigation.get('dated')!.undated).toBe(false);
  });
});

describe('the sequence in a correspondence', () => {
  it('groups the letters of one pair of parties in both directions, by date, and no others', () => {
    const sequence = editionSequence([
      letter('a-to-b-1', { earliest: '1850-01-01' }),
      letter('b-to-a', { earliest: '1850-02-01', from: ['b'], to: ['a'] }),
      letter('a-to-c', { earliest: '1850-03-01', to: ['c'] }),
      letter('a-to-b-2', { earliest: '1850-04-01' }),
      letter('a-and-c-to-b', { earliest: '1850-05-01', from: ['a', 'c'] }),
    ]);
    const correspondence = (id: string) => sequence.navigation.get(id)!.correspondence;
    expect(correspondence('a-to-b-1')).toEqual({ label: 'a and b', next: { id: 'b-to-a', label: 'b to a', date: '1850-02-01' } });
    expect(correspondence('b-to-a')).toMatchObject({ label: 'b and a', previous: { id: 'a-to-b-1' }, next: { id: 'a-to-b-2' } });
    expect(correspondence('a-to-b-2')).toMatchObject({ previous: { id: 'b-to-a' } });
    expect(correspondence('a-to-b-2')!.next).toBeUndefined();
    // A letter alone in its correspondence has no neighbours there; a party of several correspondents is a party of its own.
    expect(correspondence('a-to-c')).toBeUndefined();
    expect(correspondence('a-and-c-to-b')).toBeUndefined();
    // By date, the letters of other correspondences stand between them.
    expect(sequence.navigation.get('b-to-a')!.next!.id).toBe('a-to-c');
    expect(sequence.diagnostics).toEqual([]);
  });

  it('has no correspondence for a letter without a sender or recipient', () => {
    const sequence = editionSequence([letter('nobody', { earliest: '1850', from: [] }), letter('other', { earliest: '1851', from: [] })]);
    expect(sequence.navigation.get('nobody')!.correspondence).toBeUndefined();
  });

  it('follows correspContext pointers that name a letter of the edition, by #id, bare id, xml:id, file name or URL', () => {
    const sequence = editionSequence([
      letter('one', { earliest: '1850-01-01', context: [pointer('next', '#three')] }),
      letter('two', { earliest: '1850-02-01', context: [pointer('previous', 'https://example.org/letters/four/'), pointer('next', 'K_0001.xml')] }),
      letter('three', { earliest: '1850-03-01', rootId: 'K_0003', file: 'tei/K_0001.xml', context: [pointer('previous', 'K_0003#four')] }),
      letter('four', { earliest: '1850-04-01', context: [pointer('previous', 'one')] }),
    ]);
    const correspondence = (id: string) => sequence.navigation.get(id)!.correspondence!;
    expect(correspondence('one').next!.id).toBe('three');
    expect(correspondence('two').previous!.id).toBe('four');
    expect(correspondence('two').next!.id).toBe('three');
    expect(correspondence('three').previous!.id).toBe('four');
    expect(correspondence('four').previous!.id).toBe('one');
    // The other direction stays computed from the dates.
    expect(correspondence('three').next!.id).toBe('four');
    expect(sequence.diagnostics).toEqual([]);
  });

  it('reports a pointer that names no letter of the edition as an info at the ref, and links the neighbour by date instead', () => {
    const sequence = editionSequence([
      letter('K_0134', { earliest: '1837-01-17', context: [pointer('previous', 'B0133', 2, 1323), pointer('next', 'B0135', 2, 1360)] }),
      letter('K_0200', { earliest: '1840-01-01' }),
      letter('self', { earliest: '1841-01-01', context: [pointer('next', '#self', 3, 5)] }),
    ]);
    expect(sequence.navigation.get('K_0134')!.correspondence).toEqual({ label: 'a and b', next: { id: 'K_0200', label: 'a to b', date: '1840-01-01' } });
    expect(sequence.navigation.get('self')!.correspondence).toEqual({ label: 'a and b', previous: { id: 'K_0200', label: 'a to b', date: '1840-01-01' } });
    expect(sequence.diagnostics.map(({ file, line, column, severity, ruleId, path: at }) => ({ file, line, column, severity, ruleId, at }))).toEqual([
      { file: 'tei/x.xml', line: 2, column: 1323, severity: 'info', ruleId: 'navigation/unresolved-corresp-context', at: '/TEI/teiHeader/profileDesc/correspDesc/correspContext/ref[1]' },
      { file: 'tei/x.xml', line: 2, column: 1360, severity: 'info', ruleId: 'navigation/unresolved-corresp-context', at: '/TEI/teiHeader/profileDesc/correspDesc/correspContext/ref[2]' },
      { file: 'tei/x.xml', line: 3, column: 5, severity: 'info', ruleId: 'navigation/unresolved-corresp-context', at: '/TEI/teiHeader/profileDesc/correspDesc/correspContext/ref[2]' },
    ]);
    expect(sequence.diagnostics[0]!.message).toBe('The correspContext ref type="previous" target="B0133" of K_0134 names no other letter of this edition, so its page links the previous letter of the correspondence by date instead: none.');
    expect(sequence.diagnostics[1]!.message).toContain('instead: a to b, 1840-01-01 (K_0200).');
    expect(sequence.diagnostics[0]!.hint).toBeTruthy();
  });
});

describe('the facts of a letter (navigation-facts.xsl)', () => {
  let stylesheets: PreparedStylesheets;
  beforeAll(async () => {
    stylesheets = await prepareStylesheets();
  }, 300_000);

  /** A letter with the given correspDesc, its correspContext on lines of its own. */
  const tei = (correspDesc: string) => `<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="L1">
  <teiHeader>
    <fileDesc><titleStmt><title>A letter</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
    <profileDesc>
${correspDesc}
    </profileDesc>
  </teiHeader>
  <text><body><p>Text.</p></body></text>
</TEI>`;

  const source = (text: string, file: string, id: string): NavigationSource => ({ file, id, text, lineMapping: { segments: [] } });
  const readHere = () => factsReader({ stylesheets, params: editionParams(DEFAULT_CONFIG, '2026-01-01') }, (letter) => parseXml(letter.text));

  async function facts(text: string, file = 'tei/l1.xml') {
    return sequenceLetters([source(text, file, 'L1')], readHere());
  }

  it('orders letters by their dates as stated in the TEI and groups a correspondence in both directions', async () => {
    const letters = [
      source(tei(`      <correspDesc>
        <correspAction type="sent"><persName>Berta Beispiel</persName><date when-iso="1916-10-05"/></correspAction>
        <correspAction type="received"><persName>Anna Muster</persName></correspAction>
      </correspDesc>`), 'tei/a-reply.xml', 'reply'),
      source(tei(`      <correspDesc>
        <correspAction type="sent"><persName>Carl Dritter</persName></correspAction>
        <correspAction type="received"><persName>Anna Muster</persName></correspAction>
      </correspDesc>`), 'tei/b-undated.xml', 'undated'),
      source(tei(`      <correspDesc>
        <correspAction type="sent"><persName>Anna Muster</persName><date notBefore="1916-10-04">after 3 October 1916</date></correspAction>
        <correspAction type="received"><persName>Berta Beispiel</persName></correspAction>
      </correspDesc>`), 'tei/c-first.xml', 'first'),
    ];
    const sequence = await sequenceLetters(letters, readHere());
    expect(sequence.navigation.get('first')).toEqual({
      undated: false,
      next: { id: 'reply', label: 'Berta Beispiel to Anna Muster', date: '5 October 1916' },
      correspondence: { label: 'Anna Muster and Berta Beispiel', next: { id: 'reply', label: 'Berta Beispiel to Anna Muster', date: '5 October 1916' } },
    });
    expect(sequence.navigation.get('undated')).toEqual({ undated: true, previous: { id: 'reply', label: 'Berta Beispiel to Anna Muster', date: '5 October 1916' } });
    expect(sequence.navigation.get('reply')!.correspondence!.previous).toEqual({ id: 'first', label: 'Anna Muster to Berta Beispiel', date: 'after 3 October 1916' });
  });

  it('reads the date and correspondents as the index does, and places an unresolved pointer at its ref', async () => {
    const text = tei(`      <correspDesc>
        <correspAction type="sent"><persName>Anna Muster</persName><date notBefore="1916-10-04">after 3 October 1916</date></correspAction>
        <correspAction type="received"><persName>Berta Beispiel</persName></correspAction>
        <correspContext>
          <ref type="previous" target="#L0"/>
          <ref type="next-in-corresp" target="#L2"/>
          <ref type="next" target="https://example.org/L2"/>
        </correspContext>
      </correspDesc>`);
    const sequence = await facts(text);
    expect(sequence.navigation.get('L1')).toEqual({ undated: false });
    expect(sequence.diagnostics.map(({ file, line, column, path: at, message }) => ({ file, line, column, at, target: /target="([^"]*)"/.exec(message)![1] }))).toEqual([
      { file: 'tei/l1.xml', line: 10, column: 11, at: '/TEI/teiHeader/profileDesc/correspDesc/correspContext/ref[1]', target: '#L0' },
      { file: 'tei/l1.xml', line: 12, column: 11, at: '/TEI/teiHeader/profileDesc/correspDesc/correspContext/ref[3]', target: 'https://example.org/L2' },
    ]);
  });

  it('gives the bundled letter no neighbours of its own: it is alone in its edition', async () => {
    const text = readFileSync(path.join(PROJECT_ROOT, 'tei', 'lenin-to-shlyapnikov-1916-10.xml'), 'utf8');
    const sequence = await facts(text, 'tei/lenin-to-shlyapnikov-1916-10.xml');
    expect(sequence.navigation.get('L1')).toEqual({ undated: false });
    expect(sequence.diagnostics).toEqual([]);
  });
});

describe('reading the facts: the cache and the workers', () => {
  let stylesheets: PreparedStylesheets;
  beforeAll(async () => {
    stylesheets = await prepareStylesheets();
  }, 300_000);

  const params = editionParams(DEFAULT_CONFIG, '2026-01-01');
  const letter = (id: string, sender: string, when: string): NavigationSource => ({
    file: `tei/${id}.xml`,
    id,
    lineMapping: { segments: [] },
    text: `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letter ${id}</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>
  <profileDesc><correspDesc><correspAction type="sent"><persName>${sender}</persName><date when="${when}"/></correspAction><correspAction type="received"><persName>Anna Muster</persName></correspAction>
  <correspContext><ref type="next" target="#nowhere"/></correspContext></correspDesc></profileDesc></teiHeader><text><body><p>Text.</p></body></text></TEI>`,
  });
  const letters = [letter('a', 'Berta Beispiel', '1916-10-05'), letter('b', 'Carl Dritter', '1916-10-01'), letter('c', 'Berta Beispiel', '1916-10-09')];

  /** A reader in this thread that records which letters it was asked for. */
  function recordingReader(asked: string[][]): FactsReader {
    const here = factsReader({ stylesheets, params }, (source) => parseXml(source.text));
    return (missing) => {
      asked.push(missing.map((source) => source.id));
      return here(missing);
    };
  }

  it('keeps every letter’s facts in one file and reads again only the letters that changed', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'tei-edition-facts-'));
    try {
      writeFileSync(path.join(folder, 'stale-entry-of-an-older-version.json'), '{}');
      const asked: string[][] = [];
      const first = await NavigationFactsCache.open(folder, 'salt');
      const sequence = await sequenceLetters(letters, recordingReader(asked), first);
      await first.save();
      expect(readdirSync(folder)).toEqual(['facts.json']);

      const changed = [letters[0]!, { ...letters[1]!, text: letters[1]!.text.replace('1916-10-01', '1916-10-20') }];
      const second = await NavigationFactsCache.open(folder, 'salt');
      const again = await sequenceLetters(changed, recordingReader(asked), second);
      await second.save();
      expect(asked).toEqual([['a', 'b', 'c'], ['b']]);
      expect(sequence.navigation.get('a')!.previous?.id).toBe('b');
      expect(again.navigation.get('b')!.previous?.id).toBe('a');
      // The unresolved pointer is reported from cached facts as from fresh ones, at its ref.
      expect(again.diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.line])).toEqual([['tei/a.xml', 3], ['tei/b.xml', 3]]);
      // Only the entries of this build's letters are kept: c's and b's old facts are gone.
      expect(Object.keys((JSON.parse(readFileSync(path.join(folder, 'facts.json'), 'utf8')) as { entries: object }).entries)).toHaveLength(2);

      const otherSalt = await NavigationFactsCache.open(folder, 'another stylesheet');
      await sequenceLetters(changed, recordingReader(asked), otherSalt);
      expect(asked.at(-1)).toEqual(['a', 'b']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reads many letters in one transform as it reads each alone, and names the letter a transform failed on', async () => {
    const asked: string[][] = [];
    const together = await recordingReader(asked)(letters);
    const alone = await Promise.all(letters.map(async (single) => (await recordingReader(asked)([single]))[0]));
    expect(together).toEqual(alone);
    expect((together[0] as NavigationFacts).context).toEqual([{ type: 'next', target: '#nowhere', file: 'tei/a.xml', line: 3, column: 19, path: '/TEI/teiHeader/profileDesc/correspDesc/correspContext/ref' }]);

    // Central register entries are a parameter of the stylesheet: letters with other entries are read in another transform.
    const registers = '<registers xmlns="http://www.tei-c.org/ns/1.0"><listPerson><person xml:id="bb"><persName>Berta Beispiel (register)</persName></person></listPerson></registers>';
    const withRegisters = { ...letters[2]!, registers, text: letters[2]!.text.replace('<persName>Berta Beispiel</persName>', '<persName ref="#bb">Berta Beispiel</persName>') };
    const mixed = await recordingReader(asked)([letters[0]!, withRegisters, letters[1]!]);
    expect(mixed[0]).toEqual(together[0]);
    expect(mixed[2]).toEqual(together[1]);
    expect((mixed[1] as NavigationFacts).senders).toEqual([{ key: 'bb', label: expect.any(String) }]);

    const broken = (id: string) => ({ ...letters[0]!, id, file: `tei/${id}.xml`, registers: '<not-well-formed' });
    const failed = await recordingReader(asked)([broken('x'), broken('y'), letters[1]!]);
    expect(failed.map((result) => ('ruleId' in result ? `${result.file}: ${result.ruleId}` : 'facts'))).toEqual([expect.stringMatching(/^tei\/x\.xml: transform\//), expect.stringMatching(/^tei\/y\.xml: transform\//), 'facts']);
  });
});
