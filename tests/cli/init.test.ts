/**
 * `tei-edition init`: the scaffold is a working edition (its config passes
 * the config validation, its letter is valid, it builds), the templates are
 * valid TEI for the reference validator, and init never overwrites a file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { INIT_TEMPLATE_FOLDER } from '../../src/init.js';
import { JING, TEI_ALL, available } from '../helpers/fixtures.js';
import { tempTree } from '../helpers/temp-tree.js';
import { runCli } from './run-helpers.js';

const SCAFFOLD = ['.gitignore', 'README.md', 'edition.config.json', 'registers/persons.xml', 'registers/places.xml', 'tei/example-letter.xml'];

/** Every file under a folder, relative to it, with its content. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(root, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}

describe('tei-edition init: a new edition', () => {
  it('scaffolds a folder that validates and builds (exit 0), with the letter page in dist/', { timeout: 300_000 }, async () => {
    const cwd = tempTree({});
    const result = await runCli(['init', 'my-edition'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Created in my-edition/:\n${SCAFFOLD.map((file) => `  ${file}\n`).join('')}`);
    expect(result.stdout).toContain('  cd my-edition\n  npx tei-edition validate\n  npx tei-edition build\n  npx tei-edition serve\n');
    const edition = path.join(cwd, 'my-edition');
    expect(Object.keys(snapshot(edition)).sort()).toEqual(SCAFFOLD);
    expect(readFileSync(path.join(edition, '.gitignore'), 'utf8').split('\n')).toEqual(['dist/', '.cache/', 'node_modules/', '']);

    const { config, diagnostics } = loadConfig({ cwd: edition });
    expect(diagnostics).toEqual([]);
    expect(config?.registers).toEqual([path.join(edition, 'registers/persons.xml'), path.join(edition, 'registers/places.xml')]);
    expect(config?.bibliographyId).toMatch(/^[a-f][0-9a-f]{7}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const validated = await runCli(['validate'], { cwd: edition });
    expect(validated.stderr).toBe('');
    expect(validated.stdout).toBe('✔ 1 file valid (tei-letter)\n');
    expect(validated.code).toBe(0);

    const built = await runCli(['build', '--format', 'json'], { cwd: edition });
    const report = JSON.parse(built.stdout) as { files: unknown[]; diagnostics: { severity: string; message: string }[] };
    expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(report.files).toEqual([{ file: 'tei/example-letter.xml', valid: true }]);
    expect(built.code).toBe(0);
    const page = readFileSync(path.join(edition, 'dist/letters/example-letter/index.html'), 'utf8');
    expect(page).toContain('<h1>Letter from Anna Example to Ben Example, Weimar, 12 May 2025</h1>');
    expect(page).toContain('Goethe’s house on the Frauenplan');
  });

  it('gives every edition a bibliographyId of its own', async () => {
    const cwd = tempTree({});
    await runCli(['init', 'a'], { cwd });
    await runCli(['init', 'b'], { cwd });
    const id = (folder: string) => (JSON.parse(readFileSync(path.join(cwd, folder, 'edition.config.json'), 'utf8')) as { bibliographyId: string }).bibliographyId;
    expect(id('a')).not.toBe(id('b'));
  });

  it('scaffolds the working directory when no folder is named', async () => {
    const cwd = tempTree({});
    const result = await runCli(['init'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created in this folder:\n');
    expect(result.stdout).not.toContain('  cd ');
    expect(Object.keys(snapshot(cwd)).sort()).toEqual(SCAFFOLD);
  });

  it.skipIf(!available.jing || !available.sharedSchemas)('ships TEI templates that are valid against tei_all for jing', () => {
    const teiFiles = ['tei/example-letter.xml', 'registers/persons.xml', 'registers/places.xml'].map((file) => path.join(INIT_TEMPLATE_FOLDER, file));
    const result = spawnSync(JING!, [TEI_ALL, ...teiFiles], { encoding: 'utf8' });
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  }, 60_000);
});

describe('tei-edition init: a folder with an npm project', () => {
  it('counts a folder with only package.json, package-lock.json and node_modules as empty, and adds the scripts it lacks', async () => {
    const manifest = '{\n    "name": "letters",\n    "private": true,\n    "scripts": {\n        "build": "make site",\n        "serve": "tei-edition serve"\n    },\n    "dependencies": {\n        "tei-edition": "0.1.0"\n    }\n}\n';
    const cwd = tempTree({ 'package.json': manifest, 'package-lock.json': '{}\n', 'node_modules/.package-lock.json': '{}\n' });
    const result = await runCli(['init'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Added to package.json: the scripts validate\n');
    expect(result.stdout).toContain('package.json already has a "build" script ("make site"); it was left as it is.');
    const updated = readFileSync(path.join(cwd, 'package.json'), 'utf8');
    expect(JSON.parse(updated)).toEqual({
      name: 'letters',
      private: true,
      scripts: { build: 'make site', serve: 'tei-edition serve', validate: 'tei-edition validate' },
      dependencies: { 'tei-edition': '0.1.0' },
    });
    expect(updated).toContain('\n    "name": "letters",');
    expect(updated.endsWith('}\n')).toBe(true);
    expect(readFileSync(path.join(cwd, 'package-lock.json'), 'utf8')).toBe('{}\n');
  });

  it('leaves a package.json that is not JSON as it is, with a warning', async () => {
    const cwd = tempTree({ 'package.json': '{ "name": ' });
    const result = await runCli(['init'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('package.json is not a valid JSON object, so the scripts validate, build and serve were not added');
    expect(readFileSync(path.join(cwd, 'package.json'), 'utf8')).toBe('{ "name": ');
  });
});

describe('tei-edition init: what it refuses', () => {
  it('refuses a folder that is not empty (exit 2) and writes nothing', async () => {
    const cwd = tempTree({ 'notes.txt': 'mine', 'tei/letter.xml': '<TEI/>' });
    const before = snapshot(cwd);
    const result = await runCli(['init'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('error   . is not empty (it holds notes.txt, tei): init starts an edition only in an empty folder, so that it overwrites nothing.  init/folder-not-empty');
    expect(result.stderr).toContain('fix: Name a new or empty folder, or add --force');
    expect(snapshot(cwd)).toEqual(before);
  });

  it('with --force adds only the missing files and names those it left alone', async () => {
    const cwd = tempTree({ 'edition.config.json': '{ "title": "Mine" }\n', 'tei/example-letter.xml': 'my own text', 'notes.txt': 'mine' });
    const result = await runCli(['init', '--force'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Created in this folder:\n  .gitignore\n  README.md\n  registers/persons.xml\n  registers/places.xml\n✔');
    expect(result.stdout).toContain('edition.config.json is already there; it was left as it is.  init/file-kept');
    expect(result.stdout).toContain('tei/example-letter.xml is already there; it was left as it is.  init/file-kept');
    expect(readFileSync(path.join(cwd, 'edition.config.json'), 'utf8')).toBe('{ "title": "Mine" }\n');
    expect(readFileSync(path.join(cwd, 'tei/example-letter.xml'), 'utf8')).toBe('my own text');
    expect(readFileSync(path.join(cwd, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('reports a file on the way of a scaffold file with --force (exit 2), and writes the others', async () => {
    const cwd = tempTree({ registers: 'a file where the registers folder goes' });
    const result = await runCli(['init', '--force'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/registers\/persons\.xml could not be written: EEXIST: file already exists, mkdir .*registers.*init\/file-not-written/);
    expect(existsSync(path.join(cwd, 'tei/example-letter.xml'))).toBe(true);
  });

  it('refuses a path that is a file (exit 2) with a message, not a stack trace', async () => {
    const cwd = tempTree({ 'letters.xml': '<TEI/>' });
    const result = await runCli(['init', 'letters.xml'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe([
      'letters.xml',
      '           error   letters.xml is a file, not a folder: init makes a folder for the new edition.  init/not-a-folder',
      '                   fix: Name a folder that is new or empty, for example: tei-edition init my-edition',
      '',
      '✖ 1 error, 0 warnings',
      '',
    ].join('\n'));
  });

  it('reports a folder that cannot be made (exit 2)', async () => {
    const cwd = tempTree({ 'letters.xml': '<TEI/>' });
    const result = await runCli(['init', 'letters.xml/edition'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/The folder letters\.xml\/edition could not be made: .*init\/folder-not-created/);
  });
});
