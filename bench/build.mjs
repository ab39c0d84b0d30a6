// Build benchmark: wall time and peak memory of `tei-edition build`, each run
// in a fresh Node process (the CLI's own code path, worker threads included in
// the peak RSS), beside the reference a user would otherwise pick.
//
// 1. The bundled edition cold (no compiled stylesheets, no build cache),
//    after install (stylesheets compiled, no build cache) and warm (both).
//    These run in a copy of the toolkit in a temporary folder, so the
//    project's own caches are neither used nor disturbed.
// 2. BENCH_LETTERS letters (default 1,000): the Escher letters that jing finds
//    valid against tei_all (../shared/corpus/VERDICTS.tsv), replicated with
//    distinct xml:ids and file names, built with all outputs and checks
//    against tei_all; then the reference on the same letters (the TEI
//    Consortium's html/html.xsl from ../shared/anchors on Saxon-HE Java,
//    skipped with a line saying what is missing) and the ratio of the two
//    times, and SaxonJS making only the letter pages of the same letters (the
//    floor of our HTML time); then the build again with one letter changed
//    (the build cache).
// 3. BENCH_LARGE_LETTERS letters (default 5,000; 0 skips it), built the same
//    way, and the ratio of its time to step 2's.
// A markdown table of every figure, its target and whether it is met ends the
// output. Peak RSS of the reference comes from GNU time (/usr/bin/time): Node
// cannot read a child's; without GNU time it is reported as unknown.
//
// Run `npx tsc -p tsconfig.json` first: the CLI runs from the compiled lib/.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared');
const corpus = path.join(shared, 'corpus');
const LETTERS = Number(process.env.BENCH_LETTERS ?? 1000);
const LARGE_LETTERS = Number(process.env.BENCH_LARGE_LETTERS ?? 5000);
const saxonJar = '/usr/share/java/Saxon-HE.jar';
const referenceXsl = path.join(shared, 'anchors/tei-stylesheets/html/html.xsl');
const gnuTime = '/usr/bin/time';

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

/**
 * SaxonJS making only the letter pages (xslt/html/letter.xsl, no parse,
 * validation, other outputs or checks) of the letters in `letters`, in one
 * thread of a fresh process: the floor of our build's HTML time.
 */
function timeLetterPagesAlone(toolkit, letters) {
  const child = `
    const { readFileSync, readdirSync } = await import('node:fs');
    const { parseXml, transform } = await import(${JSON.stringify(path.join(toolkit, 'lib/adapters/saxon.js'))});
    const { prepareStylesheets } = await import(${JSON.stringify(path.join(toolkit, 'lib/stages/transform.js'))});
    const page = (await prepareStylesheets()).byFormat.get('html');
    const files = readdirSync(${JSON.stringify(letters)}).sort();
    let ms = 0;
    for (const file of files) {
      const document = await parseXml(readFileSync(${JSON.stringify(letters)} + '/' + file, 'utf8'));
      const started = performance.now();
      const outcome = transform(page, { sourceNode: document, params: { 'letter-id': file.replace(/[.]xml$/, '') } });
      ms += performance.now() - started;
      if (!outcome.ok) throw new Error(file + ': ' + outcome.diagnostic.message);
    }
    process.stdout.write(JSON.stringify({ ms, pages: files.length }) + '\\n');`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim().split('\n').at(-1));
}

/** What the reference needs and this machine lacks, as one phrase; empty when nothing is missing. */
function referenceMissing() {
  const missing = [];
  if (spawnSync('java', ['-version']).error) missing.push('java');
  if (!existsSync(saxonJar)) missing.push(saxonJar);
  if (!existsSync(referenceXsl)) missing.push(referenceXsl);
  return missing.join(', ');
}

