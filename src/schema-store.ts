/**
 * The schema store: schemas are found by name or by the file name of a
 * document's `<?xml-model?>` href, in local folders only. Nothing is ever
 * fetched: an unknown schema is a diagnostic that says how to add it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from './diagnostic.js';

/** Kinds of schema the store knows by file extension. */
export type SchemaKind = 'relaxng' | 'schematron' | 'xsd' | 'json-schema';

/** A folder the store searches, and why it is searched. */
export interface SchemaFolder {
  path: string;
  /** Where the folder was named: the toolkit's own `schemas/`, the config file, the environment, or a command-line flag. */
  origin: 'toolkit' | 'config' | 'environment' | 'flag';
}

/** One schema file in the store. */
export interface StoredSchema {
  /** File name without extension, e.g. `tei_all`. */
  name: string;
  kind: SchemaKind;
  path: string;
  folder: SchemaFolder;
  /** sha256 of the file. */
  sha256: string;
  /** What the file says about itself (e.g. its TEI edition line), when it says something. */
  description?: string;
}

/** Environment variable naming extra schema folders, separated like PATH. */
export const SCHEMA_PATH_VARIABLE = 'TEI_EDITION_SCHEMA_PATH';

const KIND_BY_EXTENSION: Record<string, SchemaKind> = {
  '.rng': 'relaxng',
  '.sch': 'schematron',
  '.xsd': 'xsd',
  '.json': 'json-schema',
};

/** The toolkit's own schema folder (`schemas/` at the package root). */
export const TOOLKIT_SCHEMA_FOLDER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'schemas');

/** Lists the schema folders in search order: flags, config, environment, then the toolkit's own. */
export function schemaFolders(options: { flagPaths?: readonly string[]; configPaths?: readonly string[]; env?: Record<string, string | undefined>; cwd: string }): SchemaFolder[] {
  const fromEnvironment = (options.env?.[SCHEMA_PATH_VARIABLE] ?? '').split(path.delimiter).filter(Boolean);
  return [
    ...(options.flagPaths ?? []).map((p) => ({ path: path.resolve(options.cwd, p), origin: 'flag' as const })),
    ...(options.configPaths ?? []).map((p) => ({ path: path.resolve(options.cwd, p), origin: 'config' as const })),
    ...fromEnvironment.map((p) => ({ path: path.resolve(options.cwd, p), origin: 'environment' as const })),
    { path: TOOLKIT_SCHEMA_FOLDER, origin: 'toolkit' as const },
  ];
}

/** The schemas of a set of folders, indexed by name and file name. */
export class SchemaStore {
  readonly schemas: readonly StoredSchema[];
  readonly folders: readonly SchemaFolder[];
  readonly diagnostics: Diagnostic[] = [];

  constructor(folders: readonly SchemaFolder[]) {
    this.folders = folders;
    const found: StoredSchema[] = [];
    for (const folder of folders) {
      if (!existsSync(folder.path) || !statSync(folder.path).isDirectory()) {
        if (folder.origin !== 'toolkit') {
          this.diagnostics.push({
            file: folder.path,
            severity: 'warning',
            source: 'schema-store',
            ruleId: 'schema-store/missing-folder',
            message: `The schema folder ${folder.path} (named in the ${folder.origin}) does not exist.`,
            hint: `Correct the path, or remove it from the ${folder.origin === 'environment' ? SCHEMA_PATH_VARIABLE + ' variable' : folder.origin}.`,
          });
        }
        continue;
      }
      for (const file of listFiles(folder.path)) {
        const kind = KIND_BY_EXTENSION[path.extname(file).toLowerCase()];
        if (!kind) continue;
        const content = readFileSync(file);
        if (kind === 'json-schema' && !/"\$schema"\s*:/.test(content.subarray(0, 4096).toString('utf8'))) continue;
        found.push({
          name: path.basename(file, path.extname(file)),
          kind,
          path: file,
          folder,
          sha256: createHash('sha256').update(content).digest('hex'),
          description: describe(content.subarray(0, 8192).toString('utf8')),
        });
      }
    }
    this.schemas = found;
  }

