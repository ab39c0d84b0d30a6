import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { saxonJS } from '../../src/adapters/saxon-js.js';
import type { Diagnostic } from '../../src/diagnostic.js';
import { compileSchematron, extractEmbeddedSchematron, runSchematron, type CompiledSchematron } from '../../src/adapters/schematron.js';
import { indexSource } from '../../src/xml/source-index.js';
import { ESCHER_LETTERS, TEI_ALL, available } from '../helpers/fixtures.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(projectRoot, 'tests/fixtures/schematron');

/** A schema with the `t` prefix bound to the test vocabulary. */
function schema(body: string): string {
  return `<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">\n<ns prefix="t" uri="urn:test"/>\n${body}\n</schema>`;
}

async function run(compiledSchema: CompiledSchematron, documentText: string, file = 'doc.xml'): Promise<Diagnostic[]> {
  const document = await saxonJS().getResource({ type: 'xml', text: documentText });
  const index = indexSource(documentText);
  return runSchematron(compiledSchema, document, file, (nodePath) => index.findByPath(nodePath)?.start);
}

async function check(schemaText: string, documentText: string): Promise<Diagnostic[]> {
  const { schema: compiledSchema, diagnostics } = compileSchematron(schemaText, 'test.sch');
  expect(diagnostics).toEqual([]);
  return run(compiledSchema!, documentText);
}

const brief = (d: Diagnostic) => ({ ruleId: d.ruleId, severity: d.severity, line: d.line, column: d.column, message: d.message });

