// A Python parser for tests that run from source: the wasm files come from node_modules, copied into
// one folder the way the build lays them out in dist/ (removed when the test process exits: each test file
// is a process of its own, and a suite run left about seventy of these behind).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { createPythonParser } from '../../src/analysis/parser';

const modules = join(__dirname, '..', '..', 'node_modules');
let wasmDir: string | undefined;

export function testWasmDir(): string {
  if (!wasmDir) {
    const dir = (wasmDir = mkdtempSync(join(tmpdir(), 'sparkml-wasm-')));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    copyFileSync(join(modules, 'web-tree-sitter', 'tree-sitter.wasm'), join(wasmDir, 'tree-sitter.wasm'));
    copyFileSync(join(modules, 'tree-sitter-python', 'tree-sitter-python.wasm'), join(wasmDir, 'tree-sitter-python.wasm'));
  }
  return wasmDir;
}

export function testParser(): Promise<Parser> {
  return createPythonParser(testWasmDir());
}
