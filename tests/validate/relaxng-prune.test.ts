import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validateRelaxNg } from '../../src/adapters/xmllint.js';
import { documentVocabulary, pruneGrammar } from '../../src/validate/relaxng/prune-grammar.js';
import { parseRng } from '../../src/validate/relaxng/rng-document.js';
import { CORPUS, ESCHER_LETTERS, JING, TEI_ALL, available } from '../helpers/fixtures.js';

const corpusFile = (file: string) => ({ file, text: readFileSync(path.join(CORPUS, file), 'utf8') });

const GRAMMAR = `<grammar xmlns="http://relaxng.org/ns/structure/1.0" xmlns:r="http://relaxng.org/ns/structure/1.0">
  <start><ref name="root"/></start>
  <define name="root"><element name="root"><zeroOrMore><choice><ref name="a"/><ref name="b"/><ref name="any"/></choice></zeroOrMore></element></define>
  <define name="a"><element name="a"><text/></element></define>
  <define name="b"><r:element><r:name>b</r:name><r:empty/></r:element></define>
  <define name="any"><element><anyName/><empty/></element></define>
</grammar>`;

describe('pruneGrammar', () => {
  const grammar = parseRng(GRAMMAR)!;

  it('collects element names, including behind prefixes and character references in entity values', () => {
    const vocabulary = documentVocabulary(['<!DOCTYPE r [<!ENTITY e "&#60;hidden/>">]><tei:root xmlns:tei="x"><a/>&e;</tei:root>']);
    expect([...vocabulary].sort()).toEqual(['a', 'hidden', 'root']);
  });

  it('replaces unused named element patterns with notAllowed, keeping prefixes and name classes', () => {
    const pruned = pruneGrammar(grammar, new Set(['root', 'a']), 'not-allowed');
    expect(pruned).toMatchObject({ removed: 1, kept: 2 });
    expect(pruned.text).toContain('<define name="b"><r:notAllowed/></define>');
    expect(pruned.text).toContain('<element name="a"><text/></element>');
    expect(pruned.text).toContain('<element><anyName/><empty/></element>');
  });

  it('empties the content of unused element patterns but keeps their names', () => {
    const pruned = pruneGrammar(parseRng(GRAMMAR.replace('<text/>', '<oneOrMore><text/></oneOrMore>'))!, new Set(['root', 'b']), 'empty-content');
    expect(pruned.text).toContain('<define name="a"><element name="a"><empty/></element></define>');
    expect(pruned.text).toContain('<r:element><r:name>b</r:name><r:empty/></r:element>');
  });

  it('leaves text outside pruned patterns byte for byte unchanged', () => {
    const pruned = pruneGrammar(grammar, new Set(['root', 'a', 'b']), 'not-allowed');
    expect(pruned.text).toBe(GRAMMAR);
  });
});

describe.skipIf(!available.sharedSchemas || !available.corpus)('pruning never changes a verdict on tei_all', () => {
  const files = [
    'TEI-Correspondence-SIG__CMIF/examples/example01_basic.xml',
    'TEI-Correspondence-SIG__CMIF/templates/cmif-digital-edition.xml',
    'stazh__briefedition-escher/data/briefe/K_2574_StadtLugano_an_Escher_1871-11-18.xml',
    'stazh__briefedition-escher/data/briefe/K_2689_Welti_Emil_an_Escher_1875-10-04.xml',
  ];
  const summary = (results: Map<string, { severity: string; line?: number }[]>) =>
    files.map((file) => results.get(file)!.filter((d) => d.severity === 'error').map((d) => d.line));

  it('gives the same errors on the same lines pruned (both modes) and unpruned', async () => {
    const docs = files.map(corpusFile);
    const teiAll = { file: TEI_ALL, text: readFileSync(TEI_ALL, 'utf8') };
    const unpruned = summary(await validateRelaxNg(docs, teiAll, { prune: false, timeoutMs: 240_000 }));
    expect(unpruned.map((lines) => lines.length > 0)).toEqual([false, true, true, true]);
    expect(summary(await validateRelaxNg(docs, teiAll, { pruneMode: 'not-allowed' }))).toEqual(unpruned);
    expect(summary(await validateRelaxNg(docs, teiAll, { pruneMode: 'empty-content' }))).toEqual(unpruned);
  }, 300_000);

  // Simplifying pruned content models made libxml2 backtrack for minutes on a vocabulary with listWit; the grammar is pruned without simplifying, and the time limit caps the work.
  it('validates the listWit vocabulary in both modes, well within the time limit, as jing does (valid)', async () => {
    const listWit = corpusFile('TEI-Correspondence-SIG__correspDesc/examples/example12_several-witnesses-one-correspDesc.xml');
    expect(listWit.text).toContain('<listWit');
    const teiAll = { file: TEI_ALL, text: readFileSync(TEI_ALL, 'utf8') };
    for (const pruneMode of ['not-allowed', 'empty-content'] as const) {
      const diagnostics = (await validateRelaxNg([listWit], teiAll, { pruneMode, timeoutMs: 60_000 })).get(listWit.file)!;
      expect(diagnostics.filter((d) => d.severity === 'error'), pruneMode).toEqual([]);
    }
  }, 150_000);
});

