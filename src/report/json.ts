/**
 * The JSON reporter (`--format json`): a stable, documented shape for tools.
 * `cause` is reduced to a string so the output is always serialisable.
 */
import { sortDiagnostics, type Diagnostic } from '../diagnostic.js';

/** Version of the JSON report shape; raised on incompatible changes. */
export const JSON_REPORT_VERSION = 1;

/** One file's verdict in the JSON report. */
export interface FileVerdict {
  file: string;
  valid: boolean;
  schema?: string;
}

/** Formats the report as JSON (one document, ending with a newline). */
export function formatJson(diagnostics: readonly Diagnostic[], files: readonly FileVerdict[]): string {
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const report = {
    version: JSON_REPORT_VERSION,
    summary: { files: files.length, invalidFiles: files.filter((f) => !f.valid).length, errors: count('error'), warnings: count('warning'), infos: count('info') },
    files,
    diagnostics: sortDiagnostics(diagnostics).map((d) => ({
      file: d.file ?? null,
      line: d.line ?? null,
      column: d.column ?? null,
      end: d.end ?? null,
      severity: d.severity,
      source: d.source,
      ruleId: d.ruleId,
      message: d.message,
      hint: d.hint ?? null,
      url: d.url ?? null,
      path: d.path ?? null,
      cause: d.cause === undefined ? null : describeCause(d.cause),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}

function describeCause(cause: unknown): string {
  if (typeof cause === 'string') return cause;
  if (cause instanceof Error) return cause.message;
  try {
    return JSON.stringify(cause);
  } catch {
    return String(cause);
  }
}
