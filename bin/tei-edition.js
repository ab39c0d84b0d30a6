#!/usr/bin/env node
// The only place that sets the process exit code.
const argv = process.argv.slice(2);

// libxml2 takes about 0.1 s to load in its own thread: for `validate`, whose one-file runs take a few tenths of a second, it starts before the command line's own modules load.
if (argv[0] === 'validate') (await import('../lib/adapters/libxml2.js')).startLibxml2();
const { main } = await import('../lib/cli.js');

const io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
};

/**
 * Exits once stdout and stderr have taken everything written. Without this,
 * the process would wait for V8 to finish optimising libxml2's WebAssembly in
 * its background threads for the idle worker (25–130 ms after a one-letter
 * `validate`); nothing is pending when `main` has settled.
 */
function exitWhenWritten(code) {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(argv, io).then(exitWhenWritten, (error) => {
  process.stderr.write(`tei-edition failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
  exitWhenWritten(2);
});
