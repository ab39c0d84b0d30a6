import { main } from '../../src/cli.js';
import { PROJECT_ROOT, SHARED_SCHEMAS } from '../helpers/fixtures.js';

/** Runs the command line in-process with captured output, with the shared schemas in the store. */
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
    env: { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS, ...options.env },
    cwd: options.cwd ?? PROJECT_ROOT,
  });
  return { code, stdout, stderr };
}
