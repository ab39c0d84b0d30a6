// Validation speed. First the libxml2 adapter alone (well-formedness and
// RELAX NG in one pass), each case in a fresh Node process so that every
// figure is cold (no grammar cached); then whole `tei-edition validate`
// commands side by side with jing in the same run (the table issue 14 sets
// targets for), without and with the pruned grammar cached on disk.
// Run `npx tsc -p tsconfig.json` first: this imports the compiled lib/.
// BENCH_REPEATS (default 3) sets how many runs each whole-command figure is the median of.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared');
const teiAll = path.join(shared, 'schemas/tei/tei_all.rng');
const corpus = path.join(shared, 'corpus');
const ownSchema = path.join(root, 'schemas/tei-letter.rng');
const bundled = readdirSync(path.join(root, 'tei')).filter((name) => name.endsWith('.xml')).map((name) => path.join(root, 'tei', name));

/** Runs one case in a child process and returns its wall time and verdict counts. */
function timeCase(schema, files) {
  const listFile = path.join(work, 'files.json');
  writeFileSync(listFile, JSON.stringify(files));
  const child = `
    import { readFileSync } from 'node:fs';
    const { checkAndValidateRelaxNg } = await import(${JSON.stringify(path.join(root, 'lib/adapters/xmllint.js'))});
    const started = performance.now();
    const files = JSON.parse(readFileSync(${JSON.stringify(listFile)}, 'utf8'));
    const docs = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const results = await checkAndValidateRelaxNg(docs, { file: ${JSON.stringify(schema)}, text: readFileSync(${JSON.stringify(schema)}, 'utf8') });
    const invalid = docs.filter((d) => (results.get(d.file) ?? []).some((x) => x.severity === 'error')).length;
    console.log(JSON.stringify({ ms: performance.now() - started, files: docs.length, invalid }));`;
  const started = performance.now();
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', child], { encoding: 'utf8' });
  return { ...JSON.parse(output.trim().split('\n').at(-1)), processMs: performance.now() - started };
}

function corpusFiles() {
  return readFileSync(path.join(corpus, 'VERDICTS.tsv'), 'utf8').trim().split('\n').slice(1).map((row) => row.split('\t'));
}

/** The 45 jing-valid Escher letters replicated to `count` files with distinct xml:ids. */
function replicateLetters(count) {
  const valid = corpusFiles().filter(([file, verdict]) => file.startsWith('stazh__') && verdict === 'valid').map(([file]) => path.join(corpus, file));
  const folder = path.join(work, 'letters');
  execFileSync('mkdir', ['-p', folder]);
  const files = [];
  for (let i = 0; i < count; i++) {
    const source = valid[i % valid.length];
    const copy = Math.floor(i / valid.length);
    const text = readFileSync(source, 'utf8').replace(/xml:id="([^"]*)"/g, (_m, id) => `xml:id="${id}_c${copy}"`).replace(/(target|ref|corresp|source|facs)="#([^"\s]*)"/g, (_m, a, id) => `${a}="#${id}_c${copy}"`);
    const file = path.join(folder, `letter-${String(i).padStart(4, '0')}.xml`);
    writeFileSync(file, text);
    files.push(file);
  }
  return { files, validCount: valid.length };
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const report = (label, result, target) =>
  console.log(`${label.padEnd(58)} ${seconds(result.ms).padStart(8)}  (process ${seconds(result.processMs)}; ${result.files} files, ${result.invalid} invalid)${target ? `  target < ${target}` : ''}`);

const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Wall time of a command from start to exit (median of REPEATS runs) and its output of the last run. */
function timeCommand(command, args, options = {}) {
  const times = [];
  let run;
  for (let i = 0; i < (options.repeats ?? REPEATS); i++) {
    options.before?.();
    const started = performance.now();
    run = spawnSync(command, args, { cwd: options.cwd ?? work, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, TEI_EDITION_SCHEMA_PATH: path.join(shared, 'schemas'), ...options.env } });
    times.push(performance.now() - started);
  }
  return { ms: median(times), run };
}

const cli = path.join(root, 'bin/tei-edition.js');
const cacheFolder = () => path.join(work, '.cache');

/** `tei-edition validate` as a user runs it, from a folder of its own (so its .cache is the bench's); cold: no .cache. */
function ours(args, { cold = false, repeats } = {}) {
  const result = timeCommand(process.execPath, [cli, 'validate', '--format', 'json', ...args], { repeats, before: cold ? () => rmSync(cacheFolder(), { recursive: true, force: true }) : undefined });
  const summary = JSON.parse(result.run.stdout).summary;
  return { ms: result.ms, files: summary.files, invalid: summary.invalidFiles };
}

/** jing on the same files (one JVM for all of them, as a user runs it). */
function jing(files, { repeats } = {}) {
  const result = timeCommand('jing', [teiAll, ...files], { repeats });
  return { ms: result.ms, invalid: new Set(result.run.stdout.split('\n').filter(Boolean).map((line) => line.split(':')[0])).size };
}

/**
 * Whole commands, process start to exit, side by side with jing in the same
 * run (median of BENCH_REPEATS runs each): the figures issue 14 sets targets for.
 */
