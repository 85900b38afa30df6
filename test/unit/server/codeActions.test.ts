import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllEdits, noqaEdit } from '../../../src/server/codeActions';
import type { Finding } from '../../../src/rules/types';

function apply(text: string, edit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }): string {
  return TextDocument.applyEdits(TextDocument.create('file:///a.py', 'python', 1, text), [edit]);
}

describe('noqaEdit', () => {
  it('appends a ruff-style noqa comment to the line', () => {
    const doc = TextDocument.create('file:///a.py', 'python', 1, 'rows = df.collect()   \nnext = 1\n');
    assert.equal(apply(doc.getText(), noqaEdit(doc, 0, 'SPK101')!), 'rows = df.collect()  # noqa: SPK101\nnext = 1\n');
  });

  it('adds the code to an existing noqa list', () => {
    const doc = TextDocument.create('file:///a.py', 'python', 1, 'df.show()  # noqa: SPK106\n');
    assert.equal(apply(doc.getText(), noqaEdit(doc, 0, 'SPK101')!), 'df.show()  # noqa: SPK106, SPK101\n');
  });

  it('puts the comment where a continued line ends: not after a backslash, not inside a triple-quoted string', () => {
    const continued = TextDocument.create('file:///a.py', 'python', 1, 'df = spark.read \\\n    .option("inferSchema", True) \\\n    .csv(path)\nnext = 1\n');
    assert.equal(apply(continued.getText(), noqaEdit(continued, 0, 'SPK401')!), 'df = spark.read \\\n    .option("inferSchema", True) \\\n    .csv(path)  # noqa: SPK401\nnext = 1\n');
    const query = TextDocument.create('file:///a.py', 'python', 1, 'rows = spark.sql("""\n  SELECT * FROM events\n""").collect()\n');
    assert.equal(apply(query.getText(), noqaEdit(query, 0, 'SPK101')!), 'rows = spark.sql("""\n  SELECT * FROM events\n""").collect()  # noqa: SPK101\n');
  });

  it('leaves a bare noqa alone: it already silences every code', () => {
    const doc = TextDocument.create('file:///a.py', 'python', 1, 'df.show()  # noqa\n');
    assert.equal(noqaEdit(doc, 0, 'SPK101'), undefined);
  });

  it('works on the last line without a newline and with CRLF', () => {
    const doc = TextDocument.create('file:///a.py', 'python', 1, 'a = 1\r\nrows = df.collect()');
    assert.equal(apply(doc.getText(), noqaEdit(doc, 1, 'SPK101')!), 'a = 1\r\nrows = df.collect()  # noqa: SPK101');
    assert.equal(apply(doc.getText(), noqaEdit(doc, 0, 'SPK101')!), 'a = 1  # noqa: SPK101\r\nrows = df.collect()');
  });
});

function finding(line: number, start: number, end: number, safety: 'safe' | 'unsafe', newText = 'x'): Finding {
  const range = { start: { line, character: start }, end: { line, character: end } };
  return { code: 'SPK104', name: 'count-for-emptiness', severity: 'warning', message: 'm', range, fix: { title: 't', safety, edits: [{ range, newText }] } };
}

describe('fixAllEdits', () => {
  it('takes safe fixes only and skips one that overlaps an earlier one', () => {
    const edits = fixAllEdits([finding(0, 0, 5, 'safe', 'a'), finding(0, 3, 8, 'safe', 'b'), finding(1, 0, 2, 'unsafe', 'c'), finding(2, 0, 2, 'safe', 'd')]);
    assert.deepEqual(edits.map((e) => e.newText), ['a', 'd']);
  });
});