/** Each row: a tiny schema, a tiny document and exactly the diagnostics expected. */
const rules: { name: string; schema: string; document: string; expected: ReturnType<typeof brief>[] }[] = [
  {
    name: 'assert fires when its test is false',
    schema: schema('<pattern><rule context="t:p"><assert id="p-has-n" test="@n">A p needs @n.</assert></rule></pattern>'),
    document: '<doc xmlns="urn:test">\n  <p n="1"/>\n  <p/>\n</doc>',
    expected: [{ ruleId: 'p-has-n', severity: 'error', line: 3, column: 3, message: 'A p needs @n.' }],
  },
  {
    name: 'report fires when its test is true',
    schema: schema('<pattern><rule context="t:p"><report id="p-empty" test="not(node())">Empty p.</report></rule></pattern>'),
    document: '<doc xmlns="urn:test">\n  <p>x</p><p/>\n</doc>',
    expected: [{ ruleId: 'p-empty', severity: 'error', line: 2, column: 11, message: 'Empty p.' }],
  },
  {
    name: 'let at schema, pattern and rule level, visible to later lets, tests and messages',
    schema: schema(`<let name="max" value="2"/>
      <pattern><let name="total" value="count(//t:p)"/><let name="limit" value="$max * 10"/>
        <rule context="t:p"><let name="n" value="number(@n)"/><let name="twice" value="$n * 2"/>
          <assert id="n-small" test="$n le $max">n=<value-of select="$n"/> (twice <value-of select="$twice"/>) exceeds <value-of select="$max"/> of <value-of select="$limit"/>; <value-of select="$total"/> p in all.</assert>
        </rule></pattern>`),
    document: '<doc xmlns="urn:test"><p n="1"/>\n<p n="3"/></doc>',
    expected: [{ ruleId: 'n-small', severity: 'error', line: 2, column: 1, message: 'n=3 (twice 6) exceeds 2 of 20; 2 p in all.' }],
  },
  {
    name: 'value-of joins a sequence with spaces and messages are whitespace-normalised',
    schema: schema(`<pattern><rule context="t:doc"><report id="list" test="true()">
        Values:   <value-of select="t:p/@n"/>
        end.</report></rule></pattern>`),
    document: '<doc xmlns="urn:test"><p n="a"/><p n="b"/></doc>',
    expected: [{ ruleId: 'list', severity: 'error', line: 1, column: 1, message: 'Values: a b end.' }],
  },
  {
    name: 'name gives the context name, or the name of its path',
    schema: schema('<pattern><rule context="t:p"><report id="names" test="true()"><name/> in <name path=".."/>, first attribute <name path="@*[1]"/></report></rule></pattern>'),
    document: '<x:doc xmlns:x="urn:test"><x:p x:n="1"/></x:doc>',
    expected: [{ ruleId: 'names', severity: 'error', line: 1, column: 27, message: 'x:p in x:doc, first attribute x:n' }],
  },
  {
    name: 'ns binds the schema prefixes whatever the document uses',
    schema: '<schema xmlns="http://purl.oclc.org/dsdl/schematron"><ns prefix="q" uri="urn:other"/><pattern><rule context="q:item"><report id="item" test="@q:flag = \'on\'">Flag on.</report></rule></pattern></schema>',
    document: '<root xmlns:o="urn:other">\n<o:item o:flag="on"/><item flag="on"/>\n</root>',
    expected: [{ ruleId: 'item', severity: 'error', line: 2, column: 1, message: 'Flag on.' }],
  },
  {
    name: 'within a pattern only the first matching rule handles a node; other patterns still see it',
    schema: schema(`<pattern>
        <rule context="t:p[@n]"><assert id="first" test="true()">never</assert></rule>
        <rule context="t:p"><report id="second" test="true()">p without n</report></rule>
      </pattern>
      <pattern><rule context="t:p"><report id="other-pattern" test="@n">p with n</report></rule></pattern>`),
    document: '<doc xmlns="urn:test">\n<p n="1"/>\n<p/>\n</doc>',
    expected: [
      { ruleId: 'second', severity: 'error', line: 3, column: 1, message: 'p without n' },
      { ruleId: 'other-pattern', severity: 'error', line: 2, column: 1, message: 'p with n' },
    ],
  },
  {
    name: 'role gives the severity; the rule role is the default',
    schema: schema(`<pattern><rule context="t:doc" role="info">
        <report id="r-warning" role="warning" test="true()">w</report>
        <report id="r-warn" role="warn" test="true()">w2</report>
        <report id="r-nonfatal" role="nonfatal" test="true()">w3</report>
        <report id="r-information" role="information" test="true()">i</report>
        <report id="r-rule-role" test="true()">i2</report>
        <report id="r-fatal" role="fatal" test="true()">e</report>
      </rule></pattern>
      <pattern><rule context="t:doc"><report id="r-none" test="true()">e2</report></rule></pattern>`),
    document: '<doc xmlns="urn:test"/>',
    expected: [
      { ruleId: 'r-warning', severity: 'warning', line: 1, column: 1, message: 'w' },
      { ruleId: 'r-warn', severity: 'warning', line: 1, column: 1, message: 'w2' },
      { ruleId: 'r-nonfatal', severity: 'warning', line: 1, column: 1, message: 'w3' },
      { ruleId: 'r-information', severity: 'info', line: 1, column: 1, message: 'i' },
      { ruleId: 'r-rule-role', severity: 'info', line: 1, column: 1, message: 'i2' },
      { ruleId: 'r-fatal', severity: 'error', line: 1, column: 1, message: 'e' },
      { ruleId: 'r-none', severity: 'error', line: 1, column: 1, message: 'e2' },
    ],
  },
  {
    name: 'absolute contexts match from the root only; relative ones anywhere',
    schema: schema(`<pattern><rule context="/t:doc/t:p"><report id="top-p" test="true()">top</report></rule></pattern>
      <pattern><rule context="t:sec/t:p"><report id="sec-p" test="true()">in sec</report></rule></pattern>
      <pattern><rule context="t:doc//t:p"><report id="any-p" test="true()">any</report></rule></pattern>
      <pattern><rule context="/"><report id="root" test="count(*) = 1">root</report></rule></pattern>`),
    document: '<doc xmlns="urn:test">\n<p/>\n<sec><p/></sec>\n</doc>',
    expected: [
      { ruleId: 'top-p', severity: 'error', line: 2, column: 1, message: 'top' },
      { ruleId: 'sec-p', severity: 'error', line: 3, column: 6, message: 'in sec' },
      { ruleId: 'any-p', severity: 'error', line: 2, column: 1, message: 'any' },
      { ruleId: 'any-p', severity: 'error', line: 3, column: 6, message: 'any' },
      { ruleId: 'root', severity: 'error', line: undefined, column: undefined, message: 'root' },
    ],
  },
  {
    name: 'attribute contexts select attributes (located at their element)',
    schema: schema(`<pattern><rule context="@when"><assert id="iso-date" test="matches(., '^\\d{4}(-\\d{2}){0,2}$')">Not ISO: <value-of select="."/> on <name path=".."/></assert></rule></pattern>
      <pattern><rule context="t:date/@n"><report id="date-n" test="true()">n on date</report></rule></pattern>`),
    document: '<doc xmlns="urn:test">\n<date when="1916-10"/>\n  <date when="Oct 1916" n="1"/><p n="2"/>\n</doc>',
    expected: [
      { ruleId: 'iso-date', severity: 'error', line: 3, column: 3, message: 'Not ISO: Oct 1916 on date' },
      { ruleId: 'date-n', severity: 'error', line: 3, column: 3, message: 'n on date' },
    ],
  },
  {
    name: 'union contexts, parenthesised unions with predicates, and except',
    schema: schema(`<pattern><rule context="t:a | t:b"><report id="a-or-b" test="true()"><name/></report></rule></pattern>
      <pattern><rule context="(t:a | t:b)[@x]/t:c"><report id="c-under-marked" test="true()">c</report></rule></pattern>
      <pattern><rule context="t:c except t:b/t:c"><report id="c-not-in-b" test="true()">c outside b</report></rule></pattern>`),
    document: '<doc xmlns="urn:test">\n<a x="1"><c/></a>\n<b><c/></b>\n</doc>',
    expected: [
      { ruleId: 'a-or-b', severity: 'error', line: 2, column: 1, message: 'a' },
      { ruleId: 'a-or-b', severity: 'error', line: 3, column: 1, message: 'b' },
      { ruleId: 'c-under-marked', severity: 'error', line: 2, column: 10, message: 'c' },
      { ruleId: 'c-not-in-b', severity: 'error', line: 2, column: 10, message: 'c outside b' },
    ],
  },
  {
    name: 'predicate patterns and patterns rooted at a variable or id()',
    schema: schema(`<pattern><rule context=".[@flag]"><report id="flagged" test="true()"><name/></report></rule></pattern>
      <pattern><let name="marked" value="//t:a[@x]"/><rule context="$marked/t:c"><report id="c-in-marked" test="true()">c</report></rule></pattern>
      <pattern><rule context="id('b1')"><report id="by-id" test="true()">b1</report></rule></pattern>`),
    document: '<!DOCTYPE doc [<!ATTLIST b id ID #IMPLIED>]><doc xmlns="urn:test">\n<a x="1" flag="y"><c/></a>\n<b id="b1"><c flag="z"/></b>\n</doc>',
    expected: [
      { ruleId: 'flagged', severity: 'error', line: 2, column: 1, message: 'a' },
      { ruleId: 'flagged', severity: 'error', line: 3, column: 12, message: 'c' },
      { ruleId: 'c-in-marked', severity: 'error', line: 2, column: 19, message: 'c' },
      { ruleId: 'by-id', severity: 'error', line: 3, column: 1, message: 'b1' },
    ],
  },
  {
    name: 'abstract rule content is included where a rule extends it',
    schema: schema(`<pattern>
        <rule abstract="true" id="has-id"><let name="kind" value="local-name()"/><assert id="needs-id" test="@xml:id"><value-of select="$kind"/> needs an id</assert></rule>
        <rule context="t:person"><extends rule="has-id"/><report id="person-seen" test="true()">person <value-of select="$kind"/></report></rule>
      </pattern>`),
    document: '<doc xmlns="urn:test">\n<person/>\n<place/>\n</doc>',
    expected: [
      { ruleId: 'needs-id', severity: 'error', line: 2, column: 1, message: 'person needs an id' },
      { ruleId: 'person-seen', severity: 'error', line: 2, column: 1, message: 'person person' },
    ],
  },
  {
    name: 'current() is the rule context inside predicates',
    schema: schema('<pattern><rule context="t:ref"><assert id="ref-resolves" test="//t:target[@id = current()/@to]">No target <value-of select="@to"/> for <value-of select="name(current())"/></assert></rule></pattern>'),
    document: '<doc xmlns="urn:test">\n<target id="a"/>\n<ref to="a"/><ref to="b"/>\n</doc>',
    expected: [{ ruleId: 'ref-resolves', severity: 'error', line: 3, column: 14, message: 'No target b for ref' }],
  },
  {
    name: 'without @id the rule id comes from the rule, else the pattern, plus kind and index',
    schema: schema(`<pattern id="pat"><rule id="named-rule" context="t:doc"><report test="true()">one</report><report test="true()">two</report></rule>
        <rule context="t:p"><assert test="false()">three</assert></rule></pattern>
      <pattern><rule context="t:doc"><report test="true()">four</report></rule></pattern>`),
    document: '<doc xmlns="urn:test"><p/></doc>',
    expected: [
      { ruleId: 'named-rule-report-1', severity: 'error', line: 1, column: 1, message: 'one' },
      { ruleId: 'named-rule-report-2', severity: 'error', line: 1, column: 1, message: 'two' },
      { ruleId: 'pat-rule-2-assert-1', severity: 'error', line: 1, column: 23, message: 'three' },
      { ruleId: 'pattern-2-rule-1-report-1', severity: 'error', line: 1, column: 1, message: 'four' },
    ],
  },
];

