/**
 * The only module that knows SaxonJS and xslt3 for transforms: compiles XSLT
 * to SEF (cached by content hash), loads each SEF once per run, runs
 * transforms with typed parameters, and turns XSLT dynamic errors into
 * diagnostics.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import { PROJECT_ROOT } from '../project-root.js';
import { saxonJS } from './saxon-js.js';

const require = createRequire(import.meta.url);

/** Where compiled stylesheets are kept unless an option says otherwise. */
export const DEFAULT_SEF_CACHE = path.join(PROJECT_ROOT, '.cache', 'sef');

/**
 * The toolkit's own stylesheets compiled by `npm run prepare` (which npm also
 * runs before `npm pack`), named like the cache's files; the npm package
 * ships them, so an installed toolkit neither compiles nor writes a cache.
 */
export const PRECOMPILED_SEF_FOLDER = path.join(PROJECT_ROOT, 'sef');

/** Options of {@link compileStylesheet}. */
export interface CompileOptions {
  /** Folder for compiled SEF files; default `.cache/sef/` under the project root. */
  cacheDir?: string;
  /** Folder of SEF files compiled beforehand, looked in before the cache; default `sef/` under the project root. */
  precompiledDir?: string;
}

/** A compiled stylesheet, parsed once per run. */
export interface LoadedStylesheet {
  /** Path of the SEF file. */
  sefPath: string;
  /** The XSLT the SEF was compiled from, for messages (relative to the project root when inside it). */
  stylesheet: string;
  /** SaxonJS's internal form of the SEF. */
  internal: unknown;
}

/** A stylesheet parameter value; each maps to one XDM type. */
export type ParamValue =
  | string // xs:string
  | boolean // xs:boolean
  | { readonly integer: number } // xs:integer
  | readonly string[] // xs:string*
  | { readonly date: string } // xs:date, from YYYY-MM-DD
  | { readonly documents: readonly unknown[] }; // document-node()*

/** What to transform: a parsed document, or nothing (the stylesheet's initial template runs). */
export interface TransformInput {
  /** A SaxonJS document node, e.g. from {@link parseXml}. */
  sourceNode?: unknown;
  /** Parameters by local name (no namespace). */
  params: Readonly<Record<string, ParamValue>>;
  /** The TEI file the result is made from, for diagnostics. */
  file?: string;
}

/** A secondary result of `xsl:result-document`, serialised; `href` is relative to the principal result's folder. */
export interface ResultDocument {
  href: string;
  content: string;
}

/**
 * The serialised principal result, the secondary results
 * (`xsl:result-document`, in the order written) and the text of every
 * `xsl:message` the stylesheet sent (in order), or a diagnostic saying why
 * there is none.
 */
export type TransformOutcome =
  | { ok: true; output: string; resultDocuments: ResultDocument[]; messages: string[] }
  | { ok: false; diagnostic: Diagnostic };

/** Base output URI of every transform: result-document hrefs resolve against it and are returned relative to its folder. */
const RESULT_BASE_FOLDER = 'file:///tei-edition-result/';

const IMPORT_PATTERN = /<xsl:(?:import|include)\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The stylesheet and every module it imports or includes, transitively, as absolute paths in a stable order. */
export async function stylesheetModules(xslPath: string): Promise<string[]> {
  const seen = new Set<string>();
  const visit = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(IMPORT_PATTERN)) {
      await visit(path.resolve(path.dirname(file), match[1] ?? match[2] ?? ''));
    }
  };
  await visit(path.resolve(xslPath));
  return [...seen].sort();
}

/**
 * The file name of a stylesheet's SEF: its name and the content hash of the
 * stylesheet, its modules (names and bytes) and the compiler version, so a
 * SEF of that name is the compiled form of exactly these stylesheets.
 */
export async function sefFileName(xslPath: string): Promise<string> {
  const hash = createHash('sha256');
  const compiler = JSON.parse(await readFile(require.resolve('xslt3/package.json'), 'utf8')) as { version: string };
  hash.update(`xslt3 ${compiler.version}\n`);
  const root = path.dirname(path.resolve(xslPath));
  for (const module of await stylesheetModules(xslPath)) {
    hash.update(`${path.relative(root, module)}\n`);
    hash.update(await readFile(module));
    hash.update('\n');
  }
  return `${path.basename(xslPath, path.extname(xslPath))}-${hash.digest('hex').slice(0, 20)}.sef.json`;
}

/**
 * Returns the SEF of an XSLT stylesheet: the precompiled one when there is one
 * for the same content (stylesheet and all its modules), else the cached one,
 * else one compiled with xslt3 into the cache. The SEF is written to a
 * temporary file and renamed, so concurrent builds never see a partial file.
 * Throws when xslt3 reports an error: a stylesheet that does not compile is a
 * defect of the toolkit, not of a letter.
 */
