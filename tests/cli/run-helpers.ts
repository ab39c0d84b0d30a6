import path from 'node:path';
import { main } from '../../src/cli.js';

/** Project root and the shared material beside it. */
export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const SHARED = path.resolve(PROJECT_ROOT, '../shared');

/** Runs the command line in-process with captured output. */
export async function runCli(argv: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    isTTY: false,
    env: { TEI_EDITION_SCHEMA_PATH: path.join(SHARED, 'schemas'), ...options.env },
    cwd: options.cwd ?? PROJECT_ROOT,
  });
  return { code, stdout, stderr };
}
