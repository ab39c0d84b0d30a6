import { describe, expect, it } from 'vitest';
import { validateXmlSchema } from '../../src/adapters/xmllint.js';

const NOTE_SCHEMA = {
  file: 'note.xsd',
  text: [
    '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">',
    '<xs:include schemaLocation="types.xsd"/>',
    '<xs:element name="note" type="noteType"/>',
    '</xs:schema>',
  ].join('\n'),
};
const PRELOAD = [{ fileName: 'types.xsd', contents: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:complexType name="noteType"><xs:sequence><xs:element name="to" type="xs:string"/></xs:sequence></xs:complexType></xs:schema>' }];

describe('validateXmlSchema', () => {
  const docs = [
    { file: 'valid.xml', text: '<note><to>Stockholm</to></note>' },
    { file: 'invalid.xml', text: '<note>\n  <from>Zurich</from></note>' },
    { file: 'broken.xml', text: '<note><to></note>' },
  ];

  it('reports each document\'s errors at the element libxml2 names, with the schema\'s includes taken from the preloaded files', async () => {
    const { byFile, schemaError } = await validateXmlSchema(docs, NOTE_SCHEMA, PRELOAD);
    expect(schemaError).toBeUndefined();
    expect(byFile.get('valid.xml')).toEqual([]);
    expect(byFile.get('invalid.xml')!.map((d) => [d.ruleId, d.line, d.column, d.path])).toEqual([['xsd/invalid', 2, 3, '/note/from']]);
    expect(byFile.get('invalid.xml')![0]!.message).toBe("Element 'from': This element is not expected. Expected is ( to ).");
    expect(byFile.get('broken.xml')!.map((d) => d.ruleId)).toEqual(['xml/not-well-formed']);
  });

  it('places an attribute\'s error on the attribute, and keeps the namespaces of other vocabularies', async () => {
    const schema = { file: 'a.xsd', text: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:a" elementFormDefault="qualified"><xs:element name="a"><xs:complexType><xs:sequence><xs:element name="c" minOccurs="0"/></xs:sequence></xs:complexType></xs:element></xs:schema>' };
    const { byFile } = await validateXmlSchema([{ file: 'a.xml', text: '<a xmlns="urn:a"\n   n="1"/>' }, { file: 'b.xml', text: '<a xmlns="urn:a"><b xmlns="urn:b"/></a>' }], schema, []);
    expect(byFile.get('a.xml')!.map((d) => [d.line, d.column, d.message])).toEqual([[2, 4, "Element 'a', attribute 'n': The attribute 'n' is not allowed."]]);
    expect(byFile.get('b.xml')!.map((d) => [d.column, d.message])).toEqual([[18, "Element '{urn:b}b': This element is not expected. Expected is ( c )."]]);
  });

  it('gives the same results when the documents are split into several runs', async () => {
    const together = await validateXmlSchema(docs, NOTE_SCHEMA, PRELOAD);
    const apart = await validateXmlSchema(docs, NOTE_SCHEMA, PRELOAD, { runMaxChars: 1 });
    expect([...apart.byFile.keys()]).toEqual(docs.map((doc) => doc.file));
    expect(apart).toEqual(together);
  });

  it('says why a schema does not compile, in the file and on the line of the problem, and validates nothing', async () => {
    const broken = { file: 'schemas/broken.xsd', text: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n<xs:element><xs:complexType/></xs:element>\n</xs:schema>' };
    const { byFile, schemaError } = await validateXmlSchema(docs, broken, [], { runMaxChars: 1 });
    expect(schemaError).toMatchObject({ file: 'schemas/broken.xsd', line: 2, message: "Element '{http://www.w3.org/2001/XMLSchema}element': The attribute 'name' is required but missing." });
    expect([...byFile.values()].map((list) => list.map((d) => d.ruleId))).toEqual([['xsd/schema-error'], ['xsd/schema-error'], ['xsd/schema-error']]);

    const inInclude = await validateXmlSchema(docs, NOTE_SCHEMA, [{ fileName: 'types.xsd', contents: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n\n<xs:complexType name="noteType"><xs:sequence><xs:element name="to" type="undeclared"/></xs:sequence></xs:complexType></xs:schema>' }]);
    expect(inInclude.schemaError).toMatchObject({ file: 'types.xsd', line: 3 });
    expect(inInclude.schemaError!.message).toContain("'undeclared' does not resolve to a(n) type definition");

    const missingImport = await validateXmlSchema(docs, { file: 'id.xsd', text: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n<xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>\n<xs:element name="note"><xs:complexType><xs:attribute ref="xml:id"/></xs:complexType></xs:element>\n</xs:schema>' }, []);
    expect(missingImport.schemaError).toMatchObject({ file: 'id.xsd', line: 2, message: "Element '{http://www.w3.org/2001/XMLSchema}import': Failed to locate a schema at location 'xml.xsd'. Skipping the import." });

    const missingInclude = await validateXmlSchema(docs, NOTE_SCHEMA, []);
    expect(missingInclude.schemaError).toMatchObject({ file: 'note.xsd', line: 2, message: "Element '{http://www.w3.org/2001/XMLSchema}include': Failed to load the document 'types.xsd' for inclusion." });
  });
});
