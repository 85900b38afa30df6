// Shared steps of the integration suite: reach the extension and its test API, open the fixture
// workspace's files, edit them, and wait for what the language server publishes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const extensionId = 'sparkml-toolkit.spark-ml-toolkit';

/** What activate() returns for tests (the extension contract). */
export interface SparkMlApi {
  whenServerReady(): Promise<void>;
  serverState(): 'starting' | 'running' | 'stopped' | 'failed';
  serverPid(): number | undefined;
  restartCount(): number;
}

/** Generous: the machine is shared, and a cold extension host parses the grammar wasm first. */
export const waitTimeoutMs = 30_000;

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace (a copy of test/fixtures/workspace) must be open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function theExtension(): vscode.Extension<SparkMlApi> {
  const extension = vscode.extensions.getExtension<SparkMlApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed in this host`);
  return extension;
}

export async function openInEditor(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** Opens job.py, waits for activation and a running server, and returns the test API. */
export async function activeApi(): Promise<SparkMlApi> {
  await openInEditor('job.py');
  const extension = theExtension();
  const api = await waitFor('the extension to activate', () => (extension.isActive ? extension.exports : undefined));
  assert.equal(typeof api?.whenServerReady, 'function', 'activate() must return the test API ({ whenServerReady, serverState, serverPid, restartCount })');
  await api.whenServerReady();
  return api;
}

/**
 * Polls until `probe` returns something other than undefined/false. On timeout the error names what
 * was awaited and what was last seen, so a failure explains itself.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, describeLast?: () => string): Promise<T> {
  const deadline = Date.now() + waitTimeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${waitTimeoutMs} ms waiting for ${what}${describeLast ? `; last seen: ${describeLast()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function sparkDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'sparkml');
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function describeDiagnostics(uri: vscode.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (!all.length) return 'no diagnostics';
  return all.map((d) => `${d.source ?? '?'} ${codeOf(d) ?? '?'} at ${d.range.start.line + 1}:${d.range.start.character + 1} "${d.message}"`).join('; ');
}

/** Waits until the file has an SPK101 diagnostic that starts on the given 0-based line. */
export function waitForSpk101OnLine(uri: vscode.Uri, line: number): Promise<vscode.Diagnostic> {
  return waitFor(
    `SPK101 on line ${line + 1} of ${uri.path}`,
    () => sparkDiagnostics(uri).find((d) => codeOf(d) === 'SPK101' && d.range.start.line === line),
    () => describeDiagnostics(uri),
  );
}

/** 0-based line of the first line containing `needle`. */
export function lineOf(document: vscode.TextDocument, needle: string): number {
  const line = document.getText().split('\n').findIndex((text) => text.includes(needle));
  assert.notEqual(line, -1, `"${needle}" is not in ${document.uri.path}`);
  return line;
}

export async function replaceText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const all = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  edit.replace(document.uri, all, text);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${document.uri.path}`);
}

/**
 * Proves the language server answering right now (not a stale result): shifts job.py down one line
 * and waits for SPK101 to follow it, then puts the text back and waits for the original line.
 */
export async function assertServerAnswersFor(document: vscode.TextDocument): Promise<void> {
  const original = document.getText();
  const line = lineOf(document, '.collect()');
  await replaceText(document, `# touched by the integration suite\n${original}`);
  await waitForSpk101OnLine(document.uri, line + 1);
  await replaceText(document, original);
  await waitForSpk101OnLine(document.uri, line);
}
