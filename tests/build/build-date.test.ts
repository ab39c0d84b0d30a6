/**
 * Issue 13, item 1: the build date. SOURCE_DATE_EPOCH first; else the
 * newest of the letters' own dates (publicationStmt/date,
 * revisionDesc/change/@when, editionStmt dates, ISO twins too) and the
 * config's `date`; else the day a letter file was last modified, with the
 * warning build/no-build-date in build and export. Never 1970, never the
 * wall clock.
 */
import { readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDate, buildEdition } from '../../src/build.js';
import { loadConfig } from '../../src/config.js';
import { exportEdition } from '../../src/export.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import type { ValidatedDocument } from '../../src/stages/validate.js';
import { documentFacts } from '../../src/stages/validate.js';
import { indexSource } from '../../src/xml/source-index.js';
import { tempTree } from '../helpers/temp-tree.js';
import { PROJECT_ROOT } from '../helpers/fixtures.js';

const ENCODINGS = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'encodings');
const BUNDLED = readFileSync(path.join(PROJECT_ROOT, 'tei', 'lenin-to-shlyapnikov-1916-10.xml'), 'utf8');
/** The bundled letter without its revisionDesc and its publication date: then nothing in it dates the edition. */
const UNDATED_LETTER = BUNDLED.replace(/\s*<revisionDesc>[\s\S]*?<\/revisionDesc>/, '').replace(/\s*<date when="2026-11-27">27 November 2026<\/date>/, '');
/** A fixed modification time for the letter files (2024-05-06, 12:00 UTC), so that the fallback is testable. */
const MODIFIED = new Date('2024-05-06T12:00:00Z');

/** A validated document as the build sees it, from TEI text (its facts read as the validate stage reads them). */
function documentOf(text: string, absolutePath = '/nowhere/letter.xml'): ValidatedDocument {
  return { file: 'letter.xml', absolutePath, originalText: text, text, lineMapping: { segments: [] }, includedFiles: [], diagnostics: [], failed: false, valid: true, facts: documentFacts(indexSource(text)) };
}

const fixture = (name: string) => documentOf(readFileSync(path.join(ENCODINGS, name), 'utf8'));

describe('buildDate', () => {
  const options = { inputDir: ENCODINGS, cwd: PROJECT_ROOT };

  it('takes the newest of the letters\' dates: a revisionDesc change newer than the publicationStmt date wins', () => {
    expect(fixture('when-iso-only.xml').facts?.changeDates).toEqual(['2025-01-10', '2025-03-14', '2024-11-02']);
    expect(buildDate({}, [fixture('when-iso-only.xml')], options)).toEqual({ date: '2025-03-14', diagnostics: [] });
  });

  it('reads change/@when-iso and editionStmt dates, and the newest over all letters', () => {
    const edition = documentOf(UNDATED_LETTER.replace('<publicationStmt>', '<editionStmt><edition>Second edition, <date when="2025-09-01T10:00:00">1 September 2025</date></edition></editionStmt><publicationStmt>'));
    expect(buildDate({}, [fixture('range-iso-only.xml'), fixture('two-correspdesc.xml')], options).date).toBe('2025-02-01');
    expect(buildDate({}, [fixture('range-iso-only.xml')], options).date).toBe('2024-06-30');
    expect(buildDate({}, [fixture('range-iso-only.xml'), edition], options).date).toBe('2025-09-01');
  });

  it('takes the config\'s date when newer than the letters\' (or when they give none), the letters\' when newer', () => {
    expect(buildDate({}, [fixture('no-publication-date.xml')], { ...options, configDate: '2025-06-01' })).toEqual({ date: '2025-06-01', diagnostics: [] });
    expect(buildDate({}, [fixture('when-iso-only.xml')], { ...options, configDate: '2025-06-01' }).date).toBe('2025-06-01');
    expect(buildDate({}, [fixture('when-iso-only.xml')], { ...options, configDate: '2020-01-01' }).date).toBe('2025-03-14');
  });

  it('takes SOURCE_DATE_EPOCH before anything else', () => {
    expect(buildDate({ SOURCE_DATE_EPOCH: '1700000000' }, [fixture('when-iso-only.xml')], { ...options, configDate: '2025-06-01' })).toEqual({ date: '2023-11-14', diagnostics: [] });
  });

  it('without any date: the day a letter file was modified, and a warning saying how to set one', () => {
    const root = tempTree({ 'tei/letter.xml': readFileSync(path.join(ENCODINGS, 'no-publication-date.xml')) });
    const file = path.join(root, 'tei', 'letter.xml');
    utimesSync(file, MODIFIED, MODIFIED);
    const dated = buildDate({}, [{ ...fixture('no-publication-date.xml'), absolutePath: file }], { inputDir: path.join(root, 'tei'), cwd: root });
    expect(dated.date).toBe('2024-05-06');
    expect(dated.diagnostics).toEqual([expect.objectContaining({ file: 'tei', severity: 'warning', ruleId: 'build/no-build-date', message: expect.stringContaining('2024-05-06') as unknown as string })]);
    expect(dated.diagnostics[0]!.hint).toMatch(/"date": "YYYY-MM-DD".*edition\.config\.json.*SOURCE_DATE_EPOCH/);
  });
});

