/**
 * Validate stage: for each loaded document, in this order, well-formedness,
 * the TEI root, its grammar (RELAX NG or W3C XML Schema; all documents
 * sharing a schema in one compile; a document bound for RELAX NG is parsed
 * once by libxml2 for well-formedness and validity together), ID checks, ISO Schematron, and optionally
 * the Schematron embedded in the RELAX NG schema. SaxonJS is loaded, and a
 * document parsed with it, only when a Schematron checks that document. Every step reports all it
 * finds; a step that makes later ones meaningless (not well-formed, not TEI)
 * marks the document failed. With a validation cache, a document whose
 * text, path and schemas are unchanged since an earlier run takes its verdict
 * and diagnostics from the cache and skips every step.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hasErrors, portableDiagnostic, type Diagnostic } from '../diagnostic.js';
import { checkAndValidateRelaxNg, checkWellFormed, libxml2WorkersFor, validateXmlSchema, type XmlSchemaError } from '../adapters/xmllint.js';
import { startLibxml2 } from '../adapters/libxml2.js';
import type { SaxonJS } from '../adapters/saxon-js.js';
import type { CompiledSchematron } from '../adapters/schematron.js';
import type { SchemaStore, StoredSchema } from '../schema-store.js';
import type { StepTimings } from '../timings.js';
import { checkIds } from '../validate/ids.js';
import { PrunedGrammarCache } from '../validate/relaxng/grammar-cache.js';
import type { CachedValidation, DocumentFacts, ValidationCache } from '../validate/validation-cache.js';
import { readXmlSchemaFiles } from '../validate/xml-schema-files.js';
import { indexRoot, indexSource, type ElementLocation, type SourceIndex } from '../xml/source-index.js';
import { mapPosition } from '../xml/xinclude.js';
import { isRelaxNgModel, isSchematronModel, isXmlSchemaModel, readXmlModels } from '../xml/xml-model.js';
import { readXsiSchemaLocation } from '../xml/xsi-schema-location.js';
import { displayPath, type SourceDocument } from './load.js';
import { isoDay } from '../iso-day.js';

/** The TEI namespace. */
export const TEI_NAMESPACE = 'http://www.tei-c.org/ns/1.0';

/** Schema used when neither --schema nor an xml-model declaration names one. */
export const DEFAULT_SCHEMA = 'tei_all';

/** A document after validation: parsed once, with its index and verdict. */
export interface ValidatedDocument extends SourceDocument {
  /** The SaxonJS document node, made only for a document a Schematron checks (the build parses the others where it transforms them); absent when parsing failed. */
  saxonDocument?: unknown;
  /** The document's index, kept only for a document a Schematron checks (the others' are dropped once their IDs and facts are read: holding a thousand indexes cost the main thread 0.5 s of garbage collection in a 1.8 s run). */
  index?: SourceIndex;
  /** The grammar the document was validated against: a RELAX NG schema or a W3C XML Schema. */
  schema?: StoredSchema;
  /** True when no error was found in any stage so far. */
  valid: boolean;
  /** What the build reads of a valid document (from its index, or from the validation cache). */
  facts?: DocumentFacts;
}

/** Options of the validate stage. */
export interface ValidateOptions {
  store: SchemaStore;
  cwd: string;
  /** Schema name or file (RELAX NG or W3C XML Schema) for every document; overrides the schemas documents declare. */
  schema?: string;
  /** Also run the Schematron embedded in the RELAX NG schema. */
  embeddedSchematron?: boolean;
  /** Upper bound for one RELAX NG or XML Schema run (milliseconds). */
  grammarTimeoutMs?: number;
  /** Where verdicts of unchanged documents are kept between runs (absent: validate everything). */
  cache?: ValidationCache;
  /** Folder where pruned RELAX NG grammars are kept between runs (the CLI: `.cache/relaxng` under the working directory); absent: none kept. */
  grammarCacheDir?: string;
  /** Receives the wall time of each step (`--timings`). */
  timings?: StepTimings;
}

