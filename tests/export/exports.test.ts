/**
 * Archive exports (issue 5): every export of the bundled edition, of the
 * corpus letter projects and of the bad-input fixtures passes the OFFICIAL
 * schemas in ../shared/schemas (CMIF RELAX NG and cmif.sch, with jing as a
 * second oracle for the RELAX NG; OAI-PMH with oai_dc XSD; the CFF JSON
 * Schema); fallbacks are warnings naming the letter; the goldens of the
 * bundled edition's exports (regenerate on purpose with
 * UPDATE_GOLDEN=1 npx vitest run tests/export).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import type { Output } from '../../src/output.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { checkOutputs } from '../../src/stages/check.js';
import { editionParams, transformEdition, type ParsedLetter, type TransformContext } from '../../src/stages/transform.js';
import { readYamlSubset } from '../../src/export/yaml-subset.js';
import { CMIF_SCHEMAS, CORPUS, JING, SHARED_SCHEMAS, VERDICTS, available } from '../helpers/fixtures.js';
import { BUILD_DATE, BUNDLED_LETTER, ROOT, letterFromFile, testContext } from '../xslt/helpers.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'export');
const GOLDEN = path.join(ROOT, 'tests', 'golden', 'exports');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const EXPORTS = ['cmif', 'oai-pmh', 'citation-cff', 'zenodo'];

const officialStore = new SchemaStore(schemaFolders({ env: { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS }, cwd: ROOT }));
const toolkitStore = new SchemaStore(schemaFolders({ env: {}, cwd: ROOT }));

let context: TransformContext;

beforeAll(async () => {
  context = await testContext();
}, 300_000);

async function exportsOf(letters: readonly ParsedLetter[], options: { mentions?: boolean; formats?: string[] } = {}): Promise<{ outputs: Output[]; warnings: Diagnostic[] }> {
  const params = { ...editionParams(DEFAULT_CONFIG, BUILD_DATE), cmifMentions: options.mentions ?? false };
  const result = transformEdition(letters, { ...context, params }, options.formats ?? EXPORTS);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { outputs: result.outputs, warnings: result.diagnostics };
}

async function officialProblems(outputs: readonly Output[], store = officialStore): Promise<Diagnostic[]> {
  const diagnostics = await checkOutputs(outputs, { letterFile: 'tests', outputsByPath: new Map(), store });
  return diagnostics.filter((d) => d.severity !== 'info' || store === officialStore);
}

/** jing's verdict on the CMIF file against the official RELAX NG schema (the reference validator, tests only). */
function jingCmif(cmif: string): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'cmif-'));
  const file = path.join(folder, 'cmif.xml');
  writeFileSync(file, cmif);
  try {
    execFileSync(JING!, [path.join(CMIF_SCHEMAS, 'cmi-customization.rng'), file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stdout?: Buffer }).stdout ?? error);
  }
}

function lettersIn(folder: string): string[] {
  const verdicts = readFileSync(VERDICTS, 'utf8').split('\n').map((line) => line.split('\t'));
  const valid = new Set(verdicts.filter((columns) => columns[1] === 'valid').map((columns) => path.join(CORPUS, columns[0]!)));
  return readdirSync(folder).filter((name) => name.endsWith('.xml')).map((name) => path.join(folder, name)).filter((file) => valid.has(file)).sort();
}

