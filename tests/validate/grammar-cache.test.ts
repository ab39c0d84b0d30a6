/**
 * Pruned grammars kept on disk: a second run takes the pruned text from
 * `.cache/relaxng` instead of parsing and pruning the schema; a damaged entry
 * is told apart from a hit, rebuilt, and reported as an info.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostic.js';
import { validateRelaxNg } from '../../src/adapters/xmllint.js';
import { PrunedGrammarCache } from '../../src/validate/relaxng/grammar-cache.js';
import { documentVocabulary } from '../../src/validate/relaxng/prune-grammar.js';
import { tempTree } from '../helpers/temp-tree.js';

const SCHEMA = `<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><ref name="root"/></start>
  <define name="root"><element name="root"><zeroOrMore><choice><ref name="a"/><ref name="b"/></choice></zeroOrMore></element></define>
  <define name="a"><element name="a"><text/></element></define>
  <define name="b"><element name="b"><empty/></element></define>
</grammar>`;
/** A grammar that accepts `<root>` with text only: planted in the cache, it shows that the cached text, not the schema, was compiled. */
const PLANTED = '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="root"><text/></element></start></grammar>';
const doc = { file: 'doc.xml', text: '<root><a>x</a></root>' };
const vocabulary = [...documentVocabulary([doc.text])].sort();

/** A schema with a hash no other test uses, so that this process's memory holds nothing for it. */
function freshSchema(text = SCHEMA) {
  return { file: 'schema.rng', text, hash: randomUUID() };
}

async function validate(schema: { file: string; text: string; hash: string }, cache: PrunedGrammarCache) {
  const runDiagnostics: Diagnostic[] = [];
  const results = await validateRelaxNg([doc], schema, { pruneMode: 'not-allowed', grammarCache: cache, onRunDiagnostic: (d) => runDiagnostics.push(d) });
  return { found: results.get(doc.file)!, runDiagnostics };
}

describe('pruned grammar cache', () => {
  it('stores the pruned grammar under the schema\'s sha256, the mode and the vocabulary', async () => {
    const cache = new PrunedGrammarCache(path.join(tempTree({}), '.cache', 'relaxng'));
    const schema = freshSchema();
    expect((await validate(schema, cache)).found).toEqual([]);
    const stored = JSON.parse(readFileSync(cache.entryPath(schema.hash, 'not-allowed', vocabulary), 'utf8')) as { schemaSha256: string; mode: string; vocabulary: string[]; text: string };
    expect(stored).toMatchObject({ schemaSha256: schema.hash, mode: 'not-allowed', vocabulary: ['a', 'root'] });
    expect(stored.text).toContain('<define name="b"><notAllowed/></define>');
  });

  it('compiles the stored text in a later run, so a planted grammar decides the verdict', async () => {
    const cache = new PrunedGrammarCache(path.join(tempTree({}), 'relaxng'));
    const schema = freshSchema();
    await cache.write(schema.hash, 'not-allowed', vocabulary, PLANTED);
    const { found } = await validate(schema, cache);
    expect(found.map((d) => d.source)).toContain('relaxng');
  });

  it('needs neither the schema\'s text nor its analysis for a valid document when the pruned grammar is stored', async () => {
    const cache = new PrunedGrammarCache(path.join(tempTree({}), 'relaxng'));
    const schema = freshSchema('this is not a grammar');
    await cache.write(schema.hash, 'not-allowed', vocabulary, SCHEMA);
    const { found, runDiagnostics } = await validate(schema, cache);
    expect(found).toEqual([]);
    expect(runDiagnostics).toEqual([]);
  });

  for (const [damage, reason] of [
    ['not JSON', 'it is not valid JSON'],
    ['a text that does not match its sha256', 'its grammar text does not match its sha256'],
    ['an entry made for another vocabulary', 'it was made for another schema, mode or vocabulary'],
  ] as const) {
    it(`rebuilds an entry that holds ${damage}, and says so in an info`, async () => {
      const cache = new PrunedGrammarCache(path.join(tempTree({}), 'relaxng'));
      const schema = freshSchema();
      const entry = cache.entryPath(schema.hash, 'not-allowed', vocabulary);
      await cache.write(schema.hash, 'not-allowed', vocabulary, PLANTED);
      const written = JSON.parse(readFileSync(entry, 'utf8')) as Record<string, unknown>;
      if (damage === 'not JSON') writeFileSync(entry, '{"format":1,"text":"<gram');
      else if (damage.startsWith('a text')) writeFileSync(entry, JSON.stringify({ ...written, text: SCHEMA }));
      else writeFileSync(entry, JSON.stringify({ ...written, vocabulary: ['root'] }));

      const { found, runDiagnostics } = await validate(schema, cache);
      expect(found).toEqual([]);
      expect(runDiagnostics).toHaveLength(1);
      expect(runDiagnostics[0]).toMatchObject({ file: entry, severity: 'info', source: 'relaxng', ruleId: 'relaxng/grammar-cache-rebuilt' });
      expect(runDiagnostics[0]!.message).toContain(reason);
      expect(await cache.read(schema.hash, 'not-allowed', vocabulary)).toMatchObject({ kind: 'hit', text: expect.stringContaining('<define name="b"><notAllowed/></define>') });
      expect(readdirSync(cache.folder)).toHaveLength(1);
    });
  }
});
