/**
 * The outputs' apparatus (issue 15, items 7–10), on the bundled letter and
 * on the fixtures in tests/fixtures/encodings/: a @ref with several targets
 * links and registers every target; paragraphs of a note stay paragraphs;
 * each kind of note is attributed once; the list of emendations, with its
 * marks in the reading view linked both ways.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../src/output.js';
import { checkOutputs } from '../../src/stages/check.js';
import { transformEdition, transformLetter, type ParsedLetter, type TransformContext } from '../../src/stages/transform.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { editionParams } from '../../src/stages/transform.js';
import { BUILD_DATE, BUNDLED_LETTER, ROOT, letterFromFile, testContext } from './helpers.js';

const ENCODINGS = path.join(ROOT, 'tests', 'fixtures', 'encodings');
const SITE = ['index', 'assets', 'registers', 'correspondents', 'about', 'search', 'search-index', 'search-script', 'search-terms', 'search-library', 'names-script', 'tei-corpus', 'cmif', 'oai-pmh', 'citation-cff', 'zenodo'];

let context: TransformContext;

beforeAll(async () => {
  context = await testContext();
}, 300_000);

/** Every output of the letters and of the site around them, by path, with the error diagnostics of transform and check as the build runs it (the text against the reading text, links among the pages). */
async function site(letters: ParsedLetter[]): Promise<{ outputs: Map<string, Output>; errors: string[] }> {
  const checked = (output: Output) => ['text/html', 'application/json', 'text/plain'].includes(output.mediaType);
  const made = letters.map((letter) => ({ letter, result: transformLetter(letter, context) }));
  const edition = transformEdition(letters, context, SITE);
  const outputs = [...made.flatMap(({ result }) => result.outputs), ...edition.outputs];
  const byPath = new Map(outputs.map((output) => [output.path, output]));
  const diagnostics = [...made.flatMap(({ result }) => result.diagnostics), ...edition.diagnostics];
  for (const { letter, result } of made) {
    const readingText = result.reading ? [result.reading.flow, ...result.reading.notes.map((note) => note.text)].join('\n') : undefined;
    diagnostics.push(...(await checkOutputs(result.outputs.filter(checked), { letterFile: letter.file, readingText, teiSource: letter.text, outputsByPath: byPath })));
  }
  diagnostics.push(...(await checkOutputs(edition.outputs.filter(checked), { letterFile: 'tei', outputsByPath: byPath })));
  return { outputs: byPath, errors: diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}: ${d.message}`) };
}

const content = (outputs: Map<string, Output>, file: string) => outputs.get(file)?.content ?? '';
const count = (text: string, fragment: string) => text.split(fragment).length - 1;
/** The register-page entry with this anchor (up to the next entry). */
const entry = (page: string, anchor: string) => {
  const start = page.indexOf(`<article class="register-entry" id="${anchor}"`);
  const end = page.indexOf('<article class="register-entry"', start + 1);
  return start < 0 ? '' : page.slice(start, end < 0 ? undefined : end);
};
/** The plain text from a line to the next blank line. */
const textBlock = (text: string, start: string) => {
  const at = text.indexOf(`\n${start}`);
  return at < 0 ? '' : text.slice(at + 1, text.indexOf('\n\n', at + 1));
};

describe('a @ref with several targets (item 7)', () => {
  it('links every target from the letter page and counts the mention in every entry', async () => {
    const { outputs, errors } = await site([await letterFromFile(path.join(ENCODINGS, 'ref-several-targets.xml'))]);
    expect(errors).toEqual([]);
    const letter = content(outputs, 'letters/ref-several-targets/index.html');
    // The words link to the first target; a named, focusable link leads to the second.
    expect(letter).toContain('<a class="name rs kind-work" id="mention-divan-1" href="../../registers/works.html#divan">two new books</a><sup class="further-targets">also: <a class="further-target kind-work" id="mention-wanderjahre-1" href="../../registers/works.html#wanderjahre" aria-label="also: Wilhelm Meisters Wanderjahre" title="Wilhelm Meisters Wanderjahre">');
    // A mention that holds a note marker is not a link itself, but its further target still is.
    expect(letter).toContain('<span class="name persName kind-person" id="mention-jacob-1">the brothers<sup class="note-ref');
    expect(letter).toMatch(/<a class="further-target kind-person" id="mention-wilhelm-1" href="\.\.\/\.\.\/registers\/persons\.html#wilhelm" aria-label="also: Grimm, Wilhelm"/);

    const works = content(outputs, 'registers/works.html');
    for (const anchor of ['divan', 'wanderjahre']) {
      expect(entry(works, anchor)).toContain('1 mention:');
      expect(entry(works, anchor)).toContain(`index.html#mention-${anchor}-1`);
      expect(entry(works, anchor)).toContain('two new books');
    }
    const persons = content(outputs, 'registers/persons.html');
    expect(entry(persons, 'jacob')).toContain('1 mention:');
    // Wilhelm: the further target of "the brothers", then his own name, numbered in document order.
    expect(entry(persons, 'wilhelm')).toContain('2 mentions:');
    expect(letter).toContain('id="mention-wilhelm-2"');

    const search = content(outputs, 'search-index.json');
    expect(search).toContain('registers/works.html#wanderjahre');
    expect(search).toMatch(/Wilhelm Meisters Wanderjahre · two new books/);
  });

  it('names every target with an authority URI as a CMIF mention', async () => {
    const withMentions = { ...context, params: { ...editionParams(DEFAULT_CONFIG, BUILD_DATE), cmifMentions: true } };
    const letter = await letterFromFile(path.join(ENCODINGS, 'ref-several-targets.xml'));
    const made = transformLetter(letter, withMentions);
    const cmif = transformEdition([{ file: letter.file, id: letter.id, parts: made.parts }], withMentions, ['cmif']).outputs.find((output) => output.path === 'cmif.xml')?.content ?? '';
    expect([...cmif.matchAll(/<ref type="[^"]*#(\w+)" target="([^"]+)">([^<]*)</g)].map((match) => match.slice(1))).toEqual([
      ['mentionsPerson', 'https://example.org/person/jacob-grimm', 'the brothers'],
      ['mentionsPerson', 'https://example.org/person/wilhelm-grimm', 'Grimm, Wilhelm'],
    ]);
  });

  it('registers both pamphlets of the bundled letter', async () => {
    const { outputs } = await site([await letterFromFile(BUNDLED_LETTER)]);
    const works = content(outputs, 'registers/works.html');
    expect(entry(works, 'imperialism')).toContain('2 mentions:');
    expect(entry(works, 'imperialism')).toContain('index.html#mention-imperialism-1" aria-label="Imperialism, the Highest Stage of Capitalism: para. 22');
    expect(entry(works, 'new-data')).toContain('2 mentions:');
  });
});

