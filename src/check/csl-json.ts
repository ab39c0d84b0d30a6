/**
 * CSL-JSON check: the letter's CSL-JSON must be JSON, valid against the
 * product's CSL-JSON subset schema (`schemas/csl-data-subset.json`, compiled
 * once per run), and renderable by citeproc.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { CiteItem } from '@citation-js/core';
import { CitationRenderError, renderCitation, type RenderedCitation } from './citation.js';
import { escapePointerToken, locateJsonPointers } from './json-pointers.js';
import type { Finding } from './report.js';

/** Location of the product's CSL-JSON schema, relative to this module in `src/check/` and in `lib/check/`. */
export const CSL_SUBSET_SCHEMA_URL = new URL('../../schemas/csl-data-subset.json', import.meta.url);

/** What the CSL-JSON check found, and what later checks need from it. */
export interface CslJsonCheckResult {
  findings: Finding[];
  /** The parsed items, when the text is JSON (even when invalid). */
  items?: CiteItem[];
  /** The citation as citeproc renders it, when the CSL-JSON is valid and renders. */
  citation?: RenderedCitation;
}

let validateSubset: ValidateFunction | undefined;

function subsetValidator(): ValidateFunction {
  if (!validateSubset) {
    const schema = JSON.parse(readFileSync(CSL_SUBSET_SCHEMA_URL, 'utf8')) as object;
    validateSubset = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true }).compile(schema);
  }
  return validateSubset;
}

/** Drops the compiled schema (see `closeCheckers`). */
export function releaseCslJsonChecker(): void {
  validateSubset = undefined;
}

/** Checks one CSL-JSON text: JSON syntax, the subset schema, citeproc rendering. */
export function checkCslJson(text: string): CslJsonCheckResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    return {
      findings: [
        {
          ruleId: 'check/csl-schema',
          message: `The CSL-JSON is not JSON: ${(error as Error).message}`,
          offset: position ? Number(position[1]) : undefined,
          cause: error,
        },
      ],
    };
  }
  const items = Array.isArray(data) ? (data as CiteItem[]) : undefined;
  const validate = subsetValidator();
  if (!validate(data)) {
    const locations = locateJsonPointers(text);
    return { items, findings: schemaFindings(validate.errors ?? [], locations) };
  }
  try {
    return { items, findings: [], citation: renderCitation(text) };
  } catch (error) {
    if (!(error instanceof CitationRenderError)) throw error;
    return {
      items,
      findings: [
        { ruleId: 'check/citeproc-render', message: error.message, offset: 0, cause: error.cause ?? error.message },
      ],
    };
  }
}

/**
 * One finding per failing instance location: `oneOf`/`anyOf` report every
 * branch that failed, which says the same thing several times.
 */
function schemaFindings(
  errors: readonly ErrorObject[],
  locations: ReadonlyMap<string, { keyOffset?: number; valueOffset: number }>,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const extra = error.keyword === 'additionalProperties' ? (error.params as { additionalProperty: string }).additionalProperty : undefined;
    const pointer = extra === undefined ? error.instancePath : `${error.instancePath}/${escapePointerToken(extra)}`;
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    const location = locations.get(pointer);
    const where = pointer === '' ? 'the document' : pointer;
    const message =
      extra === undefined
        ? `CSL-JSON ${where} ${error.message ?? 'is invalid'}, found ${describeValue(error.data)}.`
        : `CSL-JSON ${where}: "${extra}" is not a variable tei-edition emits (schemas/csl-data-subset.json).`;
    findings.push({
      ruleId: 'check/csl-schema',
      message,
      offset: extra === undefined ? location?.valueOffset : (location?.keyOffset ?? location?.valueOffset),
      hint:
        extra === undefined
          ? 'Fix the CSL-JSON stylesheet so that the value has the type the CSL specification defines.'
          : 'Remove the variable from the CSL-JSON stylesheet, or add it to schemas/csl-data-subset.json on purpose.',
      cause: error,
    });
  }
  return findings;
}

function describeValue(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}
