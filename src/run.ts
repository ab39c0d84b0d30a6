/**
 * The library API behind the command line: `run(options, io)` does one
 * command and returns its exit code (0 clean, 1 content errors, 2 usage,
 * config or internal failure). It never exits the process and writes only
 * through `io`.
 */
import { hasErrors, type Diagnostic } from './diagnostic.js';
import path from 'node:path';
import type { BuildOptions } from './build.js';
import type { PreviewServer } from './serve.js';
import type { Watch } from './watch.js';
import { CONFIG_FILE_NAME, loadConfig } from './config.js';
import { writeFileAtomically, writeOutputs } from './stages/write.js';
import { formatHuman, shouldColour } from './report/human.js';
import { formatJson, type FileVerdict } from './report/json.js';
import { SchemaStore, schemaFolders } from './schema-store.js';
import { DEFAULT_MAX_FILE_BYTES, displayPath, loadDocuments } from './stages/load.js';
import { validateDocuments } from './stages/validate.js';
import { StepTimings } from './timings.js';
import { engineStatistics, startLibxml2 } from './adapters/libxml2.js';
import { libxml2WorkersFor } from './adapters/xmllint.js';
import { applyCentralRegisters, loadCentralRegisters } from './registers/central-registers.js';

import { EXIT } from './exit-codes.js';

export { EXIT };

/** Where a run reads its environment and writes its output. */
export interface RunIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout/stderr are terminals (colour, progress). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Output format of reports. */
export type ReportFormat = 'human' | 'json';

/** Options shared by the commands. */
interface CommonOptions {
  format?: ReportFormat;
  /** Extra schema folders (`--schema-path`). */
  schemaPaths?: readonly string[];
  /** Config file (`--config`). */
  config?: string;
}

/** Options of the commands that load letters. */
interface LoadingOptions extends CommonOptions {
  /** The folder XIncludes may reach anywhere under (`--xinclude-root`); default from the config. */
  xincludeRoot?: string;
}

/** `tei-edition validate`. */
export interface ValidateCommand extends LoadingOptions {
  command: 'validate';
  paths: readonly string[];
  schema?: string;
  embeddedSchematron?: boolean;
  /** Largest file accepted, in bytes. */
  maxFileBytes?: number;
  /** After the first run, re-validate each file when it is saved and report what changed (`--watch`); ends on Ctrl+C. */
  watch?: boolean;
  /** Called once the watch has started (tests use it to write files and stop the watch). */
  onWatching?: (watch: Watch) => void;
  /** Print the wall time of each step to stderr (`--timings`; also when the environment sets TEI_EDITION_TIMINGS=1). */
  timings?: boolean;
  /** Keep pruned grammars in `.cache/relaxng` under the working directory (default true; `--no-cache`: false). */
  cache?: boolean;
}

/** `tei-edition schemas`. */
export interface SchemasCommand extends CommonOptions {
  command: 'schemas';
}

/** `tei-edition build`. */
export interface BuildCommand extends LoadingOptions {
  command: 'build';
  /** TEI folder (`--in`); default from the config. */
  inputDir?: string;
  /** Output folder (`--out`); default from the config. */
  outputDir?: string;
  schema?: string;
}

/** `tei-edition serve`: build, serve the output on 127.0.0.1, rebuild on change. */
export interface ServeCommand extends Omit<BuildCommand, 'command'> {
  command: 'serve';
  /** Port (`--port`); 0 picks a free one. Default 8080. */
  port?: number;
  /** Called when the preview is listening (tests use it to reach and stop the server). */
  onListening?: (server: PreviewServer) => void;
}

/** `tei-edition export FORMAT`: one archive export, checked, written to `--out` (a file; a folder for oai-pmh) or stdout. */
export interface ExportCommand extends LoadingOptions {
  command: 'export';
  /** One of `EXPORT_FORMATS` (src/export.ts). */
  exportFormat: string;
  inputDir?: string;
  /** Output file (folder for oai-pmh); default: stdout for one file. */
  out?: string;
  schema?: string;
}

/** `tei-edition init [DIR]`: scaffold a new edition. */
export interface InitCommand {
  command: 'init';
  /** Folder of the new edition (created when missing); default: the working directory. */
  dir?: string;
  /** Add the missing files to a folder that is not empty (`--force`); no existing file is changed. */
  force?: boolean;
}

