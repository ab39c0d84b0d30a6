import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { checkCslJson, CSL_SUBSET_SCHEMA_URL } from '../../src/check/csl-json.js';
import { CSL_DATA_SCHEMA, available } from '../helpers/fixtures.js';
import { goodOutputs, LETTER, replaceOnce } from './fixture-outputs.js';

const good = goodOutputs().get(`${LETTER}/lenin-shlyapnikov-1916.csl.json`)!.content;

let official: ValidateFunction | undefined;
/** The official CSL-JSON schema, compiled on first use: the tests needing it are skipped without the shared schemas. */
const officialValidate = () => (official ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(CSL_DATA_SCHEMA, 'utf8')) as object));
const subsetValidate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(
  JSON.parse(readFileSync(CSL_SUBSET_SCHEMA_URL, 'utf8')) as object,
);

/** CSL-JSON the product must accept: the fixture and variants with every field and form we emit. */
const accepted: [string, string][] = [
  ['the fixture letter', good],
  ['an exact date', replaceOnce(good, '[[1916]]', '[[1916, 10, 4]]')],
  ['a date range across years', replaceOnce(good, '[[1916]]', '[[1916], [1917]]')],
  ['date parts as strings', replaceOnce(good, '[[1916]]', '[["1916", "10"]]')],
  ['a literal author and an editor', replaceOnce(good, '"author": [{ "family": "Lenin", "given": "V. I." }],', '"author": [{ "literal": "Marxists Internet Archive" }], "editor": [{ "family": "Cymbala", "given": "R." }],')],
  ['a title of its own', replaceOnce(good, '"genre": "Letter",', '"genre": "Letter", "title": "On the harvest at Grünwald",')],
  ['name particles and a suffix', replaceOnce(good, '"family": "Rothstein", "given": "Andrew"', '"family": "Chamisso", "given": "Adelbert", "non-dropping-particle": "von", "dropping-particle": "de", "suffix": "Jr."')],
  ['page, volume, publisher-place and accessed', replaceOnce(good, '"version": "0.1.0",', '"version": "0.1.0", "page": "232–236", "volume": "35", "publisher-place": "Moscow", "accessed": { "date-parts": [[2026, 1, 1]] },')],
];

/** CSL-JSON the product must refuse (the official schema may accept some: the subset is stricter on purpose). */
const refused: [string, string, string][] = [
  ['an EDTF string as issued', replaceOnce(good, '{ "date-parts": [[1916]], "circa": true }', '"1916"'), '/0/issued must be object'],
  ['no type', replaceOnce(good, '"type": "personal_communication",', ''), 'must have required property \'type\''],
  ['a name with given only', replaceOnce(good, '"family": "Rothstein", "given": "Andrew"', '"given": "Andrew"'), '/0/translator/0 must have required property \'family\''],
  ['a literal name with a particle', replaceOnce(good, '"family": "Rothstein", "given": "Andrew"', '"literal": "Andrew Rothstein", "dropping-particle": "von"'), '/0/translator/0'],
  ['a name with literal and family', replaceOnce(good, '"family": "Rothstein", "given": "Andrew"', '"family": "Rothstein", "literal": "Andrew Rothstein"'), '/0/translator/0'],
  ['three dates in a range', replaceOnce(good, '[[1916]]', '[[1916], [1917], [1918]]'), '/0/issued/date-parts must NOT have more than 2 items'],
  ['four date parts', replaceOnce(good, '[[1916]]', '[[1916, 10, 4, 12]]'), '/0/issued/date-parts/0 must NOT have more than 3 items'],
  ['words as a date part', replaceOnce(good, '[[1916]]', '[["autumn"]]'), '/0/issued/date-parts/0/0 must be integer'],
  ['an empty title', replaceOnce(good, '"genre": "Letter",', '"genre": "Letter", "title": "",'), '/0/title must NOT have fewer than 1 characters'],
  ['a relative URL', replaceOnce(good, 'https://tei-edition.example.org/letters/lenin-shlyapnikov-1916/', 'letters/lenin-shlyapnikov-1916/'), '/0/URL must match pattern'],
  ['an object instead of an array', good.trim().slice(1, -1), 'CSL-JSON the document must be array'],
];

describe('CSL-JSON subset schema', () => {
  it.skipIf(!available.sharedSchemas).each(accepted)('accepts %s, which the official CSL-JSON schema accepts too', (_name, text) => {
    const data: unknown = JSON.parse(text);
    expect(officialValidate()(data), JSON.stringify(officialValidate().errors)).toBe(true);
    expect(subsetValidate(data), JSON.stringify(subsetValidate.errors)).toBe(true);
    const result = checkCslJson(text);
    expect(result.findings).toEqual([]);
    expect(result.citation?.text).toMatch(/^Lenin, V\. I\.|^Marxists Internet Archive/);
  });

  it.each(refused)('refuses %s', (_name, text, says) => {
    const findings = checkCslJson(text).findings;
    expect(findings.map((f) => f.ruleId)).toEqual(['check/csl-schema']);
    expect(findings[0]!.message).toContain(says);
  });

  it('reports text that is not JSON with its position', () => {
    const findings = checkCslJson('[{"id": "x",}]').findings;
    expect(findings).toMatchObject([{ ruleId: 'check/csl-schema', offset: 12 }]);
    expect(findings[0]!.message).toContain('not JSON');
  });

  it.skipIf(!available.sharedSchemas)('reports valid CSL-JSON that citeproc cannot render: a numeric volume', () => {
    const text = replaceOnce(good, '"version": "0.1.0",', '"version": "0.1.0", "volume": 35,');
    expect(officialValidate()(JSON.parse(text))).toBe(true);
    const findings = checkCslJson(text).findings;
    expect(findings).toMatchObject([{ ruleId: 'check/citeproc-render', offset: 0 }]);
    expect(findings[0]!.message).toBe('citeproc could not render the CSL-JSON: num.match is not a function');
  });

  it('reports valid CSL-JSON that citeproc renders as nothing', () => {
    const findings = checkCslJson('[{ "id": "x", "type": "personal_communication" }]').findings;
    expect(findings).toMatchObject([{ ruleId: 'check/citeproc-render' }]);
    expect(findings[0]!.message).toContain('empty citation');
  });
});
