// Incremental re-parsing must give exactly the tree a full parse gives, whatever the edits.
import assert from 'node:assert/strict';
import { describe, it, before } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { LONG_COMMENT_BLOCK, includedRanges } from '../../../src/analysis/commentRuns';
import { parsePython } from '../../../src/analysis/parser';
import { ParsedDocuments } from '../../../src/server/parsedDocuments';
import { seededRandom } from '../../../src/shared/seededRandom';
import { testParser } from '../testParser';

const source = [
  'import pyspark.sql.functions as F',
  'df = spark.read.csv("data.csv", header=True)',
  'for c in ["a", "b"]:',
  '    df = df.withColumn(c, F.col(c) * 2)  # héllo 😀',
  'rows = df.collect()',
  '',
].join('\n');


describe('ParsedDocuments', () => {
  let parser: Parser;
  before(async () => (parser = await testParser()));

  // the second source has a block of commented-out code long enough to be left out of the parse; the
  // edits make and break such blocks (a `#` or a newline at a line start), so the included ranges change
  const commentedOut = Array.from({ length: LONG_COMMENT_BLOCK }, (_, i) => `    # rows_${i} = df.collect()`);
  const sources: Array<[string, string]> = [
    ['plain', source],
    ['with a long commented-out block', source.replace('rows = df.collect()', ['def f(df):', ...commentedOut, '    return df', ...commentedOut.map((line) => line.slice(4)), 'rows = df.collect()'].join('\n'))],
  ];
  for (const [name, text] of sources) it(`keeps the incremental tree equal to a fresh parse over 300 random edits (${name})`, () => {
    const docs = new ParsedDocuments(() => parser);
    const uri = 'file:///job.py';
    docs.openDocument(uri, 'python', 1, text);
    assert.equal(includedRanges(text) !== undefined, name !== 'plain');
    const next = seededRandom(42);
    const inserts = ['x', '.collect()', '\n', '(', ')', ' 😀', 'df = spark.table("t")\n', '"', '#', '\n# ', '# x\n'];
    for (let version = 2; version < 302; version++) {
      const document = docs.get(uri)!.document;
      const text = document.getText();
      const a = Math.floor(next() * (text.length + 1));
      const b = Math.min(text.length, a + Math.floor(next() * 6));
      // never split a surrogate pair: editors don't
      const start = document.positionAt(a);
      const end = document.positionAt(b);
      const insert = inserts[Math.floor(next() * inserts.length)];
      docs.change(uri, version, [{ range: { start, end }, text: insert }]);
      const current = docs.get(uri)!;
      const fresh = parsePython(parser, current.document.getText())!;
      assert.equal(current.tree.rootNode.toString(), fresh.rootNode.toString(), `after edit ${version}`);
      fresh.delete();
    }
  });

  it('applies a full-text change', () => {
    const docs = new ParsedDocuments(() => parser);
    docs.openDocument('file:///a.py', 'python', 1, source);
    docs.change('file:///a.py', 2, [{ text: 'x = 1\n' }]);
    assert.equal(docs.get('file:///a.py')!.tree.rootNode.text, 'x = 1\n');
  });

  it('keeps the text of documents while the parser is unavailable and parses them later', () => {
    const loader: { parser?: Parser } = {};
    const docs = new ParsedDocuments(() => loader.parser);
    docs.openDocument('file:///b.py', 'python', 1, 'x = 1\n');
    docs.change('file:///b.py', 2, [{ range: { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } }, text: '2' }]);
    assert.equal(docs.get('file:///b.py'), undefined);
    assert.equal(docs.text('file:///b.py')?.getText(), 'x = 2\n');
    loader.parser = parser;
    docs.reparseAll();
    assert.equal(docs.get('file:///b.py')?.tree.rootNode.text, 'x = 2\n');
  });
});
