import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRelaxNg } from '../../src/adapters/xmllint.js';
import { documentVocabulary, pruneGrammar } from '../../src/validate/relaxng/prune-grammar.js';
import { parseRng } from '../../src/validate/relaxng/rng-document.js';
import { CORPUS, TEI_ALL, available } from '../helpers/fixtures.js';

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
});
