// Reading one file for `sparkml lint`, on the main thread and in the lint workers alike: the file's
// text, or why it is not linted (unreadable: an I/O error; skipped: too large or binary).
import { type SourceFile, readSourceFile } from '../rules/sourceFile';
import type { LintOutcome } from './lintProtocol';

export type ReadForLint = Extract<LintOutcome, { kind: 'unreadable' | 'skipped' }> | { kind: 'read'; source: Extract<SourceFile, { text: string }> };

export async function readForLint(file: string): Promise<ReadForLint> {
  let source: SourceFile;
  try {
    source = await readSourceFile(file);
  } catch (error) {
    return { kind: 'unreadable', message: (error as Error).message };
  }
  if (source.skipped !== undefined) return { kind: 'skipped', reason: source.skipped };
  return { kind: 'read', source };
}
