/**
 * `tei-edition init [DIR]`: starts a new edition in a folder from the
 * templates in `templates/init/` (a config, an example letter, central
 * registers, a .gitignore and a README for the editors), and adds the
 * edition's scripts to the folder's package.json when it has one. Never
 * overwrites a file: a folder that is not empty is refused, and with
 * `force` only the missing files are added.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE_NAME } from './config.js';
import type { Diagnostic } from './diagnostic.js';
import { displayPath } from './stages/load.js';

/** The scaffold's files, as they are written into the new edition (but see {@link TEMPLATE_FILE_TARGETS}). */
export const INIT_TEMPLATE_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'templates', 'init');

/** Template files kept under another name: npm leaves every `.gitignore` out of a package. */
const TEMPLATE_FILE_TARGETS: Readonly<Record<string, string>> = { gitignore: '.gitignore' };

/**
 * What a folder may already hold and still count as empty: what `npm init`
 * and `npm install tei-edition` leave there, and a Git repository.
 */
const STARTER_ENTRIES: ReadonlySet<string> = new Set(['package.json', 'package-lock.json', 'node_modules', '.git']);

/** The scripts added to the edition's package.json. */
const EDITION_SCRIPTS: Readonly<Record<string, string>> = { validate: 'tei-edition validate', build: 'tei-edition build', serve: 'tei-edition serve' };

/** Options of {@link initEdition}. */
export interface InitOptions {
  /** The folder of the new edition (absolute); created when missing. */
  dir: string;
  /** Add the missing files to a folder that is not empty. */
  force: boolean;
  /** For paths in diagnostics. */
  cwd: string;
}

/** What init did. */
export interface InitResult {
  /** The edition folder as the user sees it (relative to the working directory, `.` for it). */
  folder: string;
  /** Files written, relative to the edition folder, sorted. */
  created: string[];
  /** Scripts added to package.json. */
  scriptsAdded: string[];
  /** Errors (a refused folder, a file that could not be written) and infos on the files and scripts left as they were. */
  diagnostics: Diagnostic[];
}

/** Scaffolds a new edition (see the module comment). */
export async function initEdition(options: InitOptions): Promise<InitResult> {
  const shown = shownPath(options.dir, options.cwd);
  const refuse = (ruleId: string, message: string, hint: string): InitResult => ({
    folder: shown,
    created: [],
    scriptsAdded: [],
    diagnostics: [{ file: shown, severity: 'error', source: 'init', ruleId, message, hint }],
  });
  const existing = await stat(options.dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    return refuse('init/not-a-folder', `${shown} is a file, not a folder: init makes a folder for the new edition.`, 'Name a folder that is new or empty, for example: tei-edition init my-edition');
  }
  if (existing) {
    const others = (await readdir(options.dir)).filter((name) => !STARTER_ENTRIES.has(name)).sort();
    if (others.length > 0 && !options.force) {
      return refuse(
        'init/folder-not-empty',
        `${shown} is not empty (it holds ${listed(others)}): init starts an edition only in an empty folder, so that it overwrites nothing.`,
        'Name a new or empty folder, or add --force to add only the files that are missing (no existing file is changed).',
      );
    }
  } else {
    try {
      await mkdir(options.dir, { recursive: true });
    } catch (error) {
      return refuse('init/folder-not-created', `The folder ${shown} could not be made: ${(error as Error).message}`, 'Name a folder whose parent folders are folders, not files, and may be written to.');
    }
  }

  const created: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const template of await templateFiles(INIT_TEMPLATE_FOLDER)) {
    const relative = TEMPLATE_FILE_TARGETS[template] ?? template;
    const target = path.join(options.dir, relative);
    const content = await readFile(path.join(INIT_TEMPLATE_FOLDER, template), 'utf8');
    const outcome = await writeNewFile(target, relative === CONFIG_FILE_NAME ? withBibliographyId(content) : content);
    const file = shownPath(target, options.cwd);
    if (outcome === 'created') created.push(relative);
    else if (outcome === 'kept') diagnostics.push({ file, severity: 'info', source: 'init', ruleId: 'init/file-kept', message: `${relative} is already there; it was left as it is.` });
    else diagnostics.push({ file, severity: 'error', source: 'init', ruleId: 'init/file-not-written', message: `${relative} could not be written: ${outcome.message}`, hint: 'Make sure the folders on its path are folders, not files, and may be written to; then run init --force again.', cause: outcome });
  }
  const scripts = await addScripts(path.join(options.dir, 'package.json'), shownPath(path.join(options.dir, 'package.json'), options.cwd));
  return { folder: shown, created: created.sort(), scriptsAdded: scripts.added, diagnostics: [...diagnostics, ...scripts.diagnostics] };
}

