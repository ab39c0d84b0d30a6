/** The library API of tei-edition: the same `run` the command line uses, and the pipeline stages. */
export { run, EXIT, type RunIO, type RunOptions, type ValidateCommand, type SchemasCommand, type ReportFormat } from './run.js';
export type { Diagnostic, Severity, DiagnosticSource, Position } from './diagnostic.js';
export { loadConfig, DEFAULT_CONFIG, type EditionConfig } from './config.js';
export { SchemaStore, schemaFolders, type StoredSchema } from './schema-store.js';
export { loadDocuments, type SourceDocument } from './stages/load.js';
export { validateDocuments, type ValidatedDocument } from './stages/validate.js';
export { formatHuman } from './report/human.js';
export { formatJson } from './report/json.js';