/** Runs the reference (html.xsl on Saxon-HE) over the letters in `letters`, one HTML file per letter in `out`; peak RSS through GNU time when present. */
function timeReference(letters, out) {
  mkdirSync(out, { recursive: true });
  const java = ['java', '-cp', saxonJar, 'net.sf.saxon.Transform', `-s:${letters}`, `-o:${out}`, `-xsl:${referenceXsl}`];
  const rssFile = path.join(work, 'reference-rss.txt');
  const withTime = existsSync(gnuTime);
  const [command, ...args] = withTime ? [gnuTime, '-o', rssFile, '-f', '%M', ...java] : java;
  const started = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  // GNU time puts "Command exited with non-zero status N" before the figure when the command fails.
  const maxRssMb = withTime ? Math.round(Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024) : undefined;
  const errors = (run.error ? String(run.error) : run.stderr).trim().split('\n').slice(-5);
  return { code: run.status, ms, maxRssMb, summary: `${readdirSync(out).length} HTML files`, errors };
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (mb) => (mb === undefined ? 'unknown' : `${mb} MB`);
const count = (n) => n.toLocaleString('en');
/** Every printed figure with its target, for the closing table. */
const rows = [];

/** Prints one run (time, peak RSS, `note`) with its target and keeps it for the table; a run that exits with an error never meets its target. */
function report(label, run, { note = '', target, met } = {}) {
  const failed = run.code !== 0;
  const verdict = failed ? `  EXIT CODE ${run.code}: ${run.summary}\n${run.errors.join('\n')}` : '';
  console.log(`${label.padEnd(56)} ${seconds(run.ms).padStart(9)}  peak RSS ${megabytes(run.maxRssMb).padStart(8)}${note}${target ? `  target ${target}` : ''}${verdict}`);
  rows.push({ label, measured: `${seconds(run.ms)}, ${megabytes(run.maxRssMb)}`, target, met: target === undefined ? undefined : Boolean(met) && !failed });
}

/** Prints the ratio of two times against its limit and keeps it for the table; `ratio` is undefined when the time to compare with is missing. */
function reportRatio(label, ratio, limit) {
  const measured = ratio === undefined ? 'unknown' : `${ratio.toFixed(2)}×`;
  const target = `≤ ${limit.toFixed(1)}×`;
  console.log(`${label.padEnd(56)} ${measured.padStart(9)}  target ${target}`);
  rows.push({ label, measured, target, met: ratio === undefined ? undefined : ratio <= limit });
}

const work = mkdtempSync(path.join(tmpdir(), 'tei-edition-bench-build-'));
try {
  console.log(`tei-edition build benchmark (${availableParallelism()} cores, Node ${process.version})`);
  const toolkit = copyToolkit(path.join(work, 'toolkit'));
  report('bundled edition, cold (no SEF, no build cache)', timeBuild(toolkit, toolkit, []));
  rmSync(path.join(toolkit, '.cache', 'build'), { recursive: true, force: true });
  const installed = timeBuild(toolkit, toolkit, []);
  report('bundled edition, after install (SEF, no build cache)', installed, { target: '≤ 2.5 s', met: installed.ms <= 2500 });
  report('bundled edition, warm (SEF and build cache)', timeBuild(toolkit, toolkit, []));

  /** Builds `n` replicated letters in `work/{name}/` (letters and edition); returns the letters' folder, the build arguments and the run. */
  const buildLetters = (name, n) => {
    const letters = path.join(work, name, 'letters');
    const args = ['--in', letters, '--out', path.join(work, name, 'dist'), '--schema', 'tei_all'];
    const distinct = writeLetters(letters, n);
    const run = timeBuild(toolkit, work, args);
    report(`${count(n)} letters (${distinct} valid Escher letters replicated)`, run, {
      note: `  ${(run.ms / n).toFixed(1)} ms/letter`,
      target: '≤ 1024 MB',
      met: run.maxRssMb <= 1024,
    });
    return { letters, args, run };
  };

  const { letters, args, run: full } = buildLetters('standard', LETTERS);
  const missing = referenceMissing();
  if (missing) {
    console.log(`reference skipped: missing ${missing}`);
    rows.push({ label: 'reference (TEI html.xsl, Saxon-HE)', measured: `skipped: missing ${missing}` });
  } else {
    const reference = timeReference(letters, path.join(work, 'reference'));
    report(`reference: TEI html.xsl on Saxon-HE, same ${count(LETTERS)} letters`, reference, { note: `  ${reference.summary}` });
    const ratio = full.code === 0 && reference.code === 0 ? full.ms / reference.ms : undefined;
    reportRatio(`${count(LETTERS)} letters ÷ reference`, ratio, 1);
    const pages = timeLetterPagesAlone(toolkit, letters);
    const cores = availableParallelism();
    console.log(`SaxonJS letter pages alone, one thread: ${seconds(pages.ms)} for ${count(pages.pages)} pages (${(pages.ms / pages.pages).toFixed(1)} ms/page); on ${cores} cores at best ${seconds(pages.ms / cores)}, ${(pages.ms / cores / reference.ms).toFixed(2)}× the reference`);
    rows.push({ label: `SaxonJS letter pages alone (best case on ${cores} cores) ÷ reference`, measured: `${(pages.ms / cores / reference.ms).toFixed(2)}×` });
  }

  const changed = path.join(letters, 'letter-0000.xml');
  writeFileSync(changed, readFileSync(changed, 'utf8').replace('</p>', ' (changed for the benchmark)</p>'));
  const rebuild = timeBuild(toolkit, work, args);
  report(`${count(LETTERS)} letters, one changed (build cache)`, rebuild, { target: '≤ 3 s', met: rebuild.ms <= 3000 });

  if (LARGE_LETTERS > 0) {
    const { run: large } = buildLetters('large', LARGE_LETTERS);
    // 10 % above linear: 5.5× for 5,000 letters against 1,000.
    const limit = (1.1 * LARGE_LETTERS) / LETTERS;
    reportRatio(`${count(LARGE_LETTERS)} letters ÷ ${count(LETTERS)} letters`, full.code === 0 && large.code === 0 ? large.ms / full.ms : undefined, limit);
  } else {
    console.log('large build skipped (BENCH_LARGE_LETTERS=0)');
  }
  console.log(`(${count(LETTERS)} letters: ${full.summary})`);

  console.log('\n| run | measured | target | met |\n| --- | --- | --- | --- |');
  for (const row of rows) {
    const met = row.met === undefined ? '—' : row.met ? 'yes' : '**no**';
    console.log(`| ${row.label} | ${row.measured} | ${row.target ?? '—'} | ${met} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
