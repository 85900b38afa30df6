// Reading one file from disk for linting (`sparkml lint` on its main thread and in its workers, the
// server's workspace lint): the file's text, or why it is not linted (unreadable: an I/O error; skipped:
// too large or binary). A notebook (.ipynb) is read as the Python of its code cells, with the cells to
// map positions back.
import { readFile, stat } from 'node:fs/promises';
import { MAX_FILE_BYTES, skipReason } from './engine';
import { type NotebookSource, notebookSource } from './notebook';
import { type SourceFile, readSourceFile, tooLargeReason } from './sourceFile';

export type ReadForLint =
  | { kind: 'skipped'; reason: string }
  /** reading failed (the file vanished, permissions) */
  | { kind: 'unreadable'; message: string }
  | { kind: 'read'; source: Extract<SourceFile, { text: string }>; notebook?: NotebookSource };

/** A notebook's JSON holds its outputs (plots, tables) too: its code is held to MAX_FILE_BYTES, the file to this. */
const MAX_NOTEBOOK_BYTES = 10 * MAX_FILE_BYTES;

export async function readForLint(file: string): Promise<ReadForLint> {
  let source: SourceFile;
  try {
    if (file.toLowerCase().endsWith('.ipynb')) return await readNotebook(file);
    source = await readSourceFile(file);
  } catch (error) {
    return { kind: 'unreadable', message: (error as Error).message };
  }
  if (source.skipped !== undefined) return { kind: 'skipped', reason: source.skipped };
  return { kind: 'read', source };
}

async function readNotebook(file: string): Promise<ReadForLint> {
  const info = await stat(file);
  if (info.size > MAX_NOTEBOOK_BYTES) return { kind: 'skipped', reason: tooLargeReason(info.size, MAX_NOTEBOOK_BYTES, ' for a notebook') };
  const notebook = notebookSource(new TextDecoder('utf-8', { fatal: false }).decode(await readFile(file)));
  if ('skipped' in notebook) return { kind: 'skipped', reason: notebook.skipped };
  // the code is held to a Python file's limit (lintText would say so too, on the first cell)
  const tooLarge = skipReason(notebook.text);
  if (tooLarge) return { kind: 'skipped', reason: tooLarge };
  // the joined cells are not the file's text: they are never written back (lossy and bom do not apply)
  return { kind: 'read', source: { text: notebook.text }, notebook };
}
