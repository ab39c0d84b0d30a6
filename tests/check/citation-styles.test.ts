/**
 * The letters' CSL-JSON rendered by citeproc (citation-js) in the official
 * styles users cite with (issue 13, item 8): APA 7, Chicago 18 author-date
 * and notes-bibliography, MLA 9, read from ../shared/styles/csl.
 *
 * Each expected string is written from the style's manual for a letter in a
 * published (here: digital) collection, as plain text (no italics):
 * - APA 7 (§10.x): letters cited like archival letters, "Author, A. A.
 *   (Year, Month Day). [Letter to Recipient]. …", "ca." for an approximate
 *   date, the translator after the title, "In Collection (Version).
 *   Publisher. URL".
 * - Chicago 18 (14.111, letters in published collections): "Sender to
 *   Recipient, date, in Collection …" in notes, the letter's date right after
 *   its description and the collection's date with its publisher; "[1916?]"
 *   for a conjectural date.
 * - MLA 9 (letters): "Author. Letter to Recipient. Date. Container, …,
 *   Publisher, Date of the container, URL."
 * Where the official CSL file renders something else, the difference is
 * listed with the reason (also in README, "Citations"): the test then checks
 * that citeproc renders exactly the manual's string with those differences,
 * so that a new difference fails it.
 */
import { describe, expect, it } from 'vitest';
import type { CiteItem } from '@citation-js/core';
import { available } from '../helpers/fixtures.js';
import { citationFiles, renderInStyle, type CitationFiles, type CitationLetter, type CslStyle } from './citation-letters.js';

/** One place where the official CSL style renders differently from its manual. */
interface StyleDifference {
  manual: string;
  citeproc: string;
  why: string;
}

/** What a style's manual prescribes for a letter, and where the CSL style differs. */
interface Expectation {
  bibliography: string;
  citation: string;
  differences?: StyleDifference[];
}

/** The manual's string with the listed differences applied; each must occur exactly once. */
function asRendered(manual: string, differences: readonly StyleDifference[]): string {
  return differences.reduce((text, difference) => {
    const parts = text.split(difference.manual);
    if (parts.length !== 2) throw new Error(`"${difference.manual}" must occur once in "${text}"`);
    return parts.join(difference.citeproc);
  }, manual);
}

const WHY_DATE =
  'the Chicago and MLA styles take a letter\'s date from event-date and print issued as the collection\'s publication date; the CSL-JSON keeps the letter\'s date in issued (APA, Zotero and other CSL readers take it as the letter\'s date) and the edition\'s date in available-date, which these styles print only for an item without issued';
const WHY_MLA_RECIPIENT = 'the MLA style has no recipient variable: it prints the genre alone';
const WHY_MLA_CIRCA = 'the MLA style capitalises the term "circa" after a comma and does not abbreviate it';
const WHY_CHICAGO_GENRE = 'with a genre, the Chicago style describes the letter by its genre ("Letter to …") in notes too; without one, MLA would print no description at all';

const BUNDLED_URL = 'https://tei-edition.example.org/letters/lenin-to-shlyapnikov-1916-10/';
const EXACT_URL = 'https://tei-edition.example.org/letters/citation-when-exact/';