/** Everything `run` can do. */
export type RunOptions = ValidateCommand | SchemasCommand | BuildCommand | ExportCommand | ServeCommand | InitCommand;

/** Runs one command. */
export async function run(options: RunOptions, io: RunIO): Promise<number> {
  try {
    switch (options.command) {
      case 'validate':
        return await runValidate(options, io);
      case 'schemas':
        return runSchemas(options, io);
      case 'build':
        return await runBuild(options, io);
      case 'export':
        return await runExport(options, io);
      case 'serve':
        return await runServe(options, io);
      case 'init':
        return await runInit(options, io);
    }
  } catch (error) {
    return reportInternalError(error, ('format' in options && options.format) || 'human', io);
  }
}

function openStore(options: CommonOptions, io: RunIO, configPaths: readonly string[]): SchemaStore {
  return new SchemaStore(schemaFolders({ flagPaths: options.schemaPaths, configPaths, env: io.env, cwd: io.cwd }));
}

async function runValidate(options: ValidateCommand, io: RunIO): Promise<number> {
  const timings = options.timings || io.env['TEI_EDITION_TIMINGS'] === '1' ? new StepTimings() : undefined;
  const started = performance.now();
  const before = engineStatistics();
  // libxml2 loads in its own thread while the config is read and the files are loaded.
  startLibxml2();
  const exitCode = await validateCommand(options, io, timings);
  if (timings) {
    const after = engineStatistics();
    timings.note(`libxml2: ${after.workersStarted - before.workersStarted} worker(s) started, ${after.grammarsCompiled - before.grammarsCompiled} grammar(s) compiled, ${after.documentsParsed - before.documentsParsed} document parse(s)`);
    io.stderr(timings.format(performance.now() - started));
  }
  return exitCode;
}

async function validateCommand(options: ValidateCommand, io: RunIO, timings: StepTimings | undefined): Promise<number> {
  const timed = <T>(step: string, work: () => Promise<T> | T): Promise<T> => (timings ? timings.time(step, work) : Promise.resolve(work()));
  const format = options.format ?? 'human';
  if (options.watch && format === 'json') {
    return report([{ severity: 'error', source: 'usage', ruleId: 'usage/validate', message: '--watch reports changes for people; it cannot be combined with --format json.', hint: 'Leave out --format json, or run validate without --watch in scripts.' }], [], 'human', io, EXIT.usage);
  }
  const { config, diagnostics: configDiagnostics } = loadConfig({ file: options.config, cwd: io.cwd, overrides: { xincludeRoot: options.xincludeRoot } });
  if (!config) return report(configDiagnostics, [], format, io, EXIT.usage);
  const store = openStore(options, io, config.schemaPaths);
  const registers = await timed('registers', () => loadCentralRegisters(config.registers, { cwd: io.cwd, key: config.registerKey, store }));
  const validatePaths = async (paths: readonly string[]) => {
    const loaded = await timed('load', () => loadDocuments(paths, { cwd: io.cwd, maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, xincludeRoot: config.xincludeRoot, onFilesFound: (count) => startLibxml2(libxml2WorkersFor(count)) }));
    const { documents, diagnostics: runDiagnostics } = await validateDocuments(loaded.documents, {
      store,
      cwd: io.cwd,
      schema: options.schema,
      embeddedSchematron: options.embeddedSchematron,
      ...(options.cache === false ? {} : { grammarCacheDir: path.join(io.cwd, '.cache', 'relaxng') }),
      ...(timings ? { timings } : {}),
    });
    const withRegisters = await timed('registers', () => applyCentralRegisters(documents, registers));
    return { loaded, documents, runDiagnostics, diagnostics: [...loaded.pathDiagnostics, ...runDiagnostics, ...withRegisters.diagnostics] };
  };
  const paths = options.paths.length > 0 ? options.paths : [displayPath(config.inputDir, io.cwd) || '.'];
  const { loaded, documents, runDiagnostics, diagnostics: found } = await validatePaths(paths);
  const diagnostics = [...store.diagnostics, ...found];
  const verdicts: FileVerdict[] = documents.map((d) => ({ file: d.file, valid: d.valid, ...(d.schema ? { schema: d.schema.name } : {}) }));
  const usageProblem = loaded.pathDiagnostics.length > 0 || runDiagnostics.some((d) => d.severity === 'error' && d.source === 'schema-store');
  const exitCode = usageProblem ? EXIT.usage : documents.some((d) => !d.valid) || hasErrors(diagnostics) ? EXIT.contentErrors : EXIT.ok;
  await timed('report', () => {
    if (format !== 'human' || exitCode !== EXIT.ok) return report(diagnostics, verdicts, format, io, exitCode);
    const summary = `✔ ${documents.length} ${documents.length === 1 ? 'file' : 'files'} valid (${[...new Set(verdicts.map((v) => v.schema))].join(', ')})\n`;
    io.stdout(formatHuman(diagnostics, { colour: shouldColour(io.isTTY, io.env) }) + summary);
    return exitCode;
  });
  if (!options.watch || usageProblem) return exitCode;

  const { watchValidation } = await import('./watch.js');
  const watching = watchValidation({
    paths: paths.map((watched) => path.resolve(io.cwd, watched)),
    validate: async (files) => {
      const result = await validatePaths(files);
      return { files: result.documents.map((d) => d.file), diagnostics: result.diagnostics };
    },
    displayPath: (file) => displayPath(file, io.cwd),
    initial: { files: documents.map((d) => d.file), diagnostics: found },
    write: io.stdout,
    colour: shouldColour(io.isTTY, io.env),
  });
  await watching.ready;
  io.stdout(`Watching ${paths.join(', ')} for changes (Ctrl+C stops)\n`);
  // Ctrl+C ends the watch, not the process: pending validations finish and the command returns.
  const interrupt = (): void => void watching.stop();
  process.once('SIGINT', interrupt);
  options.onWatching?.(watching);
  await watching.stopped;
  process.off('SIGINT', interrupt);
  io.stdout('Stopped watching.\n');
  return EXIT.ok;
}

