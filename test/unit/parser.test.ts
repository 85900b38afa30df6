import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createPythonParser, ParserLoadError } from '../../src/analysis/parser';

const wasmDir = join(__dirname, '../../node_modules');

describe('createPythonParser', () => {
  it('parses Python with the grammar from the wasm folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wasm-'));
    const { copyFileSync } = await import('node:fs');
    copyFileSync(join(wasmDir, 'web-tree-sitter/tree-sitter.wasm'), join(dir, 'tree-sitter.wasm'));
    copyFileSync(join(wasmDir, 'tree-sitter-python/tree-sitter-python.wasm'), join(dir, 'tree-sitter-python.wasm'));
    const parser = await createPythonParser(dir);
    const tree = parser.parse('df = spark.read.csv("x")\ndf.collect()\n');
    assert.ok(tree);
    assert.equal(tree.rootNode.type, 'module');
    assert.equal(tree.rootNode.namedChildren.length, 2);
  });

  it('names the missing file when a wasm is absent', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'nowasm-'));
    await assert.rejects(createPythonParser(empty), (error: unknown) => {
      assert.ok(error instanceof ParserLoadError);
      assert.match(error.message, /tree-sitter\.wasm is missing/);
      assert.equal(error.missingFile, join(empty, 'tree-sitter.wasm'));
      return true;
    });
  });
});
