/**
 * Central registers (edition.config.json "registers"): register files read
 * and indexed once, names resolved by @ref="#id", @ref="file.xml#id" and
 * @key, each letter given only the entries it names; the build's register
 * pages, letter links and CMIF authority URIs use them; bad register files
 * and unresolved names are reported. The fixture edition is
 * tests/fixtures/central-registers (two letters, persons.xml, places.xml);
 * the Escher edition in ../shared/corpus is the real-world case.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, type BuildResult } from '../../src/build.js';
import { loadConfig } from '../../src/config.js';
import { letterRegisterExcerpt, loadCentralRegisters, withoutCentralPointers, type CentralRegisters } from '../../src/registers/central-registers.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { tempTree } from '../helpers/temp-tree.js';
import { runCli } from '../cli/run-helpers.js';
import { CORPUS, ESCHER_LETTERS, PROJECT_ROOT, SHARED_SCHEMAS, available } from '../helpers/fixtures.js';

const FIXTURE = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'central-registers');
const toolkitStore = new SchemaStore(schemaFolders({ env: {}, cwd: PROJECT_ROOT }));

const PERSONS = `<TEI xmlns="http://www.tei-c.org/ns/1.0"><standOff><listPerson>
<person xml:id="anna" n="Muster, Anna"><persName>Anna Muster</persName></person>
<person xml:id="bruno" n="Beispiel, Bruno"><persName>Bruno Beispiel</persName></person>
</listPerson></standOff></TEI>`;

function letterNaming(names: string): string {
  return `<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="l"><text><body><p>\n${names}\n</p></body></text></TEI>`;
}

async function registersOf(files: Record<string, string>, key: 'xml:id' | 'n' = 'xml:id'): Promise<CentralRegisters> {
  const root = tempTree(files);
  return loadCentralRegisters(Object.keys(files).map((file) => path.join(root, file)), { cwd: root, key, store: toolkitStore });
}

describe('central registers: reading and resolving', () => {
  it('resolves #id, file.xml#id and @key, and gives the letter only the entries it names', async () => {
    const registers = await registersOf({ 'registers/persons.xml': PERSONS });
    expect(registers.files).toEqual(['registers/persons.xml']);
    const { excerpt, diagnostics } = letterRegisterExcerpt(letterNaming('<persName ref="#anna">A.</persName> <persName ref="../registers/persons.xml#bruno">B.</persName> <persName key="anna">A.</persName>'), 'l.xml', registers);
    expect(diagnostics).toEqual([]);
    expect(excerpt).toContain('<listPerson ed:file="persons.xml">');
    expect(excerpt.match(/<person /g)).toHaveLength(2);
    expect(letterRegisterExcerpt(letterNaming('<persName key="bruno">B.</persName>'), 'l.xml', registers).excerpt.match(/xml:id="(\w+)"/g)).toEqual(['xml:id="bruno"']);
    expect(letterRegisterExcerpt(letterNaming('<persName ref="https://d-nb.info/gnd/118640445">L.</persName>'), 'l.xml', registers)).toEqual({ excerpt: '', diagnostics: [] });
  });

  it('matches @key to n when registerKey is "n"', async () => {
    const registers = await registersOf({ 'persons.xml': PERSONS }, 'n');
    expect(letterRegisterExcerpt(letterNaming('<persName key="Beispiel, Bruno">B.</persName>'), 'l.xml', registers).excerpt).toContain('xml:id="bruno"');
    expect(letterRegisterExcerpt(letterNaming('<persName key="bruno">B.</persName>'), 'l.xml', registers).diagnostics.map((d) => d.ruleId)).toEqual(['registers/unresolved-mention']);
  });

  it('warns about a name that resolves nowhere, with the letter, line, column and key', async () => {
    const registers = await registersOf({ 'persons.xml': PERSONS });
    const { diagnostics } = letterRegisterExcerpt(letterNaming('<persName key="carl">C.</persName> <persName ref="places.xml#anna">A.</persName>'), 'letters/l.xml', registers);
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.ruleId])).toEqual([
      ['letters/l.xml', 2, 11, 'warning', 'registers/unresolved-mention'],
      ['letters/l.xml', 2, 46, 'warning', 'registers/unresolved-mention'],
    ]);
    expect(diagnostics[0]!.message).toContain('<persName key="carl">');
    expect(diagnostics[1]!.message).toContain('in a register file named places.xml');
  });

  it('reads rs typed person as a person\'s name, and a settlement as a place, in the warning about a name that resolves nowhere', async () => {
    const registers = await registersOf({ 'persons.xml': PERSONS });
    const { excerpt, diagnostics } = letterRegisterExcerpt(letterNaming('<rs type="person" key="carl">C.</rs> <settlement key="nowhere">N.</settlement> <rs key="x">X.</rs> <rs type="persName" key="anna">A.</rs>'), 'letters/l.xml', registers);
    expect(excerpt).toContain('xml:id="anna"');
    expect(diagnostics.map((d) => d.message.replace(/ points into.*; the (\w+) has no register entry.*$/, ' $1'))).toEqual([
      '<rs type="person" key="carl"> person',
      '<settlement key="nowhere"> place',
      '<rs key="x"> name',
    ]);
    expect(diagnostics[0]!.message).toContain('the register page of persons lists it under its key alone');
  });

  it('drops the ID check\'s warning about a #id pointer that a central entry resolves', async () => {
    const registers = await registersOf({ 'persons.xml': PERSONS });
    const warning = (id: string) => ({ file: 'l.xml', severity: 'warning' as const, source: 'ids' as const, ruleId: 'ids/unresolved-pointer', message: `The pointer "#${id}" in @ref of <persName> points to no xml:id in this document.` });
    expect(withoutCentralPointers([warning('anna'), warning('carl')], registers).map((d) => d.message)).toEqual([warning('carl').message]);
  });

  it('reports two entries with the same id in two files as an error naming both', async () => {
    const registers = await registersOf({ 'a.xml': PERSONS, 'b.xml': PERSONS.replace('xml:id="bruno"', 'xml:id="berta"') });
    const errors = registers.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.file, d.line, d.ruleId])).toEqual([['b.xml', 2, 'registers/duplicate-id']]);
    expect(errors[0]!.message).toContain('a.xml:2:1');
  });

  it('leaves out a register that is missing, not well-formed or not TEI, with a warning for the file; its names stay unlinked', async () => {
    const root = tempTree({ 'broken.xml': '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<standOff><listPerson></standOff></TEI>', 'other.xml': '<people><person xml:id="anna"/></people>' });
    const registers = await loadCentralRegisters(['broken.xml', 'other.xml', 'missing.xml'].map((file) => path.join(root, file)), { cwd: root, key: 'xml:id', store: toolkitStore });
    expect(registers.files).toEqual([]);
    expect(registers.diagnostics.map((d) => [d.file, d.line, d.severity, d.ruleId])).toEqual([
      ['missing.xml', undefined, 'warning', 'registers/not-found'],
      ['broken.xml', 2, 'warning', 'registers/not-well-formed'],
      ['other.xml', 1, 'warning', 'registers/not-tei'],
    ]);
    const { excerpt, diagnostics } = letterRegisterExcerpt(letterNaming('<persName key="anna">A.</persName>'), 'l.xml', registers);
    expect(excerpt).toBe('');
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['registers/unresolved-mention']);
  });

  it.skipIf(!available.sharedSchemas)('uses a register that is not valid against tei_all, with one warning for the file', async () => {
    const store = new SchemaStore(schemaFolders({ env: { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS }, cwd: PROJECT_ROOT }));
    const root = tempTree({ 'persons.xml': PERSONS.replace('<persName>Anna Muster</persName>', '<persName>Anna Muster</persName><birth type="x" when="1880"/>').replace('<persName>Bruno Beispiel</persName>', '<persName>Bruno Beispiel</persName><birth type="y" when="1881"/>') });
    const registers = await loadCentralRegisters([path.join(root, 'persons.xml')], { cwd: root, key: 'xml:id', store });
    expect(registers.byId.size).toBe(2);
    expect(registers.diagnostics.map((d) => [d.severity, d.ruleId])).toEqual([['warning', 'registers/invalid']]);
  }, 120_000);
});

describe('central registers in a build', { timeout: 300_000 }, () => {
  let root: string;
  let first: BuildResult;

  async function build(): Promise<BuildResult> {
    const { config } = loadConfig({ cwd: root });
    return buildEdition({ config: config!, store: toolkitStore, cwd: root, env: { SOURCE_DATE_EPOCH: '1700000000' }, progress: false, stderr: () => undefined, workers: 0 });
  }

  const page = (file: string) => readFileSync(path.join(root, 'dist', file), 'utf8');

  beforeAll(async () => {
    root = tempTree({});
    cpSync(FIXTURE, root, { recursive: true });
    first = await build();
  }, 300_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('builds, with one warning for the key that resolves nowhere', () => {
    expect(first.written).toBe(true);
    expect(first.diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.file, d.line, d.ruleId])).toEqual([['letters/one.xml', 39, 'registers/unresolved-mention']]);
  });

  it('links the letters\' names to the central entries, which the register pages show with their facts', () => {
    const letter = page('letters/letter-one/index.html');
    for (const target of ['persons.html#anna', 'persons.html#bruno', 'persons.html#clara', 'places.html#zurich', 'places.html#stockholm']) expect(letter).toContain(`href="../../registers/${target}"`);
    const persons = page('registers/persons.html');
    expect([...persons.matchAll(/class="register-entry" id="([^"]+)"/g)].map((match) => match[1])).toEqual(['anna', 'bruno', 'clara', 'nobody']);
    expect(persons).toContain('https://example.org/authority/anna-muster');
    expect(persons).toContain('A friend of both correspondents.');
    expect(persons).not.toContain('Dora Nie');
  });

  it('gives the CMIF the central entries\' authority URIs', () => {
    const cmif = page('cmif.xml');
    expect(cmif.match(/<persName ref="https:\/\/example.org\/authority\/anna-muster">Anna Muster<\/persName>/g)).toHaveLength(2);
    expect(cmif).toContain('<placeName ref="https://example.org/authority/zurich">Zurich</placeName>');
  });

  it('rebuilds exactly the letters that name a changed entry', async () => {
    const persons = path.join(root, 'registers', 'persons.xml');
    writeFileSync(persons, readFileSync(persons, 'utf8').replace('A friend of both correspondents.', 'A friend of the Muster family.'));
    const second = await build();
    expect(second.letters.built).toEqual(['letters/one.xml', 'letters/two.xml']);
    writeFileSync(path.join(root, 'letters', 'two.xml'), readFileSync(path.join(root, 'letters', 'two.xml'), 'utf8').replace('<persName key="clara">Clara</persName> has left', 'Somebody has left'));
    await build();
    writeFileSync(persons, readFileSync(persons, 'utf8').replace('A friend of the Muster family.', 'A friend.'));
    const fourth = await build();
    expect(fourth.letters).toMatchObject({ built: ['letters/one.xml'], reused: ['letters/two.xml'] });
    expect(page('registers/persons.html')).toContain('A friend.');
  });
});

describe.skipIf(!available.sharedSchemas)('central registers in tei-edition validate (against tei_all)', () => {
  it('reports the names that resolve nowhere, and no ID warning for pointers into the registers', async () => {
    const root = tempTree({});
    cpSync(FIXTURE, root, { recursive: true });
    const letter = path.join(root, 'letters', 'two.xml');
    writeFileSync(letter, readFileSync(letter, 'utf8').replace('<persName key="clara">', '<persName ref="#clara">').replace('<placeName key="zurich">', '<placeName ref="#nowhere">'));
    const result = await runCli(['validate', '--schema', 'tei_all', '--format', 'json'], { cwd: root });
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; ruleId: string }[] };
    expect(report.diagnostics.filter((d) => d.ruleId.startsWith('registers/') || d.ruleId.startsWith('ids/')).map((d) => [d.file, d.line, d.ruleId])).toEqual([
      ['letters/one.xml', 39, 'registers/unresolved-mention'],
      ['letters/two.xml', 39, 'ids/unresolved-pointer'],
    ]);
  }, 300_000);
});

describe.skipIf(!available.corpus)('central registers of the Escher edition (../shared/corpus)', () => {
  it('links the letters\' @key names to people.xml and places.xml (matched to n)', async () => {
    const data = path.dirname(ESCHER_LETTERS);
    const registers = await loadCentralRegisters([path.join(data, 'people', 'people.xml'), path.join(data, 'places', 'places.xml')], { cwd: CORPUS, key: 'n' });
    expect(registers.byId.size).toBeGreaterThan(5000);
    const letter = path.join(ESCHER_LETTERS, 'K_0002_Anonym_an_Escher_1877-02-00.xml');
    const { excerpt, diagnostics } = letterRegisterExcerpt(readFileSync(letter, 'utf8'), 'K_0002.xml', registers);
    expect(diagnostics).toEqual([]);
    expect(excerpt).toContain('xml:id="Locher-Friedrich"');
    expect(excerpt.length).toBeLessThan(200_000);
  }, 120_000);
});
