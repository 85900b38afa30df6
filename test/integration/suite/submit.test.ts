// Submitting the open job from the editor to a local Spark (the stand-in spark-submit of
// test/servers, under a SPARK_HOME made for the test): the run is recorded, followed to its end,
// and its state lands in the Jobs view's store; a second submission is a second run.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activeApi, theExtension, waitFor, workspaceFile } from './helpers';

interface RunRecordView {
  ref: { name: string; submissionId: string; target: string };
  jobName: string;
  targetName: string;
  state?: { phase: string; terminal: boolean };
}

type JobsApi = { jobRuns(): RunRecordView[] };

function fakeSparkHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'sparkml-spark-home-'));
  mkdirSync(join(home, 'bin'));
  const script = join(theExtension().extensionPath, 'test', 'servers', 'spark-submit');
  chmodSync(script, 0o755);
  symlinkSync(script, join(home, 'bin', 'spark-submit'));
  return home;
}

export function registerSubmitTests(): void {
  describe('job submission', () => {
    it('submits job.py to a local Spark and follows the run to COMPLETED', async function () {
      this.timeout(120_000);
      const api = (await activeApi()) as unknown as JobsApi;
      const spec = {
        targets: { 'local-test': { type: 'local', sparkHome: fakeSparkHome(), master: 'local[2]' } },
        jobs: [{ name: 'churn-train', target: 'local-test', mainFile: 'job.py', arguments: ['--epochs', '3'] }],
      };
      await vscode.workspace.fs.writeFile(workspaceFile('sparkml.jobs.json'), new TextEncoder().encode(JSON.stringify(spec, null, 2)));
      const before = api.jobRuns().length;
      const record = (await vscode.commands.executeCommand('sparkml.submitJob', workspaceFile('job.py'))) as RunRecordView | undefined;
      assert.ok(record, 'Submit Job returned no run (see the Spark ML output)');
      assert.equal(record.jobName, 'churn-train');
      assert.equal(record.targetName, 'local-test');
      assert.equal(api.jobRuns().length, before + 1);
      const done = await waitFor(
        'the run to end',
        () => api.jobRuns().find((r) => r.ref.submissionId === record.ref.submissionId && r.state?.terminal),
        () => JSON.stringify(api.jobRuns().find((r) => r.ref.submissionId === record.ref.submissionId)?.state),
      );
      assert.equal(done.state?.phase, 'COMPLETED');
    });

    it('shows the submission manifest without submitting', async () => {
      const api = (await activeApi()) as unknown as JobsApi;
      const before = api.jobRuns().length;
      await vscode.commands.executeCommand('sparkml.showManifest', workspaceFile('job.py'));
      const editor = await waitFor('the manifest editor', () => (vscode.window.activeTextEditor?.document.languageId === 'json' ? vscode.window.activeTextEditor : undefined));
      const manifest = JSON.parse(editor.document.getText());
      assert.ok(JSON.stringify(manifest).includes('--epochs'), editor.document.getText());
      assert.equal(api.jobRuns().length, before, 'showing the manifest submits nothing');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
}
