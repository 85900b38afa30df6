// Ranges and edits from syntax nodes. Nodes already carry 0-based lines and UTF-16 columns (LSP's units).
import type { PyNode } from '../analysis/syntax';
import type { Position, Range, TextEdit } from './types';

export function startOf(node: PyNode): Position {
  return { line: node.startRow, character: node.startCol };
}

export function endOf(node: PyNode): Position {
  return { line: node.endRow, character: node.endCol };
}

export function rangeOf(node: PyNode): Range {
  return { start: startOf(node), end: endOf(node) };
}

export function rangeBetween(first: PyNode, last: PyNode): Range {
  return { start: startOf(first), end: endOf(last) };
}

export function replaceNode(node: PyNode, newText: string): TextEdit {
  return { range: rangeOf(node), newText };
}

export function insertAfter(node: PyNode, newText: string): TextEdit {
  const at = endOf(node);
  return { range: { start: at, end: at }, newText };
}

export function insertBefore(node: PyNode, newText: string): TextEdit {
  const at = startOf(node);
  return { range: { start: at, end: at }, newText };
}

/** Converts LSP positions to string offsets for one text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.lineStarts.push(i + 1);
      else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[Math.min(position.line, this.lineStarts.length - 1)] ?? 0;
    return Math.min(start + position.character, this.text.length);
  }
}
