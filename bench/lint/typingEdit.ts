// The edit both re-lint benchmarks make: a user typing one character inside a string literal of a
// function body (a column name or a path), so the code changes, not just a comment. Lines without a
// string literal are passed over for the next one that has one.
import type { Edit } from 'web-tree-sitter';

export interface TypingEdit {
  line: number;
  /** UTF-16 column the character is inserted at. */
  column: number;
  insert: string;
}

export function typingEdit(lines: readonly string[], next: () => number): TypingEdit {
  let line = Math.floor(next() * lines.length);
  for (let tried = 0; tried < lines.length; tried++, line = (line + 1) % lines.length) {
    const text = lines[line] ?? '';
    const quote = text.indexOf('"');
    if (/^ {4}\S/.test(text) && quote > 0 && !text.trimStart().startsWith('"""')) return { line, column: quote + 1, insert: 'x' };
  }
  throw new Error('no line with a string literal inside a function body');
}

/** Applies `edit` to `text` (whose lines are `lines`, updated in place; \n line ends) and describes it for `tree.edit`. */
export function applyTypingEdit(text: string, lines: string[], edit: TypingEdit): { text: string; treeEdit: Edit } {
  let at = edit.column;
  for (let i = 0; i < edit.line; i++) at += lines[i]!.length + 1;
  const line = lines[edit.line]!;
  lines[edit.line] = line.slice(0, edit.column) + edit.insert + line.slice(edit.column);
  const start = { row: edit.line, column: edit.column };
  return {
    text: text.slice(0, at) + edit.insert + text.slice(at),
    treeEdit: { startIndex: at, oldEndIndex: at, newEndIndex: at + edit.insert.length, startPosition: start, oldEndPosition: start, newEndPosition: { row: edit.line, column: edit.column + edit.insert.length } },
  };
}
