/**
 * `tei-edition export FORMAT`: one archive export of the edition on its own
 * (load → validate → transform → check, as `build` does), returned only when
 * its check passed. Invalid letters are reported and left out, as in build.
 */
import type { Diagnostic } from './diagnostic.js';
import { hasErrors } from './diagnostic.js';
import type { EditionConfig } from './config.js';
import { buildDate, letterId } from './build.js';
import { FORMATS } from './formats.js';
import type { Output } from './output.js';
import type { FileVerdict } from './report/json.js';
import type { SchemaStore } from './schema-store.js';
import { parseXml } from './adapters/saxon.js';
import { checkOutputs } from './stages/check.js';
import { DEFAULT_MAX_FILE_BYTES, displayPath, loadDocuments } from './stages/load.js';
import { editionParams, prepareStylesheets, transformEdition, type ParsedLetter } from './stages/transform.js';
import { validateDocuments } from './stages/validate.js';
import { applyCentralRegisters, loadCentralRegisters } from './registers/central-registers.js';
import { authorityCoverageDiagnostic } from './export/cmif-authority-coverage.js';

/** The formats `export` writes: the archive exports of the registry. */
export const EXPORT_FORMATS: readonly string[] = ['cmif', 'oai-pmh', 'tei-corpus', 'citation-cff', 'zenodo'];

/** True for a format that is a folder of files (OAI-PMH), false for one file. */
export function isMultiFileExport(name: string): boolean {
  return FORMATS.some((entry) => entry.name === name && entry.resultDocuments === true);
}

/** What an export needs. */
export interface ExportOptions {
  format: string;
  config: Readonly<EditionConfig>;
  store: SchemaStore;
  cwd: string;
  env: Record<string, string | undefined>;
  schema?: string;
}

/** The checked files of the export (none when a check failed), every TEI file read with its verdict, and everything reported. */
export interface ExportResult {
  outputs: Output[];
  files: FileVerdict[];
  diagnostics: Diagnostic[];
}

/** Makes and checks one export of the edition in `config.inputDir`. */
export async function exportEdition(options: ExportOptions): Promise<ExportResult> {
  const { config } = options;
  const loaded = await loadDocuments([config.inputDir], { cwd: options.cwd, maxFileBytes: DEFAULT_MAX_FILE_BYTES, xincludeRoot: config.xincludeRoot });
  const validated = await validateDocuments(loaded.documents, { store: options.store, cwd: options.cwd, schema: options.schema });
  const withRegisters = applyCentralRegisters(validated.documents, await loadCentralRegisters(config.registers, { cwd: options.cwd, key: config.registerKey, store: options.store }));
  const diagnostics: Diagnostic[] = [...loaded.pathDiagnostics, ...validated.diagnostics, ...withRegisters.diagnostics];
  const files = validated.documents.map((document) => ({ file: document.file, valid: document.valid, ...(document.schema ? { schema: document.schema.name } : {}) }));
  if (loaded.pathDiagnostics.length > 0 || hasErrors(validated.diagnostics)) return { outputs: [], files, diagnostics };
  const letters: ParsedLetter[] = [];
  const seen = new Set<string>();
  for (const document of validated.documents) {
    const id = letterId(document);
    if (!document.valid || seen.has(id)) {
      diagnostics.push({ file: document.file, severity: 'warning', source: 'load', ruleId: 'build/letter-skipped', message: document.valid ? `The letter id "${id}" is already taken; this letter was left out of the export.` : 'This letter is not valid and was left out of the export.', hint: 'Fix the errors reported for it; the other letters were exported.' });
      continue;
    }
    seen.add(id);
    const registers = withRegisters.excerpts.get(document.file);
    letters.push({ file: document.file, id, text: document.text, document: document.saxonDocument ?? (await parseXml(document.text)), ...(registers ? { registers } : {}) });
  }
  const dated = buildDate(options.env, validated.documents, { configDate: config.date, inputDir: config.inputDir, cwd: options.cwd });
  diagnostics.push(...dated.diagnostics);
  const context = { stylesheets: await prepareStylesheets(), params: editionParams(config, dated.date) };
  const made = transformEdition(letters, context, [options.format]);
  diagnostics.push(...made.diagnostics);
  const cmif = made.outputs.find((output) => output.format === 'cmif');
  if (cmif) diagnostics.push(authorityCoverageDiagnostic(cmif.content, displayPath(config.inputDir, options.cwd)));
  const outputsByPath = new Map(made.outputs.map((output) => [output.path, output]));
  diagnostics.push(...(await checkOutputs(made.outputs, { letterFile: displayPath(config.inputDir, options.cwd), outputsByPath, store: options.store })));
  const failed = hasErrors(diagnostics.filter((d) => d.source === 'transform' || d.source === 'check'));
  return { outputs: failed ? [] : made.outputs, files, diagnostics };
}