describe('the notes (items 8 and 9)', () => {
  it('writes the paragraphs of a note as paragraphs: blocks in HTML, lines in the text', async () => {
    const result = transformLetter(await letterFromFile(BUNDLED_LETTER), context);
    const html = result.outputs.find((output) => output.path.endsWith('/index.html'))?.content ?? '';
    const note7 = html.slice(html.indexOf('<li id="note-7"'), html.indexOf('</li>', html.indexOf('<li id="note-7"')));
    expect(note7.match(/<p class="paragraph">/g)).toHaveLength(2);
    expect(note7).toContain('historian.</p><p class="paragraph">From 1908');
    const text = result.outputs.find((output) => output.format === 'text')?.content ?? '';
    expect(text).toContain('statesman and historian.\n\nFrom 1908 to 1917 he lived abroad.');
  });

  it('states each kind of note once, with the names its @resp points to, and labels note e1 as the edition’s', async () => {
    const result = transformLetter(await letterFromFile(BUNDLED_LETTER), context);
    const text = result.outputs.find((output) => output.format === 'text')?.content ?? '';
    const html = result.outputs.find((output) => output.path.endsWith('/index.html'))?.content ?? '';
    const headings = {
      editorial: 'Editorial notes: Editors of Lenin’s Collected Works (Progress Publishers)',
      authorial: 'Author’s note: V. I. Lenin',
      edition: 'Note of the edition: tei-edition project',
    };
    for (const heading of Object.values(headings)) {
      expect(count(text, heading), heading).toBe(1);
      expect(count(html, `">${heading}</h3>`), heading).toBe(1);
    }
    const notes = text.slice(text.indexOf('\nNotes\n'));
    expect(notes.indexOf(headings.edition)).toBeLessThan(notes.indexOf('[e1] On notes 7 and 8: Notes 7 and 8'));
    expect(notes.indexOf(headings.editorial)).toBeLessThan(notes.indexOf('[8] Organising Committee'));
    expect(notes.slice(notes.indexOf(headings.edition))).not.toContain('[8]');
    // Each marker is described by its group's heading.
    expect(html).toContain('<a href="#note-2" id="noteref-2" aria-label="Note 2" aria-describedby="notes-group-2">');
    // e1, the edition's note on notes 7 and 8, stands in the back matter: no marker in the text, listed with what it is about.
    expect(html).not.toContain('id="noteref-e1"');
    expect(html).toContain('<span class="note-subject">On <a href="#note-7">note 7</a> and <a href="#note-8">note 8</a>:</span>');
    expect(html).toContain('<h3 class="note-group edition" id="notes-group-3">');
  });

  it('groups by @resp, by the publisher of the encoding and by @type, with a fallback for unsigned notes', async () => {
    const result = transformLetter(await letterFromFile(path.join(ENCODINGS, 'note-attribution-kinds.xml')), context);
    const text = result.outputs.find((output) => output.format === 'text')?.content ?? '';
    expect(text.slice(text.indexOf('\nNotes\n') + 1).split('\n\n')).toEqual([
      'Notes',
      'Editorial notes: Editors of the Berlin printing (1834)', '[1] The Singakademie.', 'Founded in 1791.', '[3] The new hall.',
      'Author’s note: Carl Friedrich Zelter', '[2] I conducted.',
      'Notes of the edition: Zelter Letters Project', '[e1] The printing reads “warn”.', '[e2] Felix Mendelssohn.',
      'Editorial note', '[a] An unsigned note.\n',
    ]);
  });
});

