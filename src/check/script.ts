/**
 * Script check: a JavaScript file the site ships (the search page's script,
 * the MiniSearch browser build) compiles as a classic script, the way the
 * page loads it. The script is compiled, never run.
 */
import { Script } from 'node:vm';
import type { Finding } from './report.js';

/** Checks that `content` is a syntactically valid classic script; `path` names it in messages. */
export function checkScript(content: string, path: string): Finding[] {
  try {
    new Script(content, { filename: path });
    return [];
  } catch (error) {
    return [{ ruleId: 'check/script-syntax', message: `The script does not compile: ${(error as Error).message}`, offset: 0, cause: error }];
  }
}
