// Variable look-ups scoped to the function a variable lives in (ruleHelpers.ts): what the SPK001 fix asks
// to know whether a name is used again or bound twice.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../../src/analysis/model';
import { type PyNode, copyTree, identifiersNamed, textOf } from '../../../src/analysis/syntax';
import type { RuleContext } from '../../../src/rules/rule';
import { bindingsInScope, variableReferencesInScope } from '../../../src/rules/ruleHelpers';
import { testParser } from '../testParser';

async function contextOf(code: string): Promise<RuleContext> {
  const parser = await testParser();
  const tree = parser.parse(code)!;
  const syntax = copyTree(tree, code);
  tree.delete();
  return { model: buildModel(syntax), tree: syntax, options: {}, text: (node) => textOf(syntax, node), sparkAtLeast: () => true, ruleEnabled: () => true, report: () => undefined, readsOtherStatements: () => undefined };
}

/** The `n`th identifier named `name` in the file, and the lines of a list of nodes. */
const nth = (context: RuleContext, name: string, n: number): PyNode => identifiersNamed(context.tree, name)[n]!;
const lines = (nodes: readonly PyNode[]): number[] => nodes.map((node) => node.startRow);

const CODE = [
  'import pyspark',
  'scaled = 1',
  'def first():',
  '    scaled = 2',
  '    return [scaled for _ in range(3)]',
  'def second():',
  '    scaled = 3',
  '    scaled = scaled + 1',
  'def third():',
  '    global scaled',
  '    scaled = 4',
  'print(scaled)',
  '',
].join('\n');

describe('look-ups in the scope of a variable', () => {
  it('stay inside the function holding it, nested scopes included', async () => {
    const context = await contextOf(CODE);
    assert.deepEqual(lines(variableReferencesInScope(context, 'scaled', nth(context, 'scaled', 1))), [3, 4]);
    assert.deepEqual(lines(bindingsInScope(context, 'scaled', nth(context, 'scaled', 1))), [3]);
    assert.deepEqual(lines(bindingsInScope(context, 'scaled', nth(context, 'scaled', 3))), [6, 7]);
  });

  it('cover the module and the functions that declare the name global, not the functions with a variable of their own', async () => {
    const context = await contextOf(CODE);
    const module = [1, 9, 10, 11];
    assert.deepEqual(lines(variableReferencesInScope(context, 'scaled', nth(context, 'scaled', 0))), module);
    assert.deepEqual(lines(variableReferencesInScope(context, 'scaled', nth(context, 'scaled', 7))), module);
    assert.deepEqual(lines(bindingsInScope(context, 'scaled', nth(context, 'scaled', 0))), [1, 10]);
  });
});
