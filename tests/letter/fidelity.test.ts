/**
 * The encoded letter against its source, token by token: the diplomatic
 * reading must reproduce the seed exactly, and the normalised reading may
 * differ from it only where a correction is marked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED, available } from '../helpers/fixtures.js';
import {
  diffTokens,
  elementsOf,
  formatHunks,
  letterPartOfSeed,
  loadLetter,
  paragraphs,
  readingText,
  tokenize,
} from './reading-text.js';

/** The tests comparing the letter with its seed, skipped where the seed is missing. */
const withSeed = it.skipIf(!available.seed);

const tei = loadLetter();
// Without the seed, an empty one keeps the set-up below harmless; the tests comparing with it are skipped.
const seedLetter = available.seed ? letterPartOfSeed(readFileSync(SEED, 'utf8')) : '';
const seedTokens = tokenize(seedLetter).map((token) => token.value);
const choiceIds = elementsOf(tei)
  .filter((element) => element.name === 'choice')
  .map((choice) => choice.attributes['xml:id'] ?? '');

describe('diplomatic text (sic readings, notes as [n] markers)', () => {
  const diplomatic = readingText(tei, () => 'sic');

  withSeed('reproduces the letter part of the seed token by token', () => {
    const hunks = diffTokens(seedTokens, tokenize(diplomatic.text).map((token) => token.value));
    expect(hunks, `differences from the seed:\n${formatHunks(hunks)}`).toEqual([]);
  });

  it('starts with the salutation and ends with note 8', () => {
    const tokens = tokenize(diplomatic.text).map((token) => token.value);
    expect(tokens.slice(0, 2)).toEqual(['Dear', 'Friend,']);
    expect(tokens.slice(-3)).toEqual(['groups', 'and', 'trends.']);
    expect(tokens).toContain('James[4]');
  });

  withSeed('divides the letter and its notes into paragraphs as the seed does', () => {
    const words = (paragraph: string): string =>
      tokenize(paragraph)
        .map((token) => token.value)
        .join(' ');
    const expected = seedLetter.split(/\n\s*\n/).map(words).filter((paragraph) => paragraph !== '');
    expect(paragraphs(tei, () => 'sic').map(words)).toEqual(expected);
  });
});

describe('normalised text (corr readings)', () => {
  const normalised = readingText(tei, () => 'corr');
  const tokens = tokenize(normalised.text);
  const hunks = diffTokens(
    seedTokens,
    tokens.map((token) => token.value),
  );

  it('has an xml:id on every choice, so that each correction can be cited', () => {
    expect(choiceIds.length).toBeGreaterThan(0);
    expect(choiceIds.filter((id) => id === '')).toEqual([]);
  });

  withSeed('differs from the seed only inside marked corrections', () => {
    const outside = hunks.filter((hunk) => {
      // The hunk occupies the text between the common tokens around it.
      const from = hunk.actualIndex > 0 ? tokens[hunk.actualIndex - 1]!.end : 0;
      const nextIndex = hunk.actualIndex + hunk.actual.length;
      const to = nextIndex < tokens.length ? tokens[nextIndex]!.start : normalised.text.length;
      return !normalised.choices.some((span) => span.start <= to && span.end >= from);
    });
    expect(outside, `differences outside any choice:\n${formatHunks(outside)}`).toEqual([]);
  });

  withSeed('differs from the seed at every marked correction', () => {
    const withoutEffect = choiceIds.filter((id) => {
      const onlyThis = readingText(tei, (choice) => (choice.attributes['xml:id'] === id ? 'corr' : 'sic'));
      return diffTokens(seedTokens, tokenize(onlyThis.text).map((token) => token.value)).length === 0;
    });
    expect(withoutEffect, 'corrections that change nothing').toEqual([]);
  });

  withSeed('has no more differences than corrections', () => {
    expect(hunks.length).toBeGreaterThan(0);
    expect(hunks.length).toBeLessThanOrEqual(choiceIds.length);
  });
});
