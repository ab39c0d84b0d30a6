/**
 * Checks of the archive exports against schemas from the schema store: CMIF
 * (`cmi-customization.rng` and `cmif.sch`; in a build, `cmif.sch` checks each
 * letter's entry where the letter is built, see {@link checkCmifEntry}, and
 * the header once), OAI-PMH with oai_dc (`OAI-PMH.xsd`
 * with `oai_dc.xsd`, `simpledc20021212.xsd` and `xml.xsd` from the same
 * folder), the TEI corpus (`tei_all.rng`), CITATION.cff (the Citation File
 * Format JSON Schema, found by its `$id`). When an official schema is not in
 * the store, the toolkit's own schema for the subset tei-edition emits is
 * used instead (`schemas/*-export.*`) and an info finding says which official
 * check was skipped and how to add its schema. `.zenodo.json` has no official
 * schema; the toolkit's own is always used.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Diagnostic } from '../diagnostic.js';
import type { CheckerId } from '../formats.js';
import type { Output } from '../output.js';
import { SCHEMA_PATH_VARIABLE, TOOLKIT_SCHEMA_FOLDER, type SchemaStore, type StoredSchema } from '../schema-store.js';
import { checkWellFormed, validateRelaxNg, validateXmlSchema, type XmlSchemaFile } from '../adapters/xmllint.js';
import { compileSchematron, runSchematron, type CompiledSchematron } from '../adapters/schematron.js';
import { parseXml } from '../adapters/saxon.js';
import { indexSource, type SourceIndex } from '../xml/source-index.js';
import { evaluateItems } from '../adapters/saxon-xpath.js';
import { readYamlSubset } from '../export/yaml-subset.js';
import type { Finding } from './report.js';

/** The checkers of the archive exports. */
export type ExportCheckerId = Extract<CheckerId, 'cmif' | 'oai-pmh' | 'tei-corpus' | 'citation-cff' | 'zenodo'>;

const EXPORT_CHECKERS: readonly string[] = ['cmif', 'oai-pmh', 'tei-corpus', 'citation-cff', 'zenodo'];

/** True for a checker of this module. */
export function isExportChecker(checker: CheckerId): checker is ExportCheckerId {
  return EXPORT_CHECKERS.includes(checker);
}

/** The toolkit's own schemas for the subsets it emits. */
export const OWN_EXPORT_SCHEMAS = Object.freeze({
  cmif: path.join(TOOLKIT_SCHEMA_FOLDER, 'cmif-export.rng'),
  oaiPmh: path.join(TOOLKIT_SCHEMA_FOLDER, 'oai-pmh-export.rng'),
  cff: path.join(TOOLKIT_SCHEMA_FOLDER, 'cff-export.json'),
  zenodo: path.join(TOOLKIT_SCHEMA_FOLDER, 'zenodo-export.json'),
});

/** The official OAI-PMH schema and the schemas it imports, by file name (as its catalog maps their URLs). */
const OAI_PMH_FILES = ['OAI-PMH.xsd', 'oai_dc.xsd', 'simpledc20021212.xsd', 'xml.xsd'] as const;

/** What the export checks need besides the outputs. */
export interface ExportCheckOptions {
  /** Where the official schemas are looked up; without it, the toolkit's own export schemas are used. */
  store?: SchemaStore;
  /**
   * The edition's CMIF header as `cmif.xsl` writes it with no letter (see
   * `cmifDocument` in `stages/transform.ts`), given when every letter's
   * entry was checked with the official `cmif.sch` where the letter was
   * built ({@link checkCmifEntry}): cmif.xml is then checked with the RELAX
   * NG, and only this header with the Schematron. Absent: cmif.xml is
   * checked whole with both.
   */
  cmifHeader?: string;
}

