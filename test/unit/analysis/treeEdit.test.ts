// editBetween: the tree-sitter edit between two texts, checked by what it is for: a tree edited with it
// and re-parsed incrementally is the tree of the new text parsed from scratch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePython } from '../../../src/analysis/parser';
import { editBetween } from '../../../src/analysis/treeEdit';
import { seededRandom } from '../../../src/shared/seededRandom';
import { testParser } from '../testParser';

describe('editBetween', () => {
  it('describes the changed span with rows and UTF-16 columns', () => {
    assert.equal(editBetween('a = 1\n', 'a = 1\n'), undefined);
    assert.deepEqual(editBetween('x = 1\ny = "é"\nz = 3\n', 'x = 1\ny = "é!"\nz = 3\n'), {
      startIndex: 12,
      oldEndIndex: 12,
      newEndIndex: 13,
      startPosition: { row: 1, column: 6 },
      oldEndPosition: { row: 1, column: 6 },
      newEndPosition: { row: 1, column: 7 },
    });
    assert.deepEqual(editBetween('a\nb\nc', 'a\nc'), {
      startIndex: 2,
      oldEndIndex: 4,
      newEndIndex: 2,
      startPosition: { row: 1, column: 0 },
      oldEndPosition: { row: 2, column: 0 },
      newEndPosition: { row: 1, column: 0 },
    });
  });

  it('lets an incremental re-parse give the tree of a parse from scratch, over 200 random edits', async () => {
    const parser = await testParser();
    const next = seededRandom(3);
    const pieces = ['df = spark.read.parquet("p")\n', '    ', 'if x:\n', ')', '"', 'é', '# c\n', '\n', 'rows = df.collect()\n', 'def f(a):\n'];
    let text = 'from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n';
    let tree = parsePython(parser, text)!;
    for (let n = 0; n < 200; n++) {
      const at = Math.floor(next() * (text.length + 1));
      const removed = Math.floor(next() * 4);
      const changed = text.slice(0, at) + (next() < 0.7 ? pieces[Math.floor(next() * pieces.length)] : '') + text.slice(at + removed);
      const edit = editBetween(text, changed);
      if (edit) tree.edit(edit);
      const incremental = parsePython(parser, changed, tree)!;
      const fresh = parsePython(parser, changed)!;
      assert.equal(incremental.rootNode.toString(), fresh.rootNode.toString(), `after edit ${n}: ${JSON.stringify(changed)}`);
      fresh.delete();
      tree.delete();
      tree = incremental;
      text = changed;
    }
    tree.delete();
  });
});
