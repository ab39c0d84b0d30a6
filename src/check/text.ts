/**
 * Plain-text checks: every word of the letter's reading text appears in the
 * text output, in order; nothing of the TEI leaks in (tags, entity debris,
 * pointer and namespace attribute values); the file is clean UTF-8 text
 * (NFC, LF line ends, no trailing blanks, no tabs, at most one blank line in
 * a row, exactly one final LF).
 */
import { indexSource } from '../xml/source-index.js';
import type { Finding } from './report.js';

/** A word: a run of Unicode letters (with their combining marks) and digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** At most this many findings per kind, then one finding that counts the rest. */
const MAX_FINDINGS_PER_KIND = 10;

/** One word with its 0-based character offset. */
interface Word {
  text: string;
  offset: number;
}

/** Splits text into words (NFC-normalised first, so both sides tokenise alike). */
export function tokenise(text: string): Word[] {
  return [...text.normalize('NFC').matchAll(WORD)].map((match) => ({ text: match[0], offset: match.index }));
}

/** What the text check needs besides the output. */
export interface TextCheckInput {
  /** The text output. */
  text: string;
  /** The letter's reading text, words in order; when absent the word check is skipped. */
  readingText?: string;
  /** The TEI source; when given, its pointer and namespace attribute values must not appear in the text. */
  teiSource?: string;
}

/** Runs every plain-text check. */
export function checkText(input: TextCheckInput): Finding[] {
  const findings: Finding[] = [];
  if (input.readingText !== undefined) findings.push(...checkWordsInOrder(input.text, input.readingText));
  findings.push(...checkMarkupLeaks(input.text, input.teiSource));
  if (input.teiSource !== undefined) findings.push(...checkAttributeLeaks(input.text, input.teiSource, input.readingText ?? ''));
  findings.push(...checkFormat(input.text));
  return findings;
}

/**
 * Every word of the reading text must appear in the text, in order (other
 * words may come between: header, note markers, notes). Greedy matching
 * finds an embedding whenever one exists; the first word it cannot place is
 * reported, at the position just after the last word it placed.
 */
export function checkWordsInOrder(text: string, readingText: string): Finding[] {
  const expected = tokenise(readingText);
  const actual = tokenise(text);
  let position = 0;
  let lastMatchEnd = 0;
  for (let index = 0; index < expected.length; index++) {
    const word = expected[index]!;
    while (position < actual.length && actual[position]!.text !== word.text) position++;
    if (position === actual.length) {
      const before = expected.slice(Math.max(0, index - 3), index).map((w) => w.text).join(' ');
      return [
        {
          ruleId: 'check/text-words-in-order',
          message: `Word ${index + 1} of ${expected.length} of the reading text, "${word.text}"${before ? ` (after "${before}")` : ''}, is missing from the text after this point.`,
          offset: lastMatchEnd,
          hint: 'The text stylesheet drops or reorders content of the letter.',
        },
      ];
    }
    lastMatchEnd = actual[position]!.offset + actual[position]!.text.length;
    position++;
  }
  return [];
}

/**
 * Tag-like sequences and character or entity references left in the text.
 * One the TEI source writes as text (escaped: `&amp;amp;` for "&amp;",
 * `&lt;p>` for "<p>") is the letter's text, not a leak.
 */
export function checkMarkupLeaks(text: string, teiSource?: string): Finding[] {
  const writtenAsText = (sequence: string): boolean => teiSource !== undefined && teiSource.includes(sequence.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  const leaks: Finding[] = [];
  for (const match of text.matchAll(/<\/?[A-Za-z_][\w.:-]*(?:\s[^<>]*)?\/?>|<[!?][^<>]*>/g)) {
    if (writtenAsText(match[0])) continue;
    leaks.push({
      ruleId: 'check/text-leak',
      message: `Markup leaked into the text: ${JSON.stringify(match[0])}.`,
      offset: match.index,
      endOffset: match.index + match[0].length,
      hint: 'The text stylesheet copies or serialises an element instead of its text.',
    });
  }
  for (const match of text.matchAll(/&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);/g)) {
    if (writtenAsText(match[0])) continue;
    leaks.push({
      ruleId: 'check/text-leak',
      message: `An entity or character reference leaked into the text: ${JSON.stringify(match[0])}.`,
      offset: match.index,
      endOffset: match.index + match[0].length,
      hint: 'Plain text needs no escaping: write the character itself (the text output method, not xml).',
    });
  }
  return capPerKind(leaks);
}

