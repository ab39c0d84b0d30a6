/**
 * The validate stage parses a document with SaxonJS only when a Schematron
 * checks it: a grammar-only run (tei_all, a project's RELAX NG without
 * Schematron) needs libxml2 alone. Likewise it keeps a document's index only
 * for a Schematron: the others' IDs and facts are read as they are indexed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { loadDocuments } from '../../src/stages/load.js';
import { validateDocuments } from '../../src/stages/validate.js';
import { PROJECT_ROOT } from '../helpers/fixtures.js';
import { tempTree } from '../helpers/temp-tree.js';

const LETTER = readFileSync(path.join(PROJECT_ROOT, 'tei', 'lenin-to-shlyapnikov-1916-10.xml'), 'utf8');
const store = new SchemaStore(schemaFolders({ env: {}, cwd: PROJECT_ROOT }));

async function validated(schema?: string) {
  const folder = tempTree({ 'letter.xml': LETTER });
  const loaded = await loadDocuments([folder], { cwd: folder, maxFileBytes: 10_000_000 });
  const { documents } = await validateDocuments(loaded.documents, { store, cwd: folder, ...(schema ? { schema } : {}) });
  return documents[0]!;
}

describe('validate stage: SaxonJS parse', () => {
  it('parses a document its schema\'s Schematron checks', async () => {
    const document = await validated();
    expect(document.schema?.name).toBe('tei-letter');
    expect(document.valid).toBe(true);
    expect(document.saxonDocument).toBeDefined();
    expect(document.index, 'the Schematron places its findings with the index').toBeDefined();
  });

  it('does not parse a document that only a grammar checks', async () => {
    const grammarOnly = tempTree({ 'letter.rng': readFileSync(path.join(PROJECT_ROOT, 'schemas', 'tei-letter.rng'), 'utf8') });
    const document = await validated(path.join(grammarOnly, 'letter.rng'));
    expect(document.valid).toBe(true);
    expect(document.saxonDocument).toBeUndefined();
    expect(document.index, 'dropped once its IDs and facts are read').toBeUndefined();
    expect(document.facts?.rootId).toBe('lenin-to-shlyapnikov-1916-10');
  });

  it('still reports the IDs of a document whose index it dropped', async () => {
    const grammarOnly = tempTree({ 'letter.rng': readFileSync(path.join(PROJECT_ROOT, 'schemas', 'tei-letter.rng'), 'utf8') });
    const folder = tempTree({ 'letter.xml': LETTER.replace('ref="#rothstein"', 'ref="#nobody"') });
    const loaded = await loadDocuments([folder], { cwd: folder, maxFileBytes: 10_000_000 });
    const { documents } = await validateDocuments(loaded.documents, { store, cwd: folder, schema: path.join(grammarOnly, 'letter.rng') });
    expect(documents[0]!.index).toBeUndefined();
    expect(documents[0]!.diagnostics.map((d) => d.ruleId)).toContain('ids/unresolved-pointer');
  });
});
