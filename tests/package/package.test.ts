/**
 * The npm package: `npm pack` of this checkout, installed offline into a
 * temporary folder, runs `tei-edition init`, `validate` and `build` there
 * with nothing but what the tarball and its dependencies hold, takes its
 * stylesheets from the precompiled `sef/` (it writes nothing into its own
 * folder), and its library entry and types are importable as `tei-edition`.
 *
 * The pack runs with --ignore-scripts: `prepare` would recompile `lib/` while
 * other test files run from it; `npm test` runs `prepare` before the tests,
 * and the first test fails when `sef/` does not match the stylesheets.
 * The install is offline, from the npm cache; when the cache lacks a
 * dependency the tests are skipped with a line saying so, unless
 * TEI_EDITION_REQUIRE_FIXTURES=1.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, type TestContext } from 'vitest';
import { PRECOMPILED_SEF_FOLDER, sefFileName } from '../../src/adapters/saxon.js';
import { registryStylesheets } from '../../src/stages/transform.js';

const ROOT = path.resolve(__dirname, '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'tei-edition-package-'));
const edition = path.join(work, 'edition');
const installed = path.join(edition, 'node_modules', 'tei-edition');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The environment of a user: without the third-party schemas the project's tests name. */
const USER_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'TEI_EDITION_SCHEMA_PATH'));

interface Finished {
  code: number;
  stdout: string;
  stderr: string;
}

function runCommand(command: string, args: readonly string[], cwd: string): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...USER_ENV, npm_config_update_notifier: 'false' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Every file under a folder, relative to it, with its size and modification time. */
function listing(root: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name);
      const info = statSync(full);
      if (info.isDirectory()) walk(full);
      else files.push(`${path.relative(root, full)} ${info.size} ${info.mtimeMs}`);
    }
  };
  walk(root);
  return files.sort();
}

/**
 * The entries of this project's package-lock.json that the toolkit needs at
 * run time (the closure of its dependencies, without optional peers). Seeded
 * into the install folder, they pin the versions the project is tested with,
 * so npm fetches the tarballs from the cache by their integrity and needs no
 * registry metadata, which `npm ci` does not keep in the cache.
 */
function runtimeLockEntries(): Record<string, unknown> {
  type Entry = { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }> };
  const packages = (JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, Entry & Record<string, unknown>> }).packages;
  const needed = new Map<string, Record<string, unknown>>();
  const resolve = (from: string, name: string): string | undefined => {
    for (let base = from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
      const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!base) return undefined;
    }
  };
  const visit = (from: string) => {
    const entry = packages[from]!;
    const required = [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !entry.peerDependenciesMeta?.[name]?.optional)];
    for (const name of required) {
      const found = resolve(from, name);
      if (!found || needed.has(found)) continue;
      const { dev: _dev, optional: _optional, devOptional: _devOptional, ...rest } = packages[found]!;
      needed.set(found, rest);
      visit(found);
    }
  };
  visit('');
  return Object.fromEntries(needed);
}

let skipReason: string | undefined;
let installedOk = false;

function skipWhenNotInstalled(context: TestContext): void {
  if (skipReason) context.skip(skipReason);
  expect(installedOk, 'the package test that installs the tarball failed').toBe(true);
}

