// Parses Python for the configuration tests with the real tree-sitter grammar, and finds positions by text.
import type { Tree } from 'web-tree-sitter';
import type { Position } from '../../../src/analysis/sparkConfig/contexts';
import { testParser } from '../testParser';

export async function parsePython(source: string): Promise<Tree> {
  const parser = await testParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** The position just after the first occurrence of `marker` (or `offset` characters into it). */
export function positionAfter(source: string, marker: string, offset = marker.length): Position {
  const index = source.indexOf(marker);
  if (index < 0) throw new Error(`marker ${marker} not in source`);
  const before = source.slice(0, index + offset);
  const lines = before.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
}
