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
    { file: 'invalid.xml', text: '<note>\n<from>Zurich</from></note>' },
    { file: 'broken.xml', text: '<note><to></note>' },
  ];

  it('reports each document\'s errors, with the schema\'s includes taken from the preloaded files', async () => {
    const results = await validateXmlSchema(docs, NOTE_SCHEMA, PRELOAD);
    expect(results.get('valid.xml')).toEqual([]);
    expect(results.get('invalid.xml')!.map((d) => [d.ruleId, d.line])).toEqual([['xsd/invalid', 2]]);
    expect(results.get('broken.xml')!.map((d) => d.ruleId)).toEqual(['xml/not-well-formed']);
  });

  it('gives the same results when the documents are split into several runs', async () => {
    const together = await validateXmlSchema(docs, NOTE_SCHEMA, PRELOAD);
    const apart = await validateXmlSchema(docs, NOTE_SCHEMA, PRELOAD, { runMaxChars: 1 });
    expect([...apart.keys()]).toEqual(docs.map((doc) => doc.file));
    expect(apart).toEqual(together);
  });
});
