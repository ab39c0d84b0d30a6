#!/usr/bin/env node
// Compiles every stylesheet of the output-format registry to SEF (into the
// toolkit's .cache/sef, keyed by content hash), as many at a time as there
// are cores, so that the first `tei-edition build` after `npm install` finds
// them compiled. Run by `npm run prepare` after tsc; a stylesheet that fails
// to compile fails the install.
import path from 'node:path';
import { PROJECT_ROOT, compileStylesheets } from '../lib/adapters/saxon.js';
import { registryStylesheets } from '../lib/stages/transform.js';

const started = performance.now();
const stylesheets = registryStylesheets();
await compileStylesheets(stylesheets.map((stylesheet) => path.join(PROJECT_ROOT, stylesheet)));
process.stdout.write(`tei-edition: ${stylesheets.length} stylesheets compiled to SEF in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