async function runBuild(options: BuildCommand, io: RunIO): Promise<number> {
  const format = options.format ?? 'human';
  const started = Date.now();
  const { config, diagnostics: configDiagnostics } = loadConfig({ file: options.config, cwd: io.cwd, overrides: { inputDir: options.inputDir, outputDir: options.outputDir, xincludeRoot: options.xincludeRoot } });
  if (!config) return report(configDiagnostics, [], format, io, EXIT.usage);
  const store = openStore(options, io, config.schemaPaths);
  const { buildEdition } = await import('./build.js');
  const result = await buildEdition({
    config,
    store,
    cwd: io.cwd,
    env: io.env,
    schema: options.schema,
    progress: io.isTTY && !io.env['CI'] && format === 'human',
    stderr: io.stderr,
  });
  const diagnostics = [...store.diagnostics, ...result.diagnostics];
  const usageProblem = diagnostics.some((d) => d.severity === 'error' && (d.source === 'schema-store' || d.ruleId.startsWith('load/path') || d.ruleId === 'load/no-xml-files'));
  const exitCode = usageProblem ? EXIT.usage : !result.written || hasErrors(diagnostics) || result.skipped.length > 0 ? EXIT.contentErrors : EXIT.ok;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const outputDir = displayPath(config.outputDir, io.cwd);
  const summary = result.written
    ? `✔ Built ${result.built.length} ${result.built.length === 1 ? 'letter' : 'letters'}${result.skipped.length ? ` (${result.skipped.length} left out)` : ''} into ${outputDir}/: ${result.filesWritten} files in ${seconds} s\n`
    : `✖ Build failed: nothing was written; ${outputDir}/ is unchanged (${seconds} s)\n`;
  if (format === 'json') {
    io.stdout(formatJson(diagnostics, result.built.map((file) => ({ file, valid: true })).concat(result.skipped.map((file) => ({ file, valid: false })))));
  } else {
    const text = formatHuman(diagnostics, { colour: shouldColour(io.isTTY, io.env) });
    if (exitCode === EXIT.ok) io.stdout(text + summary);
    else io.stderr(text + summary);
  }
  return exitCode;
}

/** Default port of `tei-edition serve`. */
export const DEFAULT_SERVE_PORT = 8080;

