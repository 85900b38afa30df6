// The Applications view: the Spark applications open in panels, with status and duration; a click
// brings the panel forward.
import * as vscode from 'vscode';
import { formatMs } from '../../spark/model/alerts';
import type { OpenApplication, OpenApplications } from '../spark/openApplications';

export class ApplicationsTree implements vscode.TreeDataProvider<OpenApplication>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly apps: OpenApplications) {
    this.subscription = apps.onDidChange(() => this.changed.fire());
  }

  getChildren(element?: OpenApplication): OpenApplication[] {
    return element ? [] : this.apps.all();
  }

  getTreeItem(app: OpenApplication): vscode.TreeItem {
    const snapshot = app.snapshot;
    const item = new vscode.TreeItem(snapshot?.app.name ?? app.source, vscode.TreeItemCollapsibleState.None);
    if (snapshot) {
      const duration = snapshot.app.durationMs === undefined ? '' : ` · ${formatMs(snapshot.app.durationMs)}`;
      const alerts = snapshot.alerts.length ? ` · ${snapshot.alerts.length} alert${snapshot.alerts.length === 1 ? '' : 's'}` : '';
      item.description = `${snapshot.app.status.toLowerCase()}${duration}${alerts}`;
      item.iconPath = new vscode.ThemeIcon(
        snapshot.app.status === 'RUNNING' ? 'sync~spin' : snapshot.warnings.length ? 'warning' : 'pass',
        snapshot.app.status === 'RUNNING' ? undefined : new vscode.ThemeColor(snapshot.warnings.length ? 'problemsWarningIcon.foreground' : 'testing.iconPassed'),
      );
    } else {
      item.description = 'loading';
      item.iconPath = new vscode.ThemeIcon('loading~spin');
    }
    item.tooltip = app.source;
    item.command = { command: 'sparkml.revealStage', title: 'Show', arguments: [app.source] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
