/**
 * The encoded letter against the official TEI P5 schema (jing as the
 * reference validator), and the declarations the build relies on: the
 * schema processing instructions and the stable identifier.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JING, TEI_ALL, available } from '../helpers/fixtures.js';
import { elementsOf, letterPath, loadLetter, textContent } from './reading-text.js';

const letterText = readFileSync(letterPath, 'utf8');

describe('validity', () => {
  it.skipIf(!available.jing || !available.sharedSchemas)(
    'is valid against tei_all.rng by jing',
    () => {
      const result = spawnSync(JING!, [TEI_ALL, letterPath], { encoding: 'utf8' });
      expect(result.error).toBeUndefined();
      const errors = result.stdout
        .split('\n')
        .filter((line) => line.trim() !== '');
      expect(errors, errors.join('\n')).toEqual([]);
      expect(result.status).toBe(0);
    },
    30_000,
  );

  it('declares the RELAX NG and Schematron customisation with xml-model', () => {
    const declarations = [...letterText.matchAll(/<\?xml-model\s+([^?]*)\?>/g)].map((match) => match[1]!.trim());
    expect(declarations).toEqual([
      'href="../schemas/tei-letter.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
      'href="../schemas/tei-letter.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
    ]);
  });

  it('derives its stable URI from its xml:id', () => {
    const tei = loadLetter();
    const id = tei.attributes['xml:id'];
    expect(id).toBe('lenin-to-shlyapnikov-1916-10');
    const idnos = elementsOf(tei).filter((element) => element.name === 'idno');
    const byType = Object.fromEntries(idnos.map((idno) => [idno.attributes.type, textContent(idno).trim()]));
    expect(byType['edition-id']).toBe(id);
    expect(byType.URI).toBe(`https://tei-edition.example.org/letters/${id}/`);
  });
});
