// The only reader of VS Code settings on the client side (the rust-analyzer habit). The server reads
// its own `sparkml.lint.*` settings per document; the client needs only what starting the server takes.
import * as vscode from 'vscode';
import { defaultPathMappings, type PathMappings } from '../shared/pathMapping';

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

export interface UiConfig {
  /** Seconds between refreshes of a running application's panel. */
  refreshSeconds: number;
  pathMappings: PathMappings;
  /** Alert threshold overrides (`sparkml.ui.alerts`), validated by the Spark model. */
  alertThresholds: Record<string, unknown>;
}

export function readUiConfig(): UiConfig {
  const config = vscode.workspace.getConfiguration(`${configSection}.ui`);
  const refresh = config.get<unknown>('refreshSeconds', 5);
  const mappings = config.get<unknown>('pathMappings', defaultPathMappings);
  const alerts = config.get<unknown>('alerts', {});
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  return {
    refreshSeconds: typeof refresh === 'number' && refresh >= 1 ? refresh : 5,
    pathMappings: isRecord(mappings) ? Object.fromEntries(Object.entries(mappings).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : defaultPathMappings,
    // settings come as read-only proxies, which cannot be copied into a worker thread: copy them
    alertThresholds: isRecord(alerts) ? (JSON.parse(JSON.stringify(alerts)) as Record<string, unknown>) : {},
  };
}
