/**
 * Load stage: finds the XML files named on the command line, reads them
 * safely (size, encoding, binary content, DTD entities) and resolves
 * XInclude within the edition's XInclude root. It never writes; a file that
 * fails here is marked and skipped by later stages, and the run goes on.
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostic.js';
import { resolveXIncludes, type LineMapping } from '../xml/xinclude.js';

/** A document on its way through the pipeline; every stage adds to `diagnostics`. */
export interface SourceDocument {
  /** Path as shown to the user. */
  file: string;
  absolutePath: string;
  /** Text as read from disk (UTF-8, BOM removed). */
  originalText: string;
  /** Text after XInclude resolution; what later stages see. */
  text: string;
  /** Maps a line of `text` back to the file and line it came from (XInclude). */
  lineMapping: LineMapping;
  /** Files included through XInclude, as absolute paths. */
  includedFiles: string[];
  diagnostics: Diagnostic[];
  /** Set by a stage that found a problem which makes later per-file stages meaningless. */
  failed: boolean;
}

/** Options of the load stage. */
export interface LoadOptions {
  /** Working directory for resolving and displaying paths. */
  cwd: string;
  /** Files larger than this are refused (bytes). */
  maxFileBytes: number;
  /** The folder XIncludes may reach anywhere under (absolute); default `cwd`. */
  xincludeRoot?: string;
  /** Told how many files will be read, before they are (so that engines can start loading while they are). */
  onFilesFound?: (count: number) => void;
}

/** Default largest file the validator accepts: 64 MiB, above the 50 MB the toolkit is tested with. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

const IGNORED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', '.cache']);

/** Result of loading: the documents plus diagnostics about the paths themselves (e.g. a missing path). */
export interface LoadResult {
  documents: SourceDocument[];
  /** Problems with the named paths (usage problems: exit code 2). */
  pathDiagnostics: Diagnostic[];
}

/** Expands paths (directories recursively to their `.xml` files, sorted) and loads each file. */
export async function loadDocuments(paths: readonly string[], options: LoadOptions): Promise<LoadResult> {
  const pathDiagnostics: Diagnostic[] = [];
  if (options.xincludeRoot !== undefined && !(await stat(options.xincludeRoot).catch(() => undefined))?.isDirectory()) {
    const root = displayPath(options.xincludeRoot, options.cwd);
    pathDiagnostics.push({
      file: root,
      severity: 'error',
      source: 'load',
      ruleId: 'load/path-not-found',
      message: `The XInclude root ${root} is not a folder.`,
      hint: 'Name an existing folder with --xinclude-root or the "xincludeRoot" setting; relative paths are resolved from the current directory (the setting: from the config file\'s folder).',
    });
    return { documents: [], pathDiagnostics };
  }
  const files: string[] = [];
  for (const named of paths) {
    const absolute = path.resolve(options.cwd, named);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      pathDiagnostics.push({
        file: named,
        severity: 'error',
        source: 'load',
        ruleId: 'load/path-not-found',
        message: `No such file or directory: ${named}`,
        hint: 'Check the path; relative paths are resolved from the current directory.',
      });
    } else if (info.isDirectory()) {
      const found = await findXmlFiles(absolute);
      if (found.length === 0) {
        pathDiagnostics.push({
          file: named,
          severity: 'error',
          source: 'load',
          ruleId: 'load/no-xml-files',
          message: `The directory ${named} contains no .xml files.`,
          hint: 'Name a directory that holds TEI files ending in .xml, or name the files themselves.',
        });
      }
      files.push(...found);
    } else {
      files.push(absolute);
    }
  }
  const unique = [...new Set(files)];
  options.onFilesFound?.(unique.length);
  const documents = await Promise.all(unique.map((file) => loadDocument(file, options)));
  return { documents, pathDiagnostics };
}

async function findXmlFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || IGNORED_DIRECTORIES.has(entry.name)) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await findXmlFiles(full)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.xml')) found.push(full);
  }
  return found.sort();
}

/** Shows a path relative to the working directory when it lies inside it. */
export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}

/** Reads one file and applies the safety checks that must happen before any XML parser sees it. */
export async function loadDocument(absolutePath: string, options: LoadOptions): Promise<SourceDocument> {
  const file = displayPath(absolutePath, options.cwd);
  const document: SourceDocument = {
    file,
    absolutePath,
    originalText: '',
    text: '',
    lineMapping: { segments: [] },
    includedFiles: [],
    diagnostics: [],
    failed: false,
  };
  const fail = (ruleId: string, message: string, hint: string, extra: Partial<Diagnostic> = {}): SourceDocument => {
    document.diagnostics.push({ file, severity: 'error', source: 'load', ruleId, message, hint, ...extra });
    document.failed = true;
    return document;
  };

  const bytes = readWithin(absolutePath, options.maxFileBytes);
  if (typeof bytes === 'number') {
    return fail(
      'load/file-too-large',
      `The file is ${formatBytes(bytes)}, above the limit of ${formatBytes(options.maxFileBytes)}.`,
      'Split the file (e.g. with XInclude) or raise the limit with --max-file-size <MB>.',
    );
  }
  const decoded = decodeXmlText(bytes);
  if ('problem' in decoded) return fail(decoded.problem.ruleId, decoded.problem.message, decoded.problem.hint, decoded.problem.at ?? {});
  document.originalText = decoded.text;

  const entityProblem = findEntityDeclarations(decoded.text);
  if (entityProblem) return fail(entityProblem.ruleId, entityProblem.message, entityProblem.hint, entityProblem.at);

  const included = await resolveXIncludes(decoded.text, absolutePath, { root: options.xincludeRoot ?? options.cwd, displayPath: (p) => displayPath(p, options.cwd) });
  document.text = included.text;
  document.lineMapping = included.lineMapping;
  document.includedFiles = included.includedFiles;
  document.diagnostics.push(...included.diagnostics);
  if (included.diagnostics.some((d) => d.severity === 'error')) document.failed = true;
  return document;
}