async function sideBySide(letters) {
  console.log(`\nWhole commands against tei_all, side by side with jing (median of ${REPEATS}; ratio = ours / jing):`);
  const hasJing = !spawnSync('jing', [], { encoding: 'utf8' }).error;
  if (!hasJing) console.log('jing is not installed: its column is left empty.');
  const row = (label, our, theirs, target) => {
    const ratio = theirs ? (our.ms / theirs.ms).toFixed(2) : '—';
    const verdicts = theirs ? (our.invalid === theirs.invalid ? 'same invalid count' : `INVALID COUNTS DIFFER: ours ${our.invalid}, jing ${theirs.invalid}`) : '';
    console.log(`${label.padEnd(46)} ${seconds(our.ms).padStart(8)} ${theirs ? seconds(theirs.ms).padStart(8) : '       —'}  ${ratio.padStart(5)}  ${(target ?? '').padEnd(10)} ${verdicts}`);
  };
  console.log(`${'case'.padEnd(46)} ${'ours'.padStart(8)} ${'jing'.padStart(8)}  ratio  target`);
  const oneLetter = letters[0];
  const theirsOne = hasJing ? jing([oneLetter]) : undefined;
  row('one letter, cold process, no .cache', ours(['--schema', 'tei_all', oneLetter], { cold: true }), theirsOne, '≤ 0.5×');
  row('one letter, cold process, warm .cache', ours(['--schema', 'tei_all', oneLetter]), theirsOne, '≤ 0.5×');
  const folder = path.dirname(oneLetter);
  const theirsAll = hasJing ? jing(letters) : undefined;
  row(`${letters.length.toLocaleString('en')} letters, no .cache`, ours(['--schema', 'tei_all', folder], { cold: true }), theirsAll, '≤ 1.0×');
  row(`${letters.length.toLocaleString('en')} letters, warm .cache`, ours(['--schema', 'tei_all', folder]), theirsAll, '≤ 1.0×');
  const corpusList = corpusFiles().map(([file]) => path.join(corpus, file));
  row(`the ${corpusList.length} files of ../shared/corpus`, ours(['--schema', 'tei_all', ...corpusList], { cold: true }), hasJing ? jing(corpusList) : undefined, '≤ 1.0×');
  // An edition's folder as its editors validate it: the Escher letters with the central registers of people (2.7 MB, invalid) and places (0.9 MB).
  const escher = path.join(corpus, 'stazh__briefedition-escher');
  const escherFiles = readdirSync(escher, { recursive: true }).filter((name) => name.endsWith('.xml')).map((name) => path.join(escher, name));
  row(`Escher folder with its registers (${escherFiles.length} files)`, ours(['--schema', 'tei_all', escher], { cold: true }), hasJing ? jing(escherFiles) : undefined, '≤ 1.0×');
  row('bundled letter, tei-letter + Schematron', ours(bundled), undefined, '< 0.4 s');
  for (const count of [100, 300, letters.length]) {
    const subset = path.join(work, `subset-${count}`);
    execFileSync('mkdir', ['-p', subset]);
    for (const file of letters.slice(0, count)) execFileSync('cp', [file, subset]);
    row(`--embedded-schematron, ${count.toLocaleString('en')} letters`, ours(['--schema', 'tei_all', '--embedded-schematron', subset], { repeats: 1 }), undefined, 'linear');
  }
  console.log(`${'validate --watch: saved letter reported after'.padEnd(46)} ${seconds(await watchLatency(oneLetter)).padStart(8)}                   < 0.15 s`);
  for (const flag of ['--help', '--version']) {
    const { ms } = timeCommand(process.execPath, [cli, flag]);
    console.log(`${`tei-edition ${flag}`.padEnd(46)} ${seconds(ms).padStart(8)}                   < 0.15 s`);
  }
}

/**
 * `validate --watch` on one letter against tei_all: the time from writing the
 * letter (changed, then restored) to the report of its change on stdout, the
 * debounce (30 ms) included; median of five writes.
 */
async function watchLatency(letter) {
  const folder = path.join(work, 'watch');
  execFileSync('mkdir', ['-p', folder]);
  const file = path.join(folder, 'letter.xml');
  const text = readFileSync(letter, 'utf8');
  writeFileSync(file, text);
  const child = spawn(process.execPath, [cli, 'validate', '--watch', '--schema', 'tei_all', 'watch'], { cwd: work, env: { ...process.env, TEI_EDITION_SCHEMA_PATH: path.join(shared, 'schemas') } });
  let output = '';
  const waitFor = (pattern, from) => new Promise((resolve) => {
    const check = () => (pattern.test(output.slice(from)) ? resolve() : setTimeout(check, 2));
    check();
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  await waitFor(/Watching/, 0);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const from = output.length;
    const started = performance.now();
    writeFileSync(file, i % 2 === 0 ? text.replace('</body>', '<p>Added.</p></body>') : text);
    await waitFor(/changed:/, from);
    times.push(performance.now() - started);
  }
  child.kill('SIGINT');
  return median(times);
}

const work = mkdtempSync(path.join(tmpdir(), 'tei-edition-bench-'));
try {
  console.log('Validator core (well-formedness and RELAX NG, in a fresh process):');
  report('(a) bundled letter, own customisation (tei-letter.rng)', timeCase(ownSchema, bundled), '0.5 s');
  report('(b) bundled letter, tei_all', timeCase(teiAll, bundled), '1 s');
  report('(c) all of ../shared/corpus, tei_all', timeCase(teiAll, corpusFiles().map(([file]) => path.join(corpus, file))), '3 s');
  const { files, validCount } = replicateLetters(1000);
  report(`(d) 1,000 letters (${validCount} valid Escher letters replicated), tei_all`, timeCase(teiAll, files));
  await sideBySide(files);
} finally {
  rmSync(work, { recursive: true, force: true });
}