const EXPECTED: Record<'bundled' | 'whenExact', Record<CslStyle, Expectation>> = {
  bundled: {
    apa: {
      bibliography: `Lenin, V. I. (ca. 1916). [Letter to A. G. Shlyapnikov] (A. Rothstein, Trans.). In tei-edition: Letters (Version 0.1.0). tei-edition project. ${BUNDLED_URL}`,
      citation: '(Lenin, ca. 1916)',
    },
    'chicago-author-date': {
      bibliography: `Lenin, V. I. [1916?]. Letter to A. G. Shlyapnikov. In tei-edition: Letters, version 0.1.0, translated by Andrew Rothstein. tei-edition project, 2026. ${BUNDLED_URL}.`,
      citation: '(Lenin [1916?])',
      differences: [{ manual: 'tei-edition project, 2026.', citeproc: 'tei-edition project.', why: WHY_DATE }],
    },
    'chicago-notes-bibliography': {
      bibliography: `Lenin, V. I. Letter to A. G. Shlyapnikov, [1916?]. In tei-edition: Letters, version 0.1.0, translated by Andrew Rothstein. tei-edition project, 2026. ${BUNDLED_URL}.`,
      citation: `V. I. Lenin to A. G. Shlyapnikov, [1916?], in tei-edition: Letters, version 0.1.0, trans. Andrew Rothstein, tei-edition project, 2026, ${BUNDLED_URL}.`,
      differences: [
        { manual: 'Shlyapnikov, [1916?]. In', citeproc: 'Shlyapnikov. In', why: WHY_DATE },
        { manual: 'project, 2026. https', citeproc: 'project, [1916?]. https', why: WHY_DATE },
        { manual: 'V. I. Lenin to A. G. Shlyapnikov, [1916?], in', citeproc: 'V. I. Lenin, Letter to A. G. Shlyapnikov, in', why: `${WHY_CHICAGO_GENRE}; ${WHY_DATE}` },
        { manual: 'project, 2026, https', citeproc: 'project, [1916?], https', why: WHY_DATE },
      ],
    },
    'modern-language-association': {
      bibliography: `Lenin, V. I. Letter to A. G. Shlyapnikov. c. 1916. tei-edition: Letters, translated by Andrew Rothstein, Version 0.1.0, tei-edition project, 27 Nov. 2026, ${BUNDLED_URL}.`,
      citation: '(Lenin)',
      differences: [
        { manual: 'Letter to A. G. Shlyapnikov. c. 1916.', citeproc: 'Letter.', why: `${WHY_MLA_RECIPIENT}; ${WHY_DATE}` },
        { manual: '27 Nov. 2026', citeproc: 'Circa 1916', why: `${WHY_DATE}; ${WHY_MLA_CIRCA}` },
      ],
    },
  },
  whenExact: {
    apa: {
      bibliography: `Muster, C. (1898, March 14). [Letter to Daniel Beispiel]. In tei-edition: Letters (Version 0.1.0). tei-edition project. ${EXACT_URL}`,
      citation: '(Muster, 1898)',
    },
    'chicago-author-date': {
      bibliography: `Muster, Clara. 1898. Letter to Daniel Beispiel, March 14, 1898. In tei-edition: Letters, version 0.1.0. tei-edition project, 2026. ${EXACT_URL}.`,
      citation: '(Muster 1898)',
      differences: [
        { manual: 'Beispiel, March 14, 1898. In', citeproc: 'Beispiel. In', why: WHY_DATE },
        { manual: 'project, 2026.', citeproc: 'project, March 14.', why: WHY_DATE },
      ],
    },
    'chicago-notes-bibliography': {
      bibliography: `Muster, Clara. Letter to Daniel Beispiel, March 14, 1898. In tei-edition: Letters, version 0.1.0. tei-edition project, 2026. ${EXACT_URL}.`,
      citation: `Clara Muster to Daniel Beispiel, March 14, 1898, in tei-edition: Letters, version 0.1.0, tei-edition project, 2026, ${EXACT_URL}.`,
      differences: [
        { manual: 'Beispiel, March 14, 1898. In', citeproc: 'Beispiel. In', why: WHY_DATE },
        { manual: 'project, 2026. https', citeproc: 'project, March 14, 1898. https', why: WHY_DATE },
        { manual: 'Clara Muster to Daniel Beispiel, March 14, 1898, in', citeproc: 'Clara Muster, Letter to Daniel Beispiel, in', why: `${WHY_CHICAGO_GENRE}; ${WHY_DATE}` },
        { manual: 'project, 2026, https', citeproc: 'project, March 14, 1898, https', why: WHY_DATE },
      ],
    },
    'modern-language-association': {
      bibliography: `Muster, Clara. Letter to Daniel Beispiel. 14 Mar. 1898. tei-edition: Letters, Version 0.1.0, tei-edition project, 27 Nov. 2026, ${EXACT_URL}.`,
      citation: '(Muster)',
      differences: [
        { manual: 'Letter to Daniel Beispiel. 14 Mar. 1898.', citeproc: 'Letter.', why: `${WHY_MLA_RECIPIENT}; ${WHY_DATE}` },
        { manual: '27 Nov. 2026', citeproc: '14 Mar. 1898', why: WHY_DATE },
      ],
    },
  },
};