/** Checks every export output; findings by output (an output without problems has none). */
export async function checkExports(
  items: readonly { output: Output; checker: ExportCheckerId }[],
  options: ExportCheckOptions,
): Promise<Map<Output, Finding[]>> {
  const findings = new Map<Output, Finding[]>(items.map((item) => [item.output, []]));
  for (const checker of EXPORT_CHECKERS as readonly ExportCheckerId[]) {
    const outputs = items.filter((item) => item.checker === checker).map((item) => item.output);
    if (outputs.length === 0) continue;
    const found = await CHECKS[checker](outputs, options);
    for (const [output, list] of found) findings.get(output)!.push(...list);
  }
  return findings;
}

type BatchCheck = (outputs: readonly Output[], options: ExportCheckOptions) => Promise<Map<Output, Finding[]>>;

const CHECKS: Readonly<Record<ExportCheckerId, BatchCheck>> = {
  cmif: checkCmif,
  'oai-pmh': (outputs, options) => checkOaiPmh(outputs, options.store),
  'tei-corpus': (outputs, options) => checkTeiCorpus(outputs, options.store),
  'citation-cff': (outputs, options) => checkCitationCff(outputs, options.store),
  zenodo: checkZenodo,
};

function skipped(official: string, files: string, instead: string): Finding {
  return {
    ruleId: 'check/official-schema-skipped',
    severity: 'info',
    message: `The official ${official} check was skipped: ${files} is not in the schema store. Checked with ${instead} instead.`,
    hint: `Save the official schema files in a folder and name it with --schema-path, "schemaPaths" in edition.config.json or ${SCHEMA_PATH_VARIABLE}.`,
  };
}

function offsetOf(text: string, line: number | undefined, column: number | undefined): number | undefined {
  if (line === undefined) return undefined;
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  return offset + Math.max(0, (column ?? 1) - 1);
}

function asFinding(output: Output, diagnostic: Diagnostic, schemaName: string, ruleId: string): Finding {
  return {
    ruleId,
    severity: diagnostic.severity,
    message: `${schemaName}: ${diagnostic.message}`,
    offset: offsetOf(output.content, diagnostic.line, diagnostic.column),
    hint: diagnostic.hint ?? 'This is a defect of the export stylesheet; please report it with the TEI files.',
    cause: diagnostic.cause ?? diagnostic.message,
  };
}

function grouped(outputs: readonly Output[], byFile: Map<string, Diagnostic[]>, schemaName: string, ruleId: string, extra?: Finding): Map<Output, Finding[]> {
  const result = new Map<Output, Finding[]>();
  for (const [index, output] of outputs.entries()) {
    const list = (byFile.get(output.path) ?? []).map((d) => asFinding(output, d, schemaName, ruleId));
    result.set(output, index === 0 && extra ? [extra, ...list] : list);
  }
  return result;
}

const textCache = new Map<string, string>();
function readCached(file: string): string {
  let text = textCache.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    textCache.set(file, text);
  }
  return text;
}

/** The official CMIF schemas in the store: `cmi-customization.rng`, and `cmif.sch` from its folder (else the first in the store); neither without the RELAX NG. */
export function officialCmifSchemas(store: SchemaStore | undefined): { relaxNg?: StoredSchema; schematron?: StoredSchema } {
  const relaxNg = store?.byName('cmi-customization', 'relaxng');
  if (!store || !relaxNg) return {};
  const schematron = store.schemas.find((s) => s.kind === 'schematron' && s.name === 'cmif' && path.dirname(s.path) === path.dirname(relaxNg.path)) ?? store.byName('cmif', 'schematron');
  return schematron ? { relaxNg, schematron } : { relaxNg };
}

/** Compiled Schematron schemas by file and text: read again on every check, so that a schema edited while the process runs (`tei-edition serve`) is not checked with stale rules whose findings the build cache would then keep. */
const schematronCache = new Map<string, { schema?: CompiledSchematron; diagnostics: Diagnostic[] }>();
function compiledSchematron(file: string): { schema?: CompiledSchematron; diagnostics: Diagnostic[] } {
  const text = readFileSync(file, 'utf8');
  const key = `${file}\0${text}`;
  let compiled = schematronCache.get(key);
  if (!compiled) {
    compiled = compileSchematron(text, file);
    schematronCache.set(key, compiled);
  }
  return compiled;
}

