import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatText } from '../../../src/rules/output/findingRows';
import type { Finding, Severity } from '../../../src/rules/types';

function finding(code: string, severity: Severity, line: number): Finding {
  return { code, name: code, severity, message: `${code} message`, range: { start: { line, character: 0 }, end: { line, character: 1 } } };
}

describe('sparkml lint text summary', () => {
  it('counts problems by severity instead of calling every finding an error', () => {
    const text = formatText([
      { file: 'a.py', findings: [finding('SPK101', 'warning', 0), finding('SPK106', 'hint', 1), finding('SPK106', 'hint', 2)], notices: [] },
      { file: 'b.py', findings: [finding('SPK001', 'error', 0), finding('SPK105', 'info', 3)], notices: [] },
    ]);
    assert.match(text, /^a\.py:1:1: SPK101 SPK101 message$/m);
    assert.match(text, /^Found 5 problems \(1 error, 1 warning, 1 info, 2 hints\)\.$/m);
  });

  it('with --fix, says what was fixed and what remains', () => {
    const remaining = [{ file: 'a.py', findings: [finding('SPK106', 'hint', 1)], notices: [] }];
    assert.match(formatText(remaining, { fixed: 2 }), /^Found 3 problems \(2 fixed, 1 remaining: 1 hint\)\.$/m);
    assert.match(formatText([{ file: 'a.py', findings: [], notices: [] }], { fixed: 1 }), /^Found 1 problem \(1 fixed, 0 remaining\)\.$/m);
  });

  it('says all checks passed when there is nothing', () => {
    assert.equal(formatText([{ file: 'a.py', findings: [], notices: [] }]), 'All checks passed!\n');
  });

  it('says how many files it did not analyse, and when it analysed none', () => {
    const skipped = { code: 'file-skipped', name: 'file-skipped', severity: 'info' as const, message: 'not analysed: a Jupyter notebook', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    assert.equal(formatText([{ file: 'a.py', findings: [], notices: [] }, { file: 'b.ipynb', findings: [], notices: [skipped] }]), 'All checks passed! 1 file not analysed (the reason is on stderr).\n');
    assert.equal(formatText([{ file: 'b.ipynb', findings: [], notices: [skipped] }]), 'Nothing analysed: 1 file skipped (the reason is on stderr).\n');
    assert.match(formatText([{ file: 'a.py', findings: [finding('SPK106', 'hint', 1)], notices: [] }, { file: 'b.ipynb', findings: [], notices: [skipped] }]), /^Found 1 problem \(1 hint\)\. 1 file not analysed \(the reason is on stderr\)\.$/m);
  });

  it('does not say all checks passed when a file has syntax errors (the exit code is 1 then)', () => {
    const syntax = { code: 'syntax-error', name: 'syntax-error', severity: 'error' as const, message: 'Syntax error', range: { start: { line: 2, character: 6 }, end: { line: 2, character: 6 } } };
    assert.equal(formatText([{ file: 'a.py', findings: [], notices: [syntax] }]), 'No problems found, but 1 file has syntax errors (on stderr; the rules checked the code that parses).\n');
    assert.match(formatText([{ file: 'a.py', findings: [finding('SPK106', 'hint', 1)], notices: [] }, { file: 'b.py', findings: [], notices: [syntax] }, { file: 'c.py', findings: [], notices: [syntax] }]), /^Found 1 problem \(1 hint\)\. 2 files have syntax errors \(on stderr; the rules checked the code that parses\)\.$/m);
  });
});