/**
 * TEI attribute values that are machinery, not text: pointers (`#lenin`),
 * namespace URIs (`http://www.tei-c.org/ns/1.0`) and prefixed references
 * (`psn:lenin`). One that appears in the text as a whole, but not in the
 * reading text, has leaked. Human-readable values (`n="1"`, dates, http
 * links that a header may print) are not considered: they cannot be told
 * apart from legitimate text.
 */
export function checkAttributeLeaks(text: string, teiSource: string, readingText: string): Finding[] {
  const candidates = new Set<string>();
  for (const element of indexSource(teiSource).elements) {
    for (const attribute of element.attributes) {
      const isNamespace = attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:');
      for (const token of attribute.value.split(/\s+/)) {
        if (token.length < 2) continue;
        if (isNamespace || token.startsWith('#') || /^[A-Za-z][\w.-]*:(?!\/\/)\S/.test(token)) candidates.add(token);
      }
    }
  }
  const leaks: Finding[] = [];
  for (const candidate of candidates) {
    if (readingText.includes(candidate)) continue;
    const offset = indexOfWhole(text, candidate);
    if (offset === -1) continue;
    leaks.push({
      ruleId: 'check/text-leak',
      message: `A TEI attribute value leaked into the text: ${JSON.stringify(candidate)}.`,
      offset,
      endOffset: offset + candidate.length,
      hint: 'The text stylesheet outputs an attribute (pointer, namespace or reference) instead of the text it points to.',
    });
  }
  return capPerKind(leaks.sort((a, b) => a.offset! - b.offset!));
}

/** Offset of `needle` in `text` where it is not part of a longer word, else -1. */
function indexOfWhole(text: string, needle: string): number {
  const isWordCharacter = (character: string | undefined): boolean => character !== undefined && /[\p{L}\p{M}\p{N}_]/u.test(character);
  for (let offset = text.indexOf(needle); offset !== -1; offset = text.indexOf(needle, offset + 1)) {
    if (!isWordCharacter(text[offset - 1]) && !isWordCharacter(text[offset + needle.length])) return offset;
  }
  return -1;
}

/** Encoding and whitespace hygiene. */
export function checkFormat(text: string): Finding[] {
  const findings: Finding[] = [];
  if (text.normalize('NFC') !== text) {
    findings.push({
      ruleId: 'check/text-format',
      message: 'The text is not in Unicode normalisation form C (NFC).',
      offset: firstNonNfcOffset(text),
      hint: 'Normalise the text to NFC before writing (String.prototype.normalize).',
    });
  }
  const kinds: [RegExp, string, string][] = [
    [/\r/g, 'A carriage return (CR): lines must end with LF only.', 'Write LF line ends.'],
    [/\t/g, 'A tab character.', 'Indent with spaces, or not at all.'],
    [/[^\S\n\r]+(?=\r?\n|$)/g, 'Trailing whitespace at the end of a line.', 'Trim lines in the text stylesheet.'],
    [/\n{3}\n*(?!$)/g, 'More than one blank line in a row.', 'Separate paragraphs by exactly one blank line.'],
  ];
  for (const [pattern, message, hint] of kinds) {
    const found: Finding[] = [];
    for (const match of text.matchAll(pattern)) {
      found.push({ ruleId: 'check/text-format', message, hint, offset: match.index, endOffset: match.index + match[0].length });
    }
    findings.push(...capPerKind(found));
  }
  if (!text.endsWith('\n') || text.endsWith('\n\n')) {
    const trimmedEnd = text.replace(/\n+$/, '').length;
    findings.push({
      ruleId: 'check/text-format',
      message: text.endsWith('\n') ? 'The text ends with more than one line feed.' : 'The text does not end with a line feed.',
      offset: trimmedEnd,
      hint: 'End the file with exactly one LF.',
    });
  }
  return findings;
}

/** Offset of the first character (or character pair, for decomposed sequences) that NFC would change. */
function firstNonNfcOffset(text: string): number {
  for (let offset = 0; offset < text.length; offset++) {
    const window = text.slice(offset, offset + 2);
    if (window.normalize('NFC') !== window) return offset;
  }
  return 0;
}

function capPerKind(findings: Finding[]): Finding[] {
  if (findings.length <= MAX_FINDINGS_PER_KIND) return findings;
  const kept = findings.slice(0, MAX_FINDINGS_PER_KIND);
  const last = kept[kept.length - 1]!;
  kept.push({ ...last, message: `${findings.length - MAX_FINDINGS_PER_KIND} more like this: ${last.message}`, offset: findings[MAX_FINDINGS_PER_KIND]!.offset, endOffset: undefined });
  return kept;
}
