/**
 * OAI-PMH list responses in pages: with more records than `oaiPageSize`,
 * ListIdentifiers.xml and ListRecords.xml hold the first page and a
 * resumption token, each token names the file of the next page, and the last
 * page has an empty token; every page passes the export's schema.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import type { Output } from '../../src/output.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { checkOutputs } from '../../src/stages/check.js';
import { editionParams, transformEdition, type ParsedLetter, type TransformContext } from '../../src/stages/transform.js';
import { SHARED_SCHEMAS, available } from '../helpers/fixtures.js';
import { BUILD_DATE, BUNDLED_LETTER, ROOT, letterFromFile, testContext } from '../xslt/helpers.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'export');

let context: TransformContext;
let letters: ParsedLetter[];

beforeAll(async () => {
  context = await testContext();
  const files = [BUNDLED_LETTER, ...readdirSync(FIXTURES).filter((name) => name.endsWith('.xml')).map((name) => path.join(FIXTURES, name))];
  letters = await Promise.all(files.map((file) => letterFromFile(file)));
}, 300_000);

function oaiPmhOutputs(pageSize: number): Output[] {
  const result = transformEdition(letters, { ...context, params: editionParams({ ...DEFAULT_CONFIG, oaiPageSize: pageSize }, BUILD_DATE) }, ['oai-pmh']);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.outputs;
}

function oaiPmh(pageSize: number): Map<string, string> {
  return new Map(oaiPmhOutputs(pageSize).map((output) => [output.path, output.content]));
}

/** The records' identifiers of a response, in order. */
function identifiers(response: string): string[] {
  return [...response.matchAll(/<identifier>([^<]+)<\/identifier>/g)].map((match) => match[1]!);
}

describe('OAI-PMH list responses in pages', () => {
  // About 4 s alone, more while other test files run beside it: above the default limit of 5 s.
  it('splits the lists into pages joined by resumption tokens, with every record once and in order', { timeout: 60_000 }, () => {
    expect(letters.length).toBe(5);
    const whole = oaiPmh(100);
    const paged = oaiPmh(2);
    expect([...whole.keys()].filter((file) => /^oai\/List(Records|Identifiers)\//.test(file))).toEqual([]);
    for (const verb of ['ListIdentifiers', 'ListRecords']) {
      expect(whole.get(`oai/${verb}.xml`)).not.toContain('resumptionToken');
      const first = paged.get(`oai/${verb}.xml`)!;
      const second = paged.get(`oai/${verb}/oai_dc-2.xml`)!;
      const last = paged.get(`oai/${verb}/oai_dc-4.xml`)!;
      expect(first).toMatch(new RegExp(`<request verb="${verb}" metadataPrefix="oai_dc">`));
      expect(first).toContain('<resumptionToken completeListSize="5" cursor="0">oai_dc-2</resumptionToken>');
      expect(second).toMatch(new RegExp(`<request verb="${verb}" resumptionToken="oai_dc-2">`));
      expect(second).toContain('<resumptionToken completeListSize="5" cursor="2">oai_dc-4</resumptionToken>');
      expect(last).toMatch(/<resumptionToken completeListSize="5" cursor="4"\/>/);
      expect([first, second, last].map((page) => identifiers(page).length)).toEqual([2, 2, 1]);
      expect([first, second, last].flatMap(identifiers)).toEqual(identifiers(whole.get(`oai/${verb}.xml`)!));
    }
    expect(paged.size).toBe(whole.size + 4);
  });

  it('passes the export\'s schema on every page (the official XML Schemas when they are in the store)', async () => {
    const store = new SchemaStore(schemaFolders({ env: available.sharedSchemas ? { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS } : {}, cwd: ROOT }));
    const problems = await checkOutputs(oaiPmhOutputs(2), { letterFile: 'tests', outputsByPath: new Map(), store });
    expect(problems.filter((d) => d.severity !== 'info')).toEqual([]);
  }, 120_000);
});
