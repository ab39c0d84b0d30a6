import { describe, expect, it } from 'vitest';
import { checkLinks } from '../../src/check/links.js';
import type { HtmlLink } from '../../src/check/html.js';
import type { Output } from '../../src/output.js';
import { checkPageLinks, type WrittenOutput } from '../../src/stages/check.js';

const page = (path: string, mediaType = 'text/html'): Output => ({ format: 'html', path, content: '', mediaType });
const outputs = new Map<string, Output>(
  [page('index.html'), page('letters/a b/index.html'), page('letters/x/index.html'), page('letters/x/x.txt', 'text/plain'), page('assets/edition.css', 'text/css')].map((o) => [o.path, o]),
);
const ids = new Map<string, Set<string>>([['index.html', new Set(['top'])], ['letters/a b/index.html', new Set(['n1'])], ['letters/x/index.html', new Set(['note-1', 'ref-1'])]]);
const targets = { outputsByPath: outputs, idsOf: async (output: Output) => ids.get(output.path)! };
const links = (...values: string[]): HtmlLink[] => values.map((value, index) => ({ attribute: 'href', value, offset: index * 100 }));

describe('checkLinks', () => {
  it('accepts links to outputs, directories with an index page, fragments that exist and external URLs', async () => {
    const found = await checkLinks('letters/x/index.html', links(
      '#note-1', '', '?view=print#ref-1', './', 'x.txt', 'x.txt#anything', '../../', '../../#top', '../a%20b/#n1', '/assets/edition.css',
      'https://tei-edition.example.org/letters/y/', '//cdn.example.org/x.css', 'mailto:editor@example.org', 'data:text/plain,x',
    ), targets);
    expect(found).toEqual([]);
  });

  it.each([
    ['#note-2', '"#note-2", but this page has no element with that id'],
    ['../x', 'points to letters/x, which the build does not write'],
    ['../y/', 'points to letters/y/index.html, which the build does not write'],
    ['../../#bottom', 'but index.html has no element with that id'],
    ['x.bib', 'letters/x/x.bib, which the build does not write'],
    ['%E0%A4%A', 'malformed percent-encoding'],
    ['http://[::1', 'is not a valid URL'],
  ])('reports %s', async (value, says) => {
    const [finding, ...rest] = await checkLinks('letters/x/index.html', links(value), targets);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: 'check/link-target', offset: 0, endOffset: value.length });
    expect(finding!.message).toContain(says);
  });
});

describe('ARIA references', () => {
  it('are read from the page as fragment links and resolved by the link check', async () => {
    const { readHtmlStructure } = await import('../../src/check/html.js');
    const structure = await readHtmlStructure('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h2 id="note-1">N</h2><p aria-describedby="note-1 note-9">a</p></main></body></html>', 'aria.html');
    expect(structure.links.map((link) => [link.attribute, link.value])).toEqual([['aria-describedby', '#note-1'], ['aria-describedby', '#note-9']]);
    const [finding, ...rest] = await checkLinks('letters/x/index.html', structure.links, targets);
    expect(rest).toEqual([]);
    expect(finding!.message).toBe('The aria-describedby "#note-9" points to the fragment "#note-9", but this page has no element with that id.');
  });
});

describe('checkPageLinks on a page already written', () => {
  const html = '<!doctype html>\n<html lang="en">\n<p><a href="#note-1">1</a>\n<a href="#missing">2</a></p>\n</html>\n';
  const written = (read: () => Promise<string>): WrittenOutput => ({ format: 'html', path: 'letters/x/index.html', mediaType: 'text/html', producedBy: '/TEI', read });
  const structure = { ids: new Set(['note-1']), links: [{ attribute: 'href' as const, value: '#note-1', offset: html.indexOf('#note-1') }, { attribute: 'href' as const, value: '#missing', offset: html.indexOf('#missing') }] };
  const context = { letterFile: 'tei/x.xml', outputsByPath: new Map([['letters/x/index.html', { path: 'letters/x/index.html', mediaType: 'text/html' }]]), idsByPath: new Map([['letters/x/index.html', structure.ids]]) };

  it('reads the page back only to place a finding on its line and column', async () => {
    let reads = 0;
    const [diagnostic, ...rest] = await checkPageLinks(written(async () => (reads++, html)), structure, context);
    expect(rest).toEqual([]);
    expect(reads).toBe(1);
    expect(diagnostic).toMatchObject({ file: 'letters/x/index.html', ruleId: 'check/link-target', line: 4, column: 10 });
    expect(diagnostic!.hint).toContain('tei/x.xml, /TEI');
  });

  it('does not read the page when every link resolves', async () => {
    const found = await checkPageLinks(written(() => Promise.reject(new Error('read'))), { ...structure, links: structure.links.slice(0, 1) }, context);
    expect(found).toEqual([]);
  });
});
