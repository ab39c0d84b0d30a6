/**
 * The BibLaTeX and RIS files as real importers read them (issue 13, item 9):
 * biber validates every .bib the tests know (the bundled letter's, the
 * issue-13 fixtures', the check fixture's) against biblatex's data model and
 * must not warn; it splits the names into the parts biblatex uses; citation-js
 * reads the RIS back with the recipient, the edition and the full date.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIBER, available } from '../helpers/fixtures.js';
import { tempTree } from '../helpers/temp-tree.js';
import { CITATION_LETTERS, citationFiles, type CitationFiles, type CitationLetter } from './citation-letters.js';
import { FIXTURES } from './fixture-outputs.js';

let files: Record<CitationLetter, CitationFiles>;

beforeAll(async () => {
  files = await citationFiles();
}, 300_000);

/** What biber made of a .bib file: its warnings and errors, and the entries as BibLaTeXML (names split into parts). */
interface BiberResult {
  problems: string[];
  biblatexml: string;
}

/** Runs `biber --tool --validate-datamodel` on BibLaTeX text, writing BibLaTeXML. */
function biber(bibtex: string): BiberResult {
  const folder = tempTree({ 'letter.bib': bibtex }, 'tei-edition-biber-');
  try {
    const run = spawnSync(BIBER!, ['--tool', '--validate-datamodel', '--output-format=biblatexml', '--output-file=letter.bltxml', 'letter.bib'], { cwd: folder, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`biber failed (${String(run.status)}): ${run.stdout}${run.stderr}`);
    const problems = `${run.stdout}${run.stderr}`.split('\n').filter((line) => /^(WARN|ERROR) - /.test(line));
    return { problems, biblatexml: readFileSync(path.join(folder, 'letter.bltxml'), 'utf8') };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The name parts biber found for each name of a name list, as "type=value" strings (given names joined). */
function nameParts(biblatexml: string, list: string): string[][] {
  const names = new RegExp(`<bltx:names type="${list}">([\\s\\S]*?)</bltx:names>`).exec(biblatexml)?.[1] ?? '';
  return [...names.matchAll(/<bltx:name>([\s\S]*?)<\/bltx:name>/g)].map(([, name]) =>
    [...name!.matchAll(/<bltx:namepart type="(\w+)"[^>]*>([\s\S]*?)<\/bltx:namepart>(?=\s*(?:<bltx:namepart type|$))/g)].map(
      ([, type, value]) => `${type!}=${value!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()}`,
    ),
  );
}

describe.skipIf(!available.biber)('biber validates the BibLaTeX against biblatex\'s data model', () => {
  it.each(Object.keys(CITATION_LETTERS) as CitationLetter[])('%s: no warning', (letter) => {
    expect(biber(files[letter].bibtex).problems).toEqual([]);
  });

  it('the check fixture: no warning', () => {
    const bib = readFileSync(path.join(FIXTURES, 'good', 'letters', 'lenin-shlyapnikov-1916', 'lenin-shlyapnikov-1916.bib'), 'utf8');
    expect(biber(bib).problems).toEqual([]);
  });

  it('warns about the fields the former @misc had and about @letter, so a silent run means something', () => {
    const former = '@misc{x,\n  author = {Lenin, V. I.},\n  recipient = {Shlyapnikov, A. G.},\n  translator = {Rothstein, Andrew},\n  title = {Letter},\n  year = {1916}\n}\n';
    expect(biber(former).problems).toEqual([
      "WARN - Datamodel: Entry 'x' (letter.bib): Field 'recipient' invalid in data model - ignoring",
      "WARN - Datamodel: Entry 'x' (letter.bib): Invalid field 'translator' for entrytype 'misc'",
    ]);
    expect(biber(former.replace('@misc', '@letter').replace(/ {2}(recipient|translator).*\n/g, '')).problems).toEqual([
      "WARN - Datamodel: Entry 'x' (letter.bib): Invalid field 'author' for entrytype 'letter'",
      "WARN - Datamodel: Entry 'x' (letter.bib): Invalid field 'title' for entrytype 'letter'",
    ]);
  });

  it('reads the translator as an editor of type translator, and the open date range', () => {
    const { biblatexml } = biber(files.bundled.bibtex);
    expect(nameParts(biblatexml, 'editor')).toEqual([['family=Rothstein', 'given=Andrew']]);
    expect(biblatexml).toContain('<bltx:editortype>translator</bltx:editortype>');
    expect(biblatexml).toMatch(/<bltx:date>\s*<bltx:start>1916-10-04<\/bltx:start>\s*<bltx:end><\/bltx:end>\s*<\/bltx:date>/);
  });

  it('splits a name with a particle into prefix, family and given', () => {
    expect(nameParts(biber(files.particleName.bibtex).biblatexml, 'author')).toEqual([['family=Chamisso', 'given=Adelbert', 'prefix=von']]);
  });
});

describe('citation-js reads the RIS back', () => {
  const records = (ris: string) => plugins.input.chainLink(ris, { forceType: '@ris/file', target: '@ris/records' }) as Record<string, string>[];

  it('with the recipient, the edition and the date as far as known (bundled letter: a year, circa)', () => {
    const [item] = new Cite(files.bundled.ris, { forceType: '@ris/file' }).data;
    expect(item).toMatchObject({ type: 'personal_communication', recipient: [{ family: 'Shlyapnikov', given: 'A. G.' }], issued: { 'date-parts': [[1916]] } });
    expect(records(files.bundled.ris)[0]).toMatchObject({ T2: 'tei-edition: Letters', DA: '1916///later than 3 October 1916' });
  });

  it('with the full date of an exactly dated letter', () => {
    const [item] = new Cite(files.whenExact.ris, { forceType: '@ris/file' }).data;
    expect(item).toMatchObject({ recipient: [{ family: 'Beispiel', given: 'Daniel' }], issued: { 'date-parts': [[1898, 3, 14]] } });
    expect(item!.title).toBeUndefined();
    expect(records(files.whenExact.ris)[0]).toMatchObject({ T2: 'tei-edition: Letters', DA: '1898/03/14/' });
  });

  it('with the title of a letter that has its own', () => {
    const [item] = new Cite(files.ownTitle.ris, { forceType: '@ris/file' }).data;
    expect(item).toMatchObject({ title: 'On the harvest at Grünwald', issued: { 'date-parts': [[1902, 7]] } });
  });
});
