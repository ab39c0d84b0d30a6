/**
 * The human reporter: diagnostics grouped by file, one line each with
 * position, severity, message and rule id, then the hint and a link.
 * Colour only on a terminal, and never when NO_COLOR is set.
 */
import { sortDiagnostics, type Diagnostic, type Severity } from '../diagnostic.js';

/** How the human report is styled. */
export interface HumanReportOptions {
  colour: boolean;
}

const STYLES = { red: [31, 39], yellow: [33, 39], blue: [34, 39], dim: [2, 22], bold: [1, 22], underline: [4, 24] } as const;
type Style = keyof typeof STYLES;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

function painter(colour: boolean): (style: Style, text: string) => string {
  return (style, text) => (colour ? `\u001b[${STYLES[style][0]}m${text}\u001b[${STYLES[style][1]}m` : text);
}

/**
 * One diagnostic without its file: position, severity, message and rule id,
 * then its path, hint and link on lines of their own. `marker` ("+" new,
 * "-" fixed, as `validate --watch` reports them) stands in the margin;
 * `brief` keeps only the first line (a fixed diagnostic needs no hint).
 */
export function formatDiagnosticLine(d: Diagnostic, options: HumanReportOptions & { marker?: string; brief?: boolean }): string {
  const paint = painter(options.colour);
  const position = d.line !== undefined ? `${d.line}:${d.column ?? 1}` : '';
  const indent = `  ${' '.repeat(8)} ${' '.repeat(7)}`;
  const lines = [`${options.marker ?? ' '} ${paint('dim', position.padEnd(8))} ${paint(SEVERITY_STYLE[d.severity], d.severity.padEnd(7))} ${d.message}  ${paint('dim', d.ruleId)}`];
  if (options.brief) return lines[0]!;
  if (d.path) lines.push(`${indent} ${paint('dim', `at ${d.path}`)}`);
  if (d.hint) lines.push(`${indent} ${paint('bold', 'fix:')} ${d.hint}`);
  if (d.url) lines.push(`${indent} ${paint('dim', `see ${d.url}`)}`);
  return lines.join('\n');
}

/** Formats diagnostics for people; returns '' when there is nothing to say. */
export function formatHuman(diagnostics: readonly Diagnostic[], options: HumanReportOptions): string {
  const paint = painter(options.colour);
  const lines: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics(diagnostics)) {
    const key = d.file ?? '';
    byFile.set(key, [...(byFile.get(key) ?? []), d]);
  }
  for (const [file, group] of byFile) {
    lines.push(paint('underline', file || '(run)'));
    for (const d of group) lines.push(formatDiagnosticLine(d, options));
    lines.push('');
  }
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  if (errors + warnings > 0) {
    const summary = `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
    lines.push(paint(errors > 0 ? 'red' : 'yellow', `✖ ${summary}`));
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Whether to colour output written to a stream. */
export function shouldColour(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  return Boolean(isTTY) && env['TERM'] !== 'dumb';
}
