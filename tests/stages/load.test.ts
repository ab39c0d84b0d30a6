import { symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tempTree } from '../helpers/temp-tree.js';
import { describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/stages/load.js';

const TEI_OPEN = '<TEI xmlns="http://www.tei-c.org/ns/1.0">';


async function loadOne(name: string, content: string | Uint8Array, extra: Record<string, string> = {}) {
  const cwd = tempTree({ [name]: content, ...extra });
  const { documents, pathDiagnostics } = await loadDocuments([name], { cwd, maxFileBytes: 1024 * 1024 });
  expect(pathDiagnostics).toEqual([]);
  return documents[0]!;
}

describe('load stage: paths', () => {
  it('reports a missing path as a usage problem', async () => {
    const cwd = tempTree({});
    const { pathDiagnostics } = await loadDocuments(['nope.xml'], { cwd, maxFileBytes: 1000 });
    expect(pathDiagnostics.map((d) => [d.ruleId, d.file])).toEqual([['load/path-not-found', 'nope.xml']]);
  });

  it('reports a directory without XML files', async () => {
    const cwd = tempTree({ 'empty/readme.txt': 'x' });
    const { pathDiagnostics, documents } = await loadDocuments(['empty'], { cwd, maxFileBytes: 1000 });
    expect(documents).toEqual([]);
    expect(pathDiagnostics.map((d) => d.ruleId)).toEqual(['load/no-xml-files']);
  });

  it('finds .xml files recursively, sorted, once each', async () => {
    const cwd = tempTree({ 'd/b.xml': '<a/>', 'd/sub/a.xml': '<a/>', 'd/c.txt': 'x', 'd/node_modules/x.xml': '<a/>' });
    const { documents } = await loadDocuments(['d', 'd/b.xml'], { cwd, maxFileBytes: 1000 });
    expect(documents.map((d) => d.file)).toEqual([path.join('d', 'b.xml'), path.join('d', 'sub', 'a.xml')]);
  });

  it('says how many files it will read before it reads them (so that a large run starts its second libxml2 worker early)', async () => {
    const cwd = tempTree({ 'd/a.xml': '<a/>', 'd/b.xml': '<b/>', 'd/c.xml': '<c/>' });
    const told: number[] = [];
    const loading = loadDocuments(['d', 'd/a.xml'], { cwd, maxFileBytes: 1000, onFilesFound: (count) => told.push(count) });
    const { documents } = await loading;
    expect(told).toEqual([3]);
    expect(documents).toHaveLength(3);
  });
});

describe('load stage: content refused before parsing', () => {
  const cases: [string, string | Uint8Array, string][] = [
    ['empty file', '', 'load/empty-file'],
    ['whitespace only', '  \n', 'load/empty-file'],
    ['whitespace only, every kind (tab, vertical tab, form feed, CR, no-break space as Latin-1)', new Uint8Array([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]), 'load/empty-file'],
    ['binary file', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'load/binary-file'],
    ['invalid UTF-8', new Uint8Array([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e]), 'load/invalid-utf8'],
    ['UTF-16', new Uint8Array([0xff, 0xfe, 0x3c, 0x00]), 'load/unsupported-encoding'],
    ['declared Latin-1', '<?xml version="1.0" encoding="ISO-8859-1"?><a/>', 'load/unsupported-encoding'],
    ['external entity', `<!DOCTYPE TEI [<!ENTITY host SYSTEM "file:///etc/hostname">]>${TEI_OPEN}&host;</TEI>`, 'load/external-entity'],
    ['entity bomb', `<!DOCTYPE TEI [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>${TEI_OPEN}&b;</TEI>`, 'load/entity-declaration'],
    ['TEI P4 DTD', '<!DOCTYPE TEI.2 SYSTEM "tei2.dtd"><TEI.2><text/></TEI.2>', 'load/external-dtd'],
  ];
  for (const [name, content, ruleId] of cases) {
    it(`refuses: ${name}`, async () => {
      const document = await loadOne('f.xml', content);
      expect(document.failed).toBe(true);
      expect(document.diagnostics.map((d) => d.ruleId)).toEqual([ruleId]);
      expect(document.diagnostics[0]!.hint).toBeTruthy();
    });
  }

  it('never reads an external entity target', async () => {
    const document = await loadOne('f.xml', `<!DOCTYPE TEI [<!ENTITY host SYSTEM "file:///etc/hostname">]>${TEI_OPEN}&host;</TEI>`);
    const hostname = os.hostname();
    expect(JSON.stringify(document)).not.toContain(`>${hostname}<`);
    expect(document.text).toBe('');
  });

  it('refuses files above the size limit with the limit in the message', async () => {
    const cwd = tempTree({ 'big.xml': `<a>${'x'.repeat(3000)}</a>` });
    const { documents } = await loadDocuments(['big.xml'], { cwd, maxFileBytes: 2000 });
    expect(documents[0]!.diagnostics[0]).toMatchObject({ ruleId: 'load/file-too-large' });
    expect(documents[0]!.diagnostics[0]!.message).toContain('limit');
  });

  it('strips a UTF-8 byte order mark', async () => {
    const document = await loadOne('f.xml', '\uFEFF<a/>');
    expect(document.text).toBe('<a/>');
    expect(document.failed).toBe(false);
  });
});

describe('load stage: XInclude', () => {
  const xi = 'xmlns:xi="http://www.w3.org/2001/XInclude"';

  it('splices an included file and maps its lines back', async () => {
    const document = await loadOne('main.xml', `${TEI_OPEN.replace('>', ` ${xi}>`)}\n  <xi:include href="parts/body.xml"/>\n</TEI>`, {
      'parts/body.xml': '<?xml version="1.0"?>\n<text xmlns="http://www.tei-c.org/ns/1.0">\n<body><p>x</p></body>\n</text>',
    });
    expect(document.failed).toBe(false);
    expect(document.text).toContain('<text xmlns="http://www.tei-c.org/ns/1.0">\n<body><p>x</p></body>\n</text>');
    expect(document.includedFiles.map((f) => path.basename(f))).toEqual(['body.xml']);
    const { mapPosition } = await import('../../src/xml/xinclude.js');
    expect(mapPosition(document.lineMapping, 'main.xml', 3)).toMatchObject({ file: path.join('parts', 'body.xml'), line: 3 });
    expect(mapPosition(document.lineMapping, 'main.xml', 5)).toMatchObject({ file: 'main.xml', line: 3 });
  });

  it('includes text with parse="text", escaped', async () => {
    const document = await loadOne('main.xml', `<p ${xi}><xi:include href="t.txt" parse="text"/></p>`, { 't.txt': 'a < b & c' });
    expect(document.text).toBe(`<p ${xi}>a &lt; b &amp; c</p>`);
  });

  const refused: [string, string, Record<string, string>, string][] = [
    ['outside the tree', '<xi:include href="../outside.xml"/>', {}, 'xinclude/outside-tree'],
    ['a missing file', '<xi:include href="missing.xml"/>', {}, 'xinclude/missing-file'],
    ['a remote URL', '<xi:include href="http://example.org/x.xml"/>', {}, 'xinclude/remote'],
    ['itself', '<xi:include href="main.xml"/>', {}, 'xinclude/cycle'],
    ['an xpointer', '<xi:include href="b.xml" xpointer="x"/>', { 'b.xml': '<b/>' }, 'xinclude/xpointer-unsupported'],
  ];
  for (const [name, include, extra, ruleId] of refused) {
    it(`refuses an include of ${name}`, async () => {
      const document = await loadOne('main.xml', `<a ${xi}>\n${include}</a>`, extra);
      expect(document.failed).toBe(true);
      expect(document.diagnostics.map((d) => [d.ruleId, d.line, d.column])).toEqual([[ruleId, 2, 1]]);
    });
  }

  it('reaches anywhere under the XInclude root, and nothing above it', async () => {
    const cwd = tempTree({ 'edition/letters/1712/main.xml': `<a ${xi}><xi:include href="../../entities/b.xml"/></a>`, 'edition/entities/b.xml': '<b/>' });
    const underRoot = await loadDocuments(['edition/letters/1712/main.xml'], { cwd, maxFileBytes: 1000, xincludeRoot: path.join(cwd, 'edition') });
    expect(underRoot.documents[0]!.diagnostics).toEqual([]);
    expect(underRoot.documents[0]!.text).toBe(`<a ${xi}><b/></a>`);
    const narrowed = await loadDocuments(['edition/letters/1712/main.xml'], { cwd, maxFileBytes: 1000, xincludeRoot: path.join(cwd, 'edition/letters') });
    expect(narrowed.documents[0]!.diagnostics.map((d) => [d.ruleId, d.file, d.line, d.column])).toEqual([['xinclude/outside-tree', path.join('edition', 'letters', '1712', 'main.xml'), 1, 47]]);
    expect(narrowed.documents[0]!.diagnostics[0]!.message).toContain(`outside the XInclude root (${path.join('edition', 'letters')})`);
  });

  it('refuses a symbolic link under the root that leads out of it, without reading its target', async () => {
    const cwd = tempTree({ 'edition/main.xml': `<a ${xi}><xi:include href="link.xml"/></a>`, 'private.xml': '<secret>NOT-TO-BE-READ</secret>' });
    symlinkSync(path.join(cwd, 'private.xml'), path.join(cwd, 'edition/link.xml'));
    const { documents } = await loadDocuments(['edition/main.xml'], { cwd, maxFileBytes: 1000, xincludeRoot: path.join(cwd, 'edition') });
    expect(documents[0]!.diagnostics.map((d) => d.ruleId)).toEqual(['xinclude/outside-tree']);
    expect(JSON.stringify(documents[0])).not.toContain('NOT-TO-BE-READ');
  });

  it('uses xi:fallback when the file is missing', async () => {
    const document = await loadOne('main.xml', `<a ${xi}><xi:include href="missing.xml"><xi:fallback><b/></xi:fallback></xi:include></a>`);
    expect(document.failed).toBe(false);
    expect(document.text).toBe(`<a ${xi}><b/></a>`);
  });
});
