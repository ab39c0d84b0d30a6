import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXmlSchemaFiles } from '../../src/validate/xml-schema-files.js';
import { tempTree } from '../helpers/temp-tree.js';

const XS = 'xmlns:xs="http://www.w3.org/2001/XMLSchema"';

describe('readXmlSchemaFiles', () => {
  it('gathers what a schema includes and imports, transitively, from its folder tree, URLs by file name', () => {
    const root = tempTree({
      'outside.xsd': `<xs:schema ${XS}>NOT-TO-BE-READ</xs:schema>`,
      'schemas/main.xsd': `<xs:schema ${XS}>\n<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="http://www.w3.org/2001/xml.xsd"/>\n<xs:include schemaLocation='parts/types.xsd'/>\n<xs:include schemaLocation="../outside.xsd"/>\n</xs:schema>`,
      'schemas/xml.xsd': `<xs:schema ${XS}/>`,
      'schemas/parts/types.xsd': `<xs:schema ${XS}><xs:include schemaLocation="../common.xsd"/><xs:include schemaLocation="missing.xsd"/></xs:schema>`,
      'schemas/common.xsd': `<xs:schema ${XS}><xs:redefine schemaLocation="parts/types.xsd"/></xs:schema>`,
    });
    const files = readXmlSchemaFiles(path.join(root, 'schemas/main.xsd'));
    expect(files.text).toBe(`<xs:schema ${XS}>\n<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>\n<xs:include schemaLocation='parts/types.xsd'/>\n<xs:include schemaLocation="../outside.xsd"/>\n</xs:schema>`);
    expect(files.preload.map((file) => file.fileName).sort()).toEqual(['common.xsd', 'parts/types.xsd', 'xml.xsd']);
    // Each file's references are relative to where it lies, so that libxml2 resolves them as the files on disk do.
    expect(files.preload.find((file) => file.fileName === 'parts/types.xsd')!.contents).toContain('<xs:include schemaLocation="../common.xsd"/><xs:include schemaLocation="missing.xsd"/>');
    expect(JSON.stringify(files)).not.toContain('NOT-TO-BE-READ');
  });
});
