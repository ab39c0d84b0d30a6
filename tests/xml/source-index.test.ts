import { describe, expect, it } from 'vitest';
import { indexSource } from '../../src/xml/source-index.js';

const sample = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE TEI [ <!ENTITY x "<b>"> ]>',
  '<TEI xmlns="http://www.tei-c.org/ns/1.0">',
  '  <!-- <p>not an element</p> -->',
  '  <text><body>',
  '    <p n="1">One</p>',
  '    <p n="2" rend="x>y">Two <hi>a</hi><hi/></p>',
  '    <tei:div xmlns:tei="http://www.tei-c.org/ns/1.0"><![CDATA[<p>]]></tei:div>',
  '  </body></text>',
  '</TEI>',
].join('\n');

describe('indexSource', () => {
  const index = indexSource(sample);

  it('finds every element with line, column and canonical path', () => {
    expect(index.elements.map((e) => [e.path, e.start.line, e.start.column])).toEqual([
      ['/TEI[1]', 3, 1],
      ['/TEI[1]/text[1]', 5, 3],
      ['/TEI[1]/text[1]/body[1]', 5, 9],
      ['/TEI[1]/text[1]/body[1]/p[1]', 6, 5],
      ['/TEI[1]/text[1]/body[1]/p[2]', 7, 5],
      ['/TEI[1]/text[1]/body[1]/p[2]/hi[1]', 7, 29],
      ['/TEI[1]/text[1]/body[1]/p[2]/hi[2]', 7, 39],
      ['/TEI[1]/text[1]/body[1]/div[1]', 8, 5],
    ]);
  });

  it('drops [1] from display paths only where there is no same-named sibling', () => {
    expect(index.elements.map((e) => e.displayPath)).toContain('/TEI/text/body/p[2]/hi[1]');
    expect(index.elements.map((e) => e.displayPath)).toContain('/TEI/text/body/div');
  });

  it('resolves namespaces and prefixed names', () => {
    const div = index.findByPath('/TEI[1]/text[1]/body[1]/div[1]')!;
    expect(div.qualifiedName).toBe('tei:div');
    expect(div.namespaceUri).toBe('http://www.tei-c.org/ns/1.0');
  });

  it('accepts SaxonJS path() output, attribute steps included', () => {
    const path = '/Q{http://www.tei-c.org/ns/1.0}TEI[1]/Q{http://www.tei-c.org/ns/1.0}text[1]/Q{http://www.tei-c.org/ns/1.0}body[1]/Q{http://www.tei-c.org/ns/1.0}p[2]/@rend';
    expect(index.findByPath(path)?.start).toEqual({ line: 7, column: 5 });
  });

  it('locates attributes, ignoring > inside quoted values', () => {
    const p2 = index.findByPath('/TEI[1]/text[1]/body[1]/p[2]')!;
    expect(index.attributePosition(p2, 'rend')).toEqual({ line: 7, column: 14 });
    expect(p2.startTagEnd).toEqual({ line: 7, column: 25 });
  });

  it('finds elements by line', () => {
    expect(index.elementsStartingOnLine(5).map((e) => e.localName)).toEqual(['text', 'body']);
    expect(index.elementAtLine(7, 'p')?.path).toBe('/TEI[1]/text[1]/body[1]/p[2]');
  });
});

describe('element offsets', () => {
  it('spans each element from its start tag to the end of its end tag', () => {
    const text = '<a><b x="1"/><c>t<d/></c></a>';
    const spans = indexSource(text).elements.map((e) => text.slice(e.startOffset, e.endOffset));
    expect(spans).toEqual(['<a><b x="1"/><c>t<d/></c></a>', '<b x="1"/>', '<c>t<d/></c>', '<d/>']);
  });
});
