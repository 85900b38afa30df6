// Submitting jobs from the editor: "Submit Job" (CodeLens, editor title, palette), the submission
// manifest, and the actions on runs in the Jobs view (logs, Spark UI, cancel, re-run, delete, copy
// manifest). The work itself is src/submit, loaded on first use.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { RunTracker } from './RunTracker';
import type { RunRecord, RunStore } from './runStore';
import { createSpec } from './specWizard';
import { iometeTokenProvider } from './iometeTokens';
import { submitApi, type SubmitApi } from './submitModule';
import type { Target } from '../../submit/api';
import type { JobsNode } from './JobsTree';

/** Opens a Spark UI URL (a live driver through a port-forward, or IOMETE's) in the Spark panel. */
export type OpenSparkUi = (url: string, title: string) => void;

export class JobsController implements vscode.Disposable {
  readonly tracker: RunTracker;
  private readonly uiLinks = new Map<string, { close(): Promise<void> }>();
  /** The target that submitted each run of this session: a local run lives in it, and watches reuse its client. */
  private readonly submittedBy = new Map<string, Target>();

  constructor(
    private readonly ctx: Ctx,
    private readonly store: RunStore,
    private readonly secrets: vscode.SecretStorage,
    private readonly openSparkUi: OpenSparkUi,
  ) {
    this.tracker = new RunTracker(store, (run) => this.targetForRun(run), ctx.log, (run) => void this.openUi(run));
  }

  private api(): SubmitApi {
    return submitApi(this.ctx.extensionUri.fsPath);
  }

  private deps(specFile: string) {
    const api = this.api();
    return async (name: string) => {
      const file = await api.loadJobSpecFile(specFile);
      const config = file.targets[name];
      if (!config) throw new Error(`${specFile} has no target "${name}" any more`);
      const tokens = config.type === 'iomete' ? iometeTokenProvider(this.secrets, config.host, config.domain) : async () => undefined;
      return api.createTarget(config, { iometeTokens: tokens, env: process.env, cwd: vscode.Uri.joinPath(vscode.Uri.file(specFile), '..').fsPath });
    };
  }

  private async targetForRun(run: RunRecord): Promise<Target> {
    return this.submittedBy.get(run.ref.submissionId) ?? this.deps(run.specFile)(run.targetName);
  }

  /** Runs still going when the window closed are followed again. */
  resumeActiveRuns(): void {
    for (const run of this.store.all()) if (!run.state?.terminal) this.tracker.follow(run);
  }

