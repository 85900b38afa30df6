// Starts dist/server.js as a child process and speaks real LSP to it over stdio with the protocol
// library's client side, the way any editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type { ServerStatusParams } from '../../src/shared/protocol';
import { serverNodeArgs } from '../../src/shared/serverNodeArgs';

export const repoRoot = join(__dirname, '..', '..');
export const serverModule = join(repoRoot, 'dist', 'server.js');

export interface TestServer {
  connection: ProtocolConnection;
  process: ChildProcess;
  status: Promise<ServerStatusParams>;
  notifications: Array<{ method: string; params: unknown }>;
  stderr: () => string;
  /** How many times the server asked the client to pull diagnostics again (workspace/diagnostic/refresh). */
  refreshes: number;
  /** What the server gets when it asks for `sparkml` settings. */
  settings: unknown;
  stop(): Promise<void>;
}

export async function startServer(options: { wasmDir?: string; settings?: unknown } = {}): Promise<TestServer> {
  const child = spawn(process.execPath, [...serverNodeArgs, serverModule, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const notifications: TestServer['notifications'] = [];
  const server: TestServer = {
    connection,
    process: child,
    notifications,
    stderr: () => stderr,
    refreshes: 0,
    settings: options.settings ?? {},
    status: new Promise((resolve) => connection.onNotification('sparkml/serverStatus', (params: ServerStatusParams) => resolve(params))),
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      if (child.exitCode === null) child.kill();
    },
  };
  connection.onUnhandledNotification((message) => notifications.push({ method: message.method, params: message.params }));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => server.settings));
  connection.onRequest('workspace/diagnostic/refresh', () => {
    server.refreshes++;
    return null;
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true, diagnostics: { refreshSupport: true } }, textDocument: { diagnostic: {} } },
    initializationOptions: options.wasmDir ? { wasmDir: options.wasmDir } : {},
  });
  await connection.sendNotification('initialized', {});
  return server;
}

/** A cell of a notebook opened with openNotebook: a Python code cell unless told otherwise, at version 1. */
export interface NotebookCellToOpen {
  uri: string;
  text: string;
  /** 2: code (the default), 1: markdown. */
  kind?: number;
  languageId?: string;
  version?: number;
}

/** Opens a Jupyter notebook the way VS Code's client syncs one (notebookDocument/didOpen with its cells' texts). */
export async function openNotebook(server: TestServer, uri: string, cells: NotebookCellToOpen[], metadata: object = {}): Promise<void> {
  await server.connection.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 0, metadata, cells: cells.map((cell) => ({ kind: cell.kind ?? 2, document: cell.uri })) },
    cellTextDocuments: cells.map((cell) => ({ uri: cell.uri, languageId: cell.languageId ?? (cell.kind === 1 ? 'markdown' : 'python'), version: cell.version ?? 1, text: cell.text })),
  });
}
