/**
 * Other people's letters through the command line: every letter jing finds
 * valid against tei_all is built with all checks passing, the invalid ones
 * are reported and left out, and the exit code is 1 only because of them.
 * Every letter whose correspDesc gives a date has it in every output that
 * carries a date: none says "undated" or leaves the date out.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { runCli } from '../cli/run-helpers.js';
import { CORPUS, VERDICTS, available } from '../helpers/fixtures.js';
import { tempTree } from '../helpers/temp-tree.js';

/** The base URL of letters when no config names one (the default configuration's). */
const BASE_URL = DEFAULT_CONFIG.baseUrl;

/** jing's verdict on each corpus file, by its path in the corpus. */
let verdicts: Map<string, string>;
let out: string;

// Hooks of a file whose tests are all skipped do not run: without the corpus nothing here reads it.
beforeAll(() => {
  verdicts = new Map(
    readFileSync(VERDICTS, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => row.split('\t') as [string, string]),
  );
  out = tempTree({});
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** The ISO date attributes a TEI date may carry. */
const ISO_DATE_ATTRIBUTE = /\s(?:when|notBefore|notAfter|from|to)(?:-iso)?="\d{4}(?:-\d{2}){0,2}"/;

/** True when a correspDesc gives a date: a date with an ISO attribute, or whose words name a year ("1951", "17 December 1932"; not "unknown"). */
function givesDate(correspDesc: string): boolean {
  return [...correspDesc.matchAll(/<date\b([^>]*?)(?:\/>|>([\s\S]*?)<\/date>)/g)].some(([, attributes, text]) => ISO_DATE_ATTRIBUTE.test(attributes ?? '') || /\b1\d{3}\b/.test((text ?? '').replace(/<[^>]*>/g, '')));
}

/** The correspDesc elements of a TEI file, as text. */
function correspDescs(tei: string): string[] {
  return [...tei.matchAll(/<correspDesc\b[\s\S]*?<\/correspDesc>/g)].map((match) => match[0]);
}

/**
 * The outputs of a built letter that should carry its date but do not: the
 * text header, the page (its date statement and JSON-LD), the index row,
 * CSL-JSON issued, BibTeX, RIS, the OAI record and the CMIF entries (one
 * dated entry for each dated correspDesc).
 */
function outputsWithoutDate(target: string, id: string, letterUrl: string, datedCorrespDescs: number): string[] {
  const read = (file: string): string => readFileSync(path.join(target, file), 'utf8');
  const letter = (file: string): string => read(path.join('letters', id, file));
  const page = letter('index.html');
  const indexRow = read('index.html').match(new RegExp(`<tr>(?:(?!</tr>).)*href="letters/${id}/index.html"`, 's'))?.[0] ?? '';
  const oaiRecord = read(path.join('oai', 'GetRecord', `${id}.xml`));
  const cmifEntries = [...read('cmif.xml').matchAll(/<correspDesc\b[\s\S]*?<\/correspDesc>/g)].map((m) => m[0]).filter((entry) => entry.includes(`"${letterUrl}`));
  const missing = {
    text: /^Date: (?!undated$).+$/m.test(letter(`${id}.txt`)),
    page: /<dd class="date-statement">(?!undated<)/.test(page),
    'page JSON-LD': /"(?:dateCreated|temporalCoverage)":/.test(page),
    'index row': indexRow !== '' && !/<td[^>]*>undated<\/td>/.test(indexRow),
    'CSL-JSON': /"issued":/.test(letter(`${id}.csl.json`)),
    BibTeX: /^\s*(?:date|year) = /m.test(letter(`${id}.bib`)),
    RIS: /^(?:PY|DA) {2}- \S/m.test(letter(`${id}.ris`)),
    'OAI record': /<dc:date>/.test(oaiRecord),
    CMIF: cmifEntries.filter((entry) => /<date\b[^>]*\s(?:when|notBefore|notAfter|from|to)="/.test(entry)).length >= datedCorrespDescs,
  };
  return Object.entries(missing).filter(([, present]) => !present).map(([output]) => output);
}

/** The id the build gives a letter: the root's xml:id, else the file name, made URL-safe. */
function letterId(file: string): string {
  const id = /<TEI\b[^>]*\sxml:id="([^"]+)"/.exec(readFileSync(file, 'utf8'))?.[1] ?? path.basename(file, '.xml');
  return id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
}

describe.skipIf(!available.sharedSchemas || !available.corpus).each([
  ['stazh__briefedition-escher/data/briefe'],
  ['TEI-Correspondence-SIG__correspDesc/examples'],
])('tei-edition build --in ../shared/corpus/%s --schema tei_all', { timeout: 900_000 }, (folder) => {
  it('builds every jing-valid letter with all checks passing and reports the invalid ones', async () => {
    const files = readdirSync(path.join(CORPUS, folder)).filter((name) => name.endsWith('.xml'));
    const valid = files.filter((name) => verdicts.get(`${folder}/${name}`) === 'valid');
    const invalid = files.filter((name) => verdicts.get(`${folder}/${name}`) === 'invalid');
    expect(valid.length + invalid.length).toBe(files.length);
    const target = path.join(out, folder.replace(/\W+/g, '-'));
    const { code, stdout, stderr } = await runCli(['build', '--in', path.join(CORPUS, folder), '--out', target, '--schema', 'tei_all', '--format', 'json'], {
      cwd: out,
    });
    const report = JSON.parse(stdout) as { diagnostics: { file: string | null; severity: string; ruleId: string; source: string }[] };
    expect(stderr).toBe('');
    expect(code).toBe(invalid.length > 0 ? 1 : 0);
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.filter((d) => d.source === 'transform' || d.source === 'check' || d.source === 'internal' || d.source === 'write')).toEqual([]);
    const skipped = report.diagnostics.filter((d) => d.ruleId === 'build/letter-skipped').map((d) => path.basename(d.file ?? ''));
    expect(skipped.sort()).toEqual([...invalid].sort());
    for (const d of errors) expect(invalid).toContain(path.basename(d.file ?? ''));
    const undated: string[] = [];
    for (const name of valid) {
      const id = letterId(path.join(CORPUS, folder, name));
      for (const file of ['index.html', 'diplomatic.html', `${id}.txt`, `${id}.csl.json`, `${id}.bib`, `${id}.ris`, `${id}.xml`]) {
        expect(existsSync(path.join(target, 'letters', id, file)), `${name}: ${file}`).toBe(true);
      }
      const descs = correspDescs(readFileSync(path.join(CORPUS, folder, name), 'utf8'));
      if (descs[0] === undefined || !givesDate(descs[0])) continue;
      const withoutDate = outputsWithoutDate(target, id, `${BASE_URL}/letters/${id}/`, descs.filter(givesDate).length);
      if (withoutDate.length > 0) undated.push(`${name}: ${withoutDate.join(', ')}`);
    }
    expect(undated).toEqual([]);
  });
});
