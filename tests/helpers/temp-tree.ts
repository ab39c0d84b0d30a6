import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes the given files (relative path → content) into a fresh temporary folder and returns its path. */
export function tempTree(files: Record<string, string | Uint8Array>, prefix = 'tei-edition-test-'): string {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return root;
}
