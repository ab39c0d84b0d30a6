import path from 'node:path';
import { tempTree } from '../helpers/temp-tree.js';
import { describe, expect, it } from 'vitest';
import { SchemaStore, schemaFolders, SCHEMA_PATH_VARIABLE, TOOLKIT_SCHEMA_FOLDER } from '../../src/schema-store.js';
import { SHARED_SCHEMAS, TEI_ALL, available } from '../helpers/fixtures.js';

describe('schema store', () => {
  it('searches flags, config, environment, then the toolkit folder', () => {
    const folders = schemaFolders({ flagPaths: ['f'], configPaths: ['/c'], env: { [SCHEMA_PATH_VARIABLE]: `/e1${path.delimiter}/e2` }, cwd: '/w' });
    expect(folders.map((f) => [f.origin, f.path])).toEqual([
      ['flag', '/w/f'],
      ['config', '/c'],
      ['environment', '/e1'],
      ['environment', '/e2'],
      ['toolkit', TOOLKIT_SCHEMA_FOLDER],
    ]);
  });

  it.skipIf(!available.sharedSchemas)('finds the shared tei_all by name and describes its TEI edition', () => {
    const store = new SchemaStore([{ path: SHARED_SCHEMAS, origin: 'environment' }]);
    const teiAll = store.byName('tei_all', 'relaxng');
    expect(teiAll?.path).toBe(TEI_ALL);
    expect(teiAll?.description).toContain('P5 Version 4.12.0');
    expect(teiAll?.sha256).toBe('b0f115095ead2ccc6933aa3365c6f4a82cba3b2ec7eee7f76bb616d7a63b7e48');
  });

  it('resolves an xml-model URL by its file name, never by fetching it', () => {
    const store = new SchemaStore([{ path: tempTree({ 'tei/tei_all.rng': '<grammar/>' }), origin: 'environment' }]);
    const href = 'http://teijenkins.hcmc.uvic.ca/job/TEIP5/lastSuccessfulBuild/artifact/release/xml/tei/custom/schema/relaxng/tei_all.rng';
    expect(store.resolve(href, { cwd: '/', kind: 'relaxng' })?.name).toBe('tei_all');
    expect(store.resolve('https://example.org/unknown.rng', { cwd: '/', kind: 'relaxng' })).toBeUndefined();
  });

  it('resolves a relative href against the document and pairs a RELAX NG schema with its Schematron', () => {
    const root = tempTree({ 'schemas/mine.rng': '<grammar/>', 'schemas/mine.sch': '<schema/>', 'tei/a.xml': '<a/>' });
    const store = new SchemaStore([{ path: path.join(root, 'schemas'), origin: 'config' }]);
    const rng = store.resolve('../schemas/mine.rng', { baseFile: path.join(root, 'tei/a.xml'), cwd: '/', kind: 'relaxng' })!;
    expect(rng.name).toBe('mine');
    expect(store.companionSchematron(rng)?.path).toBe(path.join(root, 'schemas/mine.sch'));
  });

  it('earlier folders win for the same name', () => {
    const first = tempTree({ 'x.rng': '<grammar/>' });
    const second = tempTree({ 'x.rng': '<grammar><start/></grammar>' });
    const store = new SchemaStore([{ path: first, origin: 'flag' }, { path: second, origin: 'environment' }]);
    expect(store.byName('x')?.path).toBe(path.join(first, 'x.rng'));
  });

  it('explains how to add an unknown schema, and warns about a missing folder', () => {
    const store = new SchemaStore([{ path: '/does/not/exist', origin: 'environment' }]);
    expect(store.diagnostics.map((d) => d.ruleId)).toEqual(['schema-store/missing-folder']);
    const unknown = store.unknownSchema('tei_all', { file: 'a.xml', line: 1, column: 1 });
    expect(unknown.ruleId).toBe('schema-store/unknown-schema');
    expect(unknown.hint).toContain(SCHEMA_PATH_VARIABLE);
    expect(unknown.message).toContain('never downloaded');
  });
});
