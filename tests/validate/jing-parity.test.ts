import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateRelaxNg } from '../../src/adapters/xmllint.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = path.resolve(here, '../../../shared');
const corpus = path.join(shared, 'corpus');
const teiAll = path.join(shared, 'schemas/tei/tei_all.rng');

/** jing's verdicts on the corpus: path, valid|invalid, and the line of its first error. */
const verdicts = readFileSync(path.join(corpus, 'VERDICTS.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((row) => {
    const [file, verdict, firstError] = row.split('\t');
    return { file: file!, verdict: verdict!, line: firstError ? Number(firstError.split(':')[1]) : undefined };
  });

describe('agreement with jing on ../shared/corpus against tei_all', () => {
  it('has the 65 corpus files', () => {
    expect(verdicts).toHaveLength(65);
  });

  it('gives jing\'s verdict for every file and reports the first error on jing\'s line', async () => {
    const docs = verdicts.map(({ file }) => ({ file, text: readFileSync(path.join(corpus, file), 'utf8') }));
    const results = await validateRelaxNg(docs, { file: teiAll, text: readFileSync(teiAll, 'utf8') });
    const ours = verdicts.map(({ file }) => {
      const errors = results.get(file)!.filter((d) => d.severity === 'error');
      return { file, verdict: errors.length > 0 ? 'invalid' : 'valid', line: errors[0]?.line };
    });
    expect(ours).toEqual(verdicts);
  }, 120_000);
});