async function checkCmif(outputs: readonly Output[], options: ExportCheckOptions): Promise<Map<Output, Finding[]>> {
  const { relaxNg: rng, schematron: sch } = officialCmifSchemas(options.store);
  const rngFile = rng?.path ?? OWN_EXPORT_SCHEMAS.cmif;
  const rngName = path.basename(rngFile);
  const byFile = await validateRelaxNg(outputs.map((o) => ({ file: o.path, text: o.content })), { file: rngFile, text: readCached(rngFile) });
  const result = grouped(outputs, byFile, `CMIF (${rngName})`, 'check/cmif-schema', rng ? undefined : skipped('CMIF 1.1 RELAX NG and Schematron', 'cmi-customization.rng (with cmif.sch)', 'schemas/cmif-export.rng'));
  if (sch) {
    const compiled = compiledSchematron(sch.path);
    for (const output of outputs) {
      // A node of the header has the same path in the header alone as in cmif.xml, so a finding on it is placed in cmif.xml.
      let index: SourceIndex | undefined;
      const locate = (nodePath: string) => (index ??= indexSource(output.content)).findByPath(nodePath)?.start;
      const diagnostics = compiled.schema ? runSchematron(compiled.schema, await parseXml(options.cmifHeader ?? output.content), output.path, locate) : compiled.diagnostics;
      result.get(output)!.push(...diagnostics.map((d) => asFinding(output, d, `CMIF (${path.basename(sch.path)})`, 'check/cmif-schematron')));
    }
  } else if (rng) {
    result.get(outputs[0]!)!.unshift(skipped('CMIF Schematron', 'cmif.sch', 'the RELAX NG schema only'));
  }
  for (const output of outputs) result.get(output)!.push(...cmifLicence(output));
  return result;
}

/** Where a one-letter CMIF document holds the letter's entries (one per correspDesc of the letter), as the Schematron's `path()` gives them (namespaces dropped). */
const ENTRY_PATH = /^\/TEI\[1\]\/teiHeader\[1\]\/profileDesc\[1\]\/correspDesc\[(\d+)\]/;

/**
 * Checks a letter's entries in cmif.xml with the official `cmif.sch`:
 * `document` is the edition's CMIF header with only this letter's
 * `correspDesc` entries (`cmifDocument` in `stages/transform.ts`). A
 * finding on an entry names the letter's TEI file and has no line or column
 * (the entry's line in cmif.xml depends on the other letters, and the
 * finding is cached with the letter); its `path` is the node's XPath in
 * cmif.xml, the entry chosen by its `@ref`. Findings on the header are left
 * to the header's check (see {@link ExportCheckOptions.cmifHeader}); a
 * schema that does not compile is reported there too.
 *
 * The entries get the verdicts they get in cmif.xml because no rule of
 * `cmif.sch` looks from one `correspDesc` into another: each looks at its
 * context node and below, and `correspDesc/@source` at the `bibl` ids of the
 * document, which `cmif.xsl` writes in the header only.
 */
