// Reads a Python file for linting the way an editor would show it: UTF-8 with replacement characters
// for bytes that are not (so positions still match), and files that are too large or binary skipped
// with a reason instead of being parsed.
import { readFile, stat } from 'node:fs/promises';

export const maxSourceBytes = 5 * 1024 * 1024;

export interface SourceFile {
  text: string;
  /** Why the file is not linted; absent when `text` holds its content. */
  skipped?: string;
}

export async function readSourceFile(path: string): Promise<SourceFile> {
  try {
    const { size } = await stat(path);
    if (size > maxSourceBytes) return { text: '', skipped: `skipped: ${(size / 1024 / 1024).toFixed(1)} MB is over the 5 MB limit` };
    const bytes = await readFile(path);
    if (bytes.includes(0)) return { text: '', skipped: 'skipped: binary file (it contains NUL bytes)' };
    return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes) };
  } catch (error) {
    return { text: '', skipped: `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}
