// "Spark ML: New Spark ML Job" writes the four files into the workspace and the job it opens passes
// every rule in the real language server.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activeApi, codeOf, waitFor } from './helpers';

export function registerNewJobTests(): void {
  describe('new Spark ML job', () => {
    it('creates job.py, Dockerfile, Makefile and sparkml.jobs.json, and the job is lint-clean', async function () {
      this.timeout(90_000);
      await activeApi();
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      assert.ok(folder);
      const job = (await vscode.commands.executeCommand('sparkml.newJob', 'demo-train', folder)) as vscode.Uri | undefined;
      assert.ok(job, 'the command returned no job file');
      for (const file of ['job.py', 'Dockerfile', 'Makefile', 'sparkml.jobs.json']) {
        const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'demo-train', file));
        assert.ok(stat.size > 0, `${file} is empty`);
      }
      const document = await waitFor('job.py in the editor', () => vscode.window.activeTextEditor?.document.uri.toString() === job.toString() && vscode.window.activeTextEditor.document);
      assert.match(document.getText(), /appName\("demo-train"\)/);
      // Prove the server lints this document (a known problem appears), then that the scaffold itself
      // has none: after undoing the problem, the list must go back to empty.
      const sparkml = () => vscode.languages.getDiagnostics(job).filter((d) => d.source === 'sparkml');
      const end = new vscode.Position(document.lineCount, 0);
      const problem = '\nrows = SparkSession.builder.getOrCreate().read.parquet("x").collect()\n';
      const add = new vscode.WorkspaceEdit();
      add.insert(job, end, problem);
      assert.ok(await vscode.workspace.applyEdit(add), 'the edit was not applied');
      await waitFor('SPK101 on the added line', () => sparkml().some((d) => codeOf(d) === 'SPK101'), () => JSON.stringify(sparkml()));
      const remove = new vscode.WorkspaceEdit();
      remove.delete(job, new vscode.Range(end, document.positionAt(document.offsetAt(end) + problem.length)));
      assert.ok(await vscode.workspace.applyEdit(remove), 'the undo edit was not applied');
      await waitFor('no sparkml diagnostic on the scaffolded job', () => sparkml().length === 0, () => sparkml().map((d) => `${codeOf(d)}: ${d.message}`).join('; '));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
}