/** A list of entries as TEI writes listPlace: entries (or nested lists), then relations, repeated. */
const LISTS = (entry: string, relation = '<ref name="relation"/>') => `<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><ref name="list"/></start>
  <define name="list"><element name="list"><optional><attribute name="type"/></optional><oneOrMore><oneOrMore><choice>${entry}<ref name="list"/></choice></oneOrMore><zeroOrMore><choice>${relation}</choice></zeroOrMore></oneOrMore></element></define>
  <define name="entries"><choice><ref name="place"/></choice></define>
  <define name="place"><element name="place"><text/></element></define>
  <define name="relation"><element name="relation"><empty/></element></define>
  <define name="label"><element name="label"><text/></element></define>
  <define name="labelled" combine="interleave"><ref name="label"/></define>
</grammar>`;

describe('pruneGrammar flattens the nested repetition of lists of entries', () => {
  const vocabulary = new Set(['list', 'place', 'relation', 'label']);

  it('rewrites oneOrMore(oneOrMore(A), zeroOrMore(B)) as A followed by any As and Bs', () => {
    const pruned = pruneGrammar(parseRng(LISTS('<ref name="entries"/>'))!, vocabulary, 'not-allowed');
    expect(pruned.flattened).toBe(1);
    expect(pruned.text).toContain('<group><choice><ref name="entries"/><ref name="list"/></choice><zeroOrMore><choice><choice><ref name="entries"/><ref name="list"/></choice><choice><ref name="relation"/></choice></choice></zeroOrMore></group>');
    expect(pruned.text).not.toContain('<oneOrMore><oneOrMore>');
  });

  it.each([
    ['text', '<text/>'],
    ['an attribute', '<attribute name="n"/>'],
    ['an optional part', '<optional><ref name="place"/></optional>'],
    ['a define combined by interleave', '<ref name="labelled"/>'],
    ['a namespace of its own', '<choice ns="urn:other"><ref name="place"/></choice>'],
  ])('leaves the repetition as written when an entry may be %s', (_what, entry) => {
    const pruned = pruneGrammar(parseRng(LISTS(entry))!, vocabulary, 'not-allowed');
    expect(pruned.flattened).toBe(0);
    expect(pruned.text).toContain('<oneOrMore><oneOrMore>');
  });

  it('leaves a grammar that includes another as written', () => {
    const pruned = pruneGrammar(parseRng(LISTS('<ref name="entries"/>').replace('<start>', '<include href="other.rng"/><start>'))!, vocabulary, 'not-allowed');
    expect(pruned.flattened).toBe(0);
  });

  it('gives libxml2 the same verdicts as the grammar as written, in both modes', async () => {
    const schema = { file: 'lists.rng', text: LISTS('<ref name="entries"/>') };
    const documents = [
      '<list><place>a</place></list>',
      '<list type="t"><place>a</place><place>b</place><relation/><relation/><place>c</place><relation/></list>',
      '<list><list><place>a</place></list><relation/><place>b</place></list>',
      '<list><relation/><place>a</place></list>',
      '<list/>',
      '<list><place>a</place><label>x</label></list>',
      '<list><list/><place>a</place></list>',
    ].map((text, n) => ({ file: `list-${n}.xml`, text }));
    const verdicts = (results: Map<string, { severity: string }[]>) => documents.map(({ file }) => results.get(file)!.some((d) => d.severity === 'error'));
    const asWritten = verdicts(await validateRelaxNg(documents, schema, { prune: false }));
    expect(asWritten).toEqual([false, false, false, true, true, true, true]);
    expect(verdicts(await validateRelaxNg(documents, schema, { pruneMode: 'not-allowed' }))).toEqual(asWritten);
    expect(verdicts(await validateRelaxNg(documents, schema, { pruneMode: 'empty-content' }))).toEqual(asWritten);
  });
});

describe.skipIf(!available.sharedSchemas)('flattening on tei_all', () => {
  it('flattens the seven lists of entries when the vocabulary has them all', () => {
    const lists = ['listBibl', 'listEvent', 'listNym', 'listObject', 'listOrg', 'listPerson', 'listPlace'];
    const entries = ['bibl', 'event', 'nym', 'object', 'org', 'person', 'place', 'relation'];
    const pruned = pruneGrammar(parseRng(readFileSync(TEI_ALL, 'utf8'))!, new Set(['TEI', 'teiHeader', 'standOff', ...lists, ...entries]), 'not-allowed');
    expect(pruned.flattened).toBe(lists.length);
  });
});

describe.skipIf(!available.sharedSchemas || !available.corpus || !available.jing)('registers of thousands of entries against tei_all, with jing as the oracle', () => {
  const registers = ['people/people.xml', 'places/places.xml'].map((file) => path.join(path.dirname(ESCHER_LETTERS), file));

  it('gives jing\'s verdict, its number of errors and its first error line for the Escher edition\'s people and places', async () => {
    const { stdout } = await promisify(execFile)(JING!, [TEI_ALL, ...registers], { maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout: string }) => error);
    const jingErrors = (file: string) => stdout.split('\n').filter((line) => line.startsWith(`${file}:`) && line.includes(': error:'));
    const results = await validateRelaxNg(registers.map((file) => ({ file, text: readFileSync(file, 'utf8') })), { file: TEI_ALL, text: readFileSync(TEI_ALL, 'utf8') });
    for (const file of registers) {
      const ours = results.get(file)!.filter((d) => d.severity === 'error');
      const theirs = jingErrors(file);
      expect(ours.length, file).toBe(theirs.length);
      expect(ours[0]?.line, file).toBe(theirs[0] === undefined ? undefined : Number(theirs[0].slice(file.length + 1).split(':')[0]));
    }
    expect(jingErrors(registers[0]!).length).toBeGreaterThan(1000);
  }, 240_000);
});
