import { main } from '../../src/cli.js';
import { PROJECT_ROOT, SHARED_SCHEMAS, available } from '../helpers/fixtures.js';

/** Runs the command line in-process with captured output; the shared schemas are in the store where they exist (naming a missing folder would add a warning to every run). */
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
    env: { ...(available.sharedSchemas ? { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS } : {}), ...options.env },
    cwd: options.cwd ?? PROJECT_ROOT,
  });
  return { code, stdout, stderr };
}
