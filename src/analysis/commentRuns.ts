// tree-sitter-python's scanner looks past every full-line comment to the next line of code to decide
// between INDENT, DEDENT and NEWLINE, once per comment line, so a block of n commented-out lines costs
// O(n²) (tree-sitter/tree-sitter-python#243 and #245, not merged): 400 lines take 0.1 s, 1,600 take 2 s.
// Data-science scripts keep long commented-out blocks. Parsing with the comments of long blocks left
// out of the included ranges makes them blank lines to the scanner: linear, with the same offsets and
// positions. Those lines get no comment node; nothing reads a full-line comment (`# noqa` applies to the
// code on its own line).
import type { Range } from 'web-tree-sitter';

/** Blocks with fewer comment lines parse fast enough: they keep their comment nodes. */
export const LONG_COMMENT_BLOCK = 20;

interface CommentLine {
  start: number;
  end: number;
  row: number;
  startColumn: number;
  endColumn: number;
}

/**
 * The ranges to parse: everything but the full-line comments of blocks of at least LONG_COMMENT_BLOCK
 * comment lines (blank lines between them do not end a block). Undefined when there is no such block:
 * the whole text is parsed, as without ranges. Offsets and columns are UTF-16 units, like the tree's.
 */
export function includedRanges(text: string): Range[] | undefined {
  let excluded: CommentLine[] | undefined;
  let block: CommentLine[] = [];
  const endBlock = () => {
    if (block.length >= LONG_COMMENT_BLOCK) (excluded ??= []).push(...block);
    block = [];
  };
  let row = 0;
  for (let lineStart = 0; lineStart <= text.length; row++) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    let first = lineStart;
    while (first < lineEnd && (text[first] === ' ' || text[first] === '\t' || text[first] === '\f')) first++;
    if (first < lineEnd && text[first] === '#') block.push({ start: first, end: lineEnd, row, startColumn: first - lineStart, endColumn: lineEnd - lineStart });
    else if (first < lineEnd) endBlock(); // a line of code (a blank line keeps the block going)
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
  }
  endBlock();
  if (!excluded) return undefined;
  const ranges: Range[] = [];
  let from = { index: 0, row: 0, column: 0 };
  for (const comment of excluded) {
    if (comment.start > from.index) {
      ranges.push({ startIndex: from.index, endIndex: comment.start, startPosition: { row: from.row, column: from.column }, endPosition: { row: comment.row, column: comment.startColumn } });
    }
    from = { index: comment.end, row: comment.row, column: comment.endColumn };
  }
  ranges.push({ startIndex: from.index, endIndex: 0xffffffff, startPosition: { row: from.row, column: from.column }, endPosition: { row: 0xffffffff, column: 0xffffffff } });
  return ranges;
}
