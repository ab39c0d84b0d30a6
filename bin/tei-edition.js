#!/usr/bin/env node
// The only place that sets the process exit code.
import { main } from '../lib/cli.js';

const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`tei-edition failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
