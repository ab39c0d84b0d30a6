/**
 * The official CMIF Schematron checked per letter: each letter's entry, in a
 * CMIF document of the edition's header and that entry only
 * (`checkCmifEntry`), and the header alone (cmif.xml's check given
 * `cmifHeader`) find exactly what the whole-file check of cmif.xml finds:
 * the same assertions, with the same severity, on the same node of the same
 * letter's entry. Our export cannot make cmif.sch fire from any TEI (both
 * correspAction types always, dates only with a dating attribute, @source
 * always the header's bibl, the bibl id a UUID by config), so the errors are
 * seeded into the CMIF parts of real letters.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import type { Output } from '../../src/output.js';
import { SchemaStore, schemaFolders } from '../../src/schema-store.js';
import { checkCmifEntry, officialCmifSchemas } from '../../src/check/export-check.js';
import { checkOutputs } from '../../src/stages/check.js';
import { cmifDocument, editionParams, letterParts, transformEdition, type EditionLetter, type ParsedLetter, type TransformContext } from '../../src/stages/transform.js';
import { indexSource } from '../../src/xml/source-index.js';
import { CORPUS, SHARED_SCHEMAS, VERDICTS, available } from '../helpers/fixtures.js';
import { BUILD_DATE, BUNDLED_LETTER, ROOT, letterFromFile, testContext } from '../xslt/helpers.js';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'export');
const store = new SchemaStore(schemaFolders({ env: { TEI_EDITION_SCHEMA_PATH: SHARED_SCHEMAS }, cwd: ROOT }));

/** One finding of cmif.sch: the letter whose entry holds the node (`header` for the header), the node's path (from the entry, else from the root), severity and assertion text. */
type RuleFinding = string;

/** A seeded error: the letter, what is done to its CMIF part, and the assertions that must fire on its entry. */
const SEEDS: [letter: string, seeded: string, seed: (part: string) => string, fires: string[]][] = [
  ['lenin-to-shlyapnikov-1916-10', 'the received action typed otherwise', (part) => part.replace('<correspAction type="received">', '<correspAction type="forwarded">'), ['E0002']],
  ['only-sender', 'the sent action without a type', (part) => part.replace('<correspAction type="sent">', '<correspAction>'), ['E0001']],
  ['cert-medium', '@source pointing to no bibl', (part) => part.replace('source="#', 'source="#b'), ['E0003']],
  ['non-iso-date', 'a date without a dating attribute', (part) => part.replace(/<date [^>]*\/>/, '<date cert="low"/>'), ['E0004']],
  ['no-correspdesc', 'an empty entry', (part) => part.replace(/(<correspDesc [^>]*>).*(<\/correspDesc>)/, '$1$2'), ['E0001', 'E0002']],
  ['example01_basic', 'a bibl without an id in the entry, and @source pointing to no bibl', (part) => part.replace('source="#', 'source="#c').replace('</correspDesc>', '<note><bibl>Cited in the letter.</bibl></note></correspDesc>'), ['E0003', 'W0001']],
  ['example13_correspDesc-pointing-to-participDesc', 'both dates without a dating attribute', (part) => part.replace(/<date [^>]*\/>/g, '<date/>'), ['E0004', 'E0004']],
  ['K_0002_Anonym_an_Escher_1877-02-00', 'no actions at all and @source pointing to no bibl', (part) => part.replace(/<correspAction .*<\/correspAction>/, '').replace('source="#', 'source="#d'), ['E0001', 'E0002', 'E0003']],
];

let context: TransformContext;
let letters: ParsedLetter[];

beforeAll(async () => {
  // With the mentions, so that the entries hold everything cmif.xsl can write.
  context = { ...(await testContext()), params: { ...editionParams(DEFAULT_CONFIG, BUILD_DATE), cmifMentions: true } };
  const verdicts = readFileSync(VERDICTS, 'utf8').split('\n').map((line) => line.split('\t'));
  const valid = (prefix: string) => verdicts.filter(([file, verdict]) => file?.startsWith(prefix) && verdict === 'valid').map(([file]) => path.join(CORPUS, file!));
  const files = [
    BUNDLED_LETTER,
    ...['only-sender', 'cert-medium', 'non-iso-date', 'no-correspdesc'].map((name) => path.join(FIXTURES, `${name}.xml`)),
    ...valid('TEI-Correspondence-SIG__correspDesc/'),
    ...valid('stazh__').slice(0, 10),
  ];
  letters = await Promise.all(files.map((file) => letterFromFile(file)));
}, 300_000);

