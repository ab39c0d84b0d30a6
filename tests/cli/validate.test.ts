import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tempTree } from '../helpers/temp-tree.js';
import { describe, expect, it } from 'vitest';
import { CORPUS, PROJECT_ROOT, VERDICTS, available } from '../helpers/fixtures.js';
import { runCli } from './run-helpers.js';

const TEI_NS = 'http://www.tei-c.org/ns/1.0';

/** A digest of every file under `root` but the toolkit's own caches (`.cache/`, e.g. pruned grammars), which a run may write. */
function fingerprint(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (dir === root && name === '.cache') continue;
      const full = path.join(dir, name);
      const info = statSync(full);
      if (info.isDirectory()) walk(full);
      else hash.update(`${full}:${info.mtimeMs}:`).update(readFileSync(full));
    }
  };
  walk(root);
  return hash.digest('hex');
}

describe('tei-edition validate: the bundled edition', () => {
  it('validates tei/ against its own customisation, exit 0', async () => {
    const result = await runCli(['validate', 'tei/']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ 1 file valid (tei-letter)');
  });

  it.skipIf(!available.sharedSchemas)('validates the letter against tei_all too', async () => {
    const result = await runCli(['validate', '--schema', 'tei_all', 'tei/lenin-to-shlyapnikov-1916-10.xml', '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.files).toEqual([{ file: 'tei/lenin-to-shlyapnikov-1916-10.xml', valid: true, schema: 'tei_all' }]);
    expect(result.code).toBe(0);
  });
});

describe('tei-edition validate: agreement with jing on the corpus', () => {
  it.skipIf(!available.sharedSchemas || !available.corpus)('gives jing\'s verdict for every corpus file, and the first error on jing\'s line', async () => {
    const verdicts = readFileSync(VERDICTS, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .map(([file, verdict, firstError]) => ({ file: file!, valid: verdict === 'valid', line: firstError ? Number(firstError.split(':')[1]) : undefined }));
    expect(verdicts).toHaveLength(65);
    // The files jing judged: the corpus folder also holds central registers that are not letters. The shared corpus is read-only: no grammar cache there.
    const result = await runCli(['validate', '--schema', 'tei_all', '--no-cache', '--format', 'json', ...verdicts.map((verdict) => verdict.file)], { cwd: CORPUS });
    const report = JSON.parse(result.stdout) as { files: { file: string; valid: boolean }[]; diagnostics: { file: string; line: number | null; severity: string }[] };
    expect(report.files).toHaveLength(65);
    let agreeing = 0;
    for (const expected of verdicts) {
      const actual = report.files.find((f) => f.file === expected.file);
      expect(actual, expected.file).toBeDefined();
      expect(actual!.valid, expected.file).toBe(expected.valid);
      if (!expected.valid) {
        const first = report.diagnostics.filter((d) => d.file === expected.file && d.severity === 'error').sort((a, b) => (a.line ?? 0) - (b.line ?? 0))[0];
        expect(first?.line, expected.file).toBe(expected.line);
      }
      agreeing++;
    }
    expect(agreeing).toBe(65);
    expect(result.code).toBe(1);
  }, 120_000);
});

describe('tei-edition validate: bad input', () => {
  it('exits after reporting a file that fails before libxml2 sees it (the libxml2 worker started with the command, never asked, does not keep the process alive)', () => {
    const cwd = tempTree({ 'empty.xml': '' });
    const child = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin/tei-edition.js'), 'validate', 'empty.xml', '--format', 'json'], { cwd, encoding: 'utf8', timeout: 30_000 });
    expect(child.signal).toBeNull();
    expect(child.status).toBe(1);
    expect(JSON.parse(child.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(['load/empty-file']);
  });

  const minimalTei = `<TEI xmlns="${TEI_NS}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>`;

  const cases: { name: string; files: Record<string, string | Uint8Array>; args: string[]; code: number; ruleId: string; line?: number; column?: number }[] = [
    { name: 'a missing file', files: {}, args: ['missing.xml'], code: 2, ruleId: 'load/path-not-found' },
    { name: 'a directory with no XML', files: { 'd/notes.txt': 'x' }, args: ['d'], code: 2, ruleId: 'load/no-xml-files' },
    { name: 'an empty file', files: { 'e.xml': '' }, args: ['e.xml'], code: 1, ruleId: 'load/empty-file' },
    { name: 'a binary file', files: { 'b.xml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }, args: ['b.xml'], code: 1, ruleId: 'load/binary-file' },
    { name: 'a file that is not well-formed', files: { 'n.xml': `<TEI xmlns="${TEI_NS}">\n  <text>\n    <body><p>x</body>\n  </text>\n</TEI>` }, args: ['n.xml'], code: 1, ruleId: 'xml/not-well-formed', line: 3 },
    { name: 'a non-TEI root', files: { 'h.xml': '<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>' }, args: ['h.xml'], code: 1, ruleId: 'load/not-tei', line: 1, column: 1 },
    { name: 'a TEI P4 file without namespace', files: { 'p4.xml': '<TEI.2><teiHeader/><text><body><p>x</p></body></text></TEI.2>' }, args: ['p4.xml'], code: 1, ruleId: 'load/tei-p4', line: 1, column: 1 },
    { name: 'a DOCTYPE with an external entity', files: { 'x.xml': `<!DOCTYPE TEI [\n<!ENTITY host SYSTEM "file:///etc/hostname">\n]>\n<TEI xmlns="${TEI_NS}"><text><body><p>&host;</p></body></text></TEI>` }, args: ['x.xml'], code: 1, ruleId: 'load/external-entity', line: 2, column: 1 },
    { name: 'an entity expansion bomb', files: { 'bomb.xml': `<!DOCTYPE TEI [${Array.from({ length: 10 }, (_, i) => `<!ENTITY e${i + 1} "${`&e${i};`.repeat(10)}">`).join('').replace('&e0;'.repeat(10), 'lol'.repeat(10))}]><TEI xmlns="${TEI_NS}"><text><body><p>&e10;</p></body></text></TEI>` }, args: ['bomb.xml'], code: 1, ruleId: 'load/entity-declaration' },
    { name: 'an XInclude outside the edition\'s root (the config file\'s folder)', files: { 'secret.xml': '<p/>', 'ed/edition.config.json': '{}', 'ed/a.xml': `<TEI xmlns="${TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">\n<xi:include href="../secret.xml"/></TEI>` }, args: ['--config', 'ed/edition.config.json', 'ed/a.xml'], code: 1, ruleId: 'xinclude/outside-tree', line: 2, column: 1 },
    { name: 'an XInclude of a missing file', files: { 'ed/a.xml': `<TEI xmlns="${TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude">\n<xi:include href="gone.xml"/></TEI>` }, args: ['ed/a.xml'], code: 1, ruleId: 'xinclude/missing-file', line: 2, column: 1 },
    { name: 'an unknown schema', files: { 'ok.xml': minimalTei }, args: ['--schema', 'no-such-schema', 'ok.xml'], code: 2, ruleId: 'schema-store/unknown-schema' },
    { name: 'an xml-model naming a schema that is not in the store', files: { 'm.xml': `<?xml-model href="https://example.org/custom.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n${minimalTei}` }, args: ['m.xml'], code: 1, ruleId: 'schema-store/unknown-schema', line: 1, column: 1 },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: exit ${testCase.code}, ${testCase.ruleId}, no stack trace, no file changed`, async () => {
      const cwd = tempTree(testCase.files);
      const before = fingerprint(cwd);
      const started = Date.now();
      const result = await runCli(['validate', '--format', 'json', ...testCase.args], { cwd });
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(result.code).toBe(testCase.code);
      const report = JSON.parse(result.stdout);
      const found = report.diagnostics.find((d: { ruleId: string }) => d.ruleId === testCase.ruleId);
      expect(found, JSON.stringify(report.diagnostics, null, 1)).toBeDefined();
      expect(found.hint).toBeTruthy();
      if (testCase.line !== undefined) expect(found.line).toBe(testCase.line);
      if (testCase.column !== undefined) expect(found.column).toBe(testCase.column);
      expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(result.stdout).not.toContain(`>${os.hostname()}<`);
      expect(fingerprint(cwd)).toBe(before);
    });
  }

  it('reports a human-readable diagnostic with file:line:column for a file that is not well-formed', async () => {
    const cwd = tempTree({ 'n.xml': `<TEI xmlns="${TEI_NS}">\n<text><body><p>x</body></text></TEI>` });
    const result = await runCli(['validate', 'n.xml'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^n\.xml\n {2}2:\d+ +error /m);
  });

  it.skipIf(!available.sharedSchemas)('validates a 50 MB file, or refuses it with a clear limit', async () => {
    const paragraph = '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>\n';
    const body = paragraph.repeat(Math.ceil((50 * 1024 * 1024) / paragraph.length));
    const cwd = tempTree({ 'big.xml': `${minimalTei.replace('<p>x</p>', body)}` });
    const result = await runCli(['validate', '--schema', 'tei_all', '--format', 'json', 'big.xml'], { cwd });
    const report = JSON.parse(result.stdout);
    if (result.code === 0) expect(report.files[0].valid).toBe(true);
    else expect(report.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toContain('load/file-too-large');
  }, 120_000);

  it('refuses a file above --max-file-size with the limit in the message', async () => {
    const cwd = tempTree({ 'a.xml': `<TEI xmlns="${TEI_NS}">${'<p>x</p>'.repeat(200_000)}</TEI>` });
    const result = await runCli(['validate', '--max-file-size', '1', 'a.xml'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('above the limit of 1.0 MB');
  });

  it('rejects an unknown option as a usage error (exit 2)', async () => {
    const result = await runCli(['validate', '--no-such-flag']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--no-such-flag'");
  });
});

describe('tei-edition validate --embedded-schematron', () => {
  it.skipIf(!available.sharedSchemas)('runs the Schematron embedded in tei_all only when asked', async () => {
    const file = 'tests/fixtures/schematron/tei-constraints.xml';
    const without = JSON.parse((await runCli(['validate', '--schema', 'tei_all', '--format', 'json', file])).stdout);
    const withEmbedded = JSON.parse((await runCli(['validate', '--schema', 'tei_all', '--embedded-schematron', '--format', 'json', file])).stdout);
    const fromSchematron = (report: { diagnostics: { source: string; line: number }[] }) => report.diagnostics.filter((d) => d.source === 'schematron').map((d) => d.line);
    expect(fromSchematron(without)).toEqual([]);
    expect(fromSchematron(withEmbedded)).toEqual([12, 13, 13, 14]);
  }, 60_000);
});

describe('tei-edition schemas', () => {
  it.skipIf(!available.sharedSchemas)('lists the toolkit\'s customisation and the shared tei_all with their origin', async () => {
    const result = await runCli(['schemas', '--format', 'json']);
    const listing = JSON.parse(result.stdout) as { schemas: { name: string; kind: string; origin: string; description: string | null }[] };
    expect(listing.schemas).toContainEqual(expect.objectContaining({ name: 'tei-letter', kind: 'relaxng', origin: 'toolkit' }));
    expect(listing.schemas).toContainEqual(expect.objectContaining({ name: 'tei_all', kind: 'relaxng', origin: 'environment', description: expect.stringContaining('4.12.0') }));
    expect(result.code).toBe(0);
  });

  it.skipIf(!available.sharedSchemas)('prints a readable listing', async () => {
    const result = await runCli(['schemas'], { cwd: PROJECT_ROOT });
    expect(result.stdout).toMatch(/Schema folders \(searched in this order\):\n {2}environment .*shared\/schemas\n {2}toolkit +schemas/);
  });
});

describe('tei-edition validate --timings and the grammar cache', () => {
  const letter = readFileSync(path.join(PROJECT_ROOT, 'tei', 'lenin-to-shlyapnikov-1916-10.xml'), 'utf8');
  const steps = ['load', 'root and schema', 'index, IDs and facts (beside libxml2)', 'well-formed+grammar', 'well-formed+grammar › prune', 'well-formed+grammar › compile', 'well-formed+grammar › parse and validate', 'schematron', 'report', 'total'];

  it('prints the wall time of each step to stderr with --timings or TEI_EDITION_TIMINGS=1, and nothing without', async () => {
    const cwd = tempTree({ 'letter.xml': letter });
    for (const [args, env] of [[['--timings'], {}], [[], { TEI_EDITION_TIMINGS: '1' }]] as const) {
      const result = await runCli(['validate', '--schema', 'tei-letter', ...args, 'letter.xml'], { cwd, env });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('✔ 1 file valid (tei-letter)');
      expect(result.stderr).toMatch(/^timings:\n/);
      for (const step of steps) expect(result.stderr).toMatch(new RegExp(`^ {2}${step.replace(/[+›()]/g, '\\$&')} +\\d+ ms$`, 'm'));
      expect(result.stderr).toMatch(/^ {2}libxml2: \d+ worker\(s\) started, \d+ grammar\(s\) compiled, 1 document parse\(s\)$/m);
    }
    const quiet = await runCli(['validate', '--schema', 'tei-letter', 'letter.xml'], { cwd });
    expect(quiet.stderr).toBe('');
  });

  it('keeps the pruned grammar in .cache/relaxng under the working directory, unless --no-cache', async () => {
    // A name in a comment joins the vocabulary: each run's pruned grammar is not in this process's memory yet.
    const unique = (name: string) => tempTree({ 'letter.xml': letter.replace('<text', `<!-- <${name}${Date.now()}/> --><text`) });
    const cached = unique('cached');
    expect((await runCli(['validate', '--schema', 'tei-letter', 'letter.xml'], { cwd: cached })).code).toBe(0);
    expect(readdirSync(path.join(cached, '.cache', 'relaxng'))).toHaveLength(1);
    const uncached = unique('uncached');
    expect((await runCli(['validate', '--schema', 'tei-letter', '--no-cache', 'letter.xml'], { cwd: uncached })).code).toBe(0);
    expect(readdirSync(uncached)).toEqual(['letter.xml']);
  });

});