describe('the npm package', () => {
  it('packs the toolkit with its SEF, installs offline, and runs init, validate and build in a new folder', { timeout: 600_000 }, async (context) => {
    const sefNames = await Promise.all(registryStylesheets().map((stylesheet) => sefFileName(path.join(ROOT, stylesheet))));
    expect(sefNames.filter((name) => !existsSync(path.join(PRECOMPILED_SEF_FOLDER, name))), 'sef/ does not match the stylesheets: run npm run prepare').toEqual([]);

    const packed = await runCommand('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
    expect(packed.stderr.replace(/^npm notice.*\n/gm, '')).toBe('');
    expect(packed.code).toBe(0);
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    const contents = files.map((file) => file.path);
    expect(contents).toEqual(expect.arrayContaining([
      'LICENSE', 'README.md', 'package.json', 'bin/tei-edition.js', 'lib/index.js', 'lib/index.d.ts', 'lib/cli.js', 'lib/build/letter-worker.js',
      'schemas/tei-letter.rng', 'schemas/tei-letter.sch', 'assets/edition.css', 'xslt/letter-data.xsl', 'templates/init/gitignore', 'templates/init/tei/example-letter.xml',
    ]));
    expect(contents.filter((file) => file.startsWith('sef/')).sort()).toEqual(sefNames.map((name) => `sef/${name}`).sort());
    expect(contents.filter((file) => /^(src|tests|bench|docs|tei|dist|scripts|\.cache|\.ci)\//.test(file) || file === 'edition.config.json' || file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);

    mkdirSync(edition);
    writeFileSync(path.join(edition, 'package.json'), `${JSON.stringify({ name: 'letters', private: true }, null, 2)}\n`);
    writeFileSync(path.join(edition, 'package-lock.json'), `${JSON.stringify({ name: 'letters', lockfileVersion: 3, requires: true, packages: { '': { name: 'letters' }, ...runtimeLockEntries() } }, null, 2)}\n`);
    const install = await runCommand('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(work, filename)], edition);
    if (install.code !== 0 && /ENOTCACHED/.test(install.stderr)) {
      const reason = 'the npm cache lacks a dependency of tei-edition (npm install --offline: ENOTCACHED); run npm ci online once to fill it.';
      if (process.env['TEI_EDITION_REQUIRE_FIXTURES'] === '1') throw new Error(`Package test failed (TEI_EDITION_REQUIRE_FIXTURES=1): ${reason}`);
      skipReason = `Package test skipped: ${reason}`;
      console.warn(skipReason);
      context.skip(skipReason);
    }
    expect(install.stderr).not.toMatch(/npm error/);
    expect(install.code).toBe(0);
    const before = listing(installed);

    // --no: never fetch the command; --: what follows is the command's, not npx's (npx would take --help for itself).
    const help = await runCommand('npx', ['--no', '--', 'tei-edition', '--help'], edition);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tei-edition \[options\] \[command\]\n/);
    expect(help.stdout).toMatch(/\n  init \[options\] \[dir\] +Start a new edition in DIR/);

    const init = await runCommand('npx', ['--no', '--', 'tei-edition', 'init'], edition);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Added to package.json: the scripts validate, build, serve\n');
    expect((JSON.parse(readFileSync(path.join(edition, 'package.json'), 'utf8')) as { scripts: unknown }).scripts).toEqual({ validate: 'tei-edition validate', build: 'tei-edition build', serve: 'tei-edition serve' });

    const validate = await runCommand('npx', ['--no', '--', 'tei-edition', 'validate'], edition);
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toBe('✔ 1 file valid (tei-letter)\n');
    expect(validate.code).toBe(0);

    const build = await runCommand('npx', ['--no', '--', 'tei-edition', 'build'], edition);
    expect(build.stderr).toBe('');
    expect(build.stdout).toMatch(/✔ Built 1 letter into dist\/: \d+ files in [\d.]+ s\n$/);
    expect(build.code).toBe(0);
    expect(readFileSync(path.join(edition, 'dist/letters/example-letter/index.html'), 'utf8')).toContain('<h1>Letter from Anna Example to Ben Example, Weimar, 12 May 2025</h1>');

    expect(listing(installed), 'the installed toolkit wrote into its own folder (a SEF cache?)').toEqual(before);
    installedOk = true;
  });

  it('is importable as "tei-edition" with its types', { timeout: 120_000 }, async (context) => {
    skipWhenNotInstalled(context);
    const imported = await runCommand(process.execPath, ['--input-type=module', '-e', "const { run, loadConfig } = await import('tei-edition'); const { version } = (await import('tei-edition/package.json', { with: { type: 'json' } })).default; console.log(typeof run, typeof loadConfig, version);"], edition);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe(`function function ${(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);

    writeFileSync(path.join(edition, 'use-library.ts'), [
      "import { run, loadConfig, type Diagnostic, type RunIO } from 'tei-edition';",
      "const io: RunIO = { stdout: () => undefined, stderr: () => undefined, isTTY: false, env: {}, cwd: '.' };",
      "const found: Diagnostic[] = loadConfig({ cwd: '.' }).diagnostics;",
      "export const code: Promise<number> = run({ command: 'validate', paths: ['tei'] }, io);",
      'export const count: number = found.length;',
      '',
    ].join('\n'));
    writeFileSync(path.join(edition, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules/@types')] },
      files: ['use-library.ts'],
    }));
    const typecheck = await runCommand(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], edition);
    expect(typecheck.stdout).toBe('');
    expect(typecheck.code).toBe(0);
  });
});