describe('Schematron rules', () => {
  for (const row of rules) {
    it(row.name, async () => {
      const diagnostics = await check(row.schema, row.document);
      expect(diagnostics.map(brief)).toEqual(row.expected);
      for (const d of diagnostics) {
        expect(d.source).toBe('schematron');
        expect(d.file).toBe('doc.xml');
      }
    });
  }

  it('gives the path of the node without namespace URIs, and the referenced diagnostics as hint', async () => {
    const text = schema(`<pattern><rule context="t:p/@n"><assert id="n-number" test=". castable as xs:integer" diagnostics="say-n">n must be a number</assert></rule></pattern>
      <diagnostics><diagnostic id="say-n">Found "<value-of select="."/>" on <name path=".."/>.</diagnostic></diagnostics>`);
    const [found, ...rest] = await check(text, '<doc xmlns="urn:test" xmlns:xml="http://www.w3.org/XML/1998/namespace"><p/><p xml:id="p2" n="x"/></doc>');
    expect(rest).toEqual([]);
    expect(found).toMatchObject({ ruleId: 'n-number', path: '/doc[1]/p[2]/@n', hint: 'Found "x" on p.', line: 1, column: 76 });
  });
});

describe('Schematron schema problems', () => {
  it('reports an invalid test expression against the schema file and still runs the other checks', async () => {
    const text = readFileSync(path.join(fixtures, 'broken-xpath.sch'), 'utf8');
    const { schema: compiled, diagnostics } = compileSchematron(text, 'broken-xpath.sch');
    expect(diagnostics.map((d) => [d.file, d.severity, d.ruleId, d.line, d.column])).toEqual([
      ['broken-xpath.sch', 'error', 'schematron/xpath-error', 5, 7],
      ['broken-xpath.sch', 'error', 'schematron/xpath-error', 6, 7],
    ]);
    expect(diagnostics[0]!.message).toContain('count(t:p');
    expect((diagnostics[0]!.cause as { code: string }).code).toBe('XPST0003');
    expect((diagnostics[1]!.cause as { code: string }).code).toBe('XPST0081');
    const found = await run(compiled!, '<doc xmlns="urn:test"><p/></doc>');
    expect(found.map((d) => d.ruleId)).toEqual(['still-runs']);
  });

  it('reports a dynamic XPath error once, against the schema, and goes on', async () => {
    const text = schema(`<pattern><rule context="t:p">
        <assert id="n-integer" test="xs:integer(@n) gt 0">n must be positive</assert>
        <report id="p-seen" test="true()">p</report>
      </rule></pattern>`);
    const { schema: compiled } = compileSchematron(text, 'dynamic.sch');
    const found = await run(compiled!, '<doc xmlns="urn:test"><p n="x"/><p n="y"/><p n="2"/></doc>');
    expect(found.map((d) => [d.file, d.ruleId, d.severity])).toEqual([
      ['dynamic.sch', 'schematron/xpath-error', 'error'],
      ['doc.xml', 'p-seen', 'error'],
      ['doc.xml', 'p-seen', 'error'],
      ['doc.xml', 'p-seen', 'error'],
    ]);
    expect(found[0]).toMatchObject({ line: 4, column: 9 });
    expect(found[0]!.message).toContain('not a valid xs:integer');
  });

  it('skips rules using XSLT-only functions with a warning, never crashing', async () => {
    const text = schema(`<pattern>
        <rule context="t:p"><assert test="key('ids', @ref)">no</assert></rule>
        <rule context="t:q"><report id="q" test="true()">q</report></rule>
      </pattern>
      <pattern><rule context="t:p"><report id="p" test="unparsed-text('/etc/hostname')">read</report></rule></pattern>
      <pattern><rule context="t:r"><report id="r" test="true()">r</report></rule></pattern>`);
    const { schema: compiled, diagnostics } = compileSchematron(text, 'xslt-only.sch');
    expect(diagnostics.map((d) => [d.severity, d.ruleId, d.message])).toEqual([
      ['warning', 'schematron/rule-skipped', `Rule "t:p" skipped: its assert "key('ids', @ref)" uses key(), which exists only in XSLT.`],
      ['warning', 'schematron/rule-skipped', `Rule "t:p" skipped: its report "unparsed-text('/etc/hostname')" uses unparsed-text(); validation reads no other resources.`],
    ]);
    const found = await run(compiled!, '<doc xmlns="urn:test"><p/><q/><r/></doc>');
    expect(found.map((d) => d.ruleId)).toEqual(['q', 'r']);
  });

  it('says what is not supported instead of ignoring it', () => {
    const text = schema(`<include href="other.sch"/>
      <pattern abstract="true" id="abs"><rule context="$x"><report test="true()">a</report></rule></pattern>
      <pattern><rule context="t:p"><extends href="other.sch"/></rule></pattern>
      <pattern><rule context="parent::t:p"><report test="true()">b</report></rule><rule context="t:q"><report test="true()">c</report></rule></pattern>
      <pattern><rule context="key('k', 'v')"><report test="true()">d</report></rule></pattern>`);
    const { schema: compiled, diagnostics } = compileSchematron(text, 'unsupported.sch');
    expect(diagnostics.map((d) => [d.severity, d.ruleId, d.line])).toEqual([
      ['warning', 'schematron/unsupported', 3],
      ['warning', 'schematron/unsupported', 4],
      ['warning', 'schematron/rule-skipped', 5],
      ['warning', 'schematron/rule-skipped', 6],
      ['warning', 'schematron/rule-skipped', 6],
      ['warning', 'schematron/rule-skipped', 7],
    ]);
    expect(diagnostics[4]!.message).toContain('later rule(s) of this pattern are skipped');
    expect(compiled!.patternCount).toBe(3);
  });

  it('reports a schema that is not well-formed or not Schematron', () => {
    expect(compileSchematron('<schema', 'bad.sch').diagnostics.map((d) => d.ruleId)).toEqual(['schematron/schema-not-well-formed']);
    const notSchematron = compileSchematron('<schema xmlns="http://www.ascc.net/xml/schematron"/>', 'old.sch');
    expect(notSchematron.schema).toBeUndefined();
    expect(notSchematron.diagnostics.map((d) => d.ruleId)).toEqual(['schematron/invalid-schema']);
  });

  it('reports an extends that names no abstract rule', () => {
    const text = schema('<pattern><rule context="t:p"><extends rule="missing"/></rule></pattern>');
    expect(compileSchematron(text, 'x.sch').diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['error', 'Rule "t:p" skipped: extends names "missing", which is not an abstract rule.'],
    ]);
  });
});

