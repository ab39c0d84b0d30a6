/**
 * How much of the CMIF correspSearch can link: the correspondents and places
 * of its correspAction elements without an authority URI of a file
 * correspSearch links by (persons and organisations: GND, VIAF, Wikidata;
 * places: GeoNames, GND, Wikidata), reported once per build as an info line.
 * Read from cmif.xml itself, so that it counts exactly what is exported: the
 * stylesheet has already chosen and normalised each name's URI
 * (`ed:authority-uri` in `xslt/export/export-common.xsl`).
 */
import { evaluateItems, parseXmlDocument } from '../adapters/saxon-xpath.js';
import type { Diagnostic } from '../diagnostic.js';

const TEI = 'http://www.tei-c.org/ns/1.0';

/** The normalised URI forms the CMIF writes for the authority files correspSearch links by. */
const PERSON_AUTHORITIES = [/^https:\/\/d-nb\.info\/gnd\//, /^https:\/\/viaf\.org\/viaf\//, /^http:\/\/www\.wikidata\.org\/entity\//];
const PLACE_AUTHORITIES = [/^https:\/\/www\.geonames\.org\//, /^https:\/\/d-nb\.info\/gnd\//, /^http:\/\/www\.wikidata\.org\/entity\//];

/** Correspondents and places counted once each: by their URI, else by their name; "Unknown" (no party named) is not counted. */
function distinctNames(document: unknown, elements: string): string[] {
  const expression = `distinct-values(//tei:correspAction/(${elements})[@ref or normalize-space() != 'Unknown']
    ! (if (@ref) then string(@ref) else concat('name:', normalize-space())))`;
  return evaluateItems(expression, document, { namespaces: { tei: TEI } }) as string[];
}

/** The counts of a CMIF document: correspondents and places, and how many of each have no authority URI. */
export interface AuthorityCoverage {
  correspondents: number;
  correspondentsWithout: number;
  places: number;
  placesWithout: number;
}

/** Counts the correspondents and places of a CMIF document with and without an authority URI correspSearch links by. */
export function cmifAuthorityCoverage(cmif: string): AuthorityCoverage {
  const document = parseXmlDocument(cmif);
  const correspondents = distinctNames(document, 'tei:persName | tei:orgName');
  const places = distinctNames(document, 'tei:placeName');
  const without = (keys: string[], authorities: RegExp[]) => keys.filter((key) => !authorities.some((pattern) => pattern.test(key))).length;
  return {
    correspondents: correspondents.length,
    correspondentsWithout: without(correspondents, PERSON_AUTHORITIES),
    places: places.length,
    placesWithout: without(places, PLACE_AUTHORITIES),
  };
}

/** The info line of the build summary on a CMIF document (`file`: where the edition's letters are). */
export function authorityCoverageDiagnostic(cmif: string, file: string): Diagnostic {
  const { correspondents, correspondentsWithout, places, placesWithout } = cmifAuthorityCoverage(cmif);
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return {
    file,
    severity: 'info',
    source: 'check',
    ruleId: 'cmif/authority-coverage',
    message: `CMIF: ${correspondentsWithout} of ${count(correspondents, 'correspondent', 'correspondents')} and ${placesWithout} of ${count(places, 'place', 'places')} have no authority URI (GND, VIAF, Wikidata, GeoNames); correspSearch links only those that do.`,
    hint: 'Give the names in correspAction (or their register entries, in idno, @ref or @sameAs) a GND, VIAF or Wikidata URI, and the places a GeoNames URI.',
  };
}
