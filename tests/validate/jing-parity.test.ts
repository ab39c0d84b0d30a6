import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateRelaxNg } from '../../src/adapters/xmllint.js';
import { CORPUS, TEI_ALL, VERDICTS, available } from '../helpers/fixtures.js';

/** jing's verdicts on the corpus: path, valid|invalid, and the line of its first error. */
let verdicts: { file: string; verdict: string; line: number | undefined }[];

describe.skipIf(!available.corpus)('agreement with jing on ../shared/corpus against tei_all', () => {
  beforeAll(() => {
    verdicts = readFileSync(VERDICTS, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => {
        const [file, verdict, firstError] = row.split('\t');
        return { file: file!, verdict: verdict!, line: firstError ? Number(firstError.split(':')[1]) : undefined };
      });
  });

  it('has the 65 corpus files', () => {
    expect(verdicts).toHaveLength(65);
  });

  it.skipIf(!available.sharedSchemas)('gives jing\'s verdict for every file and reports the first error on jing\'s line', async () => {
    const docs = verdicts.map(({ file }) => ({ file, text: readFileSync(path.join(CORPUS, file), 'utf8') }));
    const results = await validateRelaxNg(docs, { file: TEI_ALL, text: readFileSync(TEI_ALL, 'utf8') });
    const ours = verdicts.map(({ file }) => {
      const errors = results.get(file)!.filter((d) => d.severity === 'error');
      return { file, verdict: errors.length > 0 ? 'invalid' : 'valid', line: errors[0]?.line };
    });
    expect(ours).toEqual(verdicts);
  }, 120_000);
});
