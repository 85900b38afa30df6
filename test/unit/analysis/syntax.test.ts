import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { type PyNode, copyTree } from '../../../src/analysis/syntax';
import { FIXTURES_DIR, labelledFiles } from '../../rules/labels';
import { testParser } from '../../rules/helpers';

function compare(original: Node, copy: PyNode, path: string): void {
  const where = `${path}/${original.type}`;
  assert.equal(copy.type, original.type, where);
  assert.equal(copy.named, original.isNamed, where);
  assert.equal(copy.missing, original.isMissing, where);
  assert.deepEqual([copy.startIndex, copy.endIndex], [original.startIndex, original.endIndex], where);
  assert.deepEqual([copy.startRow, copy.startCol, copy.endRow, copy.endCol], [original.startPosition.row, original.startPosition.column, original.endPosition.row, original.endPosition.column], where);
  assert.equal(copy.children.length, original.childCount, where);
  copy.children.forEach((child, index) => {
    assert.equal(child.parent, copy);
    assert.equal(child.field, child.named ? original.fieldNameForChild(index) : null, `${where} field of child ${index}`);
    compare(original.child(index)!, child, where);
  });
}

describe('copyTree', () => {
  it('copies every node with the types, offsets, positions and fields tree-sitter reports', async () => {
    const parser = await testParser();
    const texts = [
      ...labelledFiles(FIXTURES_DIR).slice(0, 6).map((file) => file.text),
      'x = "é😀"; df.collect()\nif x:\n    pass\n',
      'def broken(:\n    return [1, 2\nprint("after")\n',
    ];
    for (const text of texts) {
      const tree = parser.parse(text)!;
      compare(tree.rootNode, copyTree(tree, text).root, '');
      tree.delete();
    }
  });

  it('counts lines like LSP, including CR-only line breaks', async () => {
    const parser = await testParser();
    const text = 'a = 1\r\nb = 2\rc = 3\n';
    const tree = parser.parse(text)!;
    const syntax = copyTree(tree, text);
    tree.delete();
    const identifiers: Array<[string, number, number]> = [];
    const visit = (node: PyNode) => {
      if (node.type === 'identifier') identifiers.push([text.slice(node.startIndex, node.endIndex), node.startRow, node.startCol]);
      node.children.forEach(visit);
    };
    visit(syntax.root);
    assert.deepEqual(identifiers, [['a', 0, 0], ['b', 1, 0], ['c', 2, 0]]);
  });
});
