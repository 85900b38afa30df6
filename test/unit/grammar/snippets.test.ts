// Every snippet, expanded with its defaults (first choice, default text, empty tab stops), is valid
// Python for tree-sitter: no ERROR or MISSING node.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { testParser } from '../testParser';

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

const file = join(__dirname, '..', '..', '..', 'resources', 'snippets', 'pyspark.code-snippets');
const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Snippet>;

/** Expands VS Code snippet syntax the way accepting every default does. */
function expandSnippet(body: string): string {
  const defaults = new Map<string, string>();
  let text = body;
  // Nested placeholders are resolved innermost first.
  for (let guard = 0; guard < 10; guard++) {
    const next = text
      .replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_all, index: string, choices: string) => {
        const first = choices.split(',')[0]!;
        defaults.set(index, first);
        return first;
      })
      .replace(/\$\{(\d+):([^${}]*)\}/g, (_all, index: string, value: string) => {
        defaults.set(index, value);
        return value;
      });
    if (next === text) break;
    text = next;
  }
  // A repeated tab stop (`${1}` or `$1`) mirrors the default given at its first use.
  return text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_all, braced: string | undefined, bare: string | undefined) => defaults.get((braced ?? bare)!) ?? '');
}

function problems(node: Node, found: string[] = []): string[] {
  if (node.type === 'ERROR' || node.isMissing) found.push(`${node.type}${node.isMissing ? ' (missing)' : ''} at ${node.startPosition.row}:${node.startPosition.column}`);
  for (const child of node.children) if (child) problems(child, found);
  return found;
}

describe('pyspark snippets', () => {
  it('has the pipeline pieces the toolkit promises', () => {
    const prefixes = Object.values(snippets).flatMap((snippet) => snippet.prefix);
    for (const prefix of ['sparksession', 'readcsv', 'mlpipeline', 'binaryeval', 'crossval', 'writeparquet']) {
      assert.ok(prefixes.includes(prefix), prefix);
    }
  });

  it('expands choices, defaults and mirrors', () => {
    assert.equal(expandSnippet('${1|a,b|} ${2:x} ${1} $2 $0'), 'a x a x ');
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`"${name}" expands to valid Python`, async () => {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      const source = expandSnippet(body);
      assert.doesNotMatch(source, /\$\{|\$\d/, 'every placeholder expanded');
      const tree = (await testParser()).parse(`${source}\n`);
      assert.ok(tree);
      assert.deepEqual(problems(tree.rootNode), [], source);
    });
  }

  it('splits with a seed before fitting, and fits the pipeline on the training set', () => {
    const body = expandSnippet((snippets['Spark ML classification pipeline']!.body as string[]).join('\n'));
    const split = body.indexOf('.randomSplit(');
    const fit = body.indexOf('.fit(');
    assert.ok(split >= 0 && fit > split, 'randomSplit comes before fit');
    assert.match(body, /randomSplit\(\[[^\]]+\], seed=\d+\)/);
    assert.match(body, /pipeline\.fit\(train\)/);
    assert.match(body, /Pipeline\(stages=\[assembler, scaler, classifier\]\)/);
  });
});
