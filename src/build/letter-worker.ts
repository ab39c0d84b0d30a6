/**
 * Worker thread of the letter pool: prepares the stylesheets and checkers
 * once, then builds each letter it is sent (see `letter-build.ts`) and posts
 * the result back. Started by `letter-pool.ts` only.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderCitation } from '../check/citation.js';
import { parseXml } from '../adapters/saxon.js';
import { prepareStylesheets, type EditionParams, type PreparedStylesheets, type TransformContext } from '../stages/transform.js';
import { buildLetter } from './letter-build.js';
import type { LetterJob, LetterJobResult, LetterWorkerData } from './letter-pool.js';

const port = parentPort;
if (!port) throw new Error('letter-worker runs only as a worker thread.');

/**
 * A citation to render while the main thread still validates: citeproc's
 * first rendering in a style takes one to two seconds, later ones
 * milliseconds.
 */
const WARM_UP_CITATION = JSON.stringify([{ id: 'warm-up', type: 'personal_communication', genre: 'Letter', title: 'Warm-up', author: [{ family: 'Letter', given: 'A.' }], issued: { 'date-parts': [[1900]] }, 'container-title': 'Edition', URL: 'https://example.org/' }]);

const { compileOptions } = workerData as LetterWorkerData;
const ready: Promise<PreparedStylesheets> = prepareStylesheets(compileOptions).then((stylesheets) => {
  renderCitation(WARM_UP_CITATION);
  return stylesheets;
});

let context: { params: string; value: TransformContext } | undefined;

async function contextFor(params: EditionParams): Promise<TransformContext> {
  const key = JSON.stringify(params);
  if (context?.params !== key) context = { params: key, value: { stylesheets: await ready, params, renderCitation: (csl: string) => renderCitation(csl) } };
  return context.value;
}

// Letters are built one after another (each build is synchronous XSLT and
// checks); the promise chain keeps their order.
let queue: Promise<void> = Promise.resolve();
port.on('message', (job: LetterJob) => {
  queue = queue.then(async () => {
    let reply: LetterJobResult;
    try {
      const document = await parseXml(job.letter.text);
      reply = { job: job.job, build: await buildLetter({ ...job.letter, document }, await contextFor(job.params)) };
    } catch (error) {
      reply = { job: job.job, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(reply);
  });
});