/** The letters with their CMIF parts, as the build makes them where it builds each letter. */
function withCmifParts(params: TransformContext['params']): EditionLetter[] {
  return letters.map((letter) => {
    const made = letterParts(letter, { ...context, params });
    expect(made.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return { file: letter.file, id: letter.id, parts: { cmif: made.parts['cmif']! } };
  });
}

/** The letters with the seeds applied to their CMIF parts. */
function seeded(edition: readonly EditionLetter[]): EditionLetter[] {
  return edition.map((letter) => {
    const seed = SEEDS.find(([id]) => id === letter.id);
    return seed ? { ...letter, parts: { cmif: seed[2](letter.parts['cmif']!) } } : letter;
  });
}

/** The letter id of an entry's @ref (`…/letters/{id}/`). */
function letterOfRef(ref: string): string {
  return /\/letters\/([^/]+)\/$/.exec(ref)![1]!;
}

/** A finding of a check of cmif.xml (whole or header), placed in its entry by its line and column. */
function placedInCmif(cmif: Output, diagnostic: Diagnostic): RuleFinding {
  const index = indexSource(cmif.content);
  const element = index.elements.find((e) => e.start.line === diagnostic.line && e.start.column === diagnostic.column);
  expect(element, diagnostic.message).toBeDefined();
  let entry: typeof element = element;
  while (entry && entry.localName !== 'correspDesc') entry = index.elements[entry.parent];
  const assertion = diagnostic.message.replace(/^CMIF \(cmif\.sch\): /, '');
  if (!entry) return `header ${element!.path} ${diagnostic.severity} ${assertion}`;
  const ref = entry.attributes.find((attribute) => attribute.name === 'ref')!.value;
  return `${letterOfRef(ref)} ${element!.path.slice(entry.path.length)} ${diagnostic.severity} ${assertion}`;
}

/** A finding of the check of one letter's entry, placed by its path (an attribute's finding on its element, as in cmif.xml). */
function placedInEntry(letter: EditionLetter, diagnostic: Diagnostic): RuleFinding {
  expect(diagnostic.file).toBe(letter.file);
  expect(diagnostic.line).toBeUndefined();
  const prefix = `cmif.xml, entry of letter ${letter.id}: CMIF (cmif.sch): `;
  expect(diagnostic.message.startsWith(prefix), diagnostic.message).toBe(true);
  const [, ref, node] = /^\/TEI\/teiHeader\/profileDesc\/correspDesc\[@ref="([^"]+)"\](.*)$/.exec(diagnostic.path!)!;
  expect(letterOfRef(ref!)).toBe(letter.id);
  return `${letter.id} ${node!.replace(/\/@[^/]+$/, '')} ${diagnostic.severity} ${diagnostic.message.slice(prefix.length)}`;
}

const schematronFindings = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.ruleId === 'check/cmif-schematron');
const assertionIds = (findings: readonly RuleFinding[], entry: string) => findings.filter((f) => f.startsWith(`${entry} `)).map((f) => /\[([EW]\d{4})\]/.exec(f)![1]!).sort();

describe.skipIf(!available.corpus)('cmif.sch per letter and on the header finds what it finds on the whole cmif.xml', { timeout: 300_000 }, () => {
  for (const [name, bibliographyId, headerFires] of [
    ['the edition\'s header as configured', undefined, []],
    ['a header whose bibl id is no UUID', 'edition-record', ['W0001']],
  ] as const) {
    it.skipIf(!available.sharedSchemas)(`seeded errors in entries, ${name}`, async () => {
      const schematron = officialCmifSchemas(store).schematron!.path;
      const params = { ...context.params, ...(bibliographyId ? { bibliographyId } : {}) };
      const edition = seeded(withCmifParts(params));
      const made = transformEdition(edition, { ...context, params }, ['cmif']);
      const cmif = made.outputs.find((output) => output.format === 'cmif')!;

      const whole = schematronFindings(await checkOutputs([cmif], { letterFile: 'tests', store })).map((d) => placedInCmif(cmif, d));

      const header = cmifDocument([], { ...context, params });
      if (!('document' in header)) throw new Error(header.diagnostic.message);
      const split = schematronFindings(await checkOutputs([cmif], { letterFile: 'tests', store, cmifHeader: header.document })).map((d) => placedInCmif(cmif, d));
      expect(split.every((finding) => finding.startsWith('header '))).toBe(true);
      for (const letter of edition) {
        const entry = cmifDocument([letter.parts['cmif']!], { ...context, params });
        if (!('document' in entry)) throw new Error(entry.diagnostic.message);
        split.push(...(await checkCmifEntry(entry.document, letter, schematron)).map((d) => placedInEntry(letter, d)));
      }

      expect([...split].sort()).toEqual([...whole].sort());
      // The seeds fired, each on its letter's entry only, and nothing else did.
      expect(assertionIds(whole, 'header')).toEqual([...headerFires]);
      for (const letter of edition) expect(assertionIds(whole, letter.id), letter.id).toEqual([...(SEEDS.find(([id]) => id === letter.id)?.[3] ?? [])].sort());
    });
  }

  it('needs no other letter: no entry cmif.xsl writes holds a bibl, the only node a rule looks for outside its own entry', () => {
    for (const letter of withCmifParts(context.params)) {
      expect(letter.parts['cmif'], letter.id).not.toMatch(/<bibl[\s>]/);
    }
  });
});
