import { describe, expect, it } from 'vitest';
import { Cite, plugins } from '@citation-js/core';
import { CitationRenderError, renderCitation, roundTripBibtex, roundTripRis } from '../../src/check/citation.js';
import { goodOutputs, LETTER } from './fixture-outputs.js';

const outputs = goodOutputs();
const csl = outputs.get(`${LETTER}/lenin-shlyapnikov-1916.csl.json`)!.content;
const items = JSON.parse(csl) as Cite['data'];
const URL = 'https://tei-edition.example.org/letters/lenin-shlyapnikov-1916/';

describe('renderCitation', () => {
  it('renders the letter in APA (en-US) as text', () => {
    expect(renderCitation(csl)).toEqual({
      text: `Lenin, V. I. (ca. 1916). [Letter to A. G. Shlyapnikov] (A. Rothstein, Trans.). In tei-edition: Letters (Version 0.1.0). tei-edition project. ${URL}`,
    });
  });

  it('throws CitationRenderError for text that is not JSON or that citeproc cannot render', () => {
    expect(() => renderCitation('[{')).toThrow(CitationRenderError);
    expect(() => renderCitation('[{"id": "x", "type": "personal_communication", "author": [{"family": 5}]}]')).toThrow(
      /citeproc could not render the CSL-JSON/,
    );
    expect(() => renderCitation('[{"id": "x", "type": "personal_communication"}]')).toThrow(/empty citation/);
  });
});

describe('what citation-js 0.8.2 does with our citation files (the round trip relies on it)', () => {
  const letter = '@letter{x,\n  author = {Lenin, V. I.},\n  title = {T},\n  date = {1916-10-04/..},\n  translator = {Rothstein, Andrew}\n}\n';

  it('reads BibLaTeX @letter with an open date range only as @biblatex/text', () => {
    const [asBiblatex] = new Cite(letter, { forceType: '@biblatex/text' }).data;
    expect(asBiblatex).toMatchObject({ type: 'personal_communication', translator: [{ family: 'Rothstein', given: 'Andrew' }] });
    expect(asBiblatex!.issued!['date-parts']![0]).toEqual([1916, 10, 4]);
    const [asBibtex] = new Cite(letter, { forceType: '@bibtex/text' }).data;
    expect(asBibtex!.type).toBe('document');
    expect(asBibtex!.issued).toBeUndefined();
    expect(asBibtex!.translator).toBeUndefined();
  });

  it('maps no BibTeX field to recipient', () => {
    const [item] = new Cite('@misc{x,\n  recipient = {Shlyapnikov, A. G.},\n  editora = {Shlyapnikov, A. G.},\n  editoratype = {recipient}\n}\n', { forceType: '@biblatex/text' }).data;
    expect(item!.recipient).toBeUndefined();
  });

  it('maps RIS A2 to recipient for PCOMM, and to something else for other types', () => {
    const record = (type: string): Cite['data'][number] => new Cite(`TY  - ${type}\nAU  - Lenin, V. I.\nA2  - Shlyapnikov, A. G.\nTI  - T\nER  - \n`, { forceType: '@ris/file' }).data[0]!;
    expect(record('PCOMM')).toMatchObject({ type: 'personal_communication', recipient: [{ family: 'Shlyapnikov', given: 'A. G.' }] });
    expect(record('BOOK').recipient).toBeUndefined();
  });

  it('maps RIS T2 of a PCOMM to nothing, while its RIS parser keeps it', () => {
    const text = 'TY  - PCOMM\nAU  - Lenin, V. I.\nT2  - tei-edition: Letters\nER  - \n';
    const [item] = new Cite(text, { forceType: '@ris/file' }).data;
    expect(Object.values(item!)).not.toContain('tei-edition: Letters');
    expect(plugins.input.chainLink(text, { forceType: '@ris/file', target: '@ris/records' })).toEqual([{ TY: 'PCOMM', AU: 'Lenin, V. I.', T2: 'tei-edition: Letters' }]);
  });
});

