/**
 * The command line: commander parses the flags and hands a typed options
 * object to `run`; the exit code is set by bin/tei-edition.js only.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createRequire } from 'node:module';
import { EXIT } from './exit-codes.js';
import type { RunIO, RunOptions } from './run.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

function megabytes(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError('expected a positive number of megabytes.');
  return Math.round(parsed * 1024 * 1024);
}

function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
  return parsed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Parses argv (without node and script) into run options; returns an exit code when parsing ended the run (help, version, usage error). */
export function parseArguments(argv: readonly string[], io: RunIO): RunOptions | number {
  let parsed: RunOptions | undefined;
  const formatOption = () => new Option('--format <format>', 'report format').choices(['human', 'json']).default('human');
  const xincludeRootOption = () => new Option('--xinclude-root <dir>', 'the folder XIncludes may reach anywhere under (default: xincludeRoot of the config, else the folder of edition.config.json, else the working directory)');
  const program = new Command('tei-edition')
    .description('Validate TEI letters and build a checked, citable digital edition.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run "tei-edition --help" for usage)');

  program
    .command('validate')
    .description('Validate TEI files: well-formedness, RELAX NG or W3C XML Schema, IDs and pointers, Schematron.')
    .argument('[paths...]', 'files or folders (folders are searched for .xml files); default: the edition\'s tei/ folder')
    .option('--schema <name|file>', 'validate every file against this schema (a schema-store name such as tei_all or tei-letter, or a RELAX NG or XML Schema file); default: the schema each file declares (<?xml-model?>, xsi:schemaLocation), else tei_all')
    .option('--embedded-schematron', 'also run the Schematron rules embedded in the RELAX NG schema', false)
    .option('--watch', 'after the first run, validate each file again when it is saved and report only new and fixed diagnostics (Ctrl+C stops)', false)
    .option('--schema-path <dir>', 'add a folder to the schema store (repeatable)', collect, [])
    .option('--config <file>', 'edition config file (default: edition.config.json if present)')
    .option('--max-file-size <MB>', 'refuse files larger than this', megabytes)
    .option('--timings', 'print the wall time of each step to stderr (also: TEI_EDITION_TIMINGS=1)', false)
    .option('--no-cache', 'do not keep pruned grammars in .cache/relaxng under the working directory')
    .addOption(xincludeRootOption())
    .addOption(formatOption())
    .action((paths: string[], flags: { schema?: string; embeddedSchematron: boolean; watch: boolean; schemaPath: string[]; config?: string; maxFileSize?: number; timings: boolean; cache: boolean; xincludeRoot?: string; format: 'human' | 'json' }) => {
      parsed = { command: 'validate', paths, schema: flags.schema, embeddedSchematron: flags.embeddedSchematron, watch: flags.watch, schemaPaths: flags.schemaPath, config: flags.config, maxFileBytes: flags.maxFileSize, timings: flags.timings, cache: flags.cache, xincludeRoot: flags.xincludeRoot, format: flags.format };
    });

  program
    .command('build')
    .description('Build the edition: validate each letter, transform it to HTML, text and citations, check every output, then write the output folder.')
    .option('--in <dir>', 'folder of TEI letters (default: inputDir of the config, "tei")')
    .option('--out <dir>', 'output folder (default: outputDir of the config, "dist")')
    .option('--config <file>', 'edition config file (default: edition.config.json if present)')
    .option('--schema <name|file>', 'validate every letter against this schema instead of the one it declares (<?xml-model?>, xsi:schemaLocation)')
    .option('--schema-path <dir>', 'add a folder to the schema store (repeatable)', collect, [])
    .addOption(xincludeRootOption())
    .addOption(formatOption())
    .action((flags: { in?: string; out?: string; config?: string; schema?: string; schemaPath: string[]; xincludeRoot?: string; format: 'human' | 'json' }) => {
      parsed = { command: 'build', inputDir: flags.in, outputDir: flags.out, config: flags.config, schema: flags.schema, schemaPaths: flags.schemaPath, xincludeRoot: flags.xincludeRoot, format: flags.format };
    });

  program
    .command('serve')
    .description('Build the edition, serve it on 127.0.0.1 for preview, rebuild when tei/, xslt/ or the config change, and reload the page.')
    .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', port, 8080)
    .option('--in <dir>', 'folder of TEI letters (default: inputDir of the config, "tei")')
    .option('--out <dir>', 'output folder (default: outputDir of the config, "dist")')
    .option('--config <file>', 'edition config file (default: edition.config.json if present)')
    .option('--schema <name|file>', 'validate every letter against this schema instead of the one it declares (<?xml-model?>, xsi:schemaLocation)')
    .option('--schema-path <dir>', 'add a folder to the schema store (repeatable)', collect, [])
    .addOption(xincludeRootOption())
    .action((flags: { port: number; in?: string; out?: string; config?: string; schema?: string; schemaPath: string[]; xincludeRoot?: string }) => {
      parsed = { command: 'serve', port: flags.port, inputDir: flags.in, outputDir: flags.out, config: flags.config, schema: flags.schema, schemaPaths: flags.schemaPath, xincludeRoot: flags.xincludeRoot };
    });

  program
    .command('export')
    .description('Write one archive export of the edition (cmif, oai-pmh, tei-corpus, citation-cff, zenodo), validating its letters as build does and checking the export before it is written.')
    .argument('<format>', 'cmif, oai-pmh, tei-corpus, citation-cff or zenodo')
    .option('--in <dir>', 'folder of TEI letters (default: inputDir of the config, "tei")')
    .option('--out <file>', 'write to this file, atomically (a folder for oai-pmh); default: stdout')
    .option('--schema <name|file>', 'validate every letter against this schema instead of the one it declares (<?xml-model?>, xsi:schemaLocation)')
    .option('--schema-path <dir>', 'add a folder to the schema store (repeatable)', collect, [])
    .option('--config <file>', 'edition config file (default: edition.config.json if present)')
    .addOption(xincludeRootOption())
    .addOption(formatOption())
    .action((exportFormat: string, flags: { in?: string; out?: string; schema?: string; schemaPath: string[]; config?: string; xincludeRoot?: string; format: 'human' | 'json' }) => {
      parsed = { command: 'export', exportFormat, inputDir: flags.in, out: flags.out, schema: flags.schema, schemaPaths: flags.schemaPath, config: flags.config, xincludeRoot: flags.xincludeRoot, format: flags.format };
    });

  program
    .command('schemas')
    .description('List the schemas in the schema store and where each came from.')
    .option('--schema-path <dir>', 'add a folder to the schema store (repeatable)', collect, [])
    .option('--config <file>', 'edition config file')
    .addOption(formatOption())
    .action((flags: { schemaPath: string[]; config?: string; format: 'human' | 'json' }) => {
      parsed = { command: 'schemas', schemaPaths: flags.schemaPath, config: flags.config, format: flags.format };
    });

  program
    .command('init')
    .description('Start a new edition in DIR: edition.config.json, an example letter in tei/, central registers, .gitignore and a README; adds the scripts validate, build and serve to a package.json there. Never overwrites a file.')
    .argument('[dir]', 'folder of the new edition, made when missing; default: the current folder')
    .option('--force', 'add the missing files to a folder that is not empty; existing files are left as they are', false)
    .action((dir: string | undefined, flags: { force: boolean }) => {
      parsed = { command: 'init', dir, force: flags.force };
    });

  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  if (!parsed) {
    io.stderr(program.helpInformation());
    return EXIT.usage;
  }
  return parsed;
}

/** Entry point used by bin/tei-edition.js. */
export async function main(argv: readonly string[], io: RunIO): Promise<number> {
  const options = parseArguments(argv, io);
  if (typeof options === 'number') return options;
  // Loaded only for a command: help and version need none of it.
  const { run } = await import('./run.js');
  return run(options, io);
}