/** Writes a file that does not exist yet, making its folders: 'created', 'kept' when the file exists (it is not touched), or the error. */
async function writeNewFile(file: string, content: string): Promise<'created' | 'kept' | Error> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch (error) {
    return error as Error;
  }
  try {
    // 'wx' fails on an existing file, so none is overwritten, even one made after the folder was read.
    await writeFile(file, content, { flag: 'wx' });
    return 'created';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'kept' : (error as Error);
  }
}

/** The template files, relative to the folder, sorted. */
async function templateFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * The config template with a `bibliographyId` of its own after `contactEmail`:
 * the edition's CMIF record keeps this id for good, so it is set once, here,
 * rather than derived from a base URL that is still the example's.
 */
function withBibliographyId(configText: string): string {
  const config = JSON.parse(configText) as Record<string, unknown>;
  const entries = Object.entries(config);
  const at = entries.findIndex(([key]) => key === 'contactEmail') + 1;
  entries.splice(at, 0, ['bibliographyId', newBibliographyId()]);
  return JSON.stringify(Object.fromEntries(entries), null, 2) + '\n';
}

/** A random UUID that begins with a letter, as an `xml:id` must. */
function newBibliographyId(): string {
  const uuid = randomUUID();
  return 'abcdef'[Number.parseInt(uuid[0]!, 16) % 6]! + uuid.slice(1);
}

/** Adds the {@link EDITION_SCRIPTS} a package.json lacks, keeping everything else and its indentation; nothing when there is no package.json. */
async function addScripts(file: string, shown: string): Promise<{ added: string[]; diagnostics: Diagnostic[] }> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return { added: [], diagnostics: [] };
  let manifest: { scripts?: Record<string, string> } & Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as typeof manifest;
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new Error('it is not a JSON object');
  } catch (error) {
    return {
      added: [],
      diagnostics: [{ file: shown, severity: 'warning', source: 'init', ruleId: 'init/package-json-unreadable', message: `package.json is not a valid JSON object, so the scripts validate, build and serve were not added: ${(error as Error).message}`, hint: 'Fix package.json, then run tei-edition init --force to add them.', cause: error }],
    };
  }
  const scripts = { ...(manifest.scripts ?? {}) };
  const added: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [name, command] of Object.entries(EDITION_SCRIPTS)) {
    if (scripts[name] === undefined) {
      scripts[name] = command;
      added.push(name);
    } else if (scripts[name] !== command) {
      diagnostics.push({ file: shown, severity: 'info', source: 'init', ruleId: 'init/script-kept', message: `package.json already has a "${name}" script ("${scripts[name]}"); it was left as it is.`, hint: `The edition's own command is: ${command}` });
    }
  }
  if (added.length > 0) {
    const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
    await writeFile(file, JSON.stringify({ ...manifest, scripts }, null, indent) + (text.endsWith('\n') ? '\n' : ''));
  }
  return { added, diagnostics };
}

/** A path as the user sees it: relative to the working directory when inside it, `.` for the working directory itself. */
function shownPath(absolute: string, cwd: string): string {
  return path.resolve(absolute) === path.resolve(cwd) ? '.' : displayPath(absolute, cwd);
}

function listed(names: readonly string[]): string {
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
