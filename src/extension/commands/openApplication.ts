// "Spark ML: Open Spark Application...": an event-log file or folder, a Spark UI / History Server
// URL, an s3:// event log, or the bundled sample. With an argument (a path, URL or Uri) opens it directly.
import * as vscode from 'vscode';
import { AppPanel, type AppPanelDeps } from '../panels/AppPanel';

export const sampleEventLog = (extensionUri: vscode.Uri) => vscode.Uri.joinPath(extensionUri, 'resources', 'sample-app', 'eventlog');

/** A URL or path the user typed: trimmed, with a scheme-less host:port taken as http. */
export function normalizeSource(input: string): string | undefined {
  const text = input.trim();
  if (!text) return undefined;
  if (/^(https?|s3a?):\/\//i.test(text) || text.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(text)) return text.replace(/^s3a:/i, 's3:');
  if (/^[\w.-]+:\d+(\/.*)?$/.test(text)) return `http://${text}`;
  return undefined;
}

export function openApplication(deps: AppPanelDeps): (arg?: unknown) => Promise<void> {
  return async (arg?: unknown) => {
    let source: string | undefined;
    if (arg instanceof vscode.Uri) source = arg.scheme === 'file' ? arg.fsPath : arg.toString();
    else if (typeof arg === 'string') source = normalizeSource(arg);
    if (!source) source = await pickSource(deps.extensionUri);
    if (source) AppPanel.open(deps, source);
  };
}

async function pickSource(extensionUri: vscode.Uri): Promise<string | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: '$(file) Event log file...', id: 'file', detail: 'A Spark event log: plain, .zstd, .lz4, .snappy, .lzf or .inprogress' },
      { label: '$(folder) Event log folder...', id: 'folder', detail: 'A rolling event log folder (eventlog_v2_...)' },
      { label: '$(globe) Spark UI or History Server URL...', id: 'url', detail: 'http://localhost:4040, a History Server, or an s3:// event log' },
      { label: '$(beaker) Sample application', id: 'sample', detail: 'A small Spark ML training run that ships with the extension' },
    ],
    { title: 'Open Spark Application', placeHolder: 'Where is the application?' },
  );
  if (!choice) return undefined;
  if (choice.id === 'sample') return sampleEventLog(extensionUri).fsPath;
  if (choice.id === 'url') {
    const input = await vscode.window.showInputBox({
      title: 'Open Spark Application',
      prompt: 'A Spark UI (driver) or History Server URL, optionally with /api/v1/applications/<app-id>; or an s3:// event log',
      placeHolder: 'http://localhost:4040',
      validateInput: (value) => (normalizeSource(value) ? undefined : 'Enter an http(s):// URL, host:port, or an s3:// URL'),
    });
    return input === undefined ? undefined : normalizeSource(input);
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: choice.id === 'file',
    canSelectFolders: choice.id === 'folder',
    canSelectMany: false,
    title: choice.id === 'file' ? 'Spark event log file' : 'Spark event log folder',
  });
  return picked?.[0]?.fsPath;
}