/** Validates documents; returns them with diagnostics attached, run-level diagnostics (schema problems) and the files whose verdict came from the cache. */
export async function validateDocuments(documents: readonly SourceDocument[], options: ValidateOptions): Promise<{ documents: ValidatedDocument[]; diagnostics: Diagnostic[]; reused: string[] }> {
  const runDiagnostics: Diagnostic[] = [];
  const validated: ValidatedDocument[] = documents.map((d) => ({ ...d, diagnostics: [...d.diagnostics], valid: false }));
  const cacheKeys = new Map<ValidatedDocument, string>();
  const fromCache = new Set<ValidatedDocument>();
  if (options.cache) {
    const schemaDigests = options.store.schemas.map((schema) => schema.sha256);
    for (const document of validated) {
      // Documents the load stage already judged are not cached: their diagnostics come from loading.
      if (document.failed || document.diagnostics.length > 0) continue;
      const key = options.cache.key(document, schemaDigests, options);
      const cached = await options.cache.read(key);
      if (cached && applyCached(document, cached, options.store)) fromCache.add(document);
      else cacheKeys.set(document, key);
    }
  }
  const active = () => validated.filter((d) => !d.failed && !fromCache.has(d));
  const timings = options.timings;

  // A large run's second worker loads libxml2 while the roots are read and the documents indexed.
  if (active().length > 0) startLibxml2(libxml2WorkersFor(active().length));
  // The root and the schema are read before libxml2 parses anything, so that a document bound for RELAX NG is parsed once, for well-formedness and validity together. Their findings are held back: a document that is not well-formed reports only that.
  const candidates = active();
  const held = new Map<ValidatedDocument, Diagnostic[]>();
  const roots = new Map<ValidatedDocument, ElementLocation | undefined>();
  const groups = new Map<string, { schema: StoredSchema; documents: ValidatedDocument[] }>();
  const parseOnly: ValidatedDocument[] = [];
  const started = performance.now();
  const explicitSchema = options.schema === undefined ? undefined : resolveExplicitSchema(options.schema, options, runDiagnostics);
  for (const document of candidates) {
    const before = document.diagnostics.length;
    const root = indexRoot(document.text);
    roots.set(document, root);
    checkTeiRoot(document, root);
    const schema = document.failed ? undefined : options.schema === undefined ? declaredSchema(document, root, options) : explicitSchema;
    held.set(document, document.diagnostics.splice(before));
    if (!schema) {
      document.failed = true;
      parseOnly.push(document);
      continue;
    }
    document.schema = schema;
    if (schema.kind !== 'relaxng') parseOnly.push(document);
    const group = groups.get(schema.path) ?? { schema, documents: [] };
    group.documents.push(document);
    groups.set(schema.path, group);
  }
  timings?.add('root and schema', performance.now() - started);

  const wellFormedness = new Map<string, Diagnostic[]>();
  const grammarFindings = new Map<string, Diagnostic[]>();
  const grammarCache = options.grammarCacheDir === undefined ? undefined : new PrunedGrammarCache(options.grammarCacheDir);
  const libxml2Passes = async (): Promise<void> => {
    if (parseOnly.length > 0) {
      const found = await (timings ? timings.time('well-formed', () => checkWellFormed(sourcesOf(parseOnly))) : checkWellFormed(sourcesOf(parseOnly)));
      for (const [file, diagnostics] of found) wellFormedness.set(file, diagnostics);
    }
    for (const { schema, documents: group } of groups.values()) {
      if (schema.kind !== 'relaxng') continue;
      const pass = () => checkAndValidateRelaxNg(sourcesOf(group), { file: schema.path, text: readFileSync(schema.path, 'utf8'), hash: schema.sha256 }, {
        timeoutMs: options.grammarTimeoutMs,
        ...(grammarCache ? { grammarCache } : {}),
        onRunDiagnostic: (diagnostic) => runDiagnostics.push({ ...diagnostic, ...(diagnostic.file ? { file: displayPath(diagnostic.file, options.cwd) } : {}) }),
        ...(timings ? { timings } : {}),
      });
      const found = await (timings ? timings.time('well-formed+grammar', pass) : pass());
      for (const document of group) {
        const diagnostics = found.get(document.file) ?? [];
        wellFormedness.set(document.file, diagnostics.filter((d) => d.source === 'well-formedness'));
        grammarFindings.set(document.file, diagnostics.filter((d) => d.source !== 'well-formedness'));
      }
    }
  };
  // Our index (for IDs, facts, Schematron) is built while libxml2 works in its thread: one document at a time, letting the passes go on in between.
  // What is read from it is held until libxml2 says whether the document is well-formed and valid.
  const idFindings = new Map<ValidatedDocument, Diagnostic[]>();
  const factsFound = new Map<ValidatedDocument, DocumentFacts>();
  const indexing = async (): Promise<void> => {
    let schematronNeeded = false;
    for (const document of candidates) {
      const indexStarted = performance.now();
      const index = indexSource(document.text);
      idFindings.set(document, checkIds(index, document.file));
      factsFound.set(document, documentFacts(index));
      if (mayNeedSchematron(document, options)) {
        document.index = index;
        schematronNeeded = true;
      }
      timings?.add('index, IDs and facts (beside libxml2)', performance.now() - indexStarted);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // By now libxml2 has its work: SaxonJS, which takes 0.1–0.4 s to load, loads while libxml2 validates.
    if (schematronNeeded) void schematronEngine().catch(() => undefined);
  };
  await Promise.all([libxml2Passes(), indexing()]);
  for (const document of candidates) {
    const found = wellFormedness.get(document.file) ?? [];
    document.diagnostics.push(...found);
    if (hasErrors(found)) {
      document.failed = true;
      document.index = undefined;
      document.schema = undefined;
      continue;
    }
    document.diagnostics.push(...held.get(document)!);
    const grammar = grammarFindings.get(document.file);
    if (grammar) document.diagnostics.push(...withDeclaredXmlSchemaExplained(grammar, roots.get(document), document.schema!, options));
  }

  for (const { schema, documents } of groups.values()) {
    const group = documents.filter((document) => !document.failed);
    if (schema.kind !== 'xsd' || group.length === 0) continue;
    const files = readXmlSchemaFiles(schema.path);
    const shownPath = displayPath(schema.path, options.cwd);
    const run = () => validateXmlSchema(sourcesOf(group), { file: shownPath, text: files.text }, files.preload, { timeoutMs: options.grammarTimeoutMs });
    const { byFile, schemaError } = await (timings ? timings.time('xml schema', run) : run());
    if (schemaError) runDiagnostics.push(xmlSchemaError(schema, shownPath, schemaError, options.cwd));
    for (const document of group) document.diagnostics.push(...(byFile.get(document.file) ?? []));
  }

  for (const document of active()) document.diagnostics.push(...idFindings.get(document)!);

  // SaxonJS and the Schematron engine take 0.1–0.4 s to load (with and without V8's cached code), and SaxonJS about 2 ms to parse a letter: only documents a Schematron checks need them.
  const schematronChecks = active().map((document) => ({
    document,
    schemas: schematronFor(document, options),
    embedded: options.embeddedSchematron === true && document.schema?.kind === 'relaxng' ? document.schema : undefined,
  })).filter((check) => check.schemas.length > 0 || check.embedded);
  const schematronStarted = performance.now();
  if (schematronChecks.length > 0) {
    const [saxonJS, { compileSchematron, extractEmbeddedSchematron, runSchematron }] = await schematronEngine();
    const schematronCache = new Map<string, CompiledSchematron | undefined>();
    const prepare = (key: string, make: () => { schema?: CompiledSchematron; diagnostics: Diagnostic[] }) => {
      if (!schematronCache.has(key)) {
        const prepared = make();
        runDiagnostics.push(...prepared.diagnostics);
        schematronCache.set(key, prepared.schema);
      }
      return schematronCache.get(key);
    };
    for (const { document, schemas, embedded } of schematronChecks) {
      try {
        document.saxonDocument = await saxonJS.getResource({ type: 'xml', text: document.text });
      } catch (error) {
        document.diagnostics.push({ file: document.file, severity: 'error', source: 'well-formedness', ruleId: 'xml/parse-failed', message: `The XML parser failed: ${errorMessage(error)}`, hint: 'Check the file for constructs other XML tools reject, such as undeclared entities.', cause: error });
        document.failed = true;
        continue;
      }
      const index = (document.index ??= indexSource(document.text));
      const locate = (nodePath: string) => index.findByPath(nodePath)?.start;
      const withDisplayPath = (d: Diagnostic): Diagnostic => {
        const element = d.path && d.file === document.file ? index.findByPath(d.path) : undefined;
        return element ? { ...d, path: element.displayPath } : d;
      };
      for (const sch of schemas) {
        const compiled = prepare(sch.path, () => compileSchematron(readFileSync(sch.path, 'utf8'), sch.path));
        if (compiled) document.diagnostics.push(...runSchematron(compiled, document.saxonDocument, document.file, locate).map(withDisplayPath));
      }
      if (embedded) {
        const schema = prepare(`embedded:${embedded.path}`, () => extractEmbeddedSchematron(readFileSync(embedded.path, 'utf8'), embedded.path));
        if (schema) document.diagnostics.push(...runSchematron(schema, document.saxonDocument, document.file, locate).map(withDisplayPath));
      }
    }
  }

  if (schematronChecks.length > 0) timings?.add('schematron', performance.now() - schematronStarted);

  for (const document of validated) {
    if (fromCache.has(document)) continue;
    document.diagnostics = withoutRepeatedPointerWarnings(document.diagnostics);
    if (document.lineMapping.segments.length > 0) document.diagnostics = document.diagnostics.map((d) => remap(d, document));
    document.valid = !document.failed && !hasErrors(document.diagnostics);
    const facts = factsFound.get(document);
    if (document.valid && facts) document.facts = facts;
  }
  // A run whose schemas could not all be prepared (run diagnostics) leaves nothing in the cache.
  if (options.cache && !hasErrors(runDiagnostics)) {
    for (const [document, key] of cacheKeys) {
      const validation = { valid: document.valid, diagnostics: document.diagnostics.map(portableDiagnostic), ...(document.schema ? { schemaPath: document.schema.path } : {}), ...(document.facts ? { facts: document.facts } : {}) };
      await options.cache.write(key, validation).catch(() => undefined);
    }
  }
  return { documents: validated, diagnostics: runDiagnostics, reused: validated.filter((d) => fromCache.has(d)).map((d) => d.file) };
}

/** Gives a document its cached verdict; false when the cached schema is no longer in the store (then it is validated again). */
function applyCached(document: ValidatedDocument, cached: CachedValidation, store: SchemaStore): boolean {
  const schema = cached.schemaPath === undefined ? undefined : store.schemas.find((candidate) => candidate.path === cached.schemaPath);
  if (cached.schemaPath !== undefined && !schema) return false;
  document.diagnostics = cached.diagnostics;
  document.valid = cached.valid;
  document.failed = !cached.valid;
  if (schema) document.schema = schema;
  if (cached.facts) document.facts = cached.facts;
  return true;
}

/**
 * The root's xml:id and the days the letter gives for its own publication or
 * change (see {@link DocumentFacts.changeDates}), from the source index.
 */
export function documentFacts(index: SourceIndex): DocumentFacts {
  const rootId = index.elements[0]?.attributes.find((attribute) => attribute.name === 'xml:id')?.value;
  const changeDates = index.elements.flatMap((element) => {
    const names = CHANGE_DATE_ATTRIBUTES.find((candidate) => candidate.element === element.localName && hasAncestor(index, element.parent, candidate.within))?.attributes ?? [];
    return element.attributes.filter((attribute) => names.includes(attribute.name)).flatMap((attribute) => isoDay(attribute.value));
  });
  return { ...(rootId === undefined ? {} : { rootId }), changeDates };
}

/** Where a letter dates its own publication or change: the element, an element it is inside, and the attributes read (W3C, then ISO twins). */
const CHANGE_DATE_ATTRIBUTES: readonly { element: string; within: string; attributes: readonly string[] }[] = [
  { element: 'date', within: 'publicationStmt', attributes: ['when', 'notAfter', 'to', 'when-iso', 'notAfter-iso', 'to-iso'] },
  { element: 'change', within: 'revisionDesc', attributes: ['when', 'when-iso'] },
  { element: 'date', within: 'editionStmt', attributes: ['when', 'when-iso'] },
];

/** True when the element at `index` (or one of its ancestors) has the local name. */
function hasAncestor(source: SourceIndex, index: number, localName: string): boolean {
  for (let at = index; at >= 0; at = source.elements[at]!.parent) {
    if (source.elements[at]!.localName === localName) return true;
  }
  return false;
}

/** Refuses documents whose root is not a TEI P5 element (the check behind "not TEI" and "TEI P4"). */
function checkTeiRoot(document: ValidatedDocument, root: ElementLocation | undefined): void {
  if (!root) return;
  if (root.namespaceUri === TEI_NAMESPACE) return;
  const p4 = root.localName === 'TEI.2' || (root.localName === 'TEI' && root.namespaceUri === '');
  document.diagnostics.push({
    file: document.file,
    line: root.start.line,
    column: root.start.column,
    severity: 'error',
    source: 'load',
    ruleId: p4 ? 'load/tei-p4' : 'load/not-tei',
    message: p4
      ? `The root <${root.qualifiedName}> has no TEI namespace: this looks like a TEI P4 document.`
      : `The root element <${root.qualifiedName}>${root.namespaceUri ? ` (namespace ${root.namespaceUri})` : ''} is not a TEI element.`,
    hint: p4
      ? 'Convert the document to TEI P5: the root must be <TEI xmlns="http://www.tei-c.org/ns/1.0"> (the TEI Consortium offers P4-to-P5 conversion).'
      : 'tei-edition validates TEI P5 documents, whose root is <TEI xmlns="http://www.tei-c.org/ns/1.0"> or <teiCorpus>.',
    path: root.displayPath,
  });
  document.failed = true;
}

/** The schema --schema names: a RELAX NG schema, else a W3C XML Schema, by store name or file; unknown: a run diagnostic. */
function resolveExplicitSchema(reference: string, options: ValidateOptions, runDiagnostics: Diagnostic[]): StoredSchema | undefined {
  const schema = options.store.resolve(reference, { cwd: options.cwd, kind: 'relaxng' }) ?? options.store.resolve(reference, { cwd: options.cwd, kind: 'xsd' });
  if (!schema) runDiagnostics.push(options.store.unknownSchema(reference, {}, /\.xsd$/i.test(reference) ? 'xsd' : 'relaxng'));
  return schema;
}

/**
 * The grammar a document declares: the first RELAX NG or XML Schema its
 * `<?xml-model?>` declarations name, else the XML Schema its root names with
 * `xsi:schemaLocation` or `xsi:noNamespaceSchemaLocation`; else tei_all.
 */
function declaredSchema(document: ValidatedDocument, root: ElementLocation | undefined, options: ValidateOptions): StoredSchema | undefined {
  const model = readXmlModels(document.text).find((candidate) => isRelaxNgModel(candidate) || isXmlSchemaModel(candidate));
  if (model) {
    const kind = isRelaxNgModel(model) ? 'relaxng' : 'xsd';
    const schema = options.store.resolve(model.href, { baseFile: document.absolutePath, cwd: options.cwd, kind });
    if (!schema) document.diagnostics.push(options.store.unknownSchema(model.href, { file: document.file, line: model.line, column: model.column }, kind));
    return schema;
  }
  const located = root && readXsiSchemaLocation(root);
  if (located) {
    const schema = options.store.resolve(located.href, { baseFile: document.absolutePath, cwd: options.cwd, kind: 'xsd' });
    if (!schema) document.diagnostics.push(options.store.unknownSchema(located.href, { file: document.file, ...located.position }, 'xsd'));
    return schema;
  }
  const fallback = options.store.byName(DEFAULT_SCHEMA, 'relaxng');
  if (!fallback) document.diagnostics.push({ ...options.store.unknownSchema(DEFAULT_SCHEMA, { file: document.file }), message: `The document declares no schema (<?xml-model?>, xsi:schemaLocation) and the default schema "${DEFAULT_SCHEMA}" is not in the schema store.` });
  return fallback;
}

/** The run diagnostic of an XML Schema that does not compile, on the schema file (and line) libxml2 names. */
function xmlSchemaError(schema: StoredSchema, shownPath: string, error: XmlSchemaError, cwd: string): Diagnostic {
  const file = error.file === shownPath ? shownPath : displayPath(path.join(path.dirname(schema.path), error.file), cwd);
  return {
    file,
    ...(error.line === undefined ? {} : { line: error.line }),
    severity: 'error',
    source: 'schema-store',
    ruleId: 'schema-store/xml-schema-error',
    message: `The XML Schema ${shownPath} does not compile: ${error.message}`,
    hint: 'Correct the schema where libxml2 says. The schemas it includes or imports must be in its folder or below, under the names their schemaLocation gives (a URL is matched by its file name; nothing is downloaded).',
    cause: error.cause,
  };
}

/**
 * A RELAX NG schema that does not allow `xsi:schemaLocation` (tei_all)
 * reports it on the root as an error, as jing does; when the letter names
 * its own XML Schema with it, the report says so and how to validate with it.
 */
function withDeclaredXmlSchemaExplained(diagnostics: Diagnostic[], root: ElementLocation | undefined, schema: StoredSchema, options: ValidateOptions): Diagnostic[] {
  const located = root && readXsiSchemaLocation(root);
  if (!located) return diagnostics;
  const declared = path.posix.basename(located.href.split(/[?#]/)[0]!);
  const chosenBy = options.schema === undefined ? 'which its <?xml-model?> declaration names first' : 'as --schema asks';
  const howTo = options.schema === undefined ? `pass --schema ${declared} (or remove the <?xml-model?> declaration)` : `leave out --schema, or pass --schema ${declared}`;
  return diagnostics.map((d) =>
    d.source === 'relaxng' && d.line === located.position.line && d.column === located.position.column
      ? {
          ...d,
          message: `${d.message} The letter declares its own schema with @${located.attribute}: ${declared} (a W3C XML Schema); it was validated against ${schema.name} instead, ${chosenBy}.`,
          hint: `To validate the letter with ${declared}, ${howTo}. To validate it with ${schema.name}, remove @${located.attribute}.`,
        }
      : d,
  );
}

/** The Schematron schemas for a document: its grammar's companion, and (without --schema) those its xml-model declarations name. */
function schematronFor(document: ValidatedDocument, options: ValidateOptions): StoredSchema[] {
  const found = new Map<string, StoredSchema>();
  if (document.schema) {
    const companion = options.store.companionSchematron(document.schema);
    if (companion) found.set(companion.path, companion);
  }
  if (!options.schema) {
    for (const model of readXmlModels(document.text).filter(isSchematronModel)) {
      const schema = options.store.resolve(model.href, { baseFile: document.absolutePath, cwd: options.cwd, kind: 'schematron' });
      if (schema) found.set(schema.path, schema);
      else document.diagnostics.push(options.store.unknownSchema(model.href, { file: document.file, line: model.line, column: model.column }));
    }
  }
  return [...found.values()];
}

/**
 * Drops the ID stage's warning about an unresolved pointer when the schema's
 * own Schematron already reported that pointer on the same element.
 */
function withoutRepeatedPointerWarnings(diagnostics: Diagnostic[]): Diagnostic[] {
  const comparablePath = (p?: string) => (p ?? '').replace(/\[1\]/g, '');
  const schematron = diagnostics.filter((d) => d.source === 'schematron');
  return diagnostics.filter((d) => {
    if (d.ruleId !== 'ids/unresolved-pointer') return true;
    const pointer = /"(#[^"]+)"/.exec(d.message)?.[1] ?? '';
    return !schematron.some((s) => comparablePath(s.path) === comparablePath(d.path) && s.message.includes(pointer));
  });
}

function remap(diagnostic: Diagnostic, document: ValidatedDocument): Diagnostic {
  if (diagnostic.line === undefined || diagnostic.file !== document.file || diagnostic.source === 'load' || diagnostic.source === 'xinclude') return diagnostic;
  const mapped = mapPosition(document.lineMapping, document.file, diagnostic.line, diagnostic.column);
  return { ...diagnostic, file: mapped.file, line: mapped.line, column: mapped.column };
}

let schematronModules: Promise<[SaxonJS, typeof import('../adapters/schematron.js')]> | undefined;

/** SaxonJS and the Schematron adapter, loaded once. */
function schematronEngine(): Promise<[SaxonJS, typeof import('../adapters/schematron.js')]> {
  schematronModules ??= Promise.all([import('../adapters/saxon-js.js').then(({ saxonJS }) => saxonJS()), import('../adapters/schematron.js')]);
  return schematronModules;
}

/** Whether a Schematron is likely to check the document (what {@link schematronFor} decides, without its diagnostics). */
function mayNeedSchematron(document: ValidatedDocument, options: ValidateOptions): boolean {
  if (!document.schema) return false;
  if (options.embeddedSchematron === true && document.schema.kind === 'relaxng') return true;
  return options.store.companionSchematron(document.schema) !== undefined || (!options.schema && readXmlModels(document.text).some(isSchematronModel));
}

function sourcesOf(documents: readonly ValidatedDocument[]): { file: string; text: string }[] {
  return documents.map((document) => ({ file: document.file, text: document.text }));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
