/**
 * Release metadata of the edition, made from its configuration: CITATION.cff
 * (Citation File Format 1.2.0) and .zenodo.json (Zenodo's deposit metadata),
 * so that a release of the edition can be archived with a DOI.
 */
import type { EditionParams } from '../stages/transform.js';
import { writeYamlSubset, type YamlValue } from './yaml-subset.js';

/** An SPDX identifier for a Creative Commons licence URL (e.g. `CC-BY-4.0`, `CC0-1.0`); undefined for other licences. */
export function spdxLicence(url: string): string | undefined {
  const zero = /creativecommons\.org\/publicdomain\/zero\/(\d\.\d)/.exec(url);
  if (zero) return `CC0-${zero[1]}`;
  const cc = /creativecommons\.org\/licenses\/([a-z-]+)\/(\d\.\d)/.exec(url);
  return cc ? `CC-${cc[1]!.toUpperCase()}-${cc[2]}` : undefined;
}

/**
 * Lower-case name particles kept with the family name: the list the
 * stylesheets split letter correspondents' names with (`$ed:name-particles`
 * in xslt/common/metadata.xsl), so that an editor is named as a
 * correspondent would be.
 */
const NAME_PARTICLES = new Set(['von', 'vom', 'van', 'zu', 'zum', 'zur', 'de', 'du', 'des', 'der', 'den', 'ten', 'ter', 'te', 'da', 'di', 'del', 'della', 'dos', 'das', 'do', 'af', 'av']);

/** "Given particle Family" → family name, given names and particle ("Ludwig van Beethoven": Beethoven, Ludwig, van); the last word is the family name. */
export function nameParts(name: string): { family: string; given?: string; particle?: string } {
  const words = name.trim().split(/\s+/);
  const family = words.pop()!;
  let first = words.length;
  while (first > 1 && NAME_PARTICLES.has(words[first - 1]!)) first--;
  const particle = words.slice(first).join(' ');
  const given = words.slice(0, first).join(' ');
  return { family, ...(given ? { given } : {}), ...(particle ? { particle } : {}) };
}

function description(params: EditionParams): string {
  return `${params.editionTitle}: a digital scholarly edition of letters in TEI-XML, published by ${params.publisher} at ${params.baseUrl}/ (version ${params.version}).`;
}

/** CITATION.cff of the edition: editors as authors (the publisher when there are none), the build date as release date. */
export function citationCff(params: EditionParams): string {
  const authors: YamlValue[] =
    params.editors.length > 0
      ? params.editors.map((editor): YamlValue => {
          const parts = nameParts(editor);
          return parts.given ? { 'family-names': parts.family, 'given-names': parts.given, ...(parts.particle ? { 'name-particle': parts.particle } : {}) } : { name: editor };
        })
      : [{ name: params.publisher }];
  const licence = spdxLicence(params.licenceUrl);
  return writeYamlSubset({
    'cff-version': '1.2.0',
    message: 'If you use this edition, please cite it using the metadata from this file.',
    type: 'dataset',
    title: params.editionTitle,
    abstract: description(params),
    authors,
    contact: [{ name: params.publisher, email: params.contactEmail }],
    version: params.version,
    'date-released': params.buildDate,
    url: `${params.baseUrl}/`,
    ...(licence ? { license: licence } : { 'license-url': params.licenceUrl }),
    keywords: ['letters', 'correspondence', 'TEI', 'digital scholarly edition'],
  });
}

/** .zenodo.json of the edition (Zenodo's legacy deposit metadata): a dataset with the same creators, licence and version. */
export function zenodoJson(params: EditionParams): string {
  const creators =
    params.editors.length > 0
      ? params.editors.map((editor) => {
          const parts = nameParts(editor);
          const family = [parts.particle, parts.family].filter(Boolean).join(' ');
          return { name: parts.given ? `${family}, ${parts.given}` : family };
        })
      : [{ name: params.publisher }];
  const licence = spdxLicence(params.licenceUrl);
  const metadata = {
    title: params.editionTitle,
    upload_type: 'dataset',
    description: description(params),
    creators,
    version: params.version,
    publication_date: params.buildDate,
    access_right: 'open',
    ...(licence ? { license: licence.toLowerCase() } : {}),
    keywords: ['letters', 'correspondence', 'TEI', 'digital scholarly edition'],
    related_identifiers: [{ identifier: `${params.baseUrl}/`, relation: 'isSupplementTo', resource_type: 'dataset' }],
  };
  return `${JSON.stringify(metadata, null, 2)}\n`;
}
