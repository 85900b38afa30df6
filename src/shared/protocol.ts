// Custom messages between the extension and the language server, declared once and imported by both
// sides (the vscode-eslint habit). Plain method names and payload types: no LSP library import here,
// so the file stays usable from any layer.

/** Server -> client notification: the server's own health, so a failed start is never silent. */
export const serverStatusNotification = 'sparkml/serverStatus';
export interface ServerStatusParams {
  state: 'ready' | 'error';
  /** A sentence for the user when state is 'error' (e.g. which wasm file is missing). */
  message?: string;
  /** The server's process id, for the client's log (and for tests that kill it on purpose). */
  pid: number;
}

/** Server -> client notification: a setting had a wrong value and its default is used instead. */
export const settingsProblemNotification = 'sparkml/settingsProblem';
export interface SettingsProblemParams {
  problems: string[];
}

/** Client -> server request: the rule catalogue, for pickers and the documentation panel. */
export const rulesRequest = 'sparkml/rules';
export interface RuleSummary {
  code: string;
  name: string;
  severity: string;
  fix: 'none' | 'safe' | 'unsafe';
  url: string;
}
export type RulesResult = RuleSummary[];

/** Client -> server request: one rule's documentation. */
export const ruleDocsRequest = 'sparkml/ruleDocs';
export interface RuleDocsParams {
  code: string;
}
export interface RuleDocsResult extends RuleSummary {
  minSparkVersionForFix?: string;
  /** Markdown sections in the order they are shown. */
  sections: Array<{ title: string; markdown: string }>;
}

/** The command the "Show documentation" code action runs; the client registers it. */
export const showRuleDocsCommand = 'sparkml.showRuleDocs';

/**
 * Client -> server request: lint one file from disk (for "Spark ML: Lint Workspace"; open documents
 * are linted through pull diagnostics instead). The client sends LSP-shaped diagnostics back to VS Code.
 * A notebook's diagnostics are on the .ipynb file, each range within its cell and each message starting
 * `cell N: ` (an unopened notebook has no cell documents).
 */
export const lintFileRequest = 'sparkml/lintFile';
export interface LintFileParams {
  uri: string;
}
export interface LintFileResult {
  /** LSP diagnostics (the same the server would pull for the open document). */
  diagnostics: unknown[];
  /** Why the file was not linted (too large, binary, unreadable); absent when it was. */
  skipped?: string;
}

/**
 * Client -> server request: the Python files and Jupyter notebooks under the workspace folders, the way
 * `sparkml lint` finds them (.gitignore honoured, virtualenvs and node_modules skipped).
 */
export const pythonFilesRequest = 'sparkml/pythonFiles';
export interface PythonFilesParams {
  folders: string[];
}
export interface PythonFilesResult {
  uris: string[];
  /** Folders that could not be read. */
  errors: string[];
}