export async function checkCmifEntry(document: string, letter: { file: string; id: string }, schematronFile: string): Promise<Diagnostic[]> {
  const compiled = compiledSchematron(schematronFile);
  if (!compiled.schema) return [];
  const parsed = await parseXml(document);
  const refs = evaluateItems('/*/*:teiHeader/*:profileDesc/*:correspDesc ! string(@ref)', parsed, { namespaces: {} }).map(String);
  const schemaName = `CMIF (${path.basename(schematronFile)})`;
  return runSchematron(compiled.schema, parsed, 'cmif.xml', () => undefined).flatMap((found): Diagnostic[] => {
    // Without a path, the finding is about the schema (an XPath error), wherever it was met.
    if (found.path === undefined) return [found];
    const entry = ENTRY_PATH.exec(found.path);
    if (!entry) return [];
    return [
      {
        file: letter.file,
        severity: found.severity,
        source: 'check',
        ruleId: 'check/cmif-schematron',
        message: `cmif.xml, entry of letter ${letter.id}: ${schemaName}: ${found.message}`,
        hint: found.hint ?? 'This is a defect of the export stylesheet; please report it with the TEI file.',
        path: `/TEI/teiHeader/profileDesc/correspDesc[@ref="${refs[Number(entry[1]) - 1] ?? ''}"]${found.path.slice(entry[0].length)}`,
        cause: found.message,
      },
    ];
  });
}

/** correspSearch accepts CMIF under CC BY 4.0 or CC0 only. */
function cmifLicence(output: Output): Finding[] {
  const match = /<licence target="([^"]*)"/.exec(output.content);
  if (match && /creativecommons\.org\/(licenses\/by\/4\.0|publicdomain\/zero\/1\.0)\/?$/.test(match[1]!)) return [];
  return [
    {
      ruleId: 'check/cmif-licence',
      message: `The CMIF licence is ${match ? match[1] : 'missing'}; correspSearch takes CMIF files only under CC BY 4.0 or CC0 1.0.`,
      offset: match?.index,
      hint: 'Set "licence" in edition.config.json to https://creativecommons.org/licenses/by/4.0/ or https://creativecommons.org/publicdomain/zero/1.0/.',
    },
  ];
}

/** The official OAI-PMH schemas in the store: OAI-PMH.xsd and its imports from the same folder. */
function officialOaiPmh(store: SchemaStore | undefined): StoredSchema[] | undefined {
  const main = store?.byName('OAI-PMH', 'xsd');
  if (!main) return undefined;
  const folder = path.dirname(main.path);
  const files = OAI_PMH_FILES.map((name) => store!.schemas.find((s) => s.kind === 'xsd' && s.path === path.join(folder, name)));
  return files.every((file) => file !== undefined) ? (files as StoredSchema[]) : undefined;
}