describe('the list of emendations (item 10)', () => {
  it('lists the 11 corrections of the bundled letter with both readings, place and justification, in HTML and text', async () => {
    const { outputs, errors } = await site([await letterFromFile(BUNDLED_LETTER)]);
    expect(errors).toEqual([]);
    const html = content(outputs, 'letters/lenin-to-shlyapnikov-1916-10/index.html');
    const section = html.slice(html.indexOf('<section class="emendations" id="emendations"'), html.indexOf('</section>', html.indexOf('id="emendations"')));
    expect(section).toContain('<h2 id="emendations-label">Emendations</h2>');
    const rows = [...section.matchAll(/<tr id="(emendation-[^"]+)">(.*?)<\/tr>/g)];
    expect(rows.map((row) => row[1])).toEqual(Array.from({ length: 11 }, (_, i) => `emendation-c${String(i + 1).padStart(2, '0')}`));
    expect(rows[0]?.[2]).toBe('<td>1</td><td><a href="#emendation-c01-text" aria-label="para. 2: emendation 1 in the text">para. 2</a></td><td class="emendation-source">“difference?”</td><td class="emendation-corrected">“differences”</td><td class="emendation-reason">A question mark in the middle of a list (“differences, divergencies, etc.”) where the plural “s” belongs; the sentence continues.</td>');
    expect(rows[2]?.[2]).toContain('<td class="emendation-source">“,”</td><td class="emendation-corrected">removed</td><td class="emendation-reason">A stray comma between preposition and its object.</td>');
    expect(rows[6]?.[2]).toContain('so the stop is read as a comma. Capitalising “only” instead would create a verbless sentence fragment. Certainty: medium.</td>');
    expect(section).toContain('Corrected by tei-edition project.');

    const text = content(outputs, 'letters/lenin-to-shlyapnikov-1916-10/lenin-to-shlyapnikov-1916-10.txt');
    const list = text.slice(text.indexOf('\nEmendations\n'));
    expect(text.indexOf('\nEmendations\n')).toBeGreaterThan(text.indexOf('[e1] On notes 7 and 8: Notes 7 and 8'));
    expect(list.match(/^\d+\. /gm)).toHaveLength(11);
    expect(textBlock(list, '1. ')).toBe('1. para. 2: “difference?” → “differences”. A question mark in the middle of a list (“differences, divergencies, etc.”) where the plural “s” belongs; the sentence continues.');
    expect(textBlock(list, '5. ')).toBe('5. para. 9: “,” → removed. A stray comma between adjective and noun.');
  });

  it('marks the removed commas in the reading view: visible, focusable, named, linked to their entries and back', async () => {
    const result = transformLetter(await letterFromFile(BUNDLED_LETTER), context);
    const html = result.outputs.find((output) => output.path.endsWith('/index.html'))?.content ?? '';
    for (const [id, number] of [['c03', 3], ['c05', 5]] as const) {
      expect(html).toContain(`<span class="sic source-only" title="corrected reading: nothing">,</span><a class="emendation-ref removal reading-only" id="emendation-${id}-text" href="#emendation-${id}" title="removed: “,”" aria-label="removed: “,”, emendation ${number}">‸</a>`);
    }
    expect(html).not.toContain('<span class="corr reading-only" title="source reads: “,”"></span>');
    // Every mark links to its entry, every entry back to its mark.
    const marks = [...html.matchAll(/id="(emendation-[^"]+)-text" href="#(emendation-[^"]+)"/g)];
    expect(marks).toHaveLength(11);
    for (const [, from, to] of marks) {
      expect(from).toBe(to);
      expect(html).toContain(`<tr id="${to}">`);
      expect(html).toContain(`href="#${from}-text"`);
    }
    // A correction inside a linked name is marked after the link (links do not nest).
    expect(html).toContain('O.C.– ists</span></a><sup class="emendation-ref reading-only"><a id="emendation-c04-text" href="#emendation-c04"');
  });

  it('gathers justifications from encodingDesc, notes in the correction, @source, @resp and @cert', async () => {
    const { outputs, errors } = await site([await letterFromFile(path.join(ENCODINGS, 'emendation-justifications.xml'))]);
    expect(errors).toEqual([]);
    const text = content(outputs, 'letters/emendation-justifications/emendation-justifications.txt');
    expect(text.slice(text.indexOf('\nEmendations\n') + 1)).toBe([
      'Emendations',
      'Corrections of the source’s text, by place: the source’s reading, the corrected reading, and the reason. Corrected by Anna Editor.',
      '1. para. 2: “Berlim” → “Berlin”. A misprint of the transcription.',
      '2. para. 2: “,” → removed. The removed comma after “choir” separated subject and verb.',
      '3. para. 3: “were” → “was”. The printing of 1834 reads “was”. Source: Briefwechsel zwischen Goethe und Zelter, Berlin 1834. Certainty: low.',
    ].join('\n\n') + '\n');
    const html = content(outputs, 'letters/emendation-justifications/index.html');
    // The note inside the correction is its justification, not a numbered note.
    expect(html).not.toContain('class="notes"');
    expect(html).toContain('<tr id="emendation-3">');
    expect(html).toContain('<a class="name placeName kind-place" id="mention-berlin-1" href="../../registers/places.html#berlin"><span class="corr reading-only" title="source reads: “Berlim”">Berlin</span><span class="sic source-only" title="corrected reading: “Berlin”">Berlim</span></a><sup class="emendation-ref reading-only"><a id="emendation-k1-text" href="#emendation-k1"');
  });
});