async function runServe(options: ServeCommand, io: RunIO): Promise<number> {
  const configFile = path.resolve(io.cwd, options.config ?? CONFIG_FILE_NAME);
  const buildOptions = (): { options?: BuildOptions; diagnostics: Diagnostic[] } => {
    const { config, diagnostics } = loadConfig({ file: options.config, cwd: io.cwd, overrides: { inputDir: options.inputDir, outputDir: options.outputDir, xincludeRoot: options.xincludeRoot } });
    if (!config) return { diagnostics };
    const store = openStore(options, io, config.schemaPaths);
    return { options: { config, store, cwd: io.cwd, env: io.env, schema: options.schema, progress: false, stderr: io.stderr }, diagnostics: [...diagnostics, ...store.diagnostics] };
  };
  const first = buildOptions();
  if (!first.options) return report(first.diagnostics, [], 'human', io, EXIT.usage);
  const { startPreview } = await import('./serve.js');
  const server = await startPreview({
    buildOptions,
    configFile,
    port: options.port ?? DEFAULT_SERVE_PORT,
    onBuild: (result, diagnostics) => {
      const text = formatHuman([...diagnostics], { colour: shouldColour(io.isTTY, io.env) });
      const summary = !result ? '✖ Not built: fix the configuration.\n'
        : result.written ? `✔ Built ${result.built.length} ${result.built.length === 1 ? 'letter' : 'letters'}: ${result.filesWritten} files\n`
        : '✖ Build failed: the preview shows the previous build.\n';
      (result?.written ? io.stdout : io.stderr)(text + summary);
    },
  });
  io.stdout(`Serving ${displayPath(first.options.config.outputDir, io.cwd)}/ at ${server.url} (rebuilds when tei/, xslt/ or the config change; Ctrl+C stops)\n`);
  options.onListening?.(server);
  await server.closed;
  return EXIT.ok;
}

async function runExport(options: ExportCommand, io: RunIO): Promise<number> {
  const format = options.format ?? 'human';
  const usage = (message: string, hint: string): number =>
    report([{ severity: 'error', source: 'usage', ruleId: 'usage/export', message, hint }], [], format, io, EXIT.usage);
  const { EXPORT_FORMATS, exportEdition, isMultiFileExport } = await import('./export.js');
  if (!EXPORT_FORMATS.includes(options.exportFormat)) return usage(`Unknown export format "${options.exportFormat}".`, `Use one of: ${EXPORT_FORMATS.join(', ')}.`);
  if (isMultiFileExport(options.exportFormat) && options.out === undefined) return usage(`The ${options.exportFormat} export is a folder of files: name it with --out DIR.`, 'For example: tei-edition export oai-pmh --out dist/oai');
  const { config, diagnostics: configDiagnostics } = loadConfig({ file: options.config, cwd: io.cwd, overrides: { inputDir: options.inputDir, xincludeRoot: options.xincludeRoot } });
  if (!config) return report(configDiagnostics, [], format, io, EXIT.usage);
  const store = openStore(options, io, config.schemaPaths);
  const result = await exportEdition({ format: options.exportFormat, config, store, cwd: io.cwd, env: io.env, schema: options.schema });
  const diagnostics = [...store.diagnostics, ...result.diagnostics];
  if (result.outputs.length > 0 && options.out !== undefined) {
    const target = path.resolve(io.cwd, options.out);
    diagnostics.push(
      ...(isMultiFileExport(options.exportFormat)
        ? await writeOutputs(target, result.outputs.map((output) => ({ path: path.posix.relative(path.posix.dirname(result.outputs[0]!.path), output.path), content: output.content })))
        : await writeFileAtomically(target, result.outputs[0]!.content)),
    );
  }
  const written = result.outputs.length > 0 && !hasErrors(diagnostics.filter((d) => d.source === 'write'));
  const exitCode = diagnostics.some((d) => d.severity === 'error' && (d.source === 'schema-store' || d.ruleId.startsWith('load/path') || d.ruleId === 'load/no-xml-files')) ? EXIT.usage : !written || hasErrors(diagnostics) ? EXIT.contentErrors : EXIT.ok;
  if (written && options.out === undefined) io.stdout(result.outputs[0]!.content);
  if (format === 'json') (options.out === undefined ? io.stderr : io.stdout)(formatJson(diagnostics, result.files));
  else {
    const summary = written ? (options.out === undefined ? '' : `✔ Wrote ${options.exportFormat} to ${options.out}\n`) : `✖ ${options.exportFormat} not written: its checks failed\n`;
    io.stderr(formatHuman(diagnostics, { colour: shouldColour(io.isTTY, io.env) }) + summary);
  }
  return exitCode;
}

