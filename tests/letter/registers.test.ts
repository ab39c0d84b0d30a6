/**
 * Registers, pointers and notes of the encoded letter: every mention points
 * to a register entry, every entry is used, every pointer resolves, and the
 * source's notes 1–8 stand at their reference points with the right
 * responsibility.
 */
import { describe, expect, it } from 'vitest';
import {
  type XmlElement,
  type XmlNode,
  childrenNamed,
  elementsOf,
  isProjectNote,
  loadLetter,
  onlyChild,
  projectResp,
  textContent,
} from './reading-text.js';

const tei = loadLetter();
const all = elementsOf(tei);
const standOff = onlyChild(tei, 'standOff');
const text = onlyChild(tei, 'text');

/** Elements that tag a mention and must point to the registers. */
const mentionNames = new Set(['persName', 'placeName', 'orgName', 'title', 'rs']);

/** Register entries: the elements of standOff's lists that carry an identity. */
const entryNames = new Set(['person', 'personGrp', 'place', 'org', 'bibl']);

const entries = elementsOf(standOff).filter((element) => entryNames.has(element.name));
const entryIds = new Set(entries.map((entry) => entry.attributes['xml:id'] ?? ''));
const allIds = new Set(all.map((element) => element.attributes['xml:id']).filter((id) => id !== undefined));

/** Every "#id" token of every attribute of the given elements, with its owner. */
function pointersIn(elements: readonly XmlElement[]): { owner: string; attribute: string; target: string }[] {
  return elements.flatMap((element) =>
    Object.entries(element.attributes).flatMap(([attribute, value]) =>
      value
        .split(/\s+/)
        .filter((token) => token.startsWith('#'))
        .map((token) => ({ owner: element.name, attribute, target: token.slice(1) })),
    ),
  );
}

/** Text outside any tagged mention and outside the project's own notes. */
function untaggedText(node: XmlNode): string {
  if (node.kind === 'text') return node.text;
  if (mentionNames.has(node.name) || (node.name === 'note' && isProjectNote(node))) return ' ';
  return node.children.map(untaggedText).join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('registers', () => {
  const mentions = elementsOf(text).filter((element) => mentionNames.has(element.name));

  it('gives every register entry an xml:id and a name', () => {
    expect(entries.length).toBeGreaterThan(0);
    const faulty = entries.filter(
      (entry) =>
        entry.attributes['xml:id'] === undefined ||
        !entry.children.some((child) => child.kind === 'element' && ['persName', 'placeName', 'orgName', 'title'].includes(child.name)),
    );
    expect(faulty.map((entry) => entry.attributes['xml:id'] ?? entry.name)).toEqual([]);
  });

  it('states the basis of every identification in a note', () => {
    const withoutNote = entries.filter((entry) => childrenNamed(entry, 'note').length === 0);
    expect(withoutNote.map((entry) => entry.attributes['xml:id'])).toEqual([]);
  });

  it('points every mention in the text to a register entry', () => {
    const unresolved = mentions
      .filter((mention) => {
        const targets = (mention.attributes.ref ?? '').split(/\s+/).filter((token) => token !== '');
        return targets.length === 0 || targets.some((target) => !target.startsWith('#') || !entryIds.has(target.slice(1)));
      })
      .map((mention) => `<${mention.name} ref="${mention.attributes.ref ?? ''}">${textContent(mention)}`);
    expect(unresolved).toEqual([]);
  });

  it('uses every register entry outside the registers', () => {
    const used = new Set(pointersIn(all.filter((element) => !elementsOf(standOff).includes(element))).map((pointer) => pointer.target));
    expect([...entryIds].filter((id) => !used.has(id))).toEqual([]);
  });

  it('leaves no name of a register entry untagged in the letter or its notes', () => {
    const forms = new Set<string>();
    for (const entry of entries) {
      for (const name of entry.children) {
        if (name.kind !== 'element' || !['persName', 'placeName', 'orgName', 'title'].includes(name.name)) continue;
        forms.add(textContent(name).trim());
        for (const surname of childrenNamed(name, 'surname')) forms.add(textContent(surname).trim());
      }
    }
    const untagged = untaggedText(text);
    const found = [...forms].filter((form) =>
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, 'u').test(untagged),
    );
    expect(found).toEqual([]);
  });
});

