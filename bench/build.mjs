// Build benchmark: wall time, per-letter time and peak memory of
// `tei-edition build`, each run in a fresh Node process (the CLI's own code
// path, worker threads included in the peak RSS).
//
// 1. The bundled edition cold (no compiled stylesheets, no build cache),
//    after install (stylesheets compiled, no build cache) and warm (both).
//    These run in a copy of the toolkit in a temporary folder, so the
//    project's own caches are neither used nor disturbed.
// 2. 1,000 letters: the Escher letters that jing finds valid against tei_all
//    (../shared/corpus/VERDICTS.tsv), replicated with distinct xml:ids and
//    file names, built with all outputs and checks against tei_all; then the
//    same with one letter changed (the build cache at work).
//
// Run `npx tsc -p tsconfig.json` first: the CLI runs from the compiled lib/.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared');
const corpus = path.join(shared, 'corpus');
const LETTERS = Number(process.env.BENCH_LETTERS ?? 1000);

/** Runs `tei-edition build` with `args` in a fresh process; returns its wall time, peak RSS (MB) and the CLI's exit code and summary. */
function timeBuild(toolkit, cwd, args) {
  const child = `
    const { main } = await import(${JSON.stringify(path.join(toolkit, 'lib/cli.js'))});
    let stdout = '', stderr = '';
    const code = await main(${JSON.stringify(['build', ...args])}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false, env: process.env, cwd: process.cwd() });
    const lines = (stdout + stderr).trim().split('\\n');
    const errors = lines.filter((line) => /^\\s+error\\s/.test(line)).slice(0, 5);
    process.stdout.write(JSON.stringify({ code, summary: lines.at(-1), errors, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\\n');
    process.exit(0);`;
  const started = performance.now();
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', child], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, CI: '1', TEI_EDITION_SCHEMA_PATH: path.join(shared, 'schemas') },
  });
  return { ...JSON.parse(output.trim().split('\n').at(-1)), ms: performance.now() - started };
}

/** A copy of the toolkit (compiled code, stylesheets, schemas, bundled edition) with its own empty caches. */
function copyToolkit(into) {
  for (const entry of ['lib', 'xslt', 'schemas', 'assets', 'tei', 'package.json', 'edition.config.json']) {
    cpSync(path.join(root, entry), path.join(into, entry), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(into, 'node_modules'), 'dir');
  return into;
}

function validEscherLetters() {
  return readFileSync(path.join(corpus, 'VERDICTS.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((row) => row.split('\t'))
    .filter(([file, verdict]) => file.startsWith('stazh__briefedition-escher/') && verdict === 'valid')
    .map(([file]) => path.join(corpus, file));
}

/** Copy `copy` of a letter: every xml:id and every local pointer to one gets the suffix `_c{copy}`. */
function replicate(text, copy) {
  return text
    .replace(/xml:id="([^"]*)"/g, (_match, id) => `xml:id="${id}_c${copy}"`)
    .replace(/(target|ref|corresp|source|facs|who|resp)="#([^"\s]*)"/g, (_match, attribute, id) => `${attribute}="#${id}_c${copy}"`);
}

function writeLetters(folder, count) {
  const sources = validEscherLetters();
  mkdirSync(folder, { recursive: true });
  for (let index = 0; index < count; index++) {
    const text = replicate(readFileSync(sources[index % sources.length], 'utf8'), Math.floor(index / sources.length));
    writeFileSync(path.join(folder, `letter-${String(index).padStart(4, '0')}.xml`), text);
  }
  return sources.length;
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
function report(label, run, extra = '') {
  const verdict = run.code === 0 ? '' : `  EXIT CODE ${run.code}: ${run.summary}\n${run.errors.join('\n')}`;
  console.log(`${label.padEnd(52)} ${seconds(run.ms).padStart(9)}  peak RSS ${String(run.maxRssMb).padStart(5)} MB${extra}${verdict}`);
}

const work = mkdtempSync(path.join(tmpdir(), 'tei-edition-bench-build-'));
try {
  console.log(`tei-edition build benchmark (${availableParallelism()} cores, Node ${process.version})`);
  const toolkit = copyToolkit(path.join(work, 'toolkit'));
  report('bundled edition, cold (no SEF, no build cache)', timeBuild(toolkit, toolkit, []), '  target < 5 s after install');
  rmSync(path.join(toolkit, '.cache', 'build'), { recursive: true, force: true });
  report('bundled edition, after install (SEF, no build cache)', timeBuild(toolkit, toolkit, []), '  target < 5 s');
  report('bundled edition, warm (SEF and build cache)', timeBuild(toolkit, toolkit, []));

  const letters = path.join(work, 'letters');
  const distinct = writeLetters(letters, LETTERS);
  const args = ['--in', letters, '--out', path.join(work, 'dist'), '--schema', 'tei_all'];
  const full = timeBuild(toolkit, work, args);
  report(`${LETTERS} letters (${distinct} valid Escher letters replicated)`, full, `  ${(full.ms / LETTERS).toFixed(1)} ms/letter  target < 17 s, < 1024 MB`);
  const changed = path.join(letters, 'letter-0000.xml');
  writeFileSync(changed, readFileSync(changed, 'utf8').replace('</p>', ' (changed for the benchmark)</p>'));
  report(`${LETTERS} letters, one changed (build cache)`, timeBuild(toolkit, work, args));
  console.log(`(${full.summary})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
