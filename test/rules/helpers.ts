// Test helpers: a parser loaded from the wasm files in node_modules (copied into one temp folder, the
// layout dist/ has), and a lint shortcut.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { createPythonParser } from '../../src/analysis/parser';
import { type LintOptions, type LintResult, lintText } from '../../src/rules/engine';

const root = join(__dirname, '../..');
let wasmDir: string | undefined;
let parser: Promise<Parser> | undefined;

/** A folder holding tree-sitter.wasm and tree-sitter-python.wasm, like dist/. */
export function testWasmDir(): string {
  if (!wasmDir) {
    wasmDir = mkdtempSync(join(tmpdir(), 'sparkml-wasm-'));
    copyFileSync(join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'), join(wasmDir, 'tree-sitter.wasm'));
    copyFileSync(join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'), join(wasmDir, 'tree-sitter-python.wasm'));
  }
  return wasmDir;
}

export function testParser(): Promise<Parser> {
  parser ??= createPythonParser(testWasmDir());
  return parser;
}

export async function lint(code: string, options: LintOptions = {}): Promise<LintResult> {
  return lintText(await testParser(), code, options);
}

/** `code@line` for each finding (1-based line), a compact form for assertions. */
export function codesAt(result: LintResult): string[] {
  return result.findings.map((finding) => `${finding.code}@${finding.range.start.line + 1}`);
}

export const repoRoot = root;
