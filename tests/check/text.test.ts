import { describe, expect, it } from 'vitest';
import { checkAttributeLeaks, checkFormat, checkMarkupLeaks, checkText, checkWordsInOrder, tokenise } from '../../src/check/text.js';

describe('tokenise', () => {
  it('splits on everything but Unicode letters, marks and digits, after NFC', () => {
    expect(tokenise('Belenin’s “trip” — 1–2 heirs, Łódź, Chkheidze & Co.').map((w) => w.text)).toEqual([
      'Belenin', 's', 'trip', '1', '2', 'heirs', 'Łódź', 'Chkheidze', 'Co',
    ]);
    expect(tokenise('Stocke\u0301holm')).toEqual([{ text: 'Stockéholm', offset: 0 }]);
    expect(tokenise('Письмо Шляпникову')).toEqual([{ text: 'Письмо', offset: 0 }, { text: 'Шляпникову', offset: 7 }]);
  });
});

describe('checkWordsInOrder', () => {
  it('accepts extra words between the reading words (header, note markers, notes)', () => {
    expect(checkWordsInOrder('Title\n\nDear Friend,[1] yes.\n\n[1] A note.\n', 'Dear Friend, yes.')).toEqual([]);
  });

  it('reports the first missing word, after the last word it found', () => {
    expect(checkWordsInOrder('Dear Friend,\nyes.\n', 'Dear Friend, no yes.')).toEqual([
      expect.objectContaining({ ruleId: 'check/text-words-in-order', offset: 11, message: expect.stringContaining('Word 3 of 4 of the reading text, "no" (after "Dear Friend")') }),
    ]);
  });

  it('is case-sensitive: a changed word is a lost word', () => {
    expect(checkWordsInOrder('dear friend\n', 'Dear friend')).toHaveLength(1);
  });
});

describe('checkMarkupLeaks', () => {
  it.each([
    ['<p>', 0], ['</hi>', 0], ['<lb/>', 0], ['<pb n="233"/>', 0], ['<!-- c -->', 0], ['<?xml version="1.0"?>', 0],
    ['&amp;', 0], ['&lt;', 0], ['&#8217;', 0], ['&#x2019;', 0],
  ])('reports %s', (leak) => {
    expect(checkMarkupLeaks(`a ${leak} b`)).toMatchObject([{ ruleId: 'check/text-leak', offset: 2, endOffset: 2 + leak.length }]);
  });

  it.each(['2 < 3 and 4 > 1', 'A & B', 'Chkheidze & Co.; fish&chips', 'Martov and Axelrod = the Russian Kautskians'])('accepts %s', (text) => {
    expect(checkMarkupLeaks(text)).toEqual([]);
  });

  it('accepts references and tags the TEI source writes as text', () => {
    const tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>The entity &amp;amp; and the tag &lt;p> are text here.</p></TEI>';
    expect(checkMarkupLeaks('The entity &amp; and the tag <p> are text here.', tei)).toEqual([]);
    expect(checkMarkupLeaks('The entity &amp; and the tag <p> and <hi> are text here.', tei)).toMatchObject([{ message: 'Markup leaked into the text: "<hi>".' }]);
    expect(checkText({ text: 'The entity &amp; and the tag <p> are text here.\n', teiSource: tei })).toEqual([]);
    expect(checkMarkupLeaks('Chkheidze &amp; Co.', '<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>Chkheidze &amp; Co.</p></TEI>')).toMatchObject([{ ruleId: 'check/text-leak' }]);
  });

  it('reports at most ten leaks of a kind, then counts the rest', () => {
    const findings = checkMarkupLeaks('<p>'.repeat(25));
    expect(findings).toHaveLength(11);
    expect(findings[10]!.message).toBe('15 more like this: Markup leaked into the text: "<p>".');
  });
});

describe('checkAttributeLeaks', () => {
  const tei = '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:psn="https://example.org/persons/"><p corresp="#a #bc" ref="psn:lenin" n="1" when="1916-10-04" target="https://example.org/x">Lenin</p></TEI>';

  it.each(['#bc', 'psn:lenin', 'http://www.tei-c.org/ns/1.0', 'https://example.org/persons/'])('reports %s', (value) => {
    expect(checkAttributeLeaks(`Text ${value}.\n`, tei, 'Lenin')).toMatchObject([{ ruleId: 'check/text-leak', offset: 5, endOffset: 5 + value.length }]);
  });

  it('ignores human-readable values, values that are part of a longer word, and values the reading text contains', () => {
    expect(checkAttributeLeaks('[1] 1916-10-04 https://example.org/x Lenin #bcd\n', tei, 'Lenin')).toEqual([]);
    expect(checkAttributeLeaks('See #bc\n', tei, 'See #bc')).toEqual([]);
  });
});

describe('checkFormat', () => {
  it('accepts clean text', () => {
    expect(checkFormat('Title\n\nOne.\n\nTwo.\n')).toEqual([]);
  });

  it.each([
    ['a trailing no-break space', 'a\u00a0\nb\n', 1, 'Trailing whitespace'],
    ['trailing spaces on the last line', 'a\nb  \n', 3, 'Trailing whitespace'],
    ['CRLF', 'a\r\nb\n', 1, 'carriage return'],
    ['a tab', 'a\tb\n', 1, 'tab'],
    ['three line feeds', 'a\n\n\nb\n', 1, 'More than one blank line'],
    ['a missing final LF', 'a\nb', 3, 'does not end with a line feed'],
    ['an empty file', '', 0, 'does not end with a line feed'],
    ['decomposed characters', 'Lo\u0308b\n', 1, 'NFC'],
  ])('reports %s', (_name, text, offset, says) => {
    const findings = checkFormat(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'check/text-format', offset });
    expect(findings[0]!.message).toContain(says);
  });
});