  private trusted(): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage('Spark ML: submitting jobs runs code and contacts clusters, so it needs a trusted workspace.');
    return false;
  }

  private pythonFile(arg: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri) return arg;
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'python' && editor.document.uri.scheme === 'file') return editor.document.uri;
    void vscode.window.showWarningMessage('Spark ML: open the Python job file to submit (saved on disk).');
    return undefined;
  }

  /** The spec and job for a file: found upward from the file, or created by the wizard. */
  private async locate(file: vscode.Uri, createIfMissing: boolean) {
    const api = this.api();
    let specFile = api.findSpecFile(file.fsPath);
    if (!specFile && createIfMissing) specFile = (await createSpec(api, file))?.fsPath;
    if (!specFile) return undefined;
    try {
      return await api.locateJob({ specFile, pythonFile: file.fsPath });
    } catch (error) {
      const choice = await vscode.window.showErrorMessage(`Spark ML: ${(error as Error).message}`, 'Open Job Spec');
      if (choice) await vscode.window.showTextDocument(vscode.Uri.file(specFile));
      return undefined;
    }
  }

  async submit(arg?: unknown): Promise<RunRecord | undefined> {
    if (!this.trusted()) return undefined;
    const file = this.pythonFile(arg);
    if (!file) return undefined;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
    if (document?.isDirty) await document.save();
    const located = await this.locate(file, true);
    if (!located) return undefined;
    const api = this.api();
    const target = await this.deps(located.specFile)(located.job.targetName);
    // One id per user action: a retry inside the target never makes a second run.
    const submissionId = api.newSubmissionId();
    const runName = api.runNameFor(located.job.spec.name, submissionId);
    const manifest = await target.buildManifest(located.job, { runName, submissionId }).catch(() => undefined);
    try {
      const { run } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Submitting ${located.job.spec.name} to ${located.job.targetName}`, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          return api.uploadAndSubmit(target, located.job, {
            submissionId,
            signal: controller.signal,
            env: process.env,
            onProgress: (p) => {
              const percent = p.overallTotal ? (100 * p.overallLoaded) / p.overallTotal : 100;
              progress.report({ message: `uploading ${p.key} (${Math.round(percent)}%)`, increment: percent - reported });
              reported = percent;
            },
          });
        },
      );
      this.submittedBy.set(run.submissionId, target);
      const record: RunRecord = { ref: run, jobName: located.job.spec.name, targetName: located.job.targetName, specFile: located.specFile, manifest, submittedAt: Date.now() };
      await this.store.add(record);
      this.ctx.log.info(`Submitted ${run.name} (${located.job.spec.name}) to ${located.job.targetName}.`);
      this.tracker.follow(record);
      this.tracker.channel(record).show(true);
      void vscode.commands.executeCommand('sparkml.jobs.focus');
      return record;
    } catch (error) {
      const message = (error as Error).name === 'AbortError' ? 'cancelled; nothing was submitted and no upload was left behind' : (error as Error).message;
      this.ctx.log.error(`Submitting ${located.job.spec.name}: ${message}`);
      void vscode.window.showErrorMessage(`Spark ML: submitting ${located.job.spec.name} failed: ${message}`, 'Show Output').then((c) => c && this.ctx.log.show());
      return undefined;
    }
  }

  /** "Spark ML: Configure Submit Target": opens the job's spec, or creates one with the wizard. */
  async configureTarget(arg?: unknown): Promise<void> {
    const file = this.pythonFile(arg);
    if (!file) return;
    const existing = this.api().findSpecFile(file.fsPath);
    if (existing) await vscode.window.showTextDocument(vscode.Uri.file(existing), { preview: false });
    else await createSpec(this.api(), file);
  }

  /** "Spark ML: Show Submission Manifest": what submit would send, in an editor, without sending it. */
  async showManifest(arg?: unknown): Promise<void> {
    const file = this.pythonFile(arg);
    if (!file) return;
    const located = await this.locate(file, false);
    if (!located) {
      void vscode.window.showInformationMessage(`Spark ML: no ${this.api().JOB_SPEC_FILE_NAME} describes this file yet; "Submit Job" creates one.`);
      return;
    }
    const api = this.api();
    const submissionId = api.newSubmissionId();
    const target = await this.deps(located.specFile)(located.job.targetName);
    const manifest = await target.buildManifest(located.job, { runName: api.runNameFor(located.job.spec.name, submissionId), submissionId });
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(manifest, null, 2) + '\n' });
    await vscode.window.showTextDocument(document, { preview: true });
  }

  private runOf(node: unknown): RunRecord | undefined {
    const run = (node as JobsNode | undefined)?.kind === 'run' ? (node as Extract<JobsNode, { kind: 'run' }>).run : undefined;
    return run ? (this.store.get(run.ref.submissionId) ?? run) : undefined;
  }

  showLogs(node: unknown): void {
    const run = this.runOf(node);
    if (run) this.tracker.channel(run).show(true);
  }

  async cancel(node: unknown): Promise<void> {
    const run = this.runOf(node);
    if (!run || !this.trusted()) return;
    const sure = await vscode.window.showWarningMessage(`Cancel ${run.ref.name}?`, { modal: true }, 'Cancel Run');
    if (!sure) return;
    try {
      await (await this.targetForRun(run)).cancel(run.ref);
      this.ctx.log.info(`Cancelled ${run.ref.name}.`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Spark ML: cancelling ${run.ref.name} failed: ${(error as Error).message}`);
    }
  }

  async rerun(node: unknown): Promise<void> {
    const run = this.runOf(node);
    if (!run) return;
    const located = await this.api().locateJob({ specFile: run.specFile, jobName: run.jobName }).catch((error: Error) => {
      void vscode.window.showErrorMessage(`Spark ML: ${error.message}`);
      return undefined;
    });
    if (located) await this.submit(vscode.Uri.file(located.job.localMainFile));
  }

  async delete(node: unknown): Promise<void> {
    const run = this.runOf(node);
    if (!run) return;
    if (!run.state?.terminal) {
      const sure = await vscode.window.showWarningMessage(`${run.ref.name} is still running. Remove it from the list and stop following it? (The run goes on; use Cancel to stop it.)`, { modal: true }, 'Remove');
      if (!sure) return;
    }
    this.tracker.stop(run.ref.submissionId);
    this.submittedBy.delete(run.ref.submissionId);
    await this.store.remove(run.ref.submissionId);
  }

  async copyManifest(node: unknown): Promise<void> {
    const run = this.runOf(node);
    if (!run?.manifest) return;
    await vscode.env.clipboard.writeText(JSON.stringify(run.manifest, null, 2));
    void vscode.window.setStatusBarMessage('Spark ML: manifest copied', 3000);
  }

  async openUi(nodeOrRun: unknown): Promise<void> {
    const run = this.runOf(nodeOrRun) ?? (nodeOrRun as RunRecord | undefined);
    if (!run?.ref) return;
    try {
      const target = await this.targetForRun(run);
      const link = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Connecting to the Spark UI of ${run.ref.name}` }, () => target.sparkUi(run.ref));
      if (!link) {
        void vscode.window.showInformationMessage(`Spark ML: ${run.ref.name} has no Spark UI now (the driver is gone). Open its event log from the History Server instead.`);
        return;
      }
      await this.uiLinks.get(run.ref.submissionId)?.close();
      this.uiLinks.set(run.ref.submissionId, link);
      this.openSparkUi(link.url, run.ref.name);
    } catch (error) {
      void vscode.window.showErrorMessage(`Spark ML: cannot reach the Spark UI of ${run.ref.name}: ${(error as Error).message}`);
    }
  }

  dispose(): void {
    this.tracker.dispose();
    for (const link of this.uiLinks.values()) void link.close();
    this.uiLinks.clear();
  }
}
