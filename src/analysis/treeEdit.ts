// The tree-sitter edit that turns one text into another, when only the new text is known (a notebook's
// joined cells are rebuilt on each change): everything between their common prefix and suffix changed.
// Indexes and columns are UTF-16 code units, as the server's edits from LSP ranges are.
import type { Edit, Point } from 'web-tree-sitter';

/** The edit from `before` to `after`, or undefined when they are equal. */
export function editBetween(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const oldEndIndex = before.length - suffix;
  const newEndIndex = after.length - suffix;
  return {
    startIndex: prefix,
    oldEndIndex,
    newEndIndex,
    startPosition: pointAt(before, prefix),
    oldEndPosition: pointAt(before, oldEndIndex),
    newEndPosition: pointAt(after, newEndIndex),
  };
}

/** Row and column of a UTF-16 index (rows end at \n, as tree-sitter counts them). */
function pointAt(text: string, index: number): Point {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  let row = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < lineStart; at = text.indexOf('\n', at + 1)) row++;
  return { row, column: index - lineStart };
}