describe('pointers', () => {
  it('resolves every "#…" pointer in the file', () => {
    const dangling = pointersIn(all).filter((pointer) => !allIds.has(pointer.target));
    expect(dangling).toEqual([]);
  });

  it('resolves every @resp to a register entry', () => {
    const withResp = all.filter((element) => element.attributes.resp !== undefined);
    expect(withResp.length).toBeGreaterThan(0);
    const unresolved = withResp.filter((element) =>
      element.attributes.resp!.split(/\s+/).some((token) => !token.startsWith('#') || !entryIds.has(token.slice(1))),
    );
    expect(unresolved.map((element) => `${element.name} resp="${element.attributes.resp}"`)).toEqual([]);
  });

  it('attributes every correction to the project', () => {
    const corrections = all.filter((element) => element.name === 'corr');
    expect(corrections.length).toBeGreaterThan(0);
    expect(corrections.filter((corr) => corr.attributes.resp !== projectResp)).toEqual([]);
  });

  it('lists every correction in editorialDecl/correction, and nothing else', () => {
    const correction = onlyChild(
      onlyChild(onlyChild(onlyChild(tei, 'teiHeader'), 'encodingDesc'), 'editorialDecl'),
      'correction',
    );
    const listed = elementsOf(correction)
      .filter((element) => element.name === 'ref')
      .map((ref) => ref.attributes.target ?? '');
    const choices = all.filter((element) => element.name === 'choice').map((choice) => `#${choice.attributes['xml:id'] ?? ''}`);
    expect(listed).toEqual(choices);
  });
});

describe('notes', () => {
  const notes = elementsOf(text).filter((element) => element.name === 'note');
  const sourceNotes = notes.filter((note) => !isProjectNote(note));

  /** What the source says about each note: who wrote it, where it is printed, how it is signed. */
  const expected: Record<string, { type: string; resp: string; place: string; signature: string }> = {
    '1': { type: 'editorial', resp: '#cw-editors', place: 'foot', signature: '—Ed.' },
    '2': { type: 'authorial', resp: '#lenin', place: 'foot', signature: '—Lenin' },
    '3': { type: 'editorial', resp: '#cw-editors', place: 'foot', signature: '—Ed.' },
    '4': { type: 'editorial', resp: '#cw-editors', place: 'end', signature: '' },
    '5': { type: 'editorial', resp: '#cw-editors', place: 'end', signature: '' },
    '6': { type: 'editorial', resp: '#cw-editors', place: 'end', signature: '' },
    '7': { type: 'editorial', resp: '#cw-editors', place: 'end', signature: '' },
    '8': { type: 'editorial', resp: '#cw-editors', place: 'end', signature: '' },
  };

  it('has the source notes 1–8, each exactly once, in the body of the letter', () => {
    const numbers = sourceNotes.map((note) => note.attributes.n ?? '(none)').sort((a, b) => Number(a) - Number(b));
    expect(numbers).toEqual(Object.keys(expected));
  });

  it('gives each source note its type, responsibility, place and signature', () => {
    const actual = Object.fromEntries(
      sourceNotes.map((note) => {
        const content = textContent(note).trim();
        const signature = /—(Ed\.|Lenin)$/.exec(content)?.[0] ?? '';
        return [
          note.attributes.n ?? '(none)',
          { type: note.attributes.type, resp: note.attributes.resp, place: note.attributes.place, signature },
        ];
      }),
    );
    expect(actual).toEqual(expected);
  });

  it('keeps the two paragraphs of note 7', () => {
    const note7 = sourceNotes.find((note) => note.attributes.n === '7');
    expect(note7 && childrenNamed(note7, 'p').length).toBe(2);
  });

  it('marks the project notes as editorial and numbers them apart from the source notes', () => {
    const projectNotes = notes.filter(isProjectNote);
    expect(projectNotes.length).toBeGreaterThan(0);
    const faulty = projectNotes.filter(
      (note) => note.attributes.type !== 'editorial' || (note.attributes.n !== undefined && note.attributes.n in expected),
    );
    expect(faulty).toEqual([]);
  });

  it('states the numbering problem of notes 7 and 8 in a project note pointing at both', () => {
    const problem = notes.filter(isProjectNote).find((note) => {
      const targets = (note.attributes.target ?? '').split(/\s+/);
      return targets.includes('#note-7') && targets.includes('#note-8');
    });
    expect(problem && textContent(problem)).toMatch(/Pokrovsky[\s\S]*O\.C\./);
  });
});