describe('round trip', () => {
  const bib = outputs.get(`${LETTER}/lenin-shlyapnikov-1916.bib`)!.content;
  const ris = outputs.get(`${LETTER}/lenin-shlyapnikov-1916.ris`)!.content;

  it('finds nothing lost in the fixture files (both BibTeX entries, the RIS record)', () => {
    expect(roundTripBibtex(bib, items)).toEqual({ ok: true, mismatches: [] });
    expect(roundTripRis(ris, items)).toEqual({ ok: true, mismatches: [] });
  });

  const entry = (fields: string): string => `@misc{x,\n  author = {Lenin, V. I.},\n${fields}\n  date = {1916-10-04/..},\n  howpublished = {{tei-edition: Letters, version 0.1.0}},\n  url = {${URL}}\n}\n`;

  it('reads the recipient from the description that titles a letter without a title of its own', () => {
    const misc = entry('  title = {{Letter to A. G. Shlyapnikov}},');
    expect(roundTripBibtex(misc, items)).toEqual({ ok: true, mismatches: [] });
    expect(roundTripBibtex(misc.replace('Letter to A. G. Shlyapnikov', 'Letter to G. Zinoviev'), items)).toEqual({
      ok: true,
      mismatches: [{ entry: 0, label: 'x', field: 'recipient', expected: 'A. G. Shlyapnikov', actual: 'G. Zinoviev', offset: 38 }],
    });
  });

  it('reads a title of its own, with the description in titleaddon', () => {
    const titled = [{ ...items[0]!, title: 'On the <span class="nocase">Letopis</span> affair' }];
    const misc = entry('  title = {{On the Letopis affair}},\n  titleaddon = {Letter to A. G. Shlyapnikov},');
    expect(roundTripBibtex(misc, titled)).toEqual({ ok: true, mismatches: [] });
    expect(roundTripBibtex(misc, items)).toMatchObject({ ok: true, mismatches: [{ field: 'title', expected: '(none)', actual: 'On the Letopis affair' }] });
    expect(roundTripBibtex(entry('  title = {{Letter to A. G. Shlyapnikov}},'), titled)).toMatchObject({ ok: true, mismatches: [{ field: 'title', expected: 'On the Letopis affair', actual: '(none)' }] });
  });

  it('decodes TeX and compares a literal name with a family-only name', () => {
    const literal = [{ ...items[0]!, author: [{ literal: 'Marxists Internet Archive' }], title: 'Lenin’s letter & notes' }];
    const misc = entry('  title = {Lenin’s letter \\& notes},\n  titleaddon = {Letter to A. G. Shlyapnikov},').replace('{Lenin, V. I.}', '{{Marxists Internet Archive}}');
    expect(roundTripBibtex(misc, literal)).toEqual({ ok: true, mismatches: [] });
  });

  it('reads a name particle ("von") as part of the family name, in either order', () => {
    const withParticle = [{ ...items[0]!, author: [{ family: 'Chamisso', given: 'Adelbert', 'non-dropping-particle': 'von' }], recipient: [{ family: 'von Mülinen', given: 'Egbert Friedrich' }] }];
    const misc = entry('  title = {{Letter to Egbert Friedrich von Mülinen}},').replace('{Lenin, V. I.}', '{von Chamisso, Adelbert}');
    expect(roundTripBibtex(misc, withParticle)).toEqual({ ok: true, mismatches: [] });
    expect(roundTripBibtex(misc.replace('{von Chamisso', '{Chamisso'), withParticle)).toMatchObject({ ok: true, mismatches: [{ field: 'author', expected: 'von Chamisso, Adelbert', actual: 'Chamisso, Adelbert' }] });
  });

  it('compares the date as far as the CSL-JSON states it', () => {
    const exact = [{ ...items[0]!, issued: { 'date-parts': [[1916, 10, 4]] } }];
    expect(roundTripBibtex(entry('  title = {{Letter to A. G. Shlyapnikov}},'), exact)).toEqual({ ok: true, mismatches: [] });
    expect(roundTripBibtex(entry('  title = {{Letter to A. G. Shlyapnikov}},').replace('1916-10-04/..', '1916-10-05'), exact)).toMatchObject({ ok: true, mismatches: [{ field: 'date', expected: '1916-10-04', actual: '1916-10-05' }] });
    expect(roundTripRis('TY  - PCOMM\nAU  - Lenin, V. I.\nA2  - Shlyapnikov, A. G.\nDA  - 1916/10/04/\nT2  - tei-edition: Letters\nUR  - ' + URL + '\nER  - \n', exact)).toEqual({ ok: true, mismatches: [] });
  });

  it('reports every lost field of an entry, located at the entry', () => {
    const result = roundTripBibtex('\n@misc{x,\n  note = {nothing else}\n}\n', items);
    expect(result).toEqual({
      ok: true,
      mismatches: [
        { entry: 0, label: 'x', field: 'author', expected: 'Lenin, V. I.', actual: '(none)', offset: 1 },
        { entry: 0, label: 'x', field: 'recipient', expected: 'A. G. Shlyapnikov', actual: '(none)', offset: 1 },
        { entry: 0, label: 'x', field: 'date', expected: '1916', actual: '(none)', offset: 1 },
        { entry: 0, label: 'x', field: 'container-title', expected: 'tei-edition: Letters, version 0.1.0', actual: '(none)', offset: 1 },
        { entry: 0, label: 'x', field: 'URL', expected: URL, actual: '(none)', offset: 1 },
      ],
    });
  });

  it('refuses files without an entry or record', () => {
    expect(roundTripBibtex('\n', items)).toMatchObject({ ok: false, reason: 'citation-js found no entry in the BibTeX file.' });
    expect(roundTripBibtex('% nothing\n', items)).toMatchObject({ ok: false, reason: 'citation-js could not parse the BibTeX: This format is not supported or recognized' });
    expect(roundTripRis('TY  - \nER  - \n', items)).toMatchObject({ ok: false, reason: 'citation-js found no record in the RIS file.' });
  });
});
