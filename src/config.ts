/**
 * Edition configuration: one typed, validated, frozen object made from
 * command-line flags over `edition.config.json` over the defaults below.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Diagnostic } from './diagnostic.js';
import { isCalendarDay } from './iso-day.js';

/** Settings of an edition; every field has a default. */
export interface EditionConfig {
  /** Title of the whole edition. Default: "tei-edition: Letters". */
  title: string;
  /** Base URL under which the edition is published, without trailing slash; a letter lives at `{baseUrl}/letters/{id}/`. Default: "https://tei-edition.example.org". */
  baseUrl: string;
  /** Publisher of the edition. Default: "tei-edition project". */
  publisher: string;
  /** Licence of the edition's encoding and outputs. Default: CC BY 4.0. */
  licence: { url: string; label: string };
  /**
   * Rights and credit of the letters' text (the source the edition
   * transcribes), the second layer beside `licence`, which covers the
   * edition's own encoding and notes. A letter's TEI decides for itself with a
   * `licence` in its `availability` whose `@corresp` points to a source in
   * `sourceDesc`; this setting covers the letters that have none. Default:
   * none (only the edition's licence is stated).
   */
  sourceText?: SourceTextRights;
  /** Version of the edition (not of the toolkit). Default: "0.1.0". */
  version: string;
  /**
   * The edition's release date (YYYY-MM-DD), for editions whose letters give
   * none: the build date is SOURCE_DATE_EPOCH when set, else the newest of
   * this date and the letters' publication, revision and edition dates (see
   * `buildDate` in build.ts). Default: none.
   */
  date?: string;
  /** Editors of the edition, as "Given Family" strings. Default: none. */
  editors: readonly string[];
  /** Contact e-mail of the editors (CMIF requires one). Default: "editors@tei-edition.example.org". */
  contactEmail: string;
  /**
   * Fixed identifier of the edition as a bibliographic record (the `xml:id` of
   * the edition's `bibl` in CMIF exports); set it once and never change it.
   * A UUID in lower case that begins with a letter (a–f), because an `xml:id`
   * cannot begin with a digit. Default: a UUID derived from `baseUrl` (stable
   * while the base URL is).
   */
  bibliographyId: string;
  /** Add the persons and places each letter mentions to the CMIF export (the CMIF v2 proposal's `note/ref`, only those with authority URIs). Default: false. */
  cmifMentions: boolean;
  /** Records per OAI-PMH list response; longer lists continue in pages reached by resumption tokens. Default: 100. */
  oaiPageSize: number;
  /**
   * Central register files (TEI with listPerson, listPlace, listOrg or
   * listBibl, in standOff or the header), relative to the config file. Names
   * in the letters resolve to their entries by `@ref="#id"`,
   * `@ref="file.xml#id"` and `@key`. Default: none.
   */
  registers: readonly string[];
  /** What a name's `@key` is matched against in the central registers: the entry's `xml:id` or its `n`. Default: "xml:id". */
  registerKey: 'xml:id' | 'n';
  /**
   * The folder XIncludes may reach into (anything under it), relative to the
   * config file; includes outside it are refused. Default: the folder of the
   * config file, else the working directory.
   */
  xincludeRoot: string;
  /** Extra schema folders for the schema store, relative to the config file. Default: none. */
  schemaPaths: readonly string[];
  /** Folder of TEI sources, relative to the config file. Default: "tei". */
  inputDir: string;
  /** Folder the edition is built into, relative to the config file. Default: "dist". */
  outputDir: string;
}

/** Rights of the letters' source text: what they are (e.g. "public domain", with the URL of a licence or mark) and whom to credit as the text's source. */
export interface SourceTextRights {
  rights: string;
  rightsUrl?: string;
  credit?: string;
  creditUrl?: string;
}

/** The defaults, used for the bundled edition. */
export const DEFAULT_CONFIG: EditionConfig = Object.freeze({
  title: 'tei-edition: Letters',
  baseUrl: 'https://tei-edition.example.org',
  publisher: 'tei-edition project',
  licence: Object.freeze({ url: 'https://creativecommons.org/licenses/by/4.0/', label: 'CC BY 4.0' }),
  version: '0.1.0',
  editors: Object.freeze([]) as readonly string[],
  contactEmail: 'editors@tei-edition.example.org',
  bibliographyId: '',
  cmifMentions: false,
  oaiPageSize: 100,
  registers: Object.freeze([]) as readonly string[],
  registerKey: 'xml:id',
  xincludeRoot: '.',
  schemaPaths: Object.freeze([]) as readonly string[],
  inputDir: 'tei',
  outputDir: 'dist',
});

/** Name of the config file looked for in the working directory. */
export const CONFIG_FILE_NAME = 'edition.config.json';

const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    title: { type: 'string', minLength: 1 },
    baseUrl: { type: 'string', pattern: '^https?://[^\\s]+[^/\\s]$' },
    publisher: { type: 'string', minLength: 1 },
    licence: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'label'],
      properties: { url: { type: 'string', pattern: '^https?://' }, label: { type: 'string', minLength: 1 } },
    },
    sourceText: {
      type: 'object',
      additionalProperties: false,
      required: ['rights'],
      properties: {
        rights: { type: 'string', minLength: 1 },
        rightsUrl: { type: 'string', pattern: '^https?://' },
        credit: { type: 'string', minLength: 1 },
        creditUrl: { type: 'string', pattern: '^https?://' },
      },
    },
    version: { type: 'string', minLength: 1 },
    date: { type: 'string' },
    editors: { type: 'array', items: { type: 'string', minLength: 1 } },
    contactEmail: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$' },
    bibliographyId: { type: 'string', pattern: '^[a-f][0-9a-f]{7}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
    cmifMentions: { type: 'boolean' },
    oaiPageSize: { type: 'integer', minimum: 1 },
    registers: { type: 'array', items: { type: 'string', minLength: 1 } },
    registerKey: { enum: ['xml:id', 'n'] },
    xincludeRoot: { type: 'string', minLength: 1 },
    schemaPaths: { type: 'array', items: { type: 'string', minLength: 1 } },
    inputDir: { type: 'string', minLength: 1 },
    outputDir: { type: 'string', minLength: 1 },
  },
} as const;

