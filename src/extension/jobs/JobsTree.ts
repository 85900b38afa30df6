// The Jobs view: target > job > runs, with each run's state icon and duration. Runs come from the run
// store; while a run is active the view refreshes its durations every few seconds.
import * as vscode from 'vscode';
import type { RunPhase } from '../../submit/api';
import { formatDuration } from './RunTracker';
import type { RunRecord, RunStore } from './runStore';

export type JobsNode = { kind: 'target'; target: string } | { kind: 'job'; target: string; job: string } | { kind: 'run'; run: RunRecord };

const icons: Record<RunPhase, [string, string?]> = {
  SUBMITTED: ['sync~spin'],
  PENDING: ['sync~spin'],
  RUNNING: ['sync~spin', 'charts.blue'],
  SUCCEEDING: ['sync~spin', 'charts.green'],
  FAILING: ['sync~spin', 'charts.red'],
  COMPLETED: ['pass', 'testing.iconPassed'],
  FAILED: ['error', 'testing.iconFailed'],
  CANCELLED: ['circle-slash'],
  UNKNOWN: ['question'],
};

export class JobsTree implements vscode.TreeDataProvider<JobsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private readonly ticker: NodeJS.Timeout;

  constructor(private readonly store: RunStore) {
    this.subscription = store.onDidChange(() => this.changed.fire());
    this.ticker = setInterval(() => {
      if (store.all().some((run) => !run.state?.terminal)) this.changed.fire();
    }, 5000);
  }

  getChildren(node?: JobsNode): JobsNode[] {
    const runs = this.store.all();
    if (!node) return [...new Set(runs.map((r) => r.targetName))].sort().map((target) => ({ kind: 'target', target }));
    if (node.kind === 'target') {
      const jobs = new Set(runs.filter((r) => r.targetName === node.target).map((r) => r.jobName));
      return [...jobs].sort().map((job) => ({ kind: 'job', target: node.target, job }));
    }
    if (node.kind === 'job') return runs.filter((r) => r.targetName === node.target && r.jobName === node.job).map((run) => ({ kind: 'run', run }));
    return [];
  }

  getTreeItem(node: JobsNode): vscode.TreeItem {
    if (node.kind === 'target') {
      const item = new vscode.TreeItem(node.target, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('server-environment');
      item.contextValue = 'sparkml.target';
      return item;
    }
    if (node.kind === 'job') {
      const item = new vscode.TreeItem(node.job, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('symbol-event');
      item.contextValue = 'sparkml.job';
      return item;
    }
    const { run } = node;
    const phase = run.state?.phase ?? 'SUBMITTED';
    const [icon, color] = icons[phase];
    const item = new vscode.TreeItem(run.ref.name, vscode.TreeItemCollapsibleState.None);
    item.id = run.ref.submissionId;
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.description = `${phase.toLowerCase()} · ${formatDuration((run.endedAt ?? Date.now()) - run.submittedAt)}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${run.ref.name}** (${run.jobName} on ${run.targetName})\n\n`);
    tooltip.appendText(`State: ${phase}${run.state?.raw && run.state.raw !== phase ? ` (${run.state.raw})` : ''}\n`);
    if (run.state?.message) tooltip.appendText(`${run.state.message}\n`);
    tooltip.appendText(`Submitted: ${new Date(run.submittedAt).toLocaleString()}`);
    item.tooltip = tooltip;
    item.contextValue = run.state?.terminal ? 'sparkml.run.done' : 'sparkml.run.active';
    item.command = { command: 'sparkml.run.showLogs', title: 'Show Logs', arguments: [node] };
    return item;
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
