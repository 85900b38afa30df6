// A CodeLens over each line of a job that started Spark stages in an open application: the stages'
// task time, their share of the run and their alerts. Clicking opens the stages in the panel.
import * as vscode from 'vscode';
import { formatMs } from '../../spark/model/alerts';
import type { CallSiteCost } from '../../spark/model/types';
import type { OpenApplication, OpenApplications } from './openApplications';
import { resolveCallSite } from './resolveCallSite';

export const revealStageCommand = 'sparkml.revealStage';

export class SparkCostLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Application + driver path -> workspace file, resolved once. */
  private readonly resolved = new Map<string, Promise<string | undefined>>();

  constructor(private readonly apps: OpenApplications) {
    this.subscription = apps.onDidChange(() => this.changed.fire());
  }

  private fileOf(driverPath: string, app: OpenApplication): Promise<string | undefined> {
    const key = `${app.source}\u0000${driverPath}`;
    let file = this.resolved.get(key);
    if (!file) {
      file = resolveCallSite(driverPath, app.pathMappings).then((uri) => uri?.fsPath);
      this.resolved.set(key, file);
    }
    return file;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const lenses: vscode.CodeLens[] = [];
    for (const app of this.apps.all()) {
      const snapshot = app.snapshot;
      if (!snapshot) continue;
      for (const cost of snapshot.callSites) {
        const { file, line } = cost.callSite;
        if (!file || !line || line > document.lineCount) continue;
        if ((await this.fileOf(file, app)) !== document.uri.fsPath) continue;
        const range = new vscode.Range(line - 1, 0, line - 1, 0);
        lenses.push(new vscode.CodeLens(range, { title: lensTitle(cost, snapshot.alerts.filter((a) => cost.alertIds.includes(a.id)).map((a) => a.kind)), command: revealStageCommand, arguments: [app.source, cost.stages[0]] }));
      }
    }
    return lenses;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function lensTitle(cost: CallSiteCost, alertKinds: string[]): string {
  const share = `${(cost.shareOfTaskTime * 100).toFixed(cost.shareOfTaskTime < 0.1 ? 1 : 0)}%`;
  const stages = `${cost.stages.length} stage${cost.stages.length === 1 ? '' : 's'}`;
  const alerts = alertKinds.length ? ` · $(warning) ${[...new Set(alertKinds)].join(', ')}` : '';
  return `Spark: ${formatMs(cost.taskTimeMs)} task time (${share} of the run), ${stages}, ${formatMs(cost.stageDurationMs)} wall${alerts}`;
}
