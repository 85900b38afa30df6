// Long blocks of full-line comments are left out of the parse (the grammar's scanner is quadratic in
// them): the tree must be the plain parse's tree without those comment nodes, node for node, with the
// same offsets and positions, and the findings must not change.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Node, Parser, Tree } from 'web-tree-sitter';
import { LONG_COMMENT_BLOCK, includedRanges } from '../../../src/analysis/commentRuns';
import { parsePython } from '../../../src/analysis/parser';
import { lintTree } from '../../../src/rules/engine';
import { testParser } from '../testParser';

/** `count` comment lines, with a blank line after every sixth (blank lines do not end a block). */
function commented(count: number, indent = '', text = 'old_df = spark.read.csv(path)  # héllo 😀'): string[] {
  return Array.from({ length: count }, (_, i) => (i % 6 === 5 ? [`${indent}# ${i}: ${text}`, ''] : [`${indent}# ${i}: ${text}`])).flat();
}

const job = [
  'from pyspark.sql import SparkSession',
  ...commented(LONG_COMMENT_BLOCK + 5),
  'spark = SparkSession.builder.getOrCreate()',
  'def load(path):',
  '    df = spark.read.parquet(path)',
  ...commented(LONG_COMMENT_BLOCK * 2, '    '),
  ...commented(LONG_COMMENT_BLOCK, '\t\t'),
  '    return df',
  'sql = """',
  ...commented(LONG_COMMENT_BLOCK, '', 'a line of a string that looks like a comment'),
  'SELECT * FROM t"""',
  'rows = load("s3://bucket/x").collect()  # noqa: SPK105',
  ...commented(LONG_COMMENT_BLOCK - 1),
  'if rows:',
  '    print(len(rows))',
  ...commented(LONG_COMMENT_BLOCK + 1, '        '),
].join('\r\n');

interface Shape { type: string; start: number; end: number; from: string; to: string }

/**
 * Every node but comments, in document order. A block's trailing comments belong to it in the plain
 * parse; left out, the block ends at its last statement: a node ends where its last non-comment child
 * ends (the module, at the end of the text).
 */
function shapes(tree: Tree): Shape[] {
  const out: Shape[] = [];
  const visit = (node: Node): { end: number; to: string } => {
    const shape: Shape = { type: node.type, start: node.startIndex, end: node.endIndex, from: `${node.startPosition.row}:${node.startPosition.column}`, to: `${node.endPosition.row}:${node.endPosition.column}` };
    out.push(shape);
    let last: { end: number; to: string } | undefined;
    for (const child of node.children) if (child && child.type !== 'comment') last = visit(child);
    if (last && node.parent) Object.assign(shape, last);
    return { end: shape.end, to: shape.to };
  };
  visit(tree.rootNode);
  return out;
}

function commentCount(tree: Tree): number {
  return tree.rootNode.descendantsOfType('comment').length;
}

describe('parsing around long comment blocks', () => {
  let parser: Parser;
  before(async () => (parser = await testParser()));

  it('leaves nothing out of files without a long block', () => {
    assert.equal(includedRanges('x = 1\n' + commented(LONG_COMMENT_BLOCK - 1).join('\n') + '\ny = 2\n'), undefined);
    assert.equal(includedRanges(''), undefined);
    // code with a `#` in a string or a trailing comment is not a comment line: it splits the block in two
    const split = [...commented(LONG_COMMENT_BLOCK - 1), 'tag = "#x"  # a tag', ...commented(LONG_COMMENT_BLOCK - 1)].join('\n');
    assert.equal(includedRanges(split), undefined);
    const whole = [...commented(LONG_COMMENT_BLOCK - 1), '\f \t# indented with a form feed', ...commented(LONG_COMMENT_BLOCK - 1)].join('\r');
    assert.equal(includedRanges(whole)?.length, 2 * LONG_COMMENT_BLOCK - 1, 'all 39 comment lines left out: a range after each, none before the first');
  });

  it('leaves out exactly the comments of blocks of at least LONG_COMMENT_BLOCK lines, blank lines included', () => {
    const plain = parser.parse(job)!;
    const ranged = parsePython(parser, job)!;
    try {
      assert.deepEqual(shapes(ranged), shapes(plain), 'the same nodes at the same offsets and positions, comments aside');
      // the trailing comment and the short block keep their nodes; the long blocks' comments are gone
      assert.equal(commentCount(ranged), 1 + (LONG_COMMENT_BLOCK - 1));
      assert.ok(commentCount(plain) > commentCount(ranged) + 3 * LONG_COMMENT_BLOCK);
      assert.equal(ranged.rootNode.hasError, false);
    } finally {
      plain.delete();
      ranged.delete();
    }
  });

  it('leaves the lines of a triple-quoted string alone, also when the closing quotes end a line starting with #', () => {
    const inString = ['USAGE = """', ...commented(LONG_COMMENT_BLOCK), '# done"""', 'rows = spark.read.parquet("s3://x").collect()'].join('\n');
    assert.equal(includedRanges(inString), undefined);
    // quotes and escapes inside strings do not open one: the real block after them is still left out
    const after = ["a = 'it\\'s # not a comment'", 'b = "\\"\\"\\""  # three quotes, escaped', "c = r'''x\\''' # '''", ...commented(LONG_COMMENT_BLOCK), 'd = 1'].join('\n');
    assert.equal(includedRanges(after)?.length, LONG_COMMENT_BLOCK + 1);
    // a one-line string continued with a backslash goes on to the next line, with \r\n line ends too
    for (const eol of ['\n', '\r\n']) {
      const continued = ['x = "a \\', 'b"; y = """', ...commented(LONG_COMMENT_BLOCK), '# end"""', ...commented(LONG_COMMENT_BLOCK), 'z = 1'].join(eol);
      assert.equal(includedRanges(continued)?.length, LONG_COMMENT_BLOCK + 1, JSON.stringify(eol));
    }
    const tree = parsePython(parser, inString)!;
    try {
      assert.equal(tree.rootNode.hasError, false);
    } finally {
      tree.delete();
    }
  });

  it('gives tree-sitter the same positions with \\n and \\r\\n line ends', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = job.split('\r\n').join(eol);
      const plain = parser.parse(text)!;
      const ranged = parsePython(parser, text)!;
      try {
        assert.deepEqual(shapes(ranged), shapes(plain), JSON.stringify(eol));
      } finally {
        plain.delete();
        ranged.delete();
      }
    }
  });

  it('finds what the plain parse finds, # noqa included', () => {
    const plain = parser.parse(job)!;
    const ranged = parsePython(parser, job)!;
    try {
      const expected = lintTree(plain, job);
      assert.ok(expected.findings.some((f) => f.code === 'SPK101'), 'the collect is reported');
      assert.deepEqual(lintTree(ranged, job), expected);
    } finally {
      plain.delete();
      ranged.delete();
    }
  });

  it('keeps unclosed code and a syntax error inside a block region as the plain parse has them', () => {
    const broken = ['x = foo(', ...commented(LONG_COMMENT_BLOCK + 2, '  '), ')', 'def f(:', ...commented(LONG_COMMENT_BLOCK), 'y = 1'].join('\n');
    const plain = parser.parse(broken)!;
    const ranged = parsePython(parser, broken)!;
    try {
      assert.equal(ranged.rootNode.hasError, plain.rootNode.hasError);
      assert.deepEqual(shapes(ranged).filter((s) => s.type !== 'ERROR'), shapes(plain).filter((s) => s.type !== 'ERROR'));
    } finally {
      plain.delete();
      ranged.delete();
    }
  });
});
