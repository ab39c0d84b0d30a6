/**
 * The external fixtures the tests use and whether each is there: the shared
 * material beside the project (third-party schemas, the real-world corpus,
 * the seed text of the bundled letter), jing and Chromium. Tests needing a
 * missing one are skipped; tests/helpers/fixtures-setup.ts says once per run
 * what is missing and how to provide it.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared material every developer and CI has beside the project. */
export const SHARED = path.resolve(PROJECT_ROOT, '../shared');

/** Third-party schemas: tei_all, CMIF, CSL-JSON, OAI-PMH, CFF. */
export const SHARED_SCHEMAS = path.join(SHARED, 'schemas');
export const TEI_ALL = path.join(SHARED_SCHEMAS, 'tei', 'tei_all.rng');
export const CMIF_SCHEMAS = path.join(SHARED_SCHEMAS, 'cmif');
export const CSL_DATA_SCHEMA = path.join(SHARED_SCHEMAS, 'csl', 'csl-data.json');

/** The official CSL styles the citation tests render with: APA 7, Chicago 18 (author-date, notes and bibliography), MLA 9. */
export const CSL_STYLES = path.join(SHARED, 'styles', 'csl');
export const CSL_STYLE_NAMES = ['apa', 'chicago-author-date', 'chicago-notes-bibliography', 'modern-language-association'] as const;

/** Real TEI letters of other projects, with jing's verdict on each against tei_all in VERDICTS.tsv (paths relative to the corpus). */
export const CORPUS = path.join(SHARED, 'corpus');
export const VERDICTS = path.join(CORPUS, 'VERDICTS.tsv');
export const ESCHER_LETTERS = path.join(CORPUS, 'stazh__briefedition-escher', 'data', 'briefe');

/** The Marxists Internet Archive transcription the bundled letter is encoded from. */
export const SEED = path.join(SHARED, 'seed', '000_4e98fc91021d1ffd.txt');

/** Every shared schema file the tests read, directly or through a schema store. */
const SHARED_SCHEMA_FILES = [
  TEI_ALL,
  path.join(CMIF_SCHEMAS, 'cmi-customization.rng'),
  path.join(CMIF_SCHEMAS, 'cmif.sch'),
  CSL_DATA_SCHEMA,
  path.join(SHARED_SCHEMAS, 'cff', 'schema.json'),
  ...['OAI-PMH.xsd', 'oai_dc.xsd', 'simpledc20021212.xsd', 'xml.xsd'].map((name) => path.join(SHARED_SCHEMAS, 'oai-pmh', name)),
];

/** The executable called `command` in a folder of PATH, as the shell would find it; undefined when there is none. */
function onPath(command: string): string | undefined {
  for (const folder of (process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(folder, command);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** jing, the reference RELAX NG validator (an oracle for tests only). */
export const JING = onPath('jing');

/** biber, biblatex's backend: its data-model validation judges the BibLaTeX files (an oracle for tests only). */
export const BIBER = onPath('biber');

/** Chromium, the browser of the website tests (driven by playwright-core, which downloads no browser). */
export const CHROMIUM = onPath('chromium');

/** An external fixture: what it is, why it is missing (undefined when it is there), and how to provide it. */
export interface ExternalFixture {
  readonly description: string;
  readonly missing: string | undefined;
  readonly howToProvide: string;
}

const SHARED_HOW_TO = `Provide it: put the shared material (schemas/, styles/, corpus/, seed/) into ../shared beside the project (${SHARED})`;

function firstMissingFile(files: readonly string[]): string | undefined {
  const file = files.find((candidate) => !existsSync(candidate));
  return file === undefined ? undefined : `${file} not found`;
}

/** The corpus is there when VERDICTS.tsv, every file it gives a verdict on and the Escher edition's central registers are. */
function corpusMissing(): string | undefined {
  if (!existsSync(VERDICTS)) return `${VERDICTS} not found`;
  const judged = readFileSync(VERDICTS, 'utf8').trim().split('\n').slice(1).map((row) => path.join(CORPUS, row.split('\t')[0]!));
  const registers = ['people/people.xml', 'places/places.xml'].map((file) => path.join(path.dirname(ESCHER_LETTERS), file));
  return firstMissingFile([...judged, ...registers]);
}

export const EXTERNAL_FIXTURES = {
  sharedSchemas: {
    description: 'the third-party schemas in ../shared/schemas (tei_all, CMIF, CSL-JSON, OAI-PMH, CFF)',
    missing: firstMissingFile(SHARED_SCHEMA_FILES),
    howToProvide: SHARED_HOW_TO,
  },
  cslStyles: {
    description: 'the official CSL styles in ../shared/styles/csl (APA, Chicago, MLA)',
    missing: firstMissingFile(CSL_STYLE_NAMES.map((name) => path.join(CSL_STYLES, `${name}.csl`))),
    howToProvide: SHARED_HOW_TO,
  },
  corpus: {
    description: 'the real-world corpus in ../shared/corpus (letters of other projects, with jing\'s verdicts)',
    missing: corpusMissing(),
    howToProvide: SHARED_HOW_TO,
  },
  seed: {
    description: 'the seed text of the bundled letter in ../shared/seed',
    missing: firstMissingFile([SEED]),
    howToProvide: SHARED_HOW_TO,
  },
  jing: {
    description: 'jing (the reference RELAX NG validator)',
    missing: JING === undefined ? 'not on PATH' : undefined,
    howToProvide: 'Install it: apt-get install jing',
  },
  biber: {
    description: 'biber (biblatex\'s backend, which validates the BibLaTeX files against its data model)',
    missing: BIBER === undefined ? 'not on PATH' : undefined,
    howToProvide: 'Install it: apt-get install biber',
  },
  chromium: {
    description: 'Chromium (the browser of the website tests)',
    missing: CHROMIUM === undefined ? 'chromium not on PATH' : undefined,
    howToProvide: 'Install it: apt-get install chromium',
  },
} satisfies Record<string, ExternalFixture>;

/** Whether each external fixture is there: tests that need one skip with `it.skipIf(!available.…)`. */
export const available = Object.fromEntries(
  Object.entries(EXTERNAL_FIXTURES).map(([name, fixture]) => [name, fixture.missing === undefined]),
) as Record<keyof typeof EXTERNAL_FIXTURES, boolean>;

/** One line per missing fixture: what is missing, why, and how to provide it. */
export function missingFixtureLines(): string[] {
  return Object.values(EXTERNAL_FIXTURES)
    .filter((fixture) => fixture.missing !== undefined)
    .map((fixture) => `Skipping tests that need ${fixture.description}: ${fixture.missing}. ${fixture.howToProvide}`);
}
