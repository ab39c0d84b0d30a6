import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkWellFormed, libxml2WorkersFor, pruneModeFor, validateRelaxNg, XMLLINT_LIMITS } from '../../src/adapters/xmllint.js';
import { engineStatistics, MAX_LIBXML2_WORKERS, runLibxml2 } from '../../src/adapters/libxml2.js';
import { TEI_ALL, available } from '../helpers/fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '../fixtures/relaxng');
const fixture = (name: string) => ({ file: `fixtures/${name}`, text: readFileSync(path.join(fixtures, name), 'utf8') });
/** tei_all as the validator takes it, read by the tests that need it (they are skipped without the shared schemas). */
const teiAll = () => ({ file: TEI_ALL, text: readFileSync(TEI_ALL, 'utf8') });

describe('checkWellFormed', () => {
  it('reports line and column of each file, keyed by display path', async () => {
    const results = await checkWellFormed([
      { file: 'a.xml', text: '<a>\n  <b></c>\n</a>' },
      { file: 'b.xml', text: '<ok/>' },
      { file: 'c.xml', text: '<a>\n<b x="1" x="2"/></a>' },
    ]);
    expect(results.get('b.xml')).toEqual([]);
    const [mismatch] = results.get('a.xml')!;
    expect(mismatch).toMatchObject({ file: 'a.xml', line: 2, column: 10, source: 'well-formedness', ruleId: 'xml/not-well-formed', severity: 'error' });
    expect(mismatch!.message).toContain('</c>');
    expect(String(mismatch!.cause)).toContain('a.xml:2:');
    expect(results.get('c.xml')![0]).toMatchObject({ line: 2, column: 15, ruleId: 'xml/not-well-formed' });
  });

  it('counts columns in characters after non-ASCII text (libxml2 points just after the offending end tag)', async () => {
    const [found] = (await checkWellFormed([{ file: 'u.xml', text: '<a>\n<b>äöü — ß</c></a>' }])).get('u.xml')!;
    expect(found).toMatchObject({ line: 2, column: 15 });
  });

  it('reports empty and binary files', async () => {
    const results = await checkWellFormed([
      { file: 'empty.xml', text: '' },
      { file: 'binary.xml', text: 'PK\u0003\u0004\u0000\u0000' },
    ]);
    expect(results.get('empty.xml')![0]).toMatchObject({ ruleId: 'xml/not-well-formed', severity: 'error' });
    expect(results.get('binary.xml')![0]).toMatchObject({ ruleId: 'xml/binary-file', line: 1, column: 5 });
  });

  it('stops an entity expansion bomb quickly and names the right file', async () => {
    const started = Date.now();
    const results = await checkWellFormed([{ file: 'ok.xml', text: '<a/>' }, fixture('billion-laughs.xml'), { file: 'ok2.xml', text: '<a/>' }]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(results.get('ok.xml')).toEqual([]);
    expect(results.get('ok2.xml')).toEqual([]);
    expect(results.get('fixtures/billion-laughs.xml')!.map((d) => d.ruleId)).toContain('xml/entity-expansion-limit');
  });

  it.skipIf(!available.sharedSchemas)('never reads an external entity (the host name never appears in any output)', async () => {
    const hostname = readFileSync('/etc/hostname', 'utf8').trim();
    expect(hostname.length).toBeGreaterThan(0);
    const doc = fixture('external-entity.xml');
    const wellFormed = await checkWellFormed([doc]);
    expect(wellFormed.get(doc.file)!.map((d) => d.ruleId)).toEqual(['xml/external-entity-not-loaded']);
    const valid = await validateRelaxNg([doc], teiAll());
    const output = JSON.stringify([...wellFormed, ...valid]).replaceAll('file:///etc/hostname', '');
    expect(new RegExp(`\\b${hostname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(output)).toBe(false);
  });

  it('parses a generated 50 MB document', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'tei-edition-large-'));
    try {
      const file = path.join(folder, 'large.xml');
      const line = '<p n="x">Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.</p>\n';
      writeFileSync(file, `<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n${line.repeat(Math.ceil((50 * 1024 * 1024) / line.length))}</body></text></TEI>\n`);
      const text = readFileSync(file, 'utf8');
      expect(text.length).toBeGreaterThan(50 * 1024 * 1024);
      const results = await checkWellFormed([{ file: 'large.xml', text }]);
      expect(results.get('large.xml')).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('validateRelaxNg', () => {
  it.skipIf(!available.sharedSchemas)('names the element, its path, what is allowed, and links to the Guidelines', async () => {
    const doc = fixture('letter-errors.xml');
    const diagnostics = (await validateRelaxNg([doc], teiAll())).get(doc.file)!;
    expect(diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([
      ['relaxng/attribute-not-allowed', 13, 36],
      ['relaxng/element-not-allowed', 14, 7],
    ]);
    const [attribute, element] = diagnostics;
    expect(attribute).toMatchObject({ source: 'relaxng', path: '/TEI/text/body/p[2]/date', url: 'https://tei-c.org/release/doc/tei-p5-doc/en/html/ref-date.html' });
    expect(attribute!.message).toMatch(/^<date> does not allow the attribute @colour\. Allowed attributes: /);
    expect(element!.message).toMatch(/^<titleStmt> is not allowed here inside <body>\. Allowed here: <p>, .* and \d+ others\.$/);
    expect(element!.path).toBe('/TEI/text/body/titleStmt');
    expect(element!.url).toBe('https://tei-c.org/release/doc/tei-p5-doc/en/html/ref-titleStmt.html');
    expect(String(element!.cause)).toContain('Did not expect element titleStmt there');
  });

  it.skipIf(!available.sharedSchemas)('stops at the time limit with a diagnostic that says how to raise it', async () => {
    const doc = fixture('letter-errors.xml');
    const [limit] = (await validateRelaxNg([doc], teiAll(), { prune: false, timeoutMs: 200 })).get(doc.file)!;
    expect(limit).toMatchObject({ ruleId: 'relaxng/time-limit', severity: 'error' });
    expect(limit!.message).toContain('0.2 s');
    expect(limit!.hint).toMatch(/Raise the time limit/);
  });

  it.skipIf(!available.sharedSchemas)('validates documents over several runs when they exceed the characters of one run, with the same diagnostics', async () => {
    const errors = fixture('letter-errors.xml');
    const valid = { file: 'valid.xml', text: readFileSync(path.resolve(here, '../../tei/lenin-to-shlyapnikov-1916-10.xml'), 'utf8') };
    const docs = [{ ...errors, file: 'first.xml' }, valid, { ...errors, file: 'last.xml' }];
    const schema = teiAll();
    const together = await validateRelaxNg(docs, schema);
    const apart = await validateRelaxNg(docs, schema, { runMaxChars: 1 });
    expect([...apart.keys()]).toEqual(docs.map((doc) => doc.file));
    expect(apart).toEqual(together);
    expect(apart.get('last.xml')!.map((d) => d.ruleId)).toEqual(['relaxng/attribute-not-allowed', 'relaxng/element-not-allowed']);
    const wellFormed = await checkWellFormed([{ file: 'a.xml', text: '<a>\n<b></c></a>' }, { file: 'b.xml', text: '<ok/>' }, { file: 'c.xml', text: '<c></a>' }], { runMaxChars: 1 });
    expect([...wellFormed].map(([file, found]) => [file, found.map((d) => d.line)])).toEqual([['a.xml', [2]], ['b.xml', []], ['c.xml', [1]]]);
  }, 60_000);

  it('reports a grammar that does not compile once per file, without validating', async () => {
    const broken = { file: 'broken.rng', text: '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="nowhere"/></start></grammar>' };
    const results = await validateRelaxNg([{ file: 'a.xml', text: '<a/>' }], broken);
    expect(results.get('a.xml')!.map((d) => d.ruleId)).toEqual(['relaxng/schema-error']);
  });
});

describe('the libxml2-wasm engine', () => {
  const TEI_NS = 'http://www.tei-c.org/ns/1.0';
  const letter = (body: string, rootAttributes = '') =>
    `<TEI xmlns="${TEI_NS}"${rootAttributes}>\n<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>\n<text><body>${body}</body></text></TEI>`;

  it.skipIf(!available.sharedSchemas)('validates the elements an internal entity brings in, as jing does', async () => {
    const text = `<!DOCTYPE TEI [<!ENTITY hidden "<nonsense/>">]>\n${letter('<p>&hidden;</p>')}`;
    const [found] = (await validateRelaxNg([{ file: 'entity.xml', text }], teiAll())).get('entity.xml')!;
    expect(found).toMatchObject({ ruleId: 'relaxng/element-not-allowed', severity: 'error' });
    expect(found!.message).toContain('<nonsense>');
  });

  it.skipIf(!available.sharedSchemas)('reports an xml:id that is not an NCName on the attribute, and still validates the rest', async () => {
    const text = letter('<p xml:id="1st">x</p>\n<p><date colour="red"/></p>');
    const found = (await validateRelaxNg([{ file: 'ids.xml', text }], teiAll())).get('ids.xml')!;
    expect(found[0]).toMatchObject({ ruleId: 'relaxng/invalid-attribute-value', line: 3, column: 16, message: 'The value "1st" of @xml:id on <p> is not a valid identifier.' });
    expect(found.at(-1)).toMatchObject({ ruleId: 'relaxng/attribute-not-allowed', line: 4, column: 10, path: '/TEI/text/body/p[2]/date' });
  });

  it.skipIf(!available.sharedSchemas)('starts a new libxml2 after a time limit stopped one, and validates with it', async () => {
    const doc = fixture('letter-errors.xml');
    const [limit] = (await validateRelaxNg([doc], teiAll(), { prune: false, timeoutMs: 100 })).get(doc.file)!;
    expect(limit!.ruleId).toBe('relaxng/time-limit');
    const after = (await validateRelaxNg([doc], teiAll())).get(doc.file)!;
    expect(after.map((d) => d.ruleId)).toEqual(['relaxng/attribute-not-allowed', 'relaxng/element-not-allowed']);
  });

  it('chooses the pruning mode by the number of documents, not only their size', () => {
    const small = (count: number) => Array.from({ length: count }, (_, index) => ({ file: `${index}.xml`, text: '<TEI/>' }));
    expect(pruneModeFor(small(1))).toBe('not-allowed');
    expect(pruneModeFor(small(1_500))).toBe('not-allowed');
    expect(pruneModeFor(small(1_501))).toBe('empty-content');
    expect(pruneModeFor([{ file: 'big.xml', text: 'x'.repeat(15 * 1024 * 1024) }])).toBe('empty-content');
  });
});

describe('the libxml2-wasm worker', () => {
  it('ends on an error that is not a libxml2 report (as an out-of-memory abort would be), reports a crash, and the next request gets a new worker', async () => {
    const before = engineStatistics();
    const crashed = await runLibxml2([undefined as unknown as string], undefined, 10_000);
    expect(crashed).toMatchObject({ kind: 'crashed' });
    const after = await runLibxml2(['<a/>', '<a>'], undefined, 10_000);
    expect(after.kind).toBe('finished');
    if (after.kind === 'finished') expect(after.documents.map((outcome) => outcome.parsed)).toEqual([true, false]);
    expect(engineStatistics().workersStarted - before.workersStarted).toBeGreaterThanOrEqual(1);
  });
});

describe('two libxml2 workers for a large run', () => {
  const grammar = (key: string) => ({
    key,
    text: '<element name="a" xmlns="http://relaxng.org/ns/structure/1.0"><zeroOrMore><element name="b"><text/></element></zeroOrMore></element>',
  });
  // Valid, invalid and not well-formed documents, so that a slice put back in the wrong place changes the outcomes.
  const documents = Array.from({ length: 101 }, (_, index) => (index % 7 === 3 ? `<a><c>${index}</c></a>` : index % 11 === 5 ? `<a><b>${index}</a>` : `<a>${'<b/>'.repeat(index % 4)}</a>`));

  it('splits the documents across two workers, each compiling the grammar, with the outcomes in the documents\' order', async () => {
    const alone = await runLibxml2(documents, grammar('split-test-one'), 60_000, 1);
    const before = engineStatistics();
    const split = await runLibxml2(documents, grammar('split-test-two'), 60_000, 2);
    const compiled = engineStatistics().grammarsCompiled - before.grammarsCompiled;
    expect(alone.kind).toBe('finished');
    expect(split).toEqual({ ...alone, startMs: expect.any(Number), compileMs: expect.any(Number), checkMs: expect.any(Number) });
    expect(compiled).toBe(MAX_LIBXML2_WORKERS);
  });

  it('uses two workers from splitMinDocuments documents on', () => {
    expect(libxml2WorkersFor(XMLLINT_LIMITS.splitMinDocuments - 1)).toBe(1);
    expect(libxml2WorkersFor(XMLLINT_LIMITS.splitMinDocuments)).toBe(2);
  });

  it('lets the process exit when a worker was started and never asked (it is unreferenced after its listeners are added)', () => {
    const module = JSON.stringify(path.resolve(here, '../../lib/adapters/libxml2.js'));
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', `const { startLibxml2 } = await import(${module}); startLibxml2(2);`], { timeout: 20_000 });
    expect(child.signal).toBeNull();
    expect(child.status).toBe(0);
  });
});
