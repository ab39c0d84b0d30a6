/**
 * XInclude resolution before validation, as Debian's jing does. Includes are
 * spliced into the text (so every later stage sees one document) and confined
 * to the edition's XInclude root (a folder tree); a line mapping lets
 * diagnostics point back into the file a line came from.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostic.js';
import { indexSource, type ElementLocation } from './source-index.js';

/** The XInclude namespace. */
export const XINCLUDE_NAMESPACE = 'http://www.w3.org/2001/XInclude';

/** Maps lines of a spliced document back to their source files. */
export interface LineMapping {
  /**
   * Ordered by `mergedLine`. Merged line L (1-based) with `segment.mergedLine <= L`
   * comes from `segment.file`, line `segment.line + (L - segment.mergedLine)`;
   * on the segment's first line, columns are shifted by `columnShift`.
   * Empty when nothing was included (lines map to themselves).
   */
  segments: { mergedLine: number; file: string; line: number; columnShift: number }[];
}

/** Options for resolving includes. */
export interface XIncludeOptions {
  /** Absolute path of the folder tree the includes must stay inside (the edition's XInclude root); nothing outside it is read. */
  root: string;
  /** Turns an absolute path into the path shown in diagnostics. */
  displayPath: (absolutePath: string) => string;
  /** Deepest nesting of includes followed. */
  maxDepth?: number;
}

/** Result of resolving the includes of one document. */
export interface XIncludeResult {
  text: string;
  lineMapping: LineMapping;
  includedFiles: string[];
  diagnostics: Diagnostic[];
}

const DEFAULT_MAX_DEPTH = 16;

/** Resolves `xi:include` elements (parse="xml" and parse="text", with xi:fallback) in `text`. */
export async function resolveXIncludes(text: string, absolutePath: string, options: XIncludeOptions): Promise<XIncludeResult> {
  if (!text.includes(XINCLUDE_NAMESPACE)) return { text, lineMapping: { segments: [] }, includedFiles: [], diagnostics: [] };
  const realRoot = await realpath(options.root).catch(() => options.root);
  const result = await resolveRecursively(text, absolutePath, { ...options, realRoot }, [absolutePath]);
  return { ...result, lineMapping: { segments: result.segments } };
}

interface Resolved {
  text: string;
  segments: LineMapping['segments'];
  includedFiles: string[];
  diagnostics: Diagnostic[];
}

/** The options, with the root's real path (symbolic links resolved). */
interface ResolveContext extends XIncludeOptions {
  realRoot: string;
}