async function runInit(options: InitCommand, io: RunIO): Promise<number> {
  const dir = path.resolve(io.cwd, options.dir ?? '.');
  const { initEdition } = await import('./init.js');
  const result = await initEdition({ dir, force: options.force ?? false, cwd: io.cwd });
  const where = result.folder === '.' ? 'in this folder' : `in ${result.folder}/`;
  const lines = result.created.length > 0 ? [`Created ${where}:`, ...result.created.map((file) => `  ${file}`)] : [];
  if (result.scriptsAdded.length > 0) lines.push(`Added to package.json: the scripts ${result.scriptsAdded.join(', ')}`);
  const text = formatHuman(result.diagnostics, { colour: shouldColour(io.isTTY, io.env) }) + lines.map((line) => `${line}\n`).join('');
  if (hasErrors(result.diagnostics)) {
    io.stderr(text);
    return EXIT.usage;
  }
  const next = [...(result.folder === '.' ? [] : [`cd ${result.folder}`]), ...['validate', 'build', 'serve'].map((command) => `npx tei-edition ${command}`)];
  io.stdout(`${text}✔ ${result.created.length > 0 ? 'A new edition is ready' : 'Nothing was missing'} ${where}. Next (README.md there says more, and how to publish):\n${next.map((line) => `  ${line}\n`).join('')}`);
  return EXIT.ok;
}

function runSchemas(options: SchemasCommand, io: RunIO): number {
  const { config, diagnostics } = loadConfig({ file: options.config, cwd: io.cwd });
  if (!config) return report(diagnostics, [], options.format ?? 'human', io, EXIT.usage);
  const store = openStore(options, io, config.schemaPaths);
  if (options.format === 'json') {
    io.stdout(
      JSON.stringify(
        {
          folders: store.folders,
          schemas: store.schemas.map((s) => ({ name: s.name, kind: s.kind, path: s.path, origin: s.folder.origin, sha256: s.sha256, description: s.description ?? null })),
          diagnostics: store.diagnostics,
        },
        null,
        2,
      ) + '\n',
    );
    return EXIT.ok;
  }
  const lines = ['Schema folders (searched in this order):'];
  for (const folder of store.folders) lines.push(`  ${folder.origin.padEnd(11)} ${displayPath(folder.path, io.cwd)}`);
  lines.push('', 'Schemas:');
  const width = Math.max(4, ...store.schemas.map((s) => s.name.length));
  for (const schema of store.schemas) {
    lines.push(`  ${schema.name.padEnd(width)}  ${schema.kind.padEnd(11)} ${displayPath(schema.path, io.cwd)}  (${schema.folder.origin}; sha256 ${schema.sha256.slice(0, 12)}…)${schema.description ? `\n  ${' '.repeat(width)}  ${' '.repeat(11)} ${schema.description}` : ''}`);
  }
  if (store.schemas.length === 0) lines.push('  (none)');
  io.stdout(lines.join('\n') + '\n');
  if (store.diagnostics.length) io.stderr(formatHuman(store.diagnostics, { colour: shouldColour(io.isTTY, io.env) }));
  return EXIT.ok;
}

function report(diagnostics: readonly Diagnostic[], verdicts: readonly FileVerdict[], format: ReportFormat, io: RunIO, exitCode: number): number {
  if (format === 'json') io.stdout(formatJson(diagnostics, verdicts));
  else {
    const text = formatHuman(diagnostics, { colour: shouldColour(io.isTTY, io.env) });
    if (exitCode === EXIT.ok) io.stdout(text);
    else io.stderr(text);
  }
  return exitCode;
}

function reportInternalError(error: unknown, format: ReportFormat, io: RunIO): number {
  const diagnostic: Diagnostic = {
    severity: 'error',
    source: 'internal',
    ruleId: 'internal/unexpected-error',
    message: `tei-edition failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
    hint: `This is a bug in tei-edition, not in your files. Please report it with the command you ran${io.env['TEI_EDITION_DEBUG'] ? '' : ' (set TEI_EDITION_DEBUG=1 to include the stack)'}.`,
    cause: io.env['TEI_EDITION_DEBUG'] && error instanceof Error ? error.stack : undefined,
  };
  return report([diagnostic], [], format, io, EXIT.usage);
}
