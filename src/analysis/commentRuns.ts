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

interface Comment {
  /** Offsets of the `#` and of the end of the line (before its line break). */
  start: number;
  end: number;
}

const BLANK = /[ \t\f\r\n]*/y;
const LINE_END = /[\r\n]/g;

/**
 * The ranges to parse: everything but the full-line comments of blocks of at least LONG_COMMENT_BLOCK
 * comment lines (blank lines between them do not end a block). Undefined when there is no such block:
 * the whole text is parsed, as without ranges. Offsets and columns are UTF-16 units, like the tree's.
 * It runs on every re-parse, so the text is searched natively for `#` (a regex tried at every offset
 * cost a third of a millisecond on a 5,000-line job), not walked character by character.
 */
export function includedRanges(text: string): Range[] | undefined {
  let excluded = longBlockComments(text);
  // a `#` at the start of a line inside a triple-quoted string is text, not a comment: left out, it would
  // cut the string (its closing quotes too). Strings are read only for a text that has a long block.
  if (excluded && (text.includes('"""') || text.includes("'''"))) {
    const comments = commentOffsets(text);
    excluded = longBlockComments(text, (offset) => comments.has(offset));
  }
  if (!excluded) return undefined;
  const ranges: Range[] = [];
  const position = positions(text);
  let from = { index: 0, point: { row: 0, column: 0 } };
  for (const comment of excluded) {
    const start = position(comment.start);
    if (comment.start > from.index) ranges.push({ startIndex: from.index, endIndex: comment.start, startPosition: from.point, endPosition: start });
    from = { index: comment.end, point: { row: start.row, column: start.column + comment.end - comment.start } };
  }
  ranges.push({ startIndex: from.index, endIndex: 0xffffffff, startPosition: from.point, endPosition: { row: 0xffffffff, column: 0xffffffff } });
  return ranges;
}

/** The full-line comments of blocks of at least LONG_COMMENT_BLOCK lines; `isComment` filters the `#`s found. */
function longBlockComments(text: string, isComment?: (offset: number) => boolean): Comment[] | undefined {
  let excluded: Comment[] | undefined;
  let block: Comment[] = [];
  const endBlock = () => {
    if (block.length >= LONG_COMMENT_BLOCK) (excluded ??= []).push(...block);
    block = [];
  };
  for (let hash = text.indexOf('#'); hash >= 0; hash = text.indexOf('#', hash + 1)) {
    LINE_END.lastIndex = hash;
    const end = LINE_END.exec(text)?.index ?? text.length;
    if (!startsLine(text, hash) || (isComment && !isComment(hash))) {
      hash = end; // a comment after code, or a `#` in a string: the rest of the line is not a full-line comment
      continue;
    }
    const comment = { start: hash, end };
    hash = end;
    const previous = block.at(-1);
    if (previous) {
      // only blank lines between the previous comment and this one keep the block going
      BLANK.lastIndex = previous.end;
      BLANK.exec(text);
      if (BLANK.lastIndex < comment.start) endBlock();
    }
    block.push(comment);
  }
  endBlock();
  return excluded;
}

const CODE_MARK = /[#'"]/g;

/**
 * The offsets of the `#` of every comment, found by reading strings as Python does: a `#` inside a
 * string, single- or triple-quoted (prefixes such as r or f change nothing here: a backslash still keeps
 * a quote from closing), is not one. An unclosed single-quoted string ends at its line's end.
 */
function commentOffsets(text: string): Set<number> {
  const comments = new Set<number>();
  let at = 0;
  while (at < text.length) {
    CODE_MARK.lastIndex = at;
    const mark = CODE_MARK.exec(text);
    if (!mark) break;
    const start = mark.index;
    if (mark[0] === '#') {
      comments.add(start);
      LINE_END.lastIndex = start;
      at = LINE_END.exec(text)?.index ?? text.length;
      continue;
    }
    const quote = mark[0];
    const triple = text.startsWith(quote.repeat(3), start);
    at = triple ? tripleStringEnd(text, start + 3, quote.repeat(3)) : lineStringEnd(text, start + 1, quote);
  }
  return comments;
}

/** The offset after the closing quotes of a triple-quoted string whose text starts at `from` (the text's end when unclosed). */
function tripleStringEnd(text: string, from: number, quotes: string): number {
  for (let close = text.indexOf(quotes, from); close >= 0; close = text.indexOf(quotes, close + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return close + 3;
  }
  return text.length;
}

/** The offset after the closing quote of a one-line string whose text starts at `from` (its line's end when unclosed). */
function lineStringEnd(text: string, from: number, quote: string): number {
  const quoteCode = quote.charCodeAt(0);
  for (let at = from; at < text.length; at++) {
    const ch = text.charCodeAt(at);
    if (ch === 92) at += text.startsWith('\r\n', at + 1) ? 2 : 1; // an escaped character, a line continuation included (\r\n too)
    else if (ch === quoteCode) return at + 1;
    else if (ch === 10 || ch === 13) return at;
  }
  return text.length;
}

/** Only spaces, tabs and form feeds between the start of the line (or text) and `offset`. */
function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) return true;
    if (ch !== 32 && ch !== 9 && ch !== 12) return false;
  }
  return true;
}

/** Row and column of increasing offsets as tree-sitter counts them: rows end at \n only. */
function positions(text: string): (offset: number) => { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  return (offset) => {
    for (let next = text.indexOf('\n', lineStart); next >= 0 && next < offset; next = text.indexOf('\n', lineStart)) {
      row++;
      lineStart = next + 1;
    }
    return { row, column: offset - lineStart };
  };
}
