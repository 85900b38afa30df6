// Owns the language client and two cleanup scopes (the rust-analyzer habit): `extensionScope` lives as
// long as the extension, `clientScope` as long as one client (cleared on every restart).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  lintFileRequest,
  pythonFilesRequest,
  ruleDocsRequest,
  rulesRequest,
  serverStatusNotification,
  settingsProblemNotification,
  type LintFileResult,
  type PythonFilesResult,
  type RuleDocsResult,
  type RulesResult,
  type ServerStatusParams,
  type SettingsProblemParams,
} from '../shared/protocol';
import { needsServerRestart, readClientConfig } from './config';
import type * as LspClientModule from './lspClient';

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

/** What activate() returns: used by the integration tests and by other extensions. */
export interface SparkMlApi {
  whenServerReady(): Promise<void>;
  serverState(): ServerState;
  serverPid(): number | undefined;
  restartCount(): number;
}

class Ready {
  promise: Promise<void>;
  resolve!: () => void;
  reject!: (error: Error) => void;
  constructor() {
    this.promise = new Promise((resolve, reject) => ((this.resolve = resolve), (this.reject = reject)));
    this.promise.catch(() => undefined); // a failed start is reported to the user; callers may ignore it
  }
}

export class Ctx implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  private readonly extensionScope: vscode.Disposable[] = [];
  private clientScope: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private state: ServerState = 'stopped';
  private pid: number | undefined;
  private starts = 0;
  private ready = new Ready();

  constructor(readonly context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Spark ML', { log: true });
    this.extensionScope.push(this.log);
    this.extensionScope.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (needsServerRestart(event)) void this.restart();
      }),
    );
  }

  get extensionUri(): vscode.Uri {
    return this.context.extensionUri;
  }

  /** Registers something that lives as long as the extension. */
  pushExtensionScoped(...disposables: vscode.Disposable[]): void {
    this.extensionScope.push(...disposables);
  }

  /** dist/lspClient.js, required on first start rather than at activation. */
  private lspModule(): typeof LspClientModule {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a run-time load of a sibling bundle
    return require(join(this.extensionUri.fsPath, 'dist', 'lspClient.js')) as typeof LspClientModule;
  }

  async start(): Promise<void> {
    if (this.client) return;
    // Let activation finish first: loading the language client is the costly part of starting.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.client) return;
    this.starts += 1;
    this.ready = new Ready();
    this.state = 'starting';
    const serverModule = vscode.Uri.joinPath(this.extensionUri, 'dist', 'server.js').fsPath;
    if (!existsSync(serverModule)) {
      this.fail(`The Spark ML language server is missing (${serverModule}). Reinstall the extension, or run \`npm run build\` when developing it.`);
      return;
    }
    let lsp: typeof LspClientModule;
    try {
      lsp = this.lspModule();
    } catch (error) {
      this.fail(`The Spark ML language client could not be loaded: ${(error as Error).message}. Reinstall the extension.`);
      return;
    }
    const policy = new lsp.CrashRestartPolicy(
      this.log,
      () => this.fail('The Spark ML language server keeps crashing and was stopped.'),
      () => {
        this.pid = undefined;
        this.starts += 1;
        this.ready = new Ready();
        this.state = 'starting';
      },
    );
    const client = lsp.createClient(this.extensionUri, readClientConfig(), this.log, policy);
    this.client = client;
    this.clientScope.push(
      client.onDidChangeState(({ newState }) => {
        if (newState === lsp.State.Stopped && this.state !== 'failed') this.state = 'stopped';
      }),
      client.onNotification(serverStatusNotification, (status: ServerStatusParams) => this.onServerStatus(status)),
      client.onNotification(settingsProblemNotification, ({ problems }: SettingsProblemParams) => this.onSettingsProblems(problems)),
    );
    try {
      await client.start();
      this.log.info(`Language server started (${client.initializeResult?.serverInfo?.name ?? 'unknown'}).`);
    } catch (error) {
      this.fail(`The Spark ML language server failed to start: ${(error as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.pid = undefined;
    while (this.clientScope.length) this.clientScope.pop()?.dispose();
    if (client) {
      try {
        await client.dispose(2000);
      } catch (error) {
        this.log.warn(`Stopping the language server: ${(error as Error).message}`);
      }
    }
    if (this.state !== 'failed') this.state = 'stopped';
  }

  async restart(): Promise<void> {
    this.log.info('Restarting the language server.');
    await this.stop();
    this.state = 'stopped';
    await this.start();
  }

  async rules(): Promise<RulesResult> {
    await this.whenReady();
    return this.client ? this.client.sendRequest<RulesResult>(rulesRequest) : [];
  }

  async ruleDocs(code: string): Promise<RuleDocsResult | undefined> {
    await this.whenReady();
    return (await this.client?.sendRequest<RuleDocsResult | null>(ruleDocsRequest, { code })) ?? undefined;
  }

  /** The workspace's Python files as the server finds them (.gitignore honoured, venvs skipped). */
  async pythonFiles(folders: string[]): Promise<PythonFilesResult> {
    await this.whenReady();
    if (!this.client) return { uris: [], errors: ['the language server is not running'] };
    return this.client.sendRequest<PythonFilesResult>(pythonFilesRequest, { folders });
  }

  /** Lints a file that is not open; its diagnostics converted for VS Code. */
  async lintFile(uri: vscode.Uri): Promise<{ diagnostics: vscode.Diagnostic[]; skipped?: string }> {
    await this.whenReady();
    const client = this.client;
    if (!client) return { diagnostics: [], skipped: 'the language server is not running' };
    const result = await client.sendRequest<LintFileResult>(lintFileRequest, { uri: uri.toString() });
    const diagnostics = await client.protocol2CodeConverter.asDiagnostics(result.diagnostics as Parameters<typeof client.protocol2CodeConverter.asDiagnostics>[0]);
    return result.skipped ? { diagnostics, skipped: result.skipped } : { diagnostics };
  }

  private whenReady(): Promise<void> {
    if (this.state === 'failed') return Promise.reject(new Error('The Spark ML language server is not running; see the "Spark ML" output.'));
    return this.ready.promise;
  }

  private onServerStatus(status: ServerStatusParams): void {
    this.pid = status.pid;
    if (status.state === 'ready') {
      this.state = 'running';
      this.log.info(`Language server ready (pid ${status.pid}).`);
      this.ready.resolve();
    } else {
      this.fail(status.message ?? 'The Spark ML language server reported an error.');
    }
  }

  private onSettingsProblems(problems: string[]): void {
    for (const problem of problems) this.log.warn(problem);
    void vscode.window.showWarningMessage(`Spark ML: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more, see the output)` : ''}`);
  }

  /** A failure the user must see: logged, and a notification that opens the log. */
  private fail(message: string): void {
    this.state = 'failed';
    this.log.error(message);
    this.ready.reject(new Error(message));
    void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
      if (choice) this.log.show();
    });
  }

  api(): SparkMlApi {
    return {
      whenServerReady: () => this.whenReady(),
      serverState: () => this.state,
      serverPid: () => this.pid,
      restartCount: () => Math.max(0, this.starts - 1),
    };
  }

  dispose(): void {
    void this.stop();
    while (this.extensionScope.length) this.extensionScope.pop()?.dispose();
  }
}
