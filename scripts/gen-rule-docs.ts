// Writes docs/rules/SPKxxx.md for every rule and docs/rules/README.md (the index) from the rules' meta.
// The language server links diagnostics to these pages. Run: node --import tsx scripts/gen-rule-docs.ts
// (test/rules/docs.test.ts fails when the committed pages differ from what this script writes).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../src/rules/registry';
import { renderIndex, renderRuleDoc } from '../src/rules/ruleDocs';

export const DOCS_DIR = join(__dirname, '..', 'docs', 'rules');

/** Every file the docs folder should hold, name -> content. */
export function renderAll(): Map<string, string> {
  const files = new Map<string, string>([['README.md', renderIndex()]]);
  for (const rule of rules) files.set(`${rule.meta.code}.md`, renderRuleDoc(rule));
  return files;
}

function main(): void {
  mkdirSync(DOCS_DIR, { recursive: true });
  const files = renderAll();
  for (const name of readdirSync(DOCS_DIR)) if (/^SPK\d+\.md$/.test(name) && !files.has(name)) rmSync(join(DOCS_DIR, name));
  for (const [name, content] of files) writeFileSync(join(DOCS_DIR, name), content);
  console.log(`wrote ${files.size} files to ${DOCS_DIR}`);
}

if (require.main === module) main();
