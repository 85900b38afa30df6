// The tree copy walks the tree through direct calls into tree-sitter's wasm (src/analysis/rawCursor.ts):
// it must copy exactly what web-tree-sitter's own TreeCursor gives, on clean and broken code alike.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { rawCursorAvailable, useRawCursor } from '../../../src/analysis/rawCursor';
import { type PyNode, copyTree } from '../../../src/analysis/syntax';
import { seededRandom } from '../../../src/shared/seededRandom';
import { CORPUS_DIR, FIXTURES_DIR, LEAKAGE_DIR, labelledFiles } from '../../rules/labels';
import { mutate } from '../../rules/mutate';
import { testParser } from '../testParser';

function flatten(root: PyNode): unknown[] {
  const rows: unknown[] = [];
  const visit = (node: PyNode) => {
    const { id, type, named, field, missing, startIndex, endIndex, startRow, startCol, endRow, endCol } = node;
    rows.push([id, type, named, field, missing, startIndex, endIndex, startRow, startCol, endRow, endCol, node.parent?.id ?? -1, node.children.length]);
    node.children.forEach(visit);
  };
  visit(root);
  return rows;
}

describe('tree copy through direct wasm cursor calls', () => {
  let parser: Parser;
  before(async () => (parser = await testParser()));
  after(() => useRawCursor(true));

  it('is available once the parser is created', () => {
    assert.equal(rawCursorAvailable(), true);
  });

  it('copies what the TreeCursor copies (fixtures, corpus, leakage jobs, 300 mutations)', () => {
    const sources = [FIXTURES_DIR, CORPUS_DIR, LEAKAGE_DIR].flatMap((dir) => labelledFiles(dir)).map((file) => file.text);
    const next = seededRandom(7);
    const texts = [...sources, ...Array.from({ length: 300 }, (_, n) => mutate(sources[n % sources.length]!, next)), '', 'x = (', '\r\n\r\n  def'];
    for (const text of texts) {
      const tree = parser.parse(text)!;
      try {
        useRawCursor(true);
        const raw = copyTree(tree, text);
        useRawCursor(false);
        const plain = copyTree(tree, text);
        assert.deepEqual(flatten(raw.root), flatten(plain.root));
        assert.equal(raw.nodeCount, plain.nodeCount);
        assert.deepEqual(raw.comments.map((n) => n.id), plain.comments.map((n) => n.id));
        assert.deepEqual(raw.errors.map((n) => n.id), plain.errors.map((n) => n.id));
        // the tree is still usable through web-tree-sitter afterwards
        const cursor = tree.walk();
        assert.equal(cursor.nodeType, tree.rootNode.type); // 'module', or 'ERROR' for a few mutations
        assert.equal(cursor.gotoFirstChild(), tree.rootNode.childCount > 0);
        cursor.delete();
      } finally {
        useRawCursor(true);
        tree.delete();
      }
    }
  });
});
