// Creates the language client for dist/server.js over IPC. A crashed server is restarted (and the
// crash logged) up to a limit; past it the user is told. Bundled on its own (dist/lspClient.js) and
// loaded after activation: vscode-languageclient is most of the client's code.
import * as vscode from 'vscode';
export { State } from 'vscode-languageclient/node';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { ClientConfig } from './config';
import { serverNodeArgs } from '../shared/serverNodeArgs';

export const clientId = 'sparkml';
export const clientName = 'Spark ML language server';

/** Crashes allowed inside the window before we stop restarting and ask the user. */
const maxRestarts = 5;
const restartWindowMs = 3 * 60 * 1000;

export class CrashRestartPolicy implements ErrorHandler {
  private readonly crashes: number[] = [];

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly onGiveUp: () => void,
    private readonly onCrash: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.log.error(`Connection to the language server failed: ${error.message}`);
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = this.now();
    this.crashes.push(now);
    while (this.crashes.length && this.crashes[0] < now - restartWindowMs) this.crashes.shift();
    this.onCrash();
    if (this.crashes.length <= maxRestarts) {
      this.log.error(`The language server stopped unexpectedly; restarting it (${this.crashes.length} of ${maxRestarts} in 3 minutes).`);
      return { action: CloseAction.Restart, handled: true };
    }
    this.log.error(`The language server crashed ${this.crashes.length} times in 3 minutes; not restarting it again.`);
    this.onGiveUp();
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}

export function createClient(
  extensionUri: vscode.Uri,
  config: ClientConfig,
  log: vscode.LogOutputChannel,
  errorHandler: ErrorHandler,
): LanguageClient {
  const module = vscode.Uri.joinPath(extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...serverNodeArgs, ...config.serverExecArgv] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009', ...serverNodeArgs, ...config.serverExecArgv] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
      // the Python cells of Jupyter notebooks (the server syncs them as notebooks)
      { notebook: { notebookType: 'jupyter-notebook' }, language: 'python' },
      { scheme: 'file', language: 'spark-defaults' },
      { scheme: 'file', language: 'json', pattern: '**/sparkml.jobs.json' },
    ],
    synchronize: { configurationSection: 'sparkml', fileEvents: vscode.workspace.createFileSystemWatcher('**/pyproject.toml') },
    outputChannel: log,
    errorHandler,
    initializationOptions: { wasmDir: vscode.Uri.joinPath(extensionUri, 'dist').fsPath },
    diagnosticPullOptions: { onChange: true, onSave: true, onTabs: false },
  };
  return new LanguageClient(clientId, clientName, serverOptions, clientOptions);
}