/**
 * The file's bytes, or its size when that is above `maxBytes` (then it is not
 * read). Synchronous on purpose: a letter is read in well under a
 * millisecond, and 1,000 letters read through the thread pool took 0.17 s
 * instead of 0.05 s.
 */
function readWithin(absolutePath: string, maxBytes: number): Buffer | number {
  const descriptor = openSync(absolutePath, 'r');
  try {
    const { size } = fstatSync(descriptor);
    return size > maxBytes ? size : readFileSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

interface LoadProblem {
  ruleId: string;
  message: string;
  hint: string;
  at?: { line: number; column: number };
}

/** Decodes bytes as UTF-8 XML, refusing empty, binary and non-UTF-8 content with a reason. */
export function decodeXmlText(bytes: Uint8Array): { text: string } | { problem: LoadProblem } {
  if (bytes.every(isBlankByte)) {
    return { problem: { ruleId: 'load/empty-file', message: 'The file is empty.', hint: 'A TEI document needs at least a root element <TEI xmlns="http://www.tei-c.org/ns/1.0">.' } };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: { ruleId: 'load/unsupported-encoding', message: 'The file is encoded in UTF-16.', hint: 'Save it as UTF-8 (every XML editor can), and set encoding="UTF-8" in the XML declaration.' } };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { problem: { ruleId: 'load/binary-file', message: `The file contains binary data (a NUL byte at byte ${nul}); it is not an XML text file.`, hint: 'Check that you named the right file; XML files are text.' } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return { problem: { ruleId: 'load/invalid-utf8', message: 'The file is not valid UTF-8.', hint: 'Convert it to UTF-8; if its XML declaration names another encoding (e.g. ISO-8859-1), convert it and update the declaration.', at } };
  }
  const declared = /^\uFEFF?<\?xml[^?]*encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (declared && !/^utf-?8$/i.test(declared) && !/^us-ascii$/i.test(declared)) {
    return { problem: { ruleId: 'load/unsupported-encoding', message: `The XML declaration names the encoding "${declared}".`, hint: 'Convert the file to UTF-8 and declare encoding="UTF-8".', at: { line: 1, column: 1 } } };
  }
  return { text: text.replace(/^\uFEFF/, '') };
}

/** The bytes JavaScript's `\s` matches when read as Latin-1 (tab to carriage return, space, no-break space): checked byte by byte, stopping at the first other, instead of decoding the whole file once more. */
function isBlankByte(byte: number): boolean {
  return (byte >= 0x09 && byte <= 0x0d) || byte === 0x20 || byte === 0xa0;
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) break;
    let valid = i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) valid = (bytes[i + k]! & 0xc0) === 0x80;
    if (!valid) break;
    if (b === 10) {
      line++;
      column = 1;
    } else column++;
    i += length;
  }
  return { line, column };
}

/**
 * Refuses DOCTYPEs that declare entities or name an external DTD. External
 * entities could expose local files and internal ones can be expansion bombs;
 * TEI P5 needs neither (it uses Unicode characters and RELAX NG).
 */
export function findEntityDeclarations(text: string): LoadProblem | undefined {
  const doctype = /<!DOCTYPE\s+([^\s[>]+)/.exec(text);
  if (!doctype) return undefined;
  const at = positionOf(text, doctype.index);
  const afterName = text.slice(doctype.index + doctype[0].length, doctype.index + doctype[0].length + 2000);
  if (/^\s*(SYSTEM|PUBLIC)\b/.test(afterName)) {
    const p4 = /^TEI\.2$/.test(doctype[1]!);
    return {
      ruleId: 'load/external-dtd',
      message: `The DOCTYPE refers to an external DTD${p4 ? ' (a TEI P4 document)' : ''}; it is not read.`,
      hint: p4
        ? 'TEI P4 is no longer supported: convert the file to TEI P5 (root <TEI xmlns="http://www.tei-c.org/ns/1.0">) and remove the DOCTYPE.'
        : 'Remove the DOCTYPE: TEI P5 is validated against RELAX NG, declared with <?xml-model?>.',
      at,
    };
  }
  const entity = /<!ENTITY\s+(%\s+)?([^\s>]+)\s+(SYSTEM|PUBLIC)?/.exec(text);
  if (entity) {
    const external = entity[3] !== undefined;
    return {
      ruleId: external ? 'load/external-entity' : 'load/entity-declaration',
      message: external
        ? `The DOCTYPE declares the external entity "${entity[2]}"; external entities are never read.`
        : `The DOCTYPE declares the entity "${entity[2]}"; entity declarations are not supported.`,
      hint: 'Replace entity references with the characters or markup they stand for, and remove the DOCTYPE.',
      at: positionOf(text, entity.index),
    };
  }
  return undefined;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}
