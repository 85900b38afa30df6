import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

export function restartServer(ctx: Ctx): () => Promise<void> {
  return async () => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Restarting the Spark ML language server' }, () => ctx.restart());
  };
}
