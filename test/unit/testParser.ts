// A Python parser for tests that run from source: the wasm files come from node_modules, copied into one
// folder the way the build lays them out in dist/. The folder is named after the packages' versions and
// shared by every test process, so none is left behind per process (each test file is a process of its
// own, and one killed by its runner never runs an exit handler).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { createPythonParser } from '../../src/analysis/parser';

const modules = join(__dirname, '..', '..', 'node_modules');
const WASM_FILES: ReadonlyArray<[string, string]> = [
  [join(modules, 'web-tree-sitter', 'tree-sitter.wasm'), 'tree-sitter.wasm'],
  [join(modules, 'tree-sitter-python', 'tree-sitter-python.wasm'), 'tree-sitter-python.wasm'],
];
let wasmDir: string | undefined;

function versionOf(name: string): string {
  return (JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')) as { version: string }).version;
}

export function testWasmDir(): string {
  if (wasmDir) return wasmDir;
  const dir = join(tmpdir(), `sparkml-test-wasm-${versionOf('web-tree-sitter')}-${versionOf('tree-sitter-python')}`);
  if (!WASM_FILES.every(([, name]) => existsSync(join(dir, name)))) {
    // made complete in a folder of its own, then moved in place whole: a process running beside this one
    // sees no folder or a complete one
    const staging = mkdtempSync(join(tmpdir(), 'sparkml-test-wasm-'));
    for (const [from, name] of WASM_FILES) copyFileSync(from, join(staging, name));
    try {
      renameSync(staging, dir);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process was first
    }
  }
  return (wasmDir = dir);
}

export function testParser(): Promise<Parser> {
  return createPythonParser(testWasmDir());
}
