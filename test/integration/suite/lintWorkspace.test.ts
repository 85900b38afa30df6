// "Spark ML: Lint Workspace" fills the Problems panel for Python files nobody opened, skips what
// .gitignore excludes, and leaves open documents to pull diagnostics.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activeApi, codeOf, workspaceFile } from './helpers';

const unboundedCollect = 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nrows = spark.read.parquet("s3a://lake/events").collect()\n';

export function registerLintWorkspaceTests(): void {
  describe('lint workspace', () => {
    it('reports problems in files that are not open and skips .gitignored ones', async function () {
      this.timeout(90_000);
      await activeApi();
      const write = (name: string, text: string) => vscode.workspace.fs.writeFile(workspaceFile(name), new TextEncoder().encode(text));
      await write('etl/unopened_job.py', unboundedCollect);
      await write('generated/ignored_job.py', unboundedCollect);
      await write('.gitignore', 'generated/\n');
      await vscode.commands.executeCommand('sparkml.lintWorkspace');
      const codes = (name: string) => vscode.languages.getDiagnostics(workspaceFile(name)).filter((d) => d.source === 'sparkml').map(codeOf);
      assert.deepEqual(codes('etl/unopened_job.py'), ['SPK101']);
      assert.deepEqual(codes('generated/ignored_job.py'), [], '.gitignore is honoured');
      // Opening the file hands it to pull diagnostics: the same finding, reported once.
      await vscode.window.showTextDocument(workspaceFile('etl/unopened_job.py'));
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && codes('etl/unopened_job.py').length !== 1) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(codes('etl/unopened_job.py'), ['SPK101']);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });
}
