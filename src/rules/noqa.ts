// `# noqa` comments in ruff's form: `# noqa` silences every finding on the line, `# noqa: SPK101, SPK102`
// only those codes. Codes of other tools (E501, ...) in the same comment are ignored.
import type { SyntaxTree } from '../analysis/syntax';
import { textOf } from '../analysis/syntax';

const NOQA = /#\s*noqa(?::\s*(?<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*))?/i;

/** line -> 'all' or the set of codes silenced on that line */
export type NoqaMap = Map<number, 'all' | Set<string>>;

export function collectNoqa(tree: SyntaxTree): NoqaMap {
  const map: NoqaMap = new Map();
  for (const comment of tree.comments) {
    const match = NOQA.exec(textOf(tree, comment));
    if (!match) continue;
    const codes = match.groups?.codes;
    if (!codes) {
      map.set(comment.startRow, 'all');
      continue;
    }
    const existing = map.get(comment.startRow);
    if (existing === 'all') continue;
    const set = existing ?? new Set<string>();
    for (const code of codes.split(/[\s,]+/)) if (code) set.add(code.toUpperCase());
    map.set(comment.startRow, set);
  }
  return map;
}

/**
 * The line a `# noqa` for a finding on `line` is read from and written to, as ruff places it: the last line
 * of the backslash continuation or triple-quoted string the line goes on into (a comment cannot go before
 * it ends). `continuing` is continuingLines(text).
 */
export function noqaLine(continuing: readonly boolean[], line: number): number {
  while (continuing[line]) line++;
  return line;
}

export function isSilenced(map: NoqaMap, line: number, code: string): boolean {
  const entry = map.get(line);
  return entry === 'all' || (!!entry && entry.has(code));
}
