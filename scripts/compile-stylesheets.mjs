#!/usr/bin/env node
// Compiles every stylesheet of the output-format registry to SEF into the
// toolkit's sef/ folder (named by content hash), as many at a time as there
// are cores, and removes the SEF files there that no current stylesheet
// has. Run by `npm run prepare` after tsc, so at `npm install` in a checkout
// and before `npm pack`: the package ships sef/, and an installed toolkit
// finds its stylesheets compiled. A stylesheet that fails to compile fails
// the install.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { PRECOMPILED_SEF_FOLDER, compileStylesheets } from '../lib/adapters/saxon.js';
import { PROJECT_ROOT } from '../lib/project-root.js';
import { registryStylesheets } from '../lib/stages/transform.js';

const started = performance.now();
const stylesheets = registryStylesheets();
const sefPaths = await compileStylesheets(
  stylesheets.map((stylesheet) => path.join(PROJECT_ROOT, stylesheet)),
  { cacheDir: PRECOMPILED_SEF_FOLDER, precompiledDir: PRECOMPILED_SEF_FOLDER },
);
const current = new Set(sefPaths.map((sefPath) => path.basename(sefPath)));
for (const name of await readdir(PRECOMPILED_SEF_FOLDER)) {
  if (!current.has(name)) await rm(path.join(PRECOMPILED_SEF_FOLDER, name), { force: true });
}
process.stdout.write(`tei-edition: ${stylesheets.length} stylesheets compiled to SEF (${path.relative(PROJECT_ROOT, PRECOMPILED_SEF_FOLDER)}/) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