  /** The first schema with this name (optionally of this kind), in folder order. */
  byName(name: string, kind?: SchemaKind): StoredSchema | undefined {
    return this.schemas.find((s) => s.name === name && (kind === undefined || s.kind === kind));
  }

  /** The companion Schematron of a RELAX NG schema: a `.sch` of the same name in the same folder. */
  companionSchematron(schema: StoredSchema): StoredSchema | undefined {
    return this.schemas.find((s) => s.kind === 'schematron' && s.name === schema.name && path.dirname(s.path) === path.dirname(schema.path));
  }

  /**
   * Resolves a schema reference: a store name (`tei_all`), a file path, or an
   * `<?xml-model?>` href (a URL is matched by its file name; a relative href
   * is resolved against the document first, then matched by file name).
   */
  resolve(reference: string, options: { baseFile?: string; cwd: string; kind?: SchemaKind }): StoredSchema | undefined {
    const byName = this.byName(reference, options.kind);
    if (byName) return byName;
    const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(reference) && !/^file:/i.test(reference);
    if (!isUrl) {
      const local = /^file:/i.test(reference) ? fileURLToPath(reference) : path.resolve(options.baseFile ? path.dirname(options.baseFile) : options.cwd, reference);
      if (existsSync(local) && statSync(local).isFile()) {
        const inStore = this.schemas.find((s) => s.path === local);
        if (inStore) return inStore;
        const kind = KIND_BY_EXTENSION[path.extname(local).toLowerCase()];
        if (kind && (options.kind === undefined || options.kind === kind)) {
          const content = readFileSync(local);
          return {
            name: path.basename(local, path.extname(local)),
            kind,
            path: local,
            folder: { path: path.dirname(local), origin: 'flag' },
            sha256: createHash('sha256').update(content).digest('hex'),
            description: describe(content.subarray(0, 8192).toString('utf8')),
          };
        }
      }
    }
    const fileName = decodeURIComponent(reference.split(/[?#]/)[0]!.split('/').pop() ?? '');
    return this.schemas.find((s) => path.basename(s.path) === fileName && (options.kind === undefined || s.kind === options.kind));
  }

  /** The diagnostic for a schema reference the store cannot resolve; it lists the store's schemas of `kind`. */
  unknownSchema(reference: string, where: { file?: string; line?: number; column?: number }, kind: SchemaKind = 'relaxng'): Diagnostic {
    const names = [...new Set(this.schemas.filter((s) => s.kind === kind).map((s) => s.name))].sort();
    return {
      ...where,
      severity: 'error',
      source: 'schema-store',
      ruleId: 'schema-store/unknown-schema',
      message: `The schema "${reference}" is not in the schema store${names.length ? ` (it has: ${names.join(', ')})` : ''}. Schemas are never downloaded.`,
      hint: `Save the schema file in a folder and name that folder with --schema-path DIR, the "schemaPaths" config setting, or the ${SCHEMA_PATH_VARIABLE} environment variable; or pass --schema FILE. "tei-edition schemas" lists what the store holds.`,
    };
  }
}

function listFiles(folder: string): string[] {
  const result: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) result.push(...listFiles(full));
    else if (entry.isFile()) result.push(full);
  }
  return result;
}

/** Picks the line a schema uses to say what it is (TEI edition line, a title, a JSON Schema title). */
function describe(head: string): string | undefined {
  const teiEdition = /TEI Edition:\s*([^\n]*?)\s*(?:\n|-->)/.exec(head)?.[1];
  if (teiEdition) return `TEI ${teiEdition.replace(/\s+/g, ' ').trim()}`;
  const title = /<(?:[a-z]+:)?title>([^<]+)<\/(?:[a-z]+:)?title>/.exec(head)?.[1] ?? /"title"\s*:\s*"([^"]+)"/.exec(head)?.[1];
  if (title) return title.trim();
  const documentation = /<a:documentation>([^<]+)</.exec(head)?.[1];
  return documentation?.trim();
}