describe('the config setting "date"', () => {
  const configured = (date: unknown) => loadConfig({ cwd: tempTree({ 'edition.config.json': JSON.stringify({ date }) }) });

  it('is read when it is an ISO day', () => {
    const { config, diagnostics } = configured('2025-03-14');
    expect(diagnostics).toEqual([]);
    expect(config?.date).toBe('2025-03-14');
  });

  it.each([['14 March 2025'], ['2025-03'], ['2025-02-30'], ['2025-03-14T10:00:00']])('"%s" is refused with config/invalid-setting', (date) => {
    const { config, diagnostics } = configured(date);
    expect(config).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', ruleId: 'config/invalid-setting', message: `/date "${date}" is not an ISO date (YYYY-MM-DD) of a day that exists.` })]);
  });

  it('is left unset by default', () => {
    expect(loadConfig({ cwd: tempTree({}) }).config?.date).toBeUndefined();
  });
});

describe('an edition whose letters give no date', () => {
  const store = new SchemaStore(schemaFolders({ env: {}, cwd: PROJECT_ROOT }));

  /** A temporary edition of the undated bundled letter, its file modified on MODIFIED; the config as given. */
  function edition(config: Record<string, unknown>): string {
    const root = tempTree({ 'edition.config.json': JSON.stringify(config), 'tei/letter.xml': UNDATED_LETTER });
    utimesSync(path.join(root, 'tei', 'letter.xml'), MODIFIED, MODIFIED);
    return root;
  }

  /** Every file under a folder, with its text. */
  function filesUnder(folder: string): [string, string][] {
    return readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((name) => path.join(folder, name)).filter((file) => statSync(file).isFile()).map((file) => [file, readFileSync(file, 'utf8')]);
  }

  it('build: warns build/no-build-date, and no output says 1970', async () => {
    expect(documentOf(UNDATED_LETTER).facts?.changeDates).toEqual([]);
    const root = edition({});
    const { config } = loadConfig({ cwd: root });
    const result = await buildEdition({ config: config!, store, cwd: root, env: {}, schema: 'tei-letter', progress: false, stderr: () => undefined, cacheDir: false, workers: 0 });
    expect(result.written).toBe(true);
    expect(result.diagnostics.filter((d) => d.ruleId === 'build/no-build-date')).toHaveLength(1);
    const files = filesUnder(path.join(root, 'dist'));
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter(([, text]) => text.includes('1970-01-01')).map(([file]) => file)).toEqual([]);
    expect(readFileSync(path.join(root, 'dist', 'CITATION.cff'), 'utf8')).toContain('date-released: "2024-05-06"');
    expect(readFileSync(path.join(root, 'dist', 'oai', 'Identify.xml'), 'utf8')).toContain('<earliestDatestamp>2024-05-06</earliestDatestamp>');
  }, 300_000);

  it('export: warns build/no-build-date too; with the config\'s date, states it and does not warn', async () => {
    const undated = await exportEdition({ format: 'citation-cff', config: loadConfig({ cwd: edition({}) }).config!, store, cwd: PROJECT_ROOT, env: {}, schema: 'tei-letter' });
    expect(undated.diagnostics.map((d) => d.ruleId)).toContain('build/no-build-date');
    expect(undated.outputs[0]!.content).not.toContain('1970');
    const dated = await exportEdition({ format: 'oai-pmh', config: loadConfig({ cwd: edition({ date: '2025-06-01' }) }).config!, store, cwd: PROJECT_ROOT, env: {}, schema: 'tei-letter' });
    expect(dated.diagnostics.map((d) => d.ruleId)).not.toContain('build/no-build-date');
    const identify = dated.outputs.find((o) => o.path === 'oai/Identify.xml')!.content;
    expect(identify).toContain('<responseDate>2025-06-01T00:00:00Z</responseDate>');
    expect(identify).toContain('<earliestDatestamp>2025-06-01</earliestDatestamp>');
  }, 300_000);
});