export async function compileStylesheet(xslPath: string, options: CompileOptions = {}): Promise<string> {
  const cacheDir = options.cacheDir ?? DEFAULT_SEF_CACHE;
  const fileName = await sefFileName(xslPath);
  const precompiled = path.join(options.precompiledDir ?? PRECOMPILED_SEF_FOLDER, fileName);
  if (await isFile(precompiled)) return precompiled;
  const sefPath = path.join(cacheDir, fileName);
  if (await isFile(sefPath)) return sefPath;
  await mkdir(cacheDir, { recursive: true });
  const temporary = path.join(cacheDir, `.${fileName}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await runXslt3(['-xsl:' + path.resolve(xslPath), '-export:' + temporary, '-nogo', '-relocate:on', '-ns:##html5']);
    await rename(temporary, sefPath);
  } finally {
    await rm(temporary, { force: true });
  }
  return sefPath;
}

function isFile(file: string): Promise<boolean> {
  return stat(file).then((info) => info.isFile(), () => false);
}

/**
 * Compiles several stylesheets (see {@link compileStylesheet}), as many at a
 * time as the machine has cores: each xslt3 compile is a process of its own
 * that takes seconds. Returns the SEF paths in the order of `xslPaths`.
 */
export async function compileStylesheets(xslPaths: readonly string[], options: CompileOptions = {}): Promise<string[]> {
  const sefPaths: string[] = new Array<string>(xslPaths.length);
  let next = 0;
  const compileNext = async (): Promise<void> => {
    while (next < xslPaths.length) {
      const index = next++;
      sefPaths[index] = await compileStylesheet(xslPaths[index]!, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), xslPaths.length) }, compileNext));
  return sefPaths;
}

function runXslt3(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('xslt3/xslt3.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && !/Error|error/.test(output)) resolve();
      else reject(new Error(`xslt3 could not compile ${args[0]?.slice(5)}:\n${output.trim()}`));
    });
  });
}

const loaded = new Map<string, LoadedStylesheet>();

/** Loads a SEF file; each file is read and parsed once per process. */
export async function loadStylesheet(sefPath: string, stylesheet = sefPath): Promise<LoadedStylesheet> {
  const known = loaded.get(sefPath);
  if (known) return known;
  const internal: unknown = JSON.parse(await readFile(sefPath, 'utf8'));
  const relative = path.relative(PROJECT_ROOT, path.resolve(stylesheet));
  const result = { sefPath, stylesheet: relative.startsWith('..') ? stylesheet : relative, internal };
  loaded.set(sefPath, result);
  return result;
}

/** Parses XML text into a SaxonJS document node. Throws SaxonJS's error when the text is not well-formed. */
export async function parseXml(text: string): Promise<unknown> {
  return saxonJS().getResource({ type: 'xml', text });
}

/**
 * Typed atomic values by their lexical form: SaxonJS makes them by compiling
 * and evaluating an XPath expression, which costs about a millisecond, and a
 * build passes the same few values to thousands of transforms.
 */
const atomicValues = new Map<string, unknown>();

function atomicValue(type: 'xs:integer' | 'xs:date', lexical: string | number): unknown {
  const key = `${type} ${lexical}`;
  let value = atomicValues.get(key);
  if (value === undefined) {
    value = saxonJS().XPath.evaluate(`${type}($value)`, null, { params: { value: lexical }, resultForm: 'xdm' });
    atomicValues.set(key, value);
  }
  return value;
}

function toXdm(value: ParamValue): unknown {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if ('integer' in value) return atomicValue('xs:integer', value.integer);
  if ('date' in value) return atomicValue('xs:date', value.date);
  if ('documents' in value) return [...value.documents];
  return [...value];
}

/** Runs a loaded stylesheet synchronously and returns the serialised principal result. */
export function transform(stylesheet: LoadedStylesheet, input: TransformInput): TransformOutcome {
  const stylesheetParams: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input.params)) stylesheetParams[name] = toXdm(value);
  const messages: string[] = [];
  const resultDocuments: ResultDocument[] = [];
  try {
    const result = saxonJS().transform(
      {
        stylesheetInternal: stylesheet.internal,
        destination: 'serialized',
        stylesheetParams,
        // Without this, SaxonJS prints messages to the console; a stylesheet's messages are data for the caller.
        deliverMessage: (message: unknown) => messages.push(String(saxonJS().XPath.evaluate('string(.)', message))),
        baseOutputURI: `${RESULT_BASE_FOLDER}principal`,
        deliverResultDocument: () => ({
          destination: 'serialized',
          save: (uri: unknown, content: unknown) => {
            const href = String(uri);
            resultDocuments.push({ href: href.startsWith(RESULT_BASE_FOLDER) ? href.slice(RESULT_BASE_FOLDER.length) : href, content: String(content) });
          },
        }),
        ...(input.sourceNode === undefined
          ? { initialTemplate: 'Q{http://www.w3.org/1999/XSL/Transform}initial-template' }
          : { sourceNode: input.sourceNode }),
      },
      'sync',
    );
    return { ok: true, output: String(result.principalResult ?? ''), resultDocuments, messages };
  } catch (error) {
    return { ok: false, diagnostic: transformDiagnostic(stylesheet, input.file, error) };
  }
}

interface SaxonError {
  code?: string;
  message?: string;
  xsltLineNr?: number;
  xsltModule?: string;
}

function transformDiagnostic(stylesheet: LoadedStylesheet, file: string | undefined, error: unknown): Diagnostic {
  const saxon = (typeof error === 'object' && error !== null ? error : {}) as SaxonError;
  const code = typeof saxon.code === 'string' && saxon.code !== '' ? saxon.code.replace(/^.*[:}]/, '') : 'error';
  const where = saxon.xsltModule ? ` (${saxon.xsltModule}${saxon.xsltLineNr ? ` line ${saxon.xsltLineNr}` : ''})` : '';
  return {
    ...(file === undefined ? {} : { file }),
    severity: 'error',
    source: 'transform',
    ruleId: `transform/${code}`,
    message: `The stylesheet ${stylesheet.stylesheet}${where} failed: ${saxon.message ?? String(error)}`,
    hint: 'This is a defect of the stylesheet or an unexpected encoding; please report it with the TEI file.',
    cause: error,
  };
}
