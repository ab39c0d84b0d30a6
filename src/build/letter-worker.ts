/**
 * Worker thread of the letter pool: prepares the stylesheets and checkers
 * once, then builds letters of the batch it is sent (see `letter-build.ts`),
 * taking each from the counter it shares with the other workers, and posts
 * each result back; asked for edition-wide outputs, makes them from the
 * letters' parts, checks them and posts them back. Started by
 * `letter-pool.ts` only.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { renderCitation } from '../check/citation.js';
import { parseXml } from '../adapters/saxon.js';
import { portableDiagnostic } from '../diagnostic.js';
import { checkOutputs } from '../stages/check.js';
import { prepareStylesheets, transformEdition, type PreparedStylesheets, type TransformContext } from '../stages/transform.js';
import type { HtmlStructure } from '../check/html.js';
import { SchemaStore } from '../schema-store.js';
import { BuildCache } from './build-cache.js';
import { buildLetters, pageStructures, stageLetterBuild, type LetterBuild } from './letter-build.js';
import type { EditionOutputsRequest, EditionOutputsResult, LetterBatch, LetterJobResult, LetterWorkerData } from './letter-pool.js';

if (!parentPort) throw new Error('letter-worker runs only as a worker thread.');
const port: MessagePort = parentPort;

/**
 * A citation to render while the main thread still validates: citeproc's
 * first rendering in a style takes one to two seconds, later ones
 * milliseconds.
 */
const WARM_UP_CITATION = JSON.stringify([{ id: 'warm-up', type: 'personal_communication', genre: 'Letter', title: 'Warm-up', author: [{ family: 'Letter', given: 'A.' }], issued: { 'date-parts': [[1900]] }, 'container-title': 'Edition', URL: 'https://example.org/' }]);

const { compileOptions, warmUpCitations } = workerData as LetterWorkerData;
const ready: Promise<PreparedStylesheets> = prepareStylesheets(compileOptions).then((stylesheets) => {
  if (warmUpCitations) renderCitation(WARM_UP_CITATION);
  return stylesheets;
});

// A worker takes letters from the shared counter until none is left; every
// worker of the pool does the same, so the letters go to whichever is free.
port.on('message', (request: LetterBatch | EditionOutputsRequest) => {
  void (request.kind === 'letters' ? buildBatch(request) : makeEditionOutputs(request));
});

async function makeEditionOutputs(request: EditionOutputsRequest): Promise<void> {
  let reply: EditionOutputsResult;
  try {
    const edition = transformEdition(request.letters, { stylesheets: await ready, params: request.params }, request.formats);
    const structures = new Map<string, HtmlStructure>();
    const checked = await checkOutputs(edition.outputs, { letterFile: request.editionFile, structures, store: new SchemaStore(request.schemaFolders) });
    reply = { outputs: edition.outputs, pages: pageStructures(structures), diagnostics: edition.diagnostics.map(portableDiagnostic), checks: checked.map(portableDiagnostic) };
  } catch (error) {
    reply = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
}

/** Letters a worker takes at a time at most: they share one letter-data transform (see `transformLetters`). */
const MOST_LETTERS_AT_A_TIME = 8;

async function buildBatch(batch: LetterBatch): Promise<void> {
  const context: TransformContext = { stylesheets: await ready, params: batch.params, renderCitation: (csl: string) => renderCitation(csl) };
  const target = { stagingFolder: batch.stagingFolder, ...(batch.cache ? { cache: new BuildCache(batch.cache.folder, batch.cache.salt) } : {}) };
  for (;;) {
    // Fewer at a time towards the end, so that the workers finish together.
    const left = batch.letters.length - Atomics.load(batch.next, 0);
    const taken = Math.max(1, Math.min(MOST_LETTERS_AT_A_TIME, Math.floor(left / (2 * batch.workers))));
    const first = Atomics.add(batch.next, 0, taken);
    if (first >= batch.letters.length) return;
    const jobs = batch.letters.slice(first, first + taken).map((letter, index) => ({ job: first + index, letter }));
    let builds: LetterBuild[] | undefined;
    try {
      const parsed = [];
      for (const { letter } of jobs) parsed.push({ ...letter, document: await parseXml(letter.text) });
      builds = await buildLetters(parsed, context, batch.checks);
    } catch (error) {
      for (const { job } of jobs) port.postMessage({ job, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies LetterJobResult);
      continue;
    }
    for (const [index, { job, letter }] of jobs.entries()) {
      let reply: LetterJobResult;
      try {
        reply = { job, build: await stageLetterBuild(builds[index]!, letter, target) };
      } catch (error) {
        reply = { job, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      port.postMessage(reply);
    }
  }
}
