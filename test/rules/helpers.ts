// Test helpers: a parser loaded from the wasm files in node_modules (see test/unit/testParser.ts), and a
// lint shortcut.
import { join } from 'node:path';
import type { Parser } from 'web-tree-sitter';
import { createPythonParser } from '../../src/analysis/parser';
import { type LintOptions, type LintResult, lintText } from '../../src/rules/engine';
import { testWasmDir } from '../unit/testParser';

export { testWasmDir };

const root = join(__dirname, '../..');
let parser: Promise<Parser> | undefined;

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
