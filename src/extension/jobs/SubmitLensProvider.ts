// "Submit to <target>" over the first line of a Spark job, and the status-bar item naming the target
// of the job in the active editor.
import * as vscode from 'vscode';
import { isSparkJob, jobForFile } from './jobForFile';

export class SubmitLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/sparkml.jobs.json');

  constructor() {
    const refresh = () => this.changed.fire();
    this.watcher.onDidCreate(refresh);
    this.watcher.onDidChange(refresh);
    this.watcher.onDidDelete(refresh);
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!isSparkJob(document) || !vscode.workspace.isTrusted) return [];
    const job = await jobForFile(document.uri);
    const title = job ? `$(rocket) Submit to ${job.targetName}` : '$(rocket) Submit Spark job...';
    const manifest = job ? [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: 'Show manifest', command: 'sparkml.showManifest', arguments: [document.uri] })] : [];
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: 'sparkml.submitJob', arguments: [document.uri] }), ...manifest];
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}

export class TargetStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sparkml.target', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.item.name = 'Spark ML submit target';
    this.item.command = 'sparkml.submitJob';
    this.subscriptions = [vscode.window.onDidChangeActiveTextEditor(() => void this.update()), vscode.workspace.onDidSaveTextDocument(() => void this.update())];
    void this.update();
  }

  async update(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isSparkJob(document)) {
      this.item.hide();
      return;
    }
    const job = await jobForFile(document.uri);
    this.item.text = `$(rocket) ${job ? job.targetName : 'Spark: no target'}`;
    this.item.tooltip = job ? `Submit ${job.jobName} to ${job.targetName} (${vscode.workspace.asRelativePath(job.specUri)})` : 'Submit this Spark job (creates sparkml.jobs.json)';
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
