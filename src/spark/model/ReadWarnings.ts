// Collects read problems; a repeated problem is counted, not repeated, so a log with a million bad
// lines still gives a short, readable list. Problems tied to a line (corrupt lines) are grouped per
// kind and file, keeping the first line's message; other problems are grouped by their message.
import type { ReadWarning, ReadWarningKind } from './types';

export class ReadWarnings {
  private readonly byKey = new Map<string, ReadWarning>();

  add(kind: ReadWarningKind, message: string, file?: string, line?: number): void {
    const key = `${kind}\u0000${file ?? ''}\u0000${line === undefined ? message : ''}`;
    const existing = this.byKey.get(key);
    if (existing) {
      existing.count++;
      return;
    }
    const warning: ReadWarning = { kind, message, count: 1 };
    if (file !== undefined) warning.file = file;
    if (line !== undefined) warning.line = line;
    this.byKey.set(key, warning);
  }

  get size(): number {
    return this.byKey.size;
  }

  toArray(): ReadWarning[] {
    return [...this.byKey.values()].map((warning) => ({ ...warning }));
  }
}
