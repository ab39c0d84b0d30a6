import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateHtml, readHtmlStructure } from '../../src/check/html.js';
import { renderCitation, roundTripBibtex, roundTripRis } from '../../src/check/citation.js';
import { checkCslJson } from '../../src/check/csl-json.js';
import { checkText } from '../../src/check/text.js';
const time = async (f: () => unknown) => { const t = performance.now(); await f(); return performance.now() - t; };
it('bench', async () => {
  const html = readFileSync('/tmp/chk-out/html-letter', 'utf8');
  const csl = readFileSync('/tmp/chk-out/citation-csl-json', 'utf8');
  const bib = readFileSync('/tmp/chk-out/citation-bibtex', 'utf8');
  const ris = readFileSync('/tmp/chk-out/citation-ris', 'utf8');
  const txt = readFileSync('/tmp/chk-out/text-letter', 'utf8');
  const tei = readFileSync('tei/lenin-to-shlyapnikov-1916-10.xml', 'utf8');
  console.log('html first validate', (await time(() => validateHtml(html, 'a.html'))).toFixed(1), 'first parse', (await time(() => readHtmlStructure(html, 'a.html'))).toFixed(1));
  const v: number[] = [], p: number[] = [];
  for (let i = 0; i < 30; i++) { v.push(await time(() => validateHtml(html, `p${i}.html`))); p.push(await time(() => readHtmlStructure(html, `p${i}.html`))); }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!.toFixed(1);
  console.log('html warm validate median', med(v), 'min', Math.min(...v).toFixed(1), 'parse median', med(p));
  console.log('citeproc first', (await time(() => renderCitation(csl))).toFixed(1));
  const r: number[] = []; for (let i = 0; i < 30; i++) r.push(await time(() => renderCitation(csl.replace('1916]', `${1900 + i}]`))));
  console.log('citeproc later median', med(r), 'min', Math.min(...r).toFixed(1), 'max', Math.max(...r).toFixed(1));
  const items = JSON.parse(csl);
  console.log('bibtex first', (await time(() => roundTripBibtex(bib, items))).toFixed(1), 'ris first', (await time(() => roundTripRis(ris, items))).toFixed(1));
  const b: number[] = [], q: number[] = [];
  for (let i = 0; i < 30; i++) { b.push(await time(() => roundTripBibtex(bib, items))); q.push(await time(() => roundTripRis(ris, items))); }
  console.log('bibtex warm median', med(b), 'ris warm median', med(q));
  const c: number[] = []; for (let i = 0; i < 30; i++) c.push(await time(() => checkCslJson(csl)));
  console.log('csl check (schema+render) median', med(c));
  const x: number[] = []; for (let i = 0; i < 30; i++) x.push(await time(() => checkText({ text: txt, readingText: txt, teiSource: tei })));
  console.log('text check median', med(x));
}, 120000);
