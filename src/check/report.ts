/**
 * Turns a check's finding into a `Diagnostic` that names the output, the
 * check and, when known, the TEI element the output was produced from.
 */
import type { Diagnostic, Position, Severity } from '../diagnostic.js';
import type { Output } from '../output.js';

/** What a checker knows about a finding. */
export interface Finding {
  /** Stable check id, e.g. `check/link-target`. */
  ruleId: string;
  message: string;
  /** Where in the output the problem starts (0-based character offset), when known. */
  offset?: number;
  /** Where it ends (0-based character offset, exclusive), when known. */
  endOffset?: number;
  hint?: string;
  url?: string;
  /** The tool's raw message or error. */
  cause?: unknown;
  /** Defaults to `error`; html-validate's warnings stay warnings. */
  severity?: Severity;
}

/** Builds the error diagnostic for a finding in `output`, built from the TEI file `letterFile`. */
export function findingDiagnostic(output: Output, letterFile: string, finding: Finding): Diagnostic {
  const start = finding.offset === undefined ? undefined : positionAt(output.content, finding.offset);
  const end = finding.endOffset === undefined ? undefined : positionAt(output.content, finding.endOffset);
  const producedFrom = output.producedBy ? `${letterFile}, ${output.producedBy}` : letterFile;
  const diagnostic: Diagnostic = {
    file: output.path,
    severity: finding.severity ?? 'error',
    source: 'check',
    ruleId: finding.ruleId,
    message: finding.message,
    hint: finding.hint ? `${finding.hint} (output built from ${producedFrom})` : `Output built from ${producedFrom}.`,
  };
  if (start) {
    diagnostic.line = start.line;
    diagnostic.column = start.column;
  }
  if (end) diagnostic.end = end;
  if (output.producedBy) diagnostic.path = output.producedBy;
  if (finding.url) diagnostic.url = finding.url;
  if (finding.cause !== undefined) diagnostic.cause = finding.cause;
  return diagnostic;
}

/** 1-based line and column of a character offset; columns count UTF-16 code units, as html-validate does. */
export function positionAt(text: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < clamped; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: clamped - lineStart + 1 };
}
