/**
 * Loads the check fixtures (tests/fixtures/check/good) as build outputs and
 * lets a test derive a broken variant of one output.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Output } from '../../src/output.js';
import type { CheckContext } from '../../src/stages/check.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/check/', import.meta.url));
const GOOD = path.join(FIXTURES, 'good');

/** The letter's folder, relative to the output folder. */
export const LETTER = 'letters/lenin-shlyapnikov-1916';

const FORMATS: [suffix: string, format: string, mediaType: string][] = [
  ['/index.html', 'html', 'text/html'],
  ['.csl.json', 'csl-json', 'application/vnd.citationstyles.csl+json'],
  ['.bib', 'bibtex', 'application/x-bibtex'],
  ['.ris', 'ris', 'application/x-research-info-systems'],
  ['.txt', 'text', 'text/plain'],
  ['.xml', 'tei', 'application/tei+xml'],
  ['.css', 'assets', 'text/css'],
];

function formatOf(relativePath: string): { format: string; mediaType: string } {
  if (relativePath === 'index.html') return { format: 'index', mediaType: 'text/html' };
  const entry = FORMATS.find(([suffix]) => relativePath.endsWith(suffix));
  if (!entry) throw new Error(`No format for fixture ${relativePath}`);
  return { format: entry[1], mediaType: entry[2] };
}

/** Every output of the good fixture build, by path. */
export function goodOutputs(): Map<string, Output> {
  const outputs = new Map<string, Output>();
  for (const entry of readdirSync(GOOD, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const relativePath = path.relative(GOOD, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    outputs.set(relativePath, {
      ...formatOf(relativePath),
      path: relativePath,
      content: readFileSync(path.join(GOOD, relativePath), 'utf8'),
      producedBy: relativePath === 'index.html' ? undefined : '/TEI',
    });
  }
  return outputs;
}

/** The reading text and TEI source of the fixture letter. */
export const READING_TEXT = readFileSync(path.join(FIXTURES, 'reading-text.txt'), 'utf8');
export const TEI_SOURCE = readFileSync(path.join(FIXTURES, 'lenin-shlyapnikov-1916.xml'), 'utf8');

/** The good build with one output's content replaced. */
export function withContent(outputs: ReadonlyMap<string, Output>, outputPath: string, content: string): Map<string, Output> {
  const changed = new Map(outputs);
  const output = outputs.get(outputPath);
  if (!output) throw new Error(`No fixture output ${outputPath}`);
  changed.set(outputPath, { ...output, content });
  return changed;
}

/** Replaces exactly one occurrence of `from` (failing the test setup when it is not there exactly once). */
export function replaceOnce(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first === -1 || text.indexOf(from, first + 1) !== -1) throw new Error(`Expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, first) + to + text.slice(first + from.length);
}

/** The letter's outputs (everything but the index page and the assets) and the context to check them in. */
export function letterCheck(outputs: ReadonlyMap<string, Output>): { outputs: Output[]; context: CheckContext } {
  return {
    outputs: [...outputs.values()].filter((output) => output.path.startsWith(`${LETTER}/`)),
    context: {
      letterFile: 'tei/lenin-shlyapnikov-1916.xml',
      readingText: READING_TEXT,
      teiSource: TEI_SOURCE,
      outputsByPath: outputs,
    },
  };
}
