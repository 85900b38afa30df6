import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { type PyNode, copyTree, field, forEachNode, identifiersNamed, namedChildren, stringValue, textOf } from '../../../src/analysis/syntax';
import { FIXTURES_DIR, labelledFiles } from '../../rules/labels';
import { testParser } from '../../rules/helpers';

/** The punctuation copyTree leaves out of trees without syntax errors. */
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', '.', ':', ';']);

/**
 * Compares a copy with tree-sitter's nodes. `punctuation`: 'dropped' (an error-free tree), 'kept' (a tree
 * with errors), or 'either' (an incremental copy: statements moved over keep what their first copy did).
 */
function compare(original: Node, copy: PyNode, path: string, punctuation: 'dropped' | 'kept' | 'either'): void {
  const where = `${path}/${original.type}`;
  assert.equal(copy.type, original.type, where);
  assert.equal(copy.named, original.isNamed, where);
  assert.equal(copy.missing, original.isMissing, where);
  assert.deepEqual([copy.startIndex, copy.endIndex], [original.startIndex, original.endIndex], where);
  assert.deepEqual([copy.startRow, copy.startCol, copy.endRow, copy.endCol], [original.startPosition.row, original.startPosition.column, original.endPosition.row, original.endPosition.column], where);
  const all = Array.from({ length: original.childCount }, (_, index) => index);
  const withoutPunctuation = all.filter((index) => original.child(index)!.isNamed || !PUNCTUATION.has(original.child(index)!.type));
  const drop = punctuation === 'dropped' || (punctuation === 'either' && copy.children.length !== all.length);
  const kept = drop ? withoutPunctuation : all;
  assert.equal(copy.children.length, kept.length, `${where}: children (${drop ? 'without' : 'with'} punctuation)`);
  copy.children.forEach((child, position) => {
    const index = kept[position]!;
    assert.equal(child.parent, copy);
    assert.equal(child.field, child.named ? original.fieldNameForChild(index) : null, `${where} field of child ${index}`);
    compare(original.child(index)!, child, where, punctuation);
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
      const copy = copyTree(tree, text);
      compare(tree.rootNode, copy.root, '', tree.rootNode.hasError ? 'kept' : 'dropped');
      // punctuation really is left out of an error-free copy, and kept where a syntax error is
      assert.equal(copy.nodes.some((node) => node.type === '('), tree.rootNode.hasError, text.slice(0, 40));
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

describe('copyTree with the previous copy (incremental)', () => {
  it('moves unchanged statements and still matches tree-sitter after edits', async () => {
    const parser = await testParser();
    const edits: Array<(text: string) => { start: number; oldEnd: number; insert: string }> = [
      (text) => { const at = text.indexOf('\n', text.length / 2) + 1; return { start: at, oldEnd: at, insert: 'extra = spark.table("t").collect()\n' }; },
      (text) => { const at = text.indexOf('spark'); return { start: at, oldEnd: at + 5, insert: 'sparkSession' }; },
      (text) => { const at = text.indexOf('\n', 10) + 1; return { start: at, oldEnd: at, insert: 'def broken(:\n' }; },
      (text) => { const at = text.lastIndexOf('\n', text.length - 2) + 1; return { start: at, oldEnd: text.length, insert: '' }; },
      (text) => { const at = text.indexOf('# '); return { start: at, oldEnd: at, insert: '(' }; },
      // lines and ids of everything below move (and the moved statements' comments with them)
      (text) => { const at = text.indexOf('\n') + 1; return { start: at, oldEnd: at, insert: 'x = 1  # top\n' }; },
      // error recovery parses the same broken line differently once another follows it
      (text) => ({ start: text.length, oldEnd: text.length, insert: '\nprint("a"., score(X, y))  # one\n' }),
      (text) => ({ start: text.length, oldEnd: text.length, insert: 'print("a"., score(X, y))  # one\n' }),
    ];
    for (const file of labelledFiles(FIXTURES_DIR).slice(0, 8)) {
      let text = file.text;
      let tree = parser.parse(text)!;
      let copy = copyTree(tree, text);
      for (const makeEdit of edits) {
        const { start, oldEnd, insert } = makeEdit(text);
        const next = text.slice(0, start) + insert + text.slice(oldEnd);
        const point = (source: string, offset: number) => {
          const before = source.slice(0, offset);
          const row = before.split('\n').length - 1;
          return { row, column: offset - (before.lastIndexOf('\n') + 1) };
        };
        tree.edit({
          startIndex: start, oldEndIndex: oldEnd, newEndIndex: start + insert.length,
          startPosition: point(text, start), oldEndPosition: point(text, oldEnd), newEndPosition: point(next, start + insert.length),
        });
        const newTree = parser.parse(next, tree)!;
        tree.delete();
        copy = copyTree(newTree, next, copy);
        compare(newTree.rootNode, copy.root, file.name, 'either');
        const ids: number[] = [];
        const visit = (node: PyNode) => {
          ids.push(node.id);
          node.children.forEach(visit);
        };
        visit(copy.root);
        assert.deepEqual(ids, ids.map((_, index) => index), `${file.name}: ids in document order`);
        assert.deepEqual(copy.comments.map((node) => node.startIndex), newTree.rootNode.descendantsOfType('comment').map((node) => node!.startIndex), `${file.name}: comments`);
        tree = newTree;
        text = next;
      }
      tree.delete();
    }
  });
});

describe('identifiersNamed', () => {
  it('finds every identifier with that text, in document order, like a walk would', async () => {
    const parser = await testParser();
    for (const file of labelledFiles(FIXTURES_DIR)) {
      const tree = parser.parse(file.text)!;
      const copy = copyTree(tree, file.text);
      tree.delete();
      const names = new Set<string>();
      const walked = new Map<string, PyNode[]>();
      forEachNode(copy.root, (node) => {
        if (node.type !== 'identifier') return;
        const name = textOf(copy, node);
        names.add(name);
        walked.set(name, [...(walked.get(name) ?? []), node]);
      });
      for (const name of names) assert.deepEqual(identifiersNamed(copy, name), walked.get(name), `${file.name}: ${name}`);
      assert.deepEqual(identifiersNamed(copy, 'no_such_name_anywhere'), []);
    }
  });
});

describe('stringValue', () => {
  it('decodes escape sequences as Python does, except in raw strings', async () => {
    const parser = await testParser();
    const source = [
      String.raw`a = "DRY\nRUN"`,
      String.raw`b = 'tab\there \'q\' \"d\" back\\slash'`,
      String.raw`c = r"C:\new\table"`,
      String.raw`d = "\x41\u00e9\101 \N{BULLET} \d"`,
      'e = "one \\\ntwo"',
      String.raw`f = Rb"raw\t"`,
    ].join('\n');
    const tree = parser.parse(source)!;
    const copy = copyTree(tree, source);
    tree.delete();
    const values = namedChildren(copy.root).map((statement) => stringValue(copy, field(namedChildren(statement)[0]!, 'right')));
    assert.deepEqual(values, ['DRY\nRUN', `tab\there 'q' "d" back\\slash`, String.raw`C:\new\table`, 'AéA ? \\d', 'one two', String.raw`raw\t`]);
  });
});
