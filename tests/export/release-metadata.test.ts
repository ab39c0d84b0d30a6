/**
 * The release metadata names the edition's editors as the letters'
 * correspondents are named: the last word is the family name, and lower-case
 * particles before it ("van") are CFF's name-particle and stay with the
 * family name in Zenodo's "Family, Given".
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { citationCff, nameParts, zenodoJson } from '../../src/export/release-metadata.js';
import { readYamlSubset } from '../../src/export/yaml-subset.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { checkOutputs } from '../../src/stages/check.js';
import { editionParams } from '../../src/stages/transform.js';
import { PROJECT_ROOT, SHARED_SCHEMAS, available } from '../helpers/fixtures.js';

const params = editionParams({ ...DEFAULT_CONFIG, editors: ['Ludwig van Beethoven', 'Adelbert von Chamisso', 'Ausonius', 'Andrew Rothstein'] }, '2026-12-04');

describe('release metadata: editors', () => {
  it('splits a name at its last word, with the particles before it', () => {
    expect(nameParts('Ludwig van Beethoven')).toEqual({ family: 'Beethoven', given: 'Ludwig', particle: 'van' });
    expect(nameParts('Johann Wolfgang von Goethe')).toEqual({ family: 'Goethe', given: 'Johann Wolfgang', particle: 'von' });
    expect(nameParts('Charles De Gaulle')).toEqual({ family: 'Gaulle', given: 'Charles De' });
    expect(nameParts('Ausonius')).toEqual({ family: 'Ausonius' });
  });

  it('gives CITATION.cff the particle as name-particle', () => {
    const cff = readYamlSubset(citationCff(params));
    expect(cff.ok).toBe(true);
    expect(cff.ok && cff.value['authors']).toEqual([
      { 'family-names': 'Beethoven', 'given-names': 'Ludwig', 'name-particle': 'van' },
      { 'family-names': 'Chamisso', 'given-names': 'Adelbert', 'name-particle': 'von' },
      { name: 'Ausonius' },
      { 'family-names': 'Rothstein', 'given-names': 'Andrew' },
    ]);
  });

  it.skipIf(!available.sharedSchemas)('passes the official CFF schema with the name particles', async () => {
    const store = new SchemaStore(schemaFolders({ env: { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS }, cwd: PROJECT_ROOT }));
    const output = { path: 'CITATION.cff', format: 'citation-cff', mediaType: 'application/x-yaml', content: citationCff(params) };
    expect(await checkOutputs([output], { letterFile: 'edition.config.json', outputsByPath: new Map([[output.path, output]]), store })).toEqual([]);
  });

  it('keeps the particle with the family name in .zenodo.json', () => {
    const zenodo = JSON.parse(zenodoJson(params)) as { creators: { name: string }[] };
    expect(zenodo.creators.map((creator) => creator.name)).toEqual(['van Beethoven, Ludwig', 'von Chamisso, Adelbert', 'Ausonius', 'Rothstein, Andrew']);
  });
});
