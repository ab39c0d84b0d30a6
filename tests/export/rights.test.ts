/**
 * Rights in two layers: the letter's text (its source's rights and whom to
 * credit) and the edition's own encoding and notes (the edition licence).
 * The letter's TEI availability decides the text's layer (a licence whose
 * @corresp points to a source in sourceDesc); the config's sourceText covers
 * letters without one. Both layers reach every output format.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Output } from '../../src/output.js';
import { editionParams, transformEdition, transformLetter, type TransformContext } from '../../src/stages/transform.js';
import { tempTree } from '../helpers/temp-tree.js';
import { BUNDLED_LETTER, letterFromFile, parsedLetter, testContext } from '../xslt/helpers.js';

const PDM = 'https://creativecommons.org/publicdomain/mark/1.0/';
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const MIA_PAGE = 'https://www.marxists.org/archive/lenin/works/1916/oct/00ags.htm';

let context: TransformContext;

beforeAll(async () => {
  context = await testContext();
}, 300_000);

/** The edition-config layer of the bundled edition (edition.config.json's sourceText). */
const configLayer = {
  sourceRights: 'public domain',
  sourceRightsUrl: PDM,
  sourceCredit: 'Marxists Internet Archive',
  sourceCreditUrl: 'https://www.marxists.org/',
};

async function outputs(letter: Awaited<ReturnType<typeof letterFromFile>>, params: Partial<TransformContext['params']> = {}): Promise<Map<string, string>> {
  const withParams = { ...context, params: { ...context.params, ...params } };
  const made = transformLetter(letter, withParams);
  const edition = transformEdition([{ file: letter.file, id: letter.id, parts: made.parts }], withParams, ['cmif', 'oai-pmh', 'index']);
  return new Map([...made.outputs, ...edition.outputs].map((output: Output) => [output.path.replaceAll(letter.id, '{id}'), output.content]));
}

/** Where each format states the rights, as text to search. */
function rightsByFormat(files: Map<string, string>): Record<string, string> {
  const get = (file: string) => {
    const content = files.get(file);
    if (content === undefined) throw new Error(`no ${file}; made: ${[...files.keys()].join(', ')}`);
    return content;
  };
  const html = get('letters/{id}/index.html');
  const csl = (JSON.parse(get('letters/{id}/{id}.csl.json')) as { note?: string }[])[0]!;
  const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!) as { license: string[]; isBasedOn?: { url?: string; license?: string; publisher?: { name: string } }[]; creditText?: string };
  const record = get('oai/GetRecord/{id}.xml');
  return {
    'HTML footer': /<footer[\s\S]*<\/footer>/.exec(html)![0],
    'HTML metadata block': /<dd class="rights">[\s\S]*?<\/dd>/.exec(html)![0],
    'text header': get('letters/{id}/{id}.txt').split('\n\n').slice(0, 2).join('\n\n'),
    'CSL-JSON note': csl.note ?? '',
    'BibLaTeX note': /note = \{(.*)\},/.exec(get('letters/{id}/{id}.bib'))?.[1] ?? '',
    'RIS N1': /^N1 {2}- (.*)$/m.exec(get('letters/{id}/{id}.ris'))?.[1] ?? '',
    'JSON-LD license and isBasedOn': JSON.stringify({ license: jsonLd.license, isBasedOn: jsonLd.isBasedOn, creditText: jsonLd.creditText }),
    'OAI dc:rights and dc:source': [...record.matchAll(/<dc:(rights|source)>([^<]*)</g)].map((match) => match[2]).join(' | '),
  };
}

describe('the bundled letter: rights from its TEI availability', () => {
  let byFormat: Record<string, string>;

  beforeAll(async () => {
    byFormat = rightsByFormat(await outputs(await letterFromFile(BUNDLED_LETTER)));
  }, 120_000);

  it.each(['HTML footer', 'HTML metadata block', 'text header', 'CSL-JSON note', 'BibLaTeX note', 'RIS N1', 'JSON-LD license and isBasedOn', 'OAI dc:rights and dc:source'])(
    '%s states both layers and credits the Marxists Internet Archive with its URL',
    (format) => {
      const stated = byFormat[format]!;
      expect(stated).toContain('Marxists Internet Archive');
      expect(stated).toContain(MIA_PAGE);
      expect(stated).toMatch(/public domain|publicdomain\/mark/);
      expect(stated).toContain(CC_BY);
    },
  );

  it('the text and HTML name the layers: the text public domain, the encoding and notes CC BY 4.0', () => {
    expect(byFormat['text header']).toContain(`Text: public domain (${PDM}); source of the text: Marxists Internet Archive, ${MIA_PAGE}.`);
    expect(byFormat['text header']).toContain(`Encoding and notes: tei-edition project, CC BY 4.0 (${CC_BY}).`);
    expect(byFormat['text header']).not.toMatch(/^Licence:/m);
    expect(byFormat['HTML footer']).toContain(`Text: <a href="${PDM}" rel="license">public domain</a>`);
  });
});