/** Rewrites absolute schemaLocations to the local file of the same name, as the schema folder's catalog.xml maps them. */
function localSchemaLocations(text: string): string {
  return text.replace(/schemaLocation="[a-z]+:\/\/[^"]*\/([^"/]+\.xsd)"/g, 'schemaLocation="$1"');
}

async function checkOaiPmh(outputs: readonly Output[], store: SchemaStore | undefined): Promise<Map<Output, Finding[]>> {
  const official = officialOaiPmh(store);
  const docs = outputs.map((o) => ({ file: o.path, text: o.content }));
  if (!official) {
    const byFile = await validateRelaxNg(docs, { file: OWN_EXPORT_SCHEMAS.oaiPmh, text: readCached(OWN_EXPORT_SCHEMAS.oaiPmh) });
    return grouped(outputs, byFile, 'OAI-PMH (oai-pmh-export.rng)', 'check/oai-pmh-schema', skipped('OAI-PMH 2.0 and oai_dc XML Schema', `${OAI_PMH_FILES.join(', ')} (one folder)`, 'schemas/oai-pmh-export.rng'));
  }
  const preload: XmlSchemaFile[] = official.map((schema) => ({ fileName: path.basename(schema.path), contents: localSchemaLocations(readCached(schema.path)) }));
  const driver = [
    '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">',
    '<xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="OAI-PMH.xsd"/>',
    '<xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="oai_dc.xsd"/>',
    '</xs:schema>',
  ].join('\n');
  const { byFile } = await validateXmlSchema(docs, { file: official[0]!.path, text: driver }, preload);
  return grouped(outputs, byFile, 'OAI-PMH (OAI-PMH.xsd, oai_dc.xsd)', 'check/oai-pmh-schema');
}

async function checkTeiCorpus(outputs: readonly Output[], store: SchemaStore | undefined): Promise<Map<Output, Finding[]>> {
  const teiAll = store?.byName('tei_all', 'relaxng');
  const docs = outputs.map((o) => ({ file: o.path, text: o.content }));
  if (!teiAll) {
    const byFile = await checkWellFormed(docs);
    return grouped(outputs, byFile, 'TEI corpus', 'check/tei-corpus-schema', skipped('TEI (tei_all) validation of the corpus', 'tei_all.rng', 'a well-formedness check'));
  }
  const byFile = await validateRelaxNg(docs, { file: teiAll.path, text: readCached(teiAll.path), hash: teiAll.sha256 });
  return grouped(outputs, byFile, 'TEI corpus (tei_all.rng)', 'check/tei-corpus-schema');
}

const ajvCache = new Map<string, ValidateFunction>();
function jsonValidator(file: string): ValidateFunction {
  let validate = ajvCache.get(file);
  if (!validate) {
    const schema = JSON.parse(readCached(file)) as { $schema?: string };
    validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile({ ...schema, $schema: undefined });
    ajvCache.set(file, validate);
  }
  return validate;
}

function jsonFindings(validate: ValidateFunction, data: unknown, schemaName: string, ruleId: string): Finding[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((error) => ({
    ruleId,
    message: `${schemaName}: ${error.instancePath || 'the document'} ${error.message ?? 'is invalid'}${error.keyword === 'additionalProperties' ? ` ("${(error.params as { additionalProperty: string }).additionalProperty}")` : ''}.`,
    offset: 0,
    hint: 'This is a defect of the release-metadata generator (src/export/release-metadata.ts) or of the edition config; please report it.',
    cause: error,
  }));
}

/** The official CFF JSON Schema in the store: a JSON Schema whose $id names the Citation File Format. */
function officialCff(store: SchemaStore | undefined): StoredSchema | undefined {
  return store?.schemas.find((s) => s.kind === 'json-schema' && /citation-file-format/.test(readCached(s.path).slice(0, 2000)));
}

async function checkCitationCff(outputs: readonly Output[], store: SchemaStore | undefined): Promise<Map<Output, Finding[]>> {
  const official = officialCff(store);
  const file = official?.path ?? OWN_EXPORT_SCHEMAS.cff;
  const name = official ? 'CFF 1.2.0 (schema.json)' : 'CFF (cff-export.json)';
  const result = new Map<Output, Finding[]>();
  for (const [index, output] of outputs.entries()) {
    const read = readYamlSubset(output.content);
    const list: Finding[] = read.ok
      ? jsonFindings(jsonValidator(file), read.value, name, 'check/citation-cff-schema')
      : [{ ruleId: 'check/citation-cff-syntax', message: `CITATION.cff line ${read.line}: ${read.message}.`, offset: offsetOf(output.content, read.line, 1) }];
    if (index === 0 && !official) list.unshift(skipped('Citation File Format 1.2.0 JSON Schema', 'the CFF schema.json (its $id names citation-file-format)', 'schemas/cff-export.json'));
    result.set(output, list);
  }
  return result;
}

async function checkZenodo(outputs: readonly Output[]): Promise<Map<Output, Finding[]>> {
  const result = new Map<Output, Finding[]>();
  for (const output of outputs) {
    let data: unknown;
    try {
      data = JSON.parse(output.content);
    } catch (error) {
      result.set(output, [{ ruleId: 'check/zenodo-schema', message: `.zenodo.json is not JSON: ${(error as Error).message}`, offset: 0, cause: error }]);
      continue;
    }
    result.set(output, jsonFindings(jsonValidator(OWN_EXPORT_SCHEMAS.zenodo), data, 'Zenodo metadata (zenodo-export.json)', 'check/zenodo-schema'));
  }
  return result;
}
