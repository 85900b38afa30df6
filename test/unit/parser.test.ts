import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createPythonParser, ParserLoadError, parsePython } from '../../src/analysis/parser';
import { testParser } from './testParser';

const wasmDir = join(__dirname, '../../node_modules');

describe('createPythonParser', () => {
  it('parses Python with the grammar from the wasm folder', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'wasm-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const { copyFileSync } = await import('node:fs');
    copyFileSync(join(wasmDir, 'web-tree-sitter/tree-sitter.wasm'), join(dir, 'tree-sitter.wasm'));
    copyFileSync(join(wasmDir, 'tree-sitter-python/tree-sitter-python.wasm'), join(dir, 'tree-sitter-python.wasm'));
    const parser = await createPythonParser(dir);
    const tree = parser.parse('df = spark.read.csv("x")\ndf.collect()\n');
    assert.ok(tree);
    assert.equal(tree.rootNode.type, 'module');
    assert.equal(tree.rootNode.namedChildren.length, 2);
  });

  it('names the missing file when a wasm is absent', async (t) => {
    const empty = mkdtempSync(join(tmpdir(), 'nowasm-'));
    t.after(() => rmSync(empty, { recursive: true, force: true }));
    await assert.rejects(createPythonParser(empty), (error: unknown) => {
      assert.ok(error instanceof ParserLoadError);
      assert.match(error.message, /tree-sitter\.wasm is missing/);
      assert.equal(error.missingFile, join(empty, 'tree-sitter.wasm'));
      return true;
    });
  });

  it('reads the text in pieces that give the same tree as the whole string, emoji across a piece boundary included', async () => {
    const parser = await testParser();
    // the first line puts an emoji's two UTF-16 units on both sides of the first read's end (1,024)
    const first = `padding = "${'p'.repeat(1023 - 'padding = "'.length)}\u{1F600}"`;
    assert.equal(first.charCodeAt(1023), 0xd83d);
    const lines = [first, ...Array.from({ length: 399 }, (_, i) => `label_${i + 1} = "${'x'.repeat(i % 13)}\u{1F600}"  # ${'y'.repeat(i % 7)}`)];
    const text = lines.join('\n') + '\n';
    const pieces = parsePython(parser, text)!;
    const whole = parser.parse(text)!;
    assert.equal(pieces.rootNode.toString(), whole.rootNode.toString());
    assert.equal(pieces.rootNode.hasError, false);
    assert.equal(pieces.rootNode.endIndex, whole.rootNode.endIndex);
    const statements = (tree: typeof pieces) => tree.rootNode.namedChildren.filter((node) => node!.type !== 'comment');
    assert.equal(statements(pieces)[399]!.text, lines[399]!.slice(0, lines[399]!.indexOf('  #')));

    // and incrementally, after an edit
    const at = text.indexOf('label_200 ');
    const edited = text.slice(0, at) + 'z' + text.slice(at);
    const position = { row: 200, column: 0 };
    pieces.edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: position, oldEndPosition: position, newEndPosition: { row: 200, column: 1 } });
    const reparsed = parsePython(parser, edited, pieces)!;
    assert.equal(reparsed.rootNode.toString(), parser.parse(edited)!.rootNode.toString());
    assert.equal(statements(reparsed)[200]!.text.startsWith('zlabel_200'), true);
  });
});