/** A letter whose availability has only the edition's licence, or a source licence of its own. */
function letterWith(availability: string, sourceDesc = '<bibl xml:id="src">A letter book, <ref target="https://archive.example.org/book/7">https://archive.example.org/book/7</ref></bibl>'): string {
  return `<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letter from A to B</title></titleStmt><publicationStmt><publisher>P</publisher><availability>${availability}</availability></publicationStmt><sourceDesc>${sourceDesc}</sourceDesc></fileDesc><profileDesc><correspDesc><correspAction type="sent"><persName>A</persName><date when="1850-01-02"/></correspAction><correspAction type="received"><persName>B</persName></correspAction></correspDesc></profileDesc></teiHeader><text><body><p>Words of the letter.</p></body></text></TEI>`;
}

describe('the config and the TEI decide the text layer', () => {
  it('a letter without a source licence takes the config’s sourceText', async () => {
    const letter = await parsedLetter(letterWith(`<licence target="${CC_BY}">CC BY</licence>`), 'plain.xml', 'plain');
    const byFormat = rightsByFormat(await outputs(letter, configLayer));
    for (const [format, stated] of Object.entries(byFormat)) {
      expect(stated, format).toContain('Marxists Internet Archive');
      expect(stated, format).toContain(CC_BY);
    }
  });

  it('without the config’s sourceText and a source licence, only the edition’s layer is stated', async () => {
    const letter = await parsedLetter(letterWith(`<licence target="${CC_BY}">CC BY</licence>`), 'plain.xml', 'plain');
    const byFormat = rightsByFormat(await outputs(letter));
    expect(byFormat['text header']).not.toContain('Text:');
    expect(byFormat['text header']).toContain('Encoding and notes: tei-edition project, CC BY 4.0');
    expect(byFormat['HTML footer']).not.toContain('rights-text');
  });

  it('a licence pointing to a source in sourceDesc wins over the config, with its own credit and the source’s URL', async () => {
    const availability = `<licence target="${CC_BY}">CC BY</licence><licence corresp="#src" target="https://creativecommons.org/publicdomain/zero/1.0/">Free of rights; credit the <orgName>Town Archive</orgName>.</licence>`;
    const letter = await parsedLetter(letterWith(availability), 'own.xml', 'own');
    const byFormat = rightsByFormat(await outputs(letter, configLayer));
    expect(byFormat['text header']).toContain('Text: CC0 1.0 (https://creativecommons.org/publicdomain/zero/1.0/); source of the text: Town Archive, https://archive.example.org/book/7.');
    for (const [format, stated] of Object.entries(byFormat)) {
      expect(stated, format).toContain('Town Archive');
      expect(stated, format).not.toContain('Marxists Internet Archive');
    }
  });

  it('a source licence without a known licence URL is stated in its words', async () => {
    const availability = `<licence corresp="#src">Reproduced by permission of the <orgName>Town Archive</orgName>.</licence>`;
    const letter = await parsedLetter(letterWith(availability), 'words.xml', 'words');
    const byFormat = rightsByFormat(await outputs(letter));
    expect(byFormat['text header']).toContain('Text: Reproduced by permission of the Town Archive; source of the text: Town Archive, https://archive.example.org/book/7.');
  });

  it('the CMIF credits the source of the texts named in the config', async () => {
    const letter = await parsedLetter(letterWith(`<licence target="${CC_BY}">CC BY</licence>`), 'plain.xml', 'plain');
    expect((await outputs(letter, configLayer)).get('cmif.xml')).toMatch(/<bibl type="online"[^>]*>[^<]*texts from the Marxists Internet Archive \(public domain\)/);
  });
});

describe('the config setting "sourceText"', () => {
  const configured = (sourceText: unknown) => loadConfig({ cwd: tempTree({ 'edition.config.json': JSON.stringify({ sourceText }) }) });

  it('becomes the stylesheets’ text layer', () => {
    const { config, diagnostics } = configured({ rights: 'public domain', rightsUrl: PDM, credit: 'Marxists Internet Archive', creditUrl: 'https://www.marxists.org/' });
    expect(diagnostics).toEqual([]);
    expect(editionParams(config!, '2026-01-01')).toMatchObject(configLayer);
  });

  it.each([[{ credit: 'An archive' }], [{ rights: 'public domain', rightsUrl: 'not a url' }], [{ rights: 'public domain', holder: 'x' }]])('%j is refused with config/invalid-setting', (sourceText) => {
    const { config, diagnostics } = configured(sourceText);
    expect(config).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ severity: 'error', ruleId: 'config/invalid-setting' });
  });
});
