/**
 * `tei-edition validate --watch`: after the first run, re-validates a file
 * each time it is saved and reports only what changed for it: the
 * diagnostics that are new and those that are fixed. A file that is deleted
 * or renamed away has its diagnostics withdrawn. The validation itself is
 * the caller's (the same pipeline as `validate`), so this module only
 * watches, debounces and compares.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from './diagnostic.js';
import { formatDiagnosticLine } from './report/human.js';

/** The diagnostics of one validation of some files, by file as displayed. */
export interface WatchedValidation {
  /** Every file validated, as displayed (with or without diagnostics). */
  files: string[];
  diagnostics: Diagnostic[];
}

/** What the watcher needs. */
export interface WatchOptions {
  /** Files and folders to watch (absolute). */
  paths: readonly string[];
  /** Validates files (absolute paths). */
  validate: (files: readonly string[]) => Promise<WatchedValidation>;
  /** How a file is displayed in diagnostics (absolute → as the user sees it). */
  displayPath: (file: string) => string;
  /** The result of the first run, which the changes are compared with. */
  initial: WatchedValidation;
  write: (text: string) => void;
  colour: boolean;
  /** Time a file must be quiet before it is validated (editors write in several steps). */
  debounceMs?: number;
  /** Called after each report (tests wait on it). */
  onReport?: (file: string) => void;
}

/** A running watch. */
export interface Watch {
  /** Resolves when every path is being watched. */
  ready: Promise<void>;
  /** Stops watching; resolves when pending validations have ended. */
  stop: () => Promise<void>;
  /** Resolves when the watch has stopped. */
  stopped: Promise<void>;
}

const DEFAULT_DEBOUNCE_MS = 30;

/** Identity of a diagnostic across edits: its element path when known (lines shift as text is added above), else its position. */
function identity(d: Diagnostic): string {
  return [d.severity, d.ruleId, d.path ?? `${d.line ?? ''}:${d.column ?? ''}`, d.message].join('\u0000');
}

/** Starts watching `options.paths`; every saved .xml file under them is validated again and its changes reported. */
export function watchValidation(options: WatchOptions): Watch {
  const known = new Map<string, Diagnostic[]>();
  for (const file of options.initial.files) known.set(file, []);
  for (const d of options.initial.diagnostics) if (d.file !== undefined) known.set(d.file, [...(known.get(d.file) ?? []), d]);

  const timers = new Map<string, NodeJS.Timeout>();
  let queue: Promise<void> = Promise.resolve();
  let stopping = false;
  const watchers: FSWatcher[] = [];

  const report = async (absolute: string): Promise<void> => {
    const shown = options.displayPath(absolute);
    const exists = await stat(absolute).then((s) => s.isFile(), () => false);
    const before = known.get(shown) ?? [];
    if (!exists) {
      if (!known.has(shown)) return;
      known.delete(shown);
      options.write(`${shown} removed${before.length > 0 ? `: its ${before.length} ${before.length === 1 ? 'diagnostic is' : 'diagnostics are'} withdrawn` : ''}\n`);
      options.onReport?.(shown);
      return;
    }
    const result = await options.validate([absolute]);
    const after = result.diagnostics.filter((d) => d.file === shown || d.file === undefined);
    known.set(shown, after);
    const beforeIds = new Set(before.map(identity));
    const afterIds = new Set(after.map(identity));
    const added = after.filter((d) => !beforeIds.has(identity(d)));
    const fixed = before.filter((d) => !afterIds.has(identity(d)));
    const errors = after.filter((d) => d.severity === 'error').length;
    const warnings = after.filter((d) => d.severity === 'warning').length;
    const state = errors + warnings === 0 ? 'valid' : `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
    const change = added.length + fixed.length === 0 ? 'no new or fixed diagnostics' : `${added.length} new, ${fixed.length} fixed`;
    const lines = [`${shown} changed: ${change} (${state})`];
    for (const d of added) lines.push(formatDiagnosticLine(d, { colour: options.colour, marker: '+' }));
    for (const d of fixed) lines.push(formatDiagnosticLine(d, { colour: options.colour, marker: '-', brief: true }));
    options.write(`${lines.join('\n')}\n`);
    options.onReport?.(shown);
  };

  const schedule = (absolute: string): void => {
    if (stopping || !absolute.endsWith('.xml')) return;
    clearTimeout(timers.get(absolute));
    timers.set(absolute, setTimeout(() => {
      timers.delete(absolute);
      // One validation at a time, in the order the files settled.
      queue = queue.then(() => (stopping ? undefined : report(absolute))).catch((error: unknown) => {
        options.write(`${options.displayPath(absolute)} could not be validated: ${error instanceof Error ? error.message : String(error)}\n`);
      });
    }, options.debounceMs ?? DEFAULT_DEBOUNCE_MS));
  };

  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => {
    resolveStopped = resolve;
  });

  const ready = Promise.all(options.paths.map(async (watched) => {
    const isFolder = await stat(watched).then((s) => s.isDirectory(), () => false);
    const folder = isFolder ? watched : path.dirname(watched);
    const watcher = watch(folder, { recursive: isFolder }, (_event, name) => {
      if (name === null) return;
      const absolute = path.join(folder, name.toString());
      if (isFolder || absolute === watched) schedule(absolute);
    });
    watcher.on('error', () => undefined);
    watchers.push(watcher);
  }));

  return {
    ready: ready.then(() => undefined),
    stopped,
    stop: async () => {
      stopping = true;
      await ready;
      for (const watcher of watchers) watcher.close();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await queue;
      resolveStopped();
    },
  };
}
