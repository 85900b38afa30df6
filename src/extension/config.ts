// The only reader of VS Code settings on the client side (the rust-analyzer habit). The server reads
// its own `sparkml.lint.*` settings per document; the client needs only what starting the server takes.
import * as vscode from 'vscode';

export const configSection = 'sparkml';

export interface ClientConfig {
  /** Extra arguments for the server's Node process, e.g. `--inspect=6009` to attach a debugger. */
  serverExecArgv: string[];
}

export function readClientConfig(): ClientConfig {
  const config = vscode.workspace.getConfiguration(configSection);
  const execArgv = config.get<unknown>('server.execArgv', []);
  return { serverExecArgv: Array.isArray(execArgv) ? execArgv.filter((arg): arg is string => typeof arg === 'string') : [] };
}

/** True when a configuration change means the server process must restart. */
export function needsServerRestart(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${configSection}.server`);
}
