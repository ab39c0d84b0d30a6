/** The SEF cache: an unchanged stylesheet is not recompiled; a change in an imported module recompiles its importers; a precompiled SEF (sef/) is taken when its content hash matches. */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRECOMPILED_SEF_FOLDER, compileStylesheet, sefFileName, stylesheetModules } from '../../src/adapters/saxon.js';
import { ROOT } from './helpers.js';

const work = await mkdtemp(path.join(tmpdir(), 'tei-edition-sef-'));
afterAll(() => rm(work, { recursive: true, force: true }));

describe('compileStylesheet', () => {
  it('lists a stylesheet with all modules it imports and includes', async () => {
    const modules = await stylesheetModules(path.join(ROOT, 'xslt/text/letter.xsl'));
    expect(modules.map((file) => path.relative(ROOT, file))).toEqual([
      'xslt/common/behaviour.xsl', 'xslt/common/common.xsl', 'xslt/common/emendations.xsl', 'xslt/common/letter-parts.xsl', 'xslt/common/mentions.xsl', 'xslt/common/metadata.xsl', 'xslt/common/params.xsl',
      'xslt/common/reading.xsl', 'xslt/common/vocabulary.xsl', 'xslt/text/letter.xsl', 'xslt/text/text.xsl',
    ]);
  });

  it('reuses the cached SEF until an imported module changes', { timeout: 300_000 }, async () => {
    await cp(path.join(ROOT, 'xslt'), path.join(work, 'xslt'), { recursive: true });
    const entry = path.join(work, 'xslt/citation/ris.xsl');
    const cacheDir = path.join(work, 'cache');
    const first = await compileStylesheet(entry, { cacheDir });
    const compiledAt = (await stat(first)).mtimeMs;
    const second = await compileStylesheet(entry, { cacheDir });
    expect(second).toBe(first);
    expect((await stat(second)).mtimeMs).toBe(compiledAt);

    const params = path.join(work, 'xslt/common/params.xsl');
    await writeFile(params, (await readFile(params, 'utf8')).replace("'0.1.0'", "'0.2.0'"));
    const third = await compileStylesheet(entry, { cacheDir });
    expect(third).not.toBe(first);
    expect(await readFile(third, 'utf8')).toContain('0.2.0');
  });

  it('takes the precompiled SEF of the same stylesheets, wherever they are, and writes no cache', async () => {
    const copy = path.join(work, 'precompiled');
    await cp(path.join(ROOT, 'xslt'), path.join(copy, 'xslt'), { recursive: true });
    const entry = path.join(copy, 'xslt/text/letter.xsl');
    const cacheDir = path.join(copy, 'cache');
    const sef = await compileStylesheet(entry, { cacheDir });
    expect(sef).toBe(path.join(PRECOMPILED_SEF_FOLDER, await sefFileName(path.join(ROOT, 'xslt/text/letter.xsl'))));
    expect(existsSync(cacheDir)).toBe(false);

    const textLayer = path.join(copy, 'xslt/text/text.xsl');
    await writeFile(textLayer, `${await readFile(textLayer, 'utf8')}<!-- changed -->\n`);
    expect(await sefFileName(entry)).not.toBe(path.basename(sef));
  });
});
