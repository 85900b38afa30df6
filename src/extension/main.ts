// Activation only wires things together (the rust-analyzer habit); the work lives in ctx.ts, the
// commands and the panels. Activation must stay cheap: the server starts asynchronously.
import * as vscode from 'vscode';
import { forgetWhenOpened, lintWorkspace } from './commands/lintWorkspace';
import { restartServer } from './commands/restartServer';
import { showOutput } from './commands/showOutput';
import { showRuleDocs } from './commands/showRuleDocs';
import { Ctx, type SparkMlApi } from './ctx';
import { RuleDocsPanel, ruleDocsViewType } from './panels/RuleDocsPanel';
import { registerEmptyViews } from './views/emptyViews';

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): SparkMlApi {
  const started = performance.now();
  ctx = new Ctx(context);
  const c = ctx;
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('sparkml-workspace');
  context.subscriptions.push(
    c,
    workspaceDiagnostics,
    forgetWhenOpened(workspaceDiagnostics),
    vscode.commands.registerCommand('sparkml.lintWorkspace', lintWorkspace(c, workspaceDiagnostics)),
    vscode.commands.registerCommand('sparkml.restartServer', restartServer(c)),
    vscode.commands.registerCommand('sparkml.showOutput', showOutput(c)),
    vscode.commands.registerCommand('sparkml.showRuleDocs', showRuleDocs(c)),
    vscode.window.registerWebviewPanelSerializer(ruleDocsViewType, {
      deserializeWebviewPanel: async (panel, state) => {
        const code = RuleDocsPanel.serializedCode(state);
        if (code) await RuleDocsPanel.restore(panel, c.extensionUri, (rule) => c.ruleDocs(rule), code, c.log);
        else panel.dispose();
      },
    }),
    ...registerEmptyViews(),
  );
  void c.start();
  c.log.info(`Spark ML Toolkit activated in ${(performance.now() - started).toFixed(1)} ms.`);
  return c.api();
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
