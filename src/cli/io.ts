/** What a subcommand gets instead of touching process.* directly, so tests can run it in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Folder holding the tree-sitter wasm files (dist/ for the bundled CLI). */
  wasmDir: string;
  cwd: string;
  signal?: AbortSignal;
}

/** A subcommand returns its exit code: 0 ok, 1 findings or a failed job, 2 usage or I/O error. */
export type Subcommand = (args: string[], io: CliIo) => Promise<number>;