async function resolveRecursively(text: string, absolutePath: string, options: ResolveContext, chain: string[]): Promise<Resolved> {
  const file = options.displayPath(absolutePath);
  const index = indexSource(text);
  const includes = topLevelIncludes(index.elements);
  const diagnostics: Diagnostic[] = [];
  const includedFiles: string[] = [];
  const segments: LineMapping['segments'] = [];
  let output = '';
  let consumed = 0;

  const mergedPosition = () => {
    const lastNewline = output.lastIndexOf('\n');
    return { line: countNewlines(output) + 1, column: output.length - lastNewline };
  };
  const appendSource = (from: number, to: number) => {
    if (from >= to) return;
    const source = positionIn(text, from);
    const merged = mergedPosition();
    segments.push({ mergedLine: merged.line, file, line: source.line, columnShift: merged.column - source.column });
    output += text.slice(from, to);
  };

  for (const include of includes) {
    appendSource(consumed, include.startOffset);
    consumed = include.endOffset;
    const problem = (ruleId: string, message: string, hint: string) =>
      diagnostics.push({ file, line: include.start.line, column: include.start.column, severity: 'error', source: 'xinclude', ruleId, message, hint, path: include.displayPath });
    const attribute = (name: string) => include.attributes.find((a) => a.name === name)?.value;
    const href = attribute('href');
    const parse = attribute('parse') ?? 'xml';
    if (attribute('xpointer') !== undefined) {
      problem('xinclude/xpointer-unsupported', 'XInclude with xpointer is not supported.', 'Include a whole file: split the part you need into a file of its own.');
      continue;
    }
    if (!href) {
      problem('xinclude/missing-href', 'xi:include has no href.', 'Add href="…" with the path of the file to include, relative to this file.');
      continue;
    }
    if (parse !== 'xml' && parse !== 'text') {
      problem('xinclude/invalid-parse', `parse="${parse}" is not allowed.`, 'Use parse="xml" (the default) or parse="text".');
      continue;
    }
    const target = targetPath(href, absolutePath);
    if (target === undefined) {
      problem('xinclude/remote', `The include "${href}" is not a local file; nothing is fetched from the network.`, 'Download the file into the edition folder and include it by a relative path.');
      continue;
    }
    // A symbolic link inside the root may lead out of it: the file it resolves to must be inside the root too.
    const realTarget = await realpath(target).catch(() => undefined);
    if (!isInside(options.root, target) || (realTarget !== undefined && !isInside(options.realRoot, realTarget))) {
      const root = options.displayPath(options.root) || '.';
      problem(
        'xinclude/outside-tree',
        `The include "${href}" points outside the XInclude root (${root}); it is not read.`,
        `Move the included file into ${root} or a subfolder of it, or name a folder that holds both files as the root: --xinclude-root DIR, or "xincludeRoot" in edition.config.json.`,
      );
      continue;
    }
    if (chain.includes(target)) {
      problem('xinclude/cycle', `The include "${href}" includes itself (directly or through other includes).`, 'Remove the circular xi:include.');
      continue;
    }
    if (chain.length > (options.maxDepth ?? DEFAULT_MAX_DEPTH)) {
      problem('xinclude/too-deep', `Includes are nested more than ${options.maxDepth ?? DEFAULT_MAX_DEPTH} levels deep.`, 'Flatten the include structure.');
      continue;
    }
    const content = await readFile(target, 'utf8').catch(() => undefined);
    if (content === undefined) {
      const fallback = fallbackContent(text, include, index.elements);
      if (fallback !== undefined) {
        appendSource(fallback.from, fallback.to);
        continue;
      }
      problem('xinclude/missing-file', `The included file "${href}" does not exist.`, 'Check the href (it is resolved relative to this file), or add an xi:fallback.');
      continue;
    }
    includedFiles.push(target);
    if (parse === 'text') {
      const merged = mergedPosition();
      segments.push({ mergedLine: merged.line, file: options.displayPath(target), line: 1, columnShift: merged.column - 1 });
      output += escapeText(content.replace(/^\uFEFF/, ''));
      continue;
    }
    const body = stripProlog(content.replace(/^\uFEFF/, ''));
    if (/<!DOCTYPE/.test(body.text)) {
      problem('xinclude/doctype', `The included file "${href}" has a DOCTYPE; it is not read.`, 'Remove the DOCTYPE from the included file.');
      continue;
    }
    const nested = await resolveRecursively(body.text, target, options, [...chain, target]);
    diagnostics.push(...nested.diagnostics);
    includedFiles.push(...nested.includedFiles);
    const merged = mergedPosition();
    for (const [i, segment] of nested.segments.entries()) {
      segments.push({
        mergedLine: segment.mergedLine + merged.line - 1,
        file: segment.file,
        line: segment.line + (i === 0 ? body.skippedLines : 0),
        columnShift: segment.columnShift + (segment.mergedLine === 1 ? merged.column - 1 : 0),
      });
    }
    if (nested.segments.length === 0) {
      segments.push({ mergedLine: merged.line, file: options.displayPath(target), line: 1 + body.skippedLines, columnShift: merged.column - 1 });
    }
    output += nested.text;
  }
  appendSource(consumed, text.length);
  return { text: output, segments, includedFiles, diagnostics };
}

/** Maps a position in a spliced document back to its source file. */
export function mapPosition(mapping: LineMapping, mainFile: string, line: number, column?: number): { file: string; line: number; column?: number } {
  let found: LineMapping['segments'][number] | undefined;
  for (const segment of mapping.segments) {
    if (segment.mergedLine > line) break;
    found = segment;
  }
  if (!found) return { file: mainFile, line, column };
  const mappedLine = found.line + (line - found.mergedLine);
  const mappedColumn = column !== undefined && line === found.mergedLine ? column - found.columnShift : column;
  return { file: found.file, line: mappedLine, column: mappedColumn };
}

function topLevelIncludes(elements: readonly ElementLocation[]): ElementLocation[] {
  const result: ElementLocation[] = [];
  let coveredUntil = -1;
  for (const element of elements) {
    if (element.startOffset < coveredUntil) continue;
    if (element.namespaceUri === XINCLUDE_NAMESPACE && element.localName === 'include') {
      result.push(element);
      coveredUntil = element.endOffset;
    }
  }
  return result;
}

function fallbackContent(text: string, include: ElementLocation, elements: readonly ElementLocation[]): { from: number; to: number } | undefined {
  const fallback = elements.find(
    (e) => e.namespaceUri === XINCLUDE_NAMESPACE && e.localName === 'fallback' && e.startOffset > include.startOffset && e.endOffset <= include.endOffset,
  );
  if (!fallback) return undefined;
  const innerStart = text.indexOf('>', fallback.startOffset) + 1;
  const closing = text.lastIndexOf('</', fallback.endOffset - 1);
  return innerStart > fallback.endOffset || closing < innerStart ? { from: innerStart, to: innerStart } : { from: innerStart, to: closing };
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function targetPath(href: string, includingFile: string): string | undefined {
  if (/^file:/i.test(href)) return fileURLToPath(href);
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  return path.resolve(path.dirname(includingFile), decodeURIComponent(href));
}

function stripProlog(text: string): { text: string; skippedLines: number } {
  const declaration = /^<\?xml[^?]*\?>/.exec(text);
  if (!declaration) return { text, skippedLines: 0 };
  const rest = text.slice(declaration[0].length);
  const leading = /^\s*/.exec(rest)![0];
  return { text: rest.slice(leading.length), skippedLines: countNewlines(declaration[0] + leading) };
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: countNewlines(before) + 1, column: offset - before.lastIndexOf('\n') };
}
