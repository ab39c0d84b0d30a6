/**
 * Diagnostics are data: every stage records what it found as `Diagnostic`
 * records, and only the reporters at the edge turn them into text.
 */

/** How bad a finding is. `error` fails the run (exit code 1). */
export type Severity = 'error' | 'warning' | 'info';

/** Which stage or tool found the problem. */
export type DiagnosticSource =
  | 'load'
  | 'well-formedness'
  | 'xinclude'
  | 'relaxng'
  | 'xsd'
  | 'ids'
  | 'schematron'
  | 'schema-store'
  | 'registers'
  | 'config'
  | 'transform'
  | 'check'
  | 'write'
  | 'usage'
  | 'init'
  | 'internal';

/** A position in a source file; line and column are 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** One finding about one file (or about the run, when `file` is undefined). */
export interface Diagnostic {
  /** Path of the file as the user named it (relative to the working directory when possible). */
  file?: string;
  /** 1-based line of the start of the problem, when known. */
  line?: number;
  /** 1-based column of the start of the problem, when known. */
  column?: number;
  /** End of the problem's span, when known. */
  end?: Position;
  severity: Severity;
  source: DiagnosticSource;
  /** Stable identifier of the rule or check, e.g. `relaxng/element-not-allowed`. */
  ruleId: string;
  /** What is wrong, in plain words. */
  message: string;
  /** How to fix it. */
  hint?: string;
  /** Where to read more (e.g. the TEI Guidelines page of the element). */
  url?: string;
  /** The XPath-like location of the offending node, e.g. `/TEI/text/body/p[2]`. */
  path?: string;
  /** The engine's original message or error, kept for debugging. */
  cause?: unknown;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Orders diagnostics by file, then line, then column, keeping the order of equal ones. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((d, index) => ({ d, index }))
    .sort(
      (a, b) =>
        (a.d.file ?? '').localeCompare(b.d.file ?? '') ||
        (a.d.line ?? 0) - (b.d.line ?? 0) ||
        (a.d.column ?? 0) - (b.d.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ d }) => d);
}

/**
 * A diagnostic whose `cause` is a string, as the JSON report shows it: the
 * raw causes (html-validate messages, SaxonJS errors) cannot always be posted
 * between threads or stored as JSON.
 */
export function portableDiagnostic(diagnostic: Diagnostic): Diagnostic {
  if (diagnostic.cause === undefined || typeof diagnostic.cause === 'string') return diagnostic;
  return { ...diagnostic, cause: describeCause(diagnostic.cause) };
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  try {
    return JSON.stringify(cause) ?? String(cause);
  } catch {
    return String(cause);
  }
}
