import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostic.js';
import { formatHuman, shouldColour } from '../../src/report/human.js';
import { formatJson } from '../../src/report/json.js';

const diagnostics: Diagnostic[] = [
  { file: 'b.xml', line: 3, column: 5, severity: 'warning', source: 'ids', ruleId: 'ids/unresolved-pointer', message: 'Pointer "#x" resolves to nothing.', hint: 'Add xml:id="x".' },
  { file: 'a.xml', line: 10, column: 2, severity: 'error', source: 'relaxng', ruleId: 'relaxng/element-not-allowed', message: '<foo> is not allowed in <p>.', path: '/TEI/text/body/p[2]', url: 'https://tei-c.org/release/doc/tei-p5-doc/en/html/ref-p.html', cause: new Error('raw') },
];

describe('human reporter', () => {
  it('groups by file, sorts by position and ends with a summary (plain when not colouring)', () => {
    expect(formatHuman(diagnostics, { colour: false })).toBe(
      [
        'a.xml',
        '  10:2     error   <foo> is not allowed in <p>.  relaxng/element-not-allowed',
        '                   at /TEI/text/body/p[2]',
        '                   see https://tei-c.org/release/doc/tei-p5-doc/en/html/ref-p.html',
        '',
        'b.xml',
        '  3:5      warning Pointer "#x" resolves to nothing.  ids/unresolved-pointer',
        '                   fix: Add xml:id="x".',
        '',
        '✖ 1 error, 1 warning',
        '',
      ].join('\n'),
    );
  });

  it('colours only on a terminal and never with NO_COLOR', () => {
    expect(shouldColour(true, {})).toBe(true);
    expect(shouldColour(false, {})).toBe(false);
    expect(shouldColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(formatHuman(diagnostics, { colour: true })).toContain('\u001b[31merror');
  });
});

describe('JSON reporter', () => {
  it('writes every field, with causes as strings', () => {
    const report = JSON.parse(formatJson(diagnostics, [{ file: 'a.xml', valid: false, schema: 'tei_all' }, { file: 'b.xml', valid: true }]));
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ files: 2, invalidFiles: 1, errors: 1, warnings: 1, infos: 0 });
    expect(report.diagnostics[0]).toEqual({
      file: 'a.xml', line: 10, column: 2, end: null, severity: 'error', source: 'relaxng', ruleId: 'relaxng/element-not-allowed',
      message: '<foo> is not allowed in <p>.', hint: null, url: 'https://tei-c.org/release/doc/tei-p5-doc/en/html/ref-p.html', path: '/TEI/text/body/p[2]', cause: 'raw',
    });
  });
});