let configShapeValidator: ValidateFunction | undefined;

/** The config file's JSON Schema check, compiled on first use: Ajv's load and compile cost about 0.2 s, which a run without a config file does not pay. */
function validateConfigShape(): ValidateFunction {
  if (!configShapeValidator) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    configShapeValidator = new Ajv({ allErrors: true }).compile(CONFIG_SCHEMA);
  }
  return configShapeValidator;
}

/** Values given on the command line; they win over the file, and relative folders among them are resolved against the working directory. */
export type ConfigOverrides = Partial<Pick<EditionConfig, 'inputDir' | 'outputDir' | 'xincludeRoot'>>;

/**
 * Reads and validates the config. `file` is an explicit --config path (it
 * must exist); otherwise `edition.config.json` in `cwd` is used when present.
 * Relative folders are resolved against the config file's folder.
 */
export function loadConfig(options: { file?: string; cwd: string; overrides?: ConfigOverrides }): { config?: Readonly<EditionConfig>; configDir: string; diagnostics: Diagnostic[] } {
  const explicit = options.file !== undefined;
  const file = path.resolve(options.cwd, options.file ?? CONFIG_FILE_NAME);
  const configDir = explicit || existsSync(file) ? path.dirname(file) : options.cwd;
  let fromFile: Record<string, unknown> = {};
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    try {
      fromFile = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      const offset = Number(/position (\d+)/.exec(String(error))?.[1] ?? NaN);
      const at = Number.isNaN(offset) ? {} : lineColumn(text, offset);
      return { configDir, diagnostics: [{ file, ...at, severity: 'error', source: 'config', ruleId: 'config/invalid-json', message: `The config file is not valid JSON: ${(error as Error).message}`, hint: 'Fix the JSON syntax (a trailing comma or a missing quote is the usual cause).', cause: error }] };
    }
    const validate = validateConfigShape();
    if (!validate(fromFile)) {
      const diagnostics: Diagnostic[] = (validate.errors ?? []).map((e) => ({
        file,
        severity: 'error',
        source: 'config',
        ruleId: 'config/invalid-setting',
        message: `${e.instancePath || 'The config'} ${e.message}${e.keyword === 'additionalProperties' ? `: "${(e.params as { additionalProperty: string }).additionalProperty}"` : ''}.`,
        hint: `Allowed settings: ${Object.keys(CONFIG_SCHEMA.properties).filter((k) => k !== '$schema').join(', ')} (see README, "Configuration").`,
        cause: e,
      }));
      return { configDir, diagnostics };
    }
    const date = fromFile['date'];
    if (typeof date === 'string' && !(/^\d{4}-\d{2}-\d{2}$/.test(date) && isCalendarDay(date))) {
      return { configDir, diagnostics: [{ file, severity: 'error', source: 'config', ruleId: 'config/invalid-setting', message: `/date "${date}" is not an ISO date (YYYY-MM-DD) of a day that exists.`, hint: 'Write the release date as year-month-day, e.g. "date": "2025-03-14", or leave the setting out (see README, "Configuration").' }] };
    }
  } else if (explicit) {
    return { configDir, diagnostics: [{ file: options.file, severity: 'error', source: 'config', ruleId: 'config/not-found', message: `The config file ${options.file} does not exist.`, hint: `Create it (see README, "Configuration") or leave out --config to use ${CONFIG_FILE_NAME} in the current folder or the defaults.` }] };
  }
  const merged = { ...DEFAULT_CONFIG, ...withoutSchemaKey(fromFile), ...definedOnly(options.overrides ?? {}) } as EditionConfig;
  return {
    configDir,
    diagnostics: [],
    config: Object.freeze({
      ...merged,
      licence: Object.freeze({ ...merged.licence }),
      ...(merged.sourceText ? { sourceText: Object.freeze({ ...merged.sourceText }) } : {}),
      editors: Object.freeze([...merged.editors]),
      bibliographyId: merged.bibliographyId || uuidFromName(merged.baseUrl),
      schemaPaths: Object.freeze(merged.schemaPaths.map((p) => path.resolve(configDir, p))),
      registers: Object.freeze(merged.registers.map((p) => path.resolve(configDir, p))),
      xincludeRoot: path.resolve(options.overrides?.xincludeRoot !== undefined ? options.cwd : configDir, merged.xincludeRoot),
      inputDir: path.resolve(options.overrides?.inputDir !== undefined ? options.cwd : configDir, merged.inputDir),
      outputDir: path.resolve(options.overrides?.outputDir !== undefined ? options.cwd : configDir, merged.outputDir),
    }),
  };
}

/** A name-based (version 5 style, SHA-1) UUID, so a derived identifier is the same on every build; it begins with a letter, so it can be an `xml:id`. */
export function uuidFromName(name: string): string {
  const hash = createHash('sha1').update(`tei-edition:${name}`).digest();
  hash[0] = hash[0]! | 0xa0;
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function withoutSchemaKey(value: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = value;
  return rest;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