describe('Schematron embedded in tei_all.rng', () => {
  let extracted: ReturnType<typeof extractEmbeddedSchematron> | undefined;
  /** Read on first use: the tests needing tei_all are skipped without the shared schemas. */
  const embedded = () => (extracted ??= extractEmbeddedSchematron(readFileSync(TEI_ALL, 'utf8'), TEI_ALL));

  it.skipIf(!available.sharedSchemas)('compiles all its patterns without diagnostics', () => {
    expect(embedded().diagnostics).toEqual([]);
    expect(embedded().schema?.patternCount).toBe(93);
  });

  it.skipIf(!available.sharedSchemas || !available.corpus)('runs on corpus letters without engine errors', async () => {
    const samples = readdirSync(ESCHER_LETTERS).filter((name) => name.endsWith('.xml')).sort().slice(0, 10);
    expect(samples).toHaveLength(10);
    for (const name of samples) {
      const found = await run(embedded().schema!, readFileSync(path.join(ESCHER_LETTERS, name), 'utf8'), name);
      expect(found.filter((d) => d.ruleId.startsWith('schematron/'))).toEqual([]);
    }
  });

  it.skipIf(!available.sharedSchemas)('finds the TEI constraints a crafted document breaks', async () => {
    const text = readFileSync(path.join(fixtures, 'tei-constraints.xml'), 'utf8');
    const found = await run(embedded().schema!, text, 'tei-constraints.xml');
    const byLine = [...found].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    expect(byLine.map((d) => [d.line, d.column, d.severity, d.path, d.message])).toEqual([
      [12, 14, 'error', '/TEI[1]/text[1]/body[1]/p[1]/ptr[1]', 'Only one of the attributes @target and @cRef may be supplied on <ptr>.'],
      [13, 21, 'error', '/TEI[1]/text[1]/body[1]/p[2]/span[1]', 'Only one of the attributes @target and @from may be supplied on <span>.'],
      [13, 69, 'warning', '/TEI[1]/text[1]/body[1]/p[2]/date[1]', 'The @when attribute cannot be used with any other att.datable.w3c attributes.'],
      // current() in the test: an l inside an l is reported, an l quoted in a note is not.
      [14, 20, 'error', '/TEI[1]/text[1]/body[1]/lg[1]/l[1]/l[1]', 'Abstract model violation: Metrical lines (<l> elements) may not contain <l> or <lg> elements.'],
    ]);
    expect(byLine[0]!.ruleId).toMatch(/^tei_all-ptr-.*-rule-1-report-1$/);
  });

  it('is undefined for a RELAX NG schema without Schematron', () => {
    expect(extractEmbeddedSchematron('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><empty/></start></grammar>', 'x.rng')).toEqual({ diagnostics: [] });
  });
});

describe('the project customisation', () => {
  const schFile = path.join(projectRoot, 'schemas/tei-letter.sch');
  const letterFile = path.join(projectRoot, 'tei/lenin-to-shlyapnikov-1916-10.xml');
  it.skipIf(!existsSync(schFile) || !existsSync(letterFile))('compiles and runs on the bundled letter without engine errors', async () => {
    const { schema: compiled, diagnostics } = compileSchematron(readFileSync(schFile, 'utf8'), schFile);
    expect(diagnostics).toEqual([]);
    expect(compiled!.patternCount).toBeGreaterThan(0);
    const found = await run(compiled!, readFileSync(letterFile, 'utf8'), letterFile);
    expect(found.filter((d) => d.ruleId.startsWith('schematron/'))).toEqual([]);
    expect(found.every((d) => d.file === letterFile && d.line !== undefined)).toBe(true);
  });
});
