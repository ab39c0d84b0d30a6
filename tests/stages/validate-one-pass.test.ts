/**
 * The validate stage parses a document bound for RELAX NG once: libxml2
 * reports well-formedness and validity from the same parse. A document that
 * is not well-formed still reports only that, whatever its root or schema.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineStatistics } from '../../src/adapters/libxml2.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { loadDocuments } from '../../src/stages/load.js';
import { validateDocuments } from '../../src/stages/validate.js';
import { PROJECT_ROOT } from '../helpers/fixtures.js';
import { tempTree } from '../helpers/temp-tree.js';

const LETTER = readFileSync(path.join(PROJECT_ROOT, 'tei', 'lenin-to-shlyapnikov-1916-10.xml'), 'utf8');
const TEI_NS = 'http://www.tei-c.org/ns/1.0';
const store = new SchemaStore(schemaFolders({ env: {}, cwd: PROJECT_ROOT }));

describe('validate stage: one libxml2 pass', () => {
  it('parses each document once for well-formedness and RELAX NG, and reports only well-formedness for a document that is not well-formed', async () => {
    const folder = tempTree({
      'letter.rng': readFileSync(path.join(PROJECT_ROOT, 'schemas', 'tei-letter.rng'), 'utf8'),
      'valid.xml': LETTER,
      'invalid.xml': LETTER.replace('<body>', '<body><nonsense/>'),
      'broken-tei.xml': `<TEI xmlns="${TEI_NS}">\n<text><body><p>x</body></text></TEI>`,
      'broken-html.xml': '<html>\n<body></html>',
    });
    const loaded = await loadDocuments([folder], { cwd: folder, maxFileBytes: 10_000_000 });
    const before = engineStatistics();
    const { documents } = await validateDocuments(loaded.documents, { store, cwd: folder, schema: path.join(folder, 'letter.rng') });
    const after = engineStatistics();
    // Four documents, one parse each; the invalid one is parsed a second time for the precise run that reports its errors (see RelaxNgOptions.pruneMode).
    expect(after.documentsParsed - before.documentsParsed).toBe(5);
    const byName = (name: string) => documents.find((document) => path.basename(document.file) === name)!;

    expect(byName('valid.xml')).toMatchObject({ valid: true, diagnostics: [] });
    expect(byName('invalid.xml').valid).toBe(false);
    expect(byName('invalid.xml').diagnostics.map((d) => d.ruleId)).toContain('relaxng/element-not-allowed');
    for (const name of ['broken-tei.xml', 'broken-html.xml']) {
      const document = byName(name);
      expect(document.valid).toBe(false);
      expect(document.diagnostics.length).toBeGreaterThan(0);
      expect(document.diagnostics.map((d) => [d.source, d.ruleId, d.line])).toEqual(document.diagnostics.map(() => ['well-formedness', 'xml/not-well-formed', 2]));
      expect(document.index).toBeUndefined();
      expect(document.schema).toBeUndefined();
    }
  });
});
