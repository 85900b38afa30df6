// "Spark ML: Show Rule Documentation": with a rule code (from a code action) opens it directly,
// without one asks which rule with a quick pick of the server's catalogue.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { RuleDocsPanel } from '../panels/RuleDocsPanel';

export function showRuleDocs(ctx: Ctx): (code?: unknown) => Promise<boolean> {
  return async (code?: unknown) => {
    try {
      let chosen = typeof code === 'string' ? code.trim().toUpperCase() : undefined;
      if (!chosen) {
        const rules = await ctx.rules();
        const pick = await vscode.window.showQuickPick(
          rules.map((rule) => ({ label: rule.code, description: rule.name, detail: `${rule.severity}${rule.fix === 'none' ? '' : `, ${rule.fix} fix`}` })),
          { title: 'Spark ML rules', placeHolder: 'Which rule?', matchOnDescription: true },
        );
        chosen = pick?.label;
      }
      if (!chosen) return false;
      return await RuleDocsPanel.show(ctx.extensionUri, (c) => ctx.ruleDocs(c), chosen, ctx.log);
    } catch (error) {
      ctx.log.error(`Show Rule Documentation: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(`Spark ML: ${(error as Error).message}`);
      return false;
    }
  };
}
