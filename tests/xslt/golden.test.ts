/**
 * Golden files: every output of the bundled letter, compared byte for byte
 * with tests/golden/lenin-to-shlyapnikov-1916-10/. After an intended change,
 * regenerate them on purpose with
 *   UPDATE_GOLDEN=1 npx vitest run tests/xslt/golden.test.ts
 * and review the diff before committing. Also: two transforms give identical
 * bytes (determinism).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCitation } from '../../src/check/citation.js';
import type { Output } from '../../src/output.js';
import { transformEdition, transformLetter, type TransformContext } from '../../src/stages/transform.js';
import { BUNDLED_LETTER, ROOT, letterFromFile, testContext } from './helpers.js';

const GOLDEN = path.join(ROOT, 'tests', 'golden', 'lenin-to-shlyapnikov-1916-10');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

let context: TransformContext;
let outputs: Output[];

beforeAll(async () => {
  context = await testContext((csl) => renderCitation(csl));
  const letter = await letterFromFile(BUNDLED_LETTER);
  const result = transformLetter(letter, context);
  expect(result.diagnostics).toEqual([]);
  outputs = [...result.outputs, ...transformEdition([letter], context, ['index', 'assets', 'registers', 'search']).outputs].filter((output) => output.format !== 'tei' && output.format !== 'assets');
}, 300_000);

describe('golden outputs of the bundled letter', () => {
  it('produces every format of the registry', () => {
    expect(outputs.map((output) => output.format).sort()).toEqual(['bibtex', 'csl-json', 'html', 'html', 'index', 'registers', 'registers', 'registers', 'registers', 'ris', 'search', 'text']);
  });

  it('matches the golden files', async () => {
    for (const output of outputs) {
      // The edition's index.html and the letter's index.html share a name: the former is kept as edition-index.html.
      const golden = path.join(GOLDEN, output.format === 'index' ? 'edition-index.html' : path.basename(output.path));
      if (UPDATE) {
        await mkdir(path.dirname(golden), { recursive: true });
        await writeFile(golden, output.content);
      }
      expect(output.content, output.path).toBe(await readFile(golden, 'utf8'));
    }
  });

  it('gives byte-identical outputs on a second run', async () => {
    const again = transformLetter(await letterFromFile(BUNDLED_LETTER), context).outputs;
    for (const output of again) {
      const first = outputs.find((candidate) => candidate.path === output.path);
      if (first) expect(output.content, output.path).toBe(first.content);
    }
  });

  it('writes the date as the edition states it, with the year surviving in every citation format', () => {
    const byFormat = (name: string) => outputs.find((output) => output.format === name)?.content ?? '';
    expect(byFormat('html')).toContain('<dd class="date-statement">later than 3 October 1916</dd>');
    expect(JSON.parse(byFormat('csl-json'))[0].issued).toEqual({ 'date-parts': [[1916]], circa: true });
    expect(byFormat('bibtex')).toContain('date = {1916-10-04/..}');
    expect(byFormat('ris')).toContain('PY  - 1916\r\nDA  - 1916///later than 3 October 1916\r\n');
  });

  it('holds both views on one page: each correction as the reading and the source reading, the former diplomatic page a redirect to it', () => {
    const page = outputs.find((output) => output.path.endsWith('/index.html') && output.format === 'html')?.content ?? '';
    expect(page).toContain('<article class="letter" id="diplomatic">');
    expect(page).toContain('<span class="corr reading-only" title="source reads: “difference?”">differences</span><span class="sic source-only" title="corrected reading: “differences”">difference?</span>');
    expect(page).toContain('<a class="reading-only" href="#diplomatic">Link to the diplomatic view</a>');
    const redirect = outputs.find((output) => output.path.endsWith('/diplomatic.html'))?.content ?? '';
    expect(redirect).toContain('<meta http-equiv="refresh" content="0; url=index.html#diplomatic">');
    expect(redirect.length).toBeLessThan(1000);
  });
});
