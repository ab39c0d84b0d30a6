// Wall times of the libxml2 adapter (well-formedness + RELAX NG in one pass),
// each case in a fresh Node process so that every figure is cold (no grammar
// cached); whole commands run with --no-cache, and (d) once more with the
// pruned grammar cached on disk.
// Run `npx tsc -p tsconfig.json` first: this imports the compiled lib/.
import { execFileSync, spawnSync } from 'node:child_process';
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

const work = mkdtempSync(path.join(tmpdir(), 'tei-edition-bench-'));
try {
  console.log('Validator core (well-formedness and RELAX NG, in a fresh process):');
  report('(a) bundled letter, own customisation (tei-letter.rng)', timeCase(ownSchema, bundled), '0.5 s');
  report('(b) bundled letter, tei_all', timeCase(teiAll, bundled), '1 s');
  report('(c) all of ../shared/corpus, tei_all', timeCase(teiAll, corpusFiles().map(([file]) => path.join(corpus, file))), '3 s');
  const { files, validCount } = replicateLetters(1000);
  report(`(d) 1,000 letters (${validCount} valid Escher letters replicated), tei_all`, timeCase(teiAll, files));
  console.log('Whole command (`tei-edition validate`: process start to exit, incl. IDs and Schematron):');
  const command = (label, args, target) => {
    const started = performance.now();
    const run = spawnSync(process.execPath, [path.join(root, 'bin/tei-edition.js'), 'validate', '--format', 'json', '--no-cache', ...args], {
      cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, TEI_EDITION_SCHEMA_PATH: path.join(shared, 'schemas') },
    });
    const ms = performance.now() - started;
    const summary = JSON.parse(run.stdout).summary;
    console.log(`${label.padEnd(58)} ${seconds(ms).padStart(8)}  (${summary.files} files, ${summary.invalidFiles} invalid)${target ? `  target < ${target}` : ''}`);
  };
  command('(a) tei-edition validate tei/ (tei-letter)', ['tei'], '0.5 s');
  command('(b) tei-edition validate --schema tei_all tei/', ['--schema', 'tei_all', 'tei'], '1 s');
  command('(c) tei-edition validate --schema tei_all ../shared/corpus', ['--schema', 'tei_all', corpus], '3 s');
  command('(d) tei-edition validate --schema tei_all (1,000 letters)', ['--schema', 'tei_all', path.dirname(files[0])]);
  const cache = path.join(work, 'grammar-cache');
  const cached = (label) => {
    const started = performance.now();
    spawnSync(process.execPath, [path.join(root, 'bin/tei-edition.js'), 'validate', '--format', 'json', '--schema', 'tei_all', path.relative(cache, path.dirname(files[0]))], {
      cwd: cache, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, TEI_EDITION_SCHEMA_PATH: path.join(shared, 'schemas') },
    });
    console.log(`${label.padEnd(58)} ${seconds(performance.now() - started).padStart(8)}`);
  };
  execFileSync('mkdir', ['-p', cache]);
  cached('(d) the same, first run with the grammar cache (writes it)');
  cached('(d) the same, second run (pruned grammar from the cache)');
  const jing = spawnSync('jing', ['--version'], { encoding: 'utf8' });
  if (jing.error) console.log('(d) jing: not installed, skipped');
  else {
    const started = performance.now();
    const run = spawnSync('jing', [teiAll, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const invalid = new Set(run.stdout.split('\n').filter(Boolean).map((line) => line.split(':')[0])).size;
    console.log(`${'(d) jing, same 1,000 letters'.padEnd(58)} ${seconds(performance.now() - started).padStart(8)}  (${invalid} invalid)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