describe('exports of the bundled edition', () => {
  let outputs: Output[];

  beforeAll(async () => {
    ({ outputs } = await exportsOf([await letterFromFile(BUNDLED_LETTER)]));
  }, 300_000);

  it('writes CMIF, the OAI-PMH responses and the release metadata', () => {
    expect(outputs.map((o) => o.path).sort()).toEqual([
      '.zenodo.json', 'CITATION.cff', 'cmif.xml', 'oai/GetRecord/lenin-to-shlyapnikov-1916-10.xml', 'oai/Identify.xml',
      'oai/ListIdentifiers.xml', 'oai/ListMetadataFormats.xml', 'oai/ListRecords.xml',
    ]);
  });

  it.skipIf(!available.sharedSchemas)('passes the official schemas with zero errors and zero warnings', async () => {
    expect(await officialProblems(outputs)).toEqual([]);
  }, 120_000);

  it.skipIf(!available.sharedSchemas || !available.jing)('CMIF is valid for jing too', () => {
    expect(jingCmif(outputs.find((o) => o.path === 'cmif.xml')!.content)).toBe('');
  });

  it('passes the toolkit\'s own schemas and says which official checks were skipped', async () => {
    const diagnostics = await checkOutputs(outputs, { letterFile: 'tests', outputsByPath: new Map(), store: toolkitStore });
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(diagnostics.map((d) => `${d.file} ${d.ruleId}`).sort()).toEqual([
      'CITATION.cff check/official-schema-skipped',
      'cmif.xml check/official-schema-skipped',
      'oai/Identify.xml check/official-schema-skipped',
    ]);
  }, 120_000);

  it('reads CITATION.cff as YAML the same way as an independent YAML parser', () => {
    const cff = outputs.find((o) => o.path === 'CITATION.cff')!.content;
    const ours = readYamlSubset(cff);
    expect(ours.ok).toBe(true);
    let python: string;
    try {
      python = execFileSync('python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], { input: cff }).toString();
    } catch {
      return; // no python3 with PyYAML: the schema check above still ran on our reading
    }
    expect(ours.ok && ours.value).toEqual(JSON.parse(python));
  });

  it('fails the check when an export breaks its schema', async () => {
    const cmif = outputs.find((o) => o.path === 'cmif.xml')!;
    const broken = { ...cmif, content: cmif.content.replace('<correspAction type="received">', '<correspAction type="forwarded">') };
    const diagnostics = await officialProblems([broken]);
    expect(diagnostics.some((d) => d.severity === 'error' && d.ruleId === 'check/cmif-schema')).toBe(true);
    const record = outputs.find((o) => o.path.startsWith('oai/GetRecord/'))!;
    const badRecord = { ...record, content: record.content.replace('<dc:title>', '<dc:heading>').replace('</dc:title>', '</dc:heading>') };
    expect((await officialProblems([badRecord])).some((d) => d.ruleId === 'check/oai-pmh-schema')).toBe(true);
  }, 120_000);

  it('matches the golden files', async () => {
    for (const output of outputs) {
      const golden = path.join(GOLDEN, output.path);
      if (UPDATE) {
        await mkdir(path.dirname(golden), { recursive: true });
        await writeFile(golden, output.content);
      }
      expect(output.content, output.path).toBe(await readFile(golden, 'utf8'));
    }
  });

  it('states the build date, never the wall clock', () => {
    expect(outputs.find((o) => o.path === 'cmif.xml')!.content).toContain(`<date when="${BUILD_DATE}T00:00:00Z"/>`);
    expect(outputs.find((o) => o.path === 'oai/Identify.xml')!.content).toContain(`<responseDate>${BUILD_DATE}T00:00:00Z</responseDate>`);
  });
});

describe('exports of the corpus letter projects', () => {
  for (const [name, folder] of [
    ['Escher letters', path.join(CORPUS, 'stazh__briefedition-escher', 'data', 'briefe')],
    ['correspondence SIG examples', path.join(CORPUS, 'TEI-Correspondence-SIG__correspDesc', 'examples')],
  ] as const) {
    it.skipIf(!available.sharedSchemas || !available.corpus)(`${name}: CMIF (with mentions) and OAI-PMH pass the official schemas`, async () => {
      const letters = await Promise.all(lettersIn(folder).map((file) => letterFromFile(file)));
      expect(letters.length).toBeGreaterThan(5);
      const { outputs } = await exportsOf(letters, { mentions: true, formats: ['cmif', 'oai-pmh'] });
      expect(await officialProblems(outputs)).toEqual([]);
      const cmif = outputs.find((o) => o.path === 'cmif.xml')!.content;
      // One entry per correspDesc (the SIG's example 11 has two), one for a letter without.
      const entries = letters.reduce((sum, letter) => sum + Math.max(1, letter.text.replace(/<!--[\s\S]*?-->/g, '').match(/<correspDesc[\s>]/g)?.length ?? 0), 0);
      expect(cmif.match(/<correspDesc /g)).toHaveLength(entries);
      expect(cmif.match(/<correspAction type="sent">/g)).toHaveLength(entries);
      expect(cmif.match(/<correspAction type="received">/g)).toHaveLength(entries);
      expect(cmif).not.toMatch(/cert="(?!low")/);
      if (available.jing) expect(jingCmif(cmif)).toBe('');
    }, 300_000);
  }
});

describe('bad input: valid exports with a documented fallback and a warning naming the letter', () => {
  const cases: [file: string, rules: string[], expected: RegExp[]][] = [
    ['no-correspdesc.xml', ['export/cmif-no-correspdesc'], [/<correspAction type="sent">\s*<persName>Unknown<\/persName>\s*<\/correspAction>/, /<correspAction type="received">\s*<persName>Unknown<\/persName>\s*<\/correspAction>/]],
    ['only-sender.xml', ['export/cmif-unknown-recipient'], [/<persName ref="https:\/\/d-nb.info\/gnd\/118640445">/, /<correspAction type="received">\s*<persName>Unknown<\/persName>/]],
    ['non-iso-date.xml', ['export/cmif-date-not-iso', 'export/cmif-date-not-iso', 'export/cmif-date-not-iso'], [/<date notBefore="1916-10-01"\/>/]],
    ['cert-medium.xml', ['export/cmif-cert'], [/<date notBefore="1810-07-11" notAfter="1810-07-18" cert="low"\/>/, /<persName>A. Reader<\/persName>/]],
  ];
  for (const [file, rules, expected] of cases) {
    it.skipIf(!available.sharedSchemas)(file, async () => {
      const letter = await letterFromFile(path.join(FIXTURES, file));
      const { outputs, warnings } = await exportsOf([letter]);
      expect(await officialProblems(outputs)).toEqual([]);
      expect(warnings.map((w) => w.ruleId)).toEqual(rules);
      for (const warning of warnings) {
        expect(warning.severity).toBe('warning');
        expect(warning.file).toBe(letter.file);
        expect(warning.message).toContain(letter.id);
      }
      const cmif = outputs.find((o) => o.path === 'cmif.xml')!.content;
      for (const pattern of expected) expect(cmif).toMatch(pattern);
      if (available.jing) expect(jingCmif(cmif)).toBe('');
    }, 120_000);
  }
});