const cases = (['bundled', 'whenExact'] as const).flatMap((letter) =>
  (Object.keys(EXPECTED[letter]) as CslStyle[]).map((style) => [letter, style] as const),
);

let files: Promise<Record<CitationLetter, CitationFiles>> | undefined;
const items = async (letter: CitationLetter): Promise<CiteItem[]> => JSON.parse((await (files ??= citationFiles()))[letter].cslJson) as CiteItem[];

describe.skipIf(!available.cslStyles)('citations in the official styles, as their manuals write them', () => {
  it.each(cases)('%s in %s', async (letter, style) => {
    const expected = EXPECTED[letter][style];
    const differences = expected.differences ?? [];
    expect(differences.filter((d) => !expected.bibliography.includes(d.manual) && !expected.citation.includes(d.manual))).toEqual([]);
    const data = await items(letter);
    expect(renderInStyle(data, style, 'bibliography')).toBe(asRendered(expected.bibliography, differences.filter((d) => expected.bibliography.includes(d.manual))));
    expect(renderInStyle(data, style, 'citation')).toBe(asRendered(expected.citation, differences.filter((d) => expected.citation.includes(d.manual))));
  }, 300_000);

  it('keeps the edition\'s title and publisher as written: Chicago would title-case them otherwise', async () => {
    const [item] = await items('bundled');
    const sampleTitle = 'Letters of V. I. Lenin: a tei-edition sample edition';
    const protectedItem = { ...item!, 'container-title': `<span class="nocase">${sampleTitle}</span>` };
    const unprotected = { ...protectedItem, 'container-title': sampleTitle, publisher: 'tei-edition project' };
    expect(renderInStyle([protectedItem], 'chicago-notes-bibliography', 'bibliography')).toContain(`In ${sampleTitle}, version 0.1.0, translated by Andrew Rothstein. tei-edition project,`);
    expect(renderInStyle([unprotected], 'chicago-notes-bibliography', 'bibliography')).toContain('In Letters of V. I. Lenin: A Tei-Edition Sample Edition, version 0.1.0, translated by Andrew Rothstein. Tei-edition project,');
  }, 300_000);

  it('cites a letter with a title of its own by that title, and its recipient', async () => {
    const data = await items('ownTitle');
    expect(renderInStyle(data, 'apa', 'bibliography')).toBe(
      'Exempel, E. (1902, July). On the harvest at Grünwald [Letter to Frieda Probe]. In tei-edition: Letters (Version 0.1.0). tei-edition project. https://tei-edition.example.org/letters/citation-own-title/',
    );
    expect(renderInStyle(data, 'chicago-notes-bibliography', 'citation')).toBe(
      'Emil Exempel, “On the Harvest at Grünwald,” Letter to Frieda Probe, in tei-edition: Letters, version 0.1.0, tei-edition project, July 1902, https://tei-edition.example.org/letters/citation-own-title/.',
    );
  }, 300_000);

  it('cites a sender whose name has a particle with the particle where each style puts it', async () => {
    const data = await items('particleName');
    expect(renderInStyle(data, 'apa', 'bibliography')).toMatch(/^von Chamisso, A\. \(ca\. 1816, May\)\. \[Letter to Julius Eduard Hitzig\]\./);
    expect(renderInStyle(data, 'chicago-notes-bibliography', 'bibliography')).toMatch(/^Chamisso, Adelbert von\. Letter to Julius Eduard Hitzig\./);
    expect(renderInStyle(data, 'chicago-notes-bibliography', 'citation')).toMatch(/^Adelbert von Chamisso, Letter to Julius Eduard Hitzig,/);
  }, 300_000);
});
