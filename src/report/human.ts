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

/** Formats diagnostics for people; returns '' when there is nothing to say. */
export function formatHuman(diagnostics: readonly Diagnostic[], options: HumanReportOptions): string {
  const paint = (style: Style, text: string) => (options.colour ? `\u001b[${STYLES[style][0]}m${text}\u001b[${STYLES[style][1]}m` : text);
  const severityStyle: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };
  const lines: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of sortDiagnostics(diagnostics)) {
    const key = d.file ?? '';
    byFile.set(key, [...(byFile.get(key) ?? []), d]);
  }
  for (const [file, group] of byFile) {
    lines.push(paint('underline', file || '(run)'));
    for (const d of group) {
      const position = d.line !== undefined ? `${d.line}:${d.column ?? 1}` : '';
      lines.push(`  ${paint('dim', position.padEnd(8))} ${paint(severityStyle[d.severity], d.severity.padEnd(7))} ${d.message}  ${paint('dim', d.ruleId)}`);
      if (d.path) lines.push(`  ${' '.repeat(8)} ${' '.repeat(7)} ${paint('dim', `at ${d.path}`)}`);
      if (d.hint) lines.push(`  ${' '.repeat(8)} ${' '.repeat(7)} ${paint('bold', 'fix:')} ${d.hint}`);
      if (d.url) lines.push(`  ${' '.repeat(8)} ${' '.repeat(7)} ${paint('dim', `see ${d.url}`)}`);
    }
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
