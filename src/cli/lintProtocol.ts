// Messages between `sparkml lint` and its lint worker threads. The main thread finds the files and
// computes each file's options (pyproject.toml); a worker reads, parses and lints one file at a time.
import type { NotebookCell } from '../rules/notebook';
import type { LintOptions } from '../rules/options';
import type { Finding } from '../rules/types';

export interface LintWorkerData {
  /** Folder holding tree-sitter.wasm and tree-sitter-python.wasm. */
  wasmDir: string;
}

/** One file to lint; `id` is its index in discovery order, echoed back with the outcome. */
export type HostToWorker = { type: 'lint'; id: number; file: string; options: LintOptions };

/** What became of one file, in the terms the CLI reports it. */
export type LintOutcome =
  /** `cells`: a notebook, whose findings are in the text of its joined code cells */
  | { kind: 'linted'; findings: Finding[]; notices: Finding[]; cells?: NotebookCell[] }
  | { kind: 'skipped'; reason: string }
  /** reading failed (the file vanished, permissions): an I/O error, exit code 2 */
  | { kind: 'unreadable'; message: string }
  /** linting threw, or the worker died while on this file: an internal-error notice */
  | { kind: 'failed'; message: string };

export type WorkerToHost =
  /** the parser loaded: from here on, the worker dying is the fault of the file it holds */
  | { type: 'ready' }
  | { type: 'outcome'; id: number; outcome: LintOutcome }
  /** the parser could not start (missing wasm): the whole run fails, as it does on one thread */
  | { type: 'fatal'; message: string };
