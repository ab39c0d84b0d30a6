/**
 * Reads the `<?xml-model?>` processing instructions with which a document
 * declares its schemas (W3C "Associating Schemas with XML documents").
 */

/** The schema languages tei-edition validates with, by their `schematypens`. */
export const SCHEMATYPENS = {
  relaxng: 'http://relaxng.org/ns/structure/1.0',
  schematron: 'http://purl.oclc.org/dsdl/schematron',
  xsd: 'http://www.w3.org/2001/XMLSchema',
} as const;

/** One `<?xml-model?>` declaration. */
export interface XmlModel {
  href: string;
  type?: string;
  schematypens?: string;
  line: number;
  column: number;
}

/** The xml-model declarations in the prolog (before the root element). */
export function readXmlModels(text: string): XmlModel[] {
  const rootStart = findRootStart(text);
  const prolog = text.slice(0, rootStart);
  const models: XmlModel[] = [];
  for (const match of prolog.matchAll(/<\?xml-model\s([\s\S]*?)\?>/g)) {
    const pseudo = Object.fromEntries([...match[1]!.matchAll(/([\w:-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)].map((m) => [m[1]!, m[3] ?? m[4] ?? '']));
    if (!pseudo['href']) continue;
    const before = prolog.slice(0, match.index);
    models.push({
      href: pseudo['href'],
      type: pseudo['type'],
      schematypens: pseudo['schematypens'],
      line: before.split('\n').length,
      column: match.index! - before.lastIndexOf('\n'),
    });
  }
  return models;
}

/** True when a declaration names a RELAX NG schema (by schematypens, or by an .rng href when schematypens is absent). */
export function isRelaxNgModel(model: XmlModel): boolean {
  return model.schematypens === SCHEMATYPENS.relaxng || (model.schematypens === undefined && /\.rng($|[?#])/i.test(model.href));
}

/** True when a declaration names a W3C XML Schema (by schematypens, or by an .xsd href when schematypens is absent). */
export function isXmlSchemaModel(model: XmlModel): boolean {
  return model.schematypens === SCHEMATYPENS.xsd || (model.schematypens === undefined && /\.xsd($|[?#])/i.test(model.href));
}

/** True when a declaration names an ISO Schematron schema. */
export function isSchematronModel(model: XmlModel): boolean {
  return model.schematypens === SCHEMATYPENS.schematron || (model.schematypens === undefined && /\.sch($|[?#])/i.test(model.href));
}

function findRootStart(text: string): number {
  let offset = 0;
  for (;;) {
    const lt = text.indexOf('<', offset);
    if (lt < 0) return text.length;
    if (text.startsWith('<?', lt)) offset = text.indexOf('?>', lt) + 2;
    else if (text.startsWith('<!--', lt)) offset = text.indexOf('-->', lt) + 3;
    else if (text.startsWith('<!', lt)) offset = text.indexOf('>', lt) + 1;
    else return lt;
    if (offset <= 1) return text.length;
  }
}
