// The Spark application panel: one per source (event log, s3:// URL, Spark UI or History Server URL).
// The application is read in a worker thread (SnapshotLoader); the panel only renders snapshots.
// Survives a window reload through its serializer (the state it keeps is the source).
import * as vscode from 'vscode';
import type { PathMappings } from '../../shared/pathMapping';
import type { AppSnapshot, StageKey } from '../../spark/model/types';
import {
  AppStateNotification,
  ExecutorLoadCommand,
  ExecutorLoadNotification,
  OpenCallSiteCommand,
  OpenLinkCommand,
  ReadyCommand,
  RefreshCommand,
  SelectStageNotification,
  StageDetailCommand,
  StageDetailNotification,
  type AppPanelState,
} from '../../../webview/protocol';
import { readUiConfig } from '../config';
import type { OpenApplications } from '../spark/openApplications';
import { resolveCallSite } from '../spark/resolveCallSite';
import { SnapshotLoader } from '../spark/SnapshotLoader';
import { executorLoad, leanSnapshot, stageDistributions } from './leanSnapshot';
import { packState } from '../../shared/webviewShell';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const appViewType = 'sparkml.application';

export interface AppPanelDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  openApps: OpenApplications;
}

export class AppPanel implements vscode.Disposable {
  private static readonly panels = new Map<string, AppPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly loader: SnapshotLoader;
  private state: AppPanelState;
  /** The lean snapshot the page has, so updates that do not change it leave it out. */
  private postedSnapshot: AppSnapshot | undefined;
  /** The whole snapshot; the page gets it without distributions and executor series (leanSnapshot). */
  private full: AppSnapshot | undefined;

  /** Shows the application from `source`, reusing its panel when it is open already. */
  static open(deps: AppPanelDeps, source: string, stage?: StageKey, pathMappings?: PathMappings): AppPanel {
    const existing = AppPanel.panels.get(source);
    if (existing) {
      existing.panel.reveal();
      if (stage) existing.selectStage(stage);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(appViewType, panelTitle(source), vscode.ViewColumn.Active, webviewOptions(deps.extensionUri));
    return new AppPanel(panel, deps, source, stage, pathMappings);
  }

  /** Re-opens a panel VS Code restored after a reload. */
  static restore(panel: vscode.WebviewPanel, deps: AppPanelDeps, source: string): AppPanel {
    panel.webview.options = webviewOptions(deps.extensionUri);
    AppPanel.panels.get(source)?.dispose();
    return new AppPanel(panel, deps, source);
  }

  static sourceFromState(state: unknown): string | undefined {
    const source = (state as { panel?: { source?: unknown } } | undefined)?.panel?.source;
    return typeof source === 'string' ? source : undefined;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: AppPanelDeps,
    readonly source: string,
    stage?: StageKey,
    private readonly pathMappings?: PathMappings,
  ) {
    AppPanel.panels.set(source, this);
    this.state = { source, load: { state: 'loading', message: `Reading ${source}` }, live: false, ...(stage ? { selectedStage: stage } : {}) };
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'resources', 'icons', 'spark.svg');
    panel.webview.html = webviewHtml(panel.webview, deps.extensionUri, 'sparkApp', panelTitle(source), this.state);
    const ui = readUiConfig();
    this.loader = new SnapshotLoader(
      vscode.Uri.joinPath(deps.extensionUri, 'dist', 'appSnapshotWorker.js').fsPath,
      { source, thresholds: ui.alertThresholds },
      () => readUiConfig().refreshSeconds * 1000,
      {
        onProgress: (bytesRead) => this.update({ load: { ...this.state.load, bytesRead } }),
        onSnapshot: (snapshot, live) => this.onSnapshot(snapshot, live),
        onError: (message) => this.onError(message),
        onStageDetail: (stage, detail, error) => {
          const distributions = stageDistributions(this.full, stage);
          void this.panel.webview.postMessage(StageDetailNotification.create({ stage, ...(detail ? { detail } : {}), ...(error ? { error } : {}), ...(distributions ? { distributions } : {}) }));
        },
      },
      deps.log,
    );
    deps.openApps.set({ source, pathMappings, reveal: (s) => this.reveal(s) });
    panel.onDidDispose(() => this.dispose(), undefined, this.disposables);
    panel.onDidChangeViewState(({ webviewPanel }) => this.loader.setVisible(webviewPanel.visible), undefined, this.disposables);
    panel.webview.onDidReceiveMessage((message: unknown) => void this.onMessage(message), undefined, this.disposables);
    this.loader.load();
  }

  private onSnapshot(snapshot: AppSnapshot, live: boolean): void {
    const name = snapshot.app.name ?? snapshot.app.id;
    if (name) this.panel.title = `Spark: ${name}`;
    this.deps.openApps.set({ source: this.source, snapshot, pathMappings: this.pathMappings, reveal: (s) => this.reveal(s) });
    for (const warning of snapshot.warnings) this.deps.log.warn(`${this.source}: ${warning.message}`);
    this.full = snapshot;
    this.update({ snapshot: leanSnapshot(snapshot), live, load: { state: 'ready', updatedAt: Date.now() } });
  }

  private onError(message: string): void {
    this.deps.log.error(`${this.source}: ${message}`);
    // Keep what was shown before: a failed refresh must not empty the view.
    this.update({ load: { state: 'error', message, updatedAt: this.state.load.updatedAt } });
  }

  private update(change: Partial<AppPanelState>): void {
    this.state = { ...this.state, ...change };
    const { snapshot, ...rest } = this.state;
    const keep = snapshot === this.postedSnapshot;
    this.postedSnapshot = snapshot;
    void this.panel.webview.postMessage(AppStateNotification.create(keep ? { ...rest, keepSnapshot: true } : { ...rest, ...(snapshot ? { snapshot: packState(snapshot) } : {}) }));
  }

  private reveal(stage?: StageKey): void {
    this.panel.reveal();
    if (stage) this.selectStage(stage);
  }

  private selectStage(stage: StageKey): void {
    this.state = { ...this.state, selectedStage: stage };
    void this.panel.webview.postMessage(SelectStageNotification.create(stage));
  }

  private async onMessage(message: unknown): Promise<void> {
    if (ReadyCommand.is(message)) {
      // The page rendered its initial state (a new page: it has no snapshot yet); send what arrived meanwhile.
      this.postedSnapshot = undefined;
      if (this.state.snapshot || this.state.load.state !== 'loading') this.update({});
    } else if (StageDetailCommand.is(message)) {
      this.loader.stageDetail(message.params);
    } else if (ExecutorLoadCommand.is(message)) {
      const series = executorLoad(this.full, message.params.executorId);
      void this.panel.webview.postMessage(ExecutorLoadNotification.create({ executorId: message.params.executorId, ...(series ? { series } : {}) }));
    } else if (RefreshCommand.is(message)) {
      this.update({ load: { ...this.state.load, state: this.state.snapshot ? 'refreshing' : 'loading' } });
      this.loader.load();
    } else if (OpenCallSiteCommand.is(message)) {
      const uri = await resolveCallSite(message.params.file, this.pathMappings);
      if (!uri) {
        void vscode.window.showWarningMessage(`Spark ML: ${message.params.file} is not in the workspace. Map the driver's path with the setting sparkml.ui.pathMappings.`);
        return;
      }
      const line = Math.max(0, (message.params.line ?? 1) - 1);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.Beside });
    } else if (OpenLinkCommand.is(message) && /^https?:\/\//.test(message.params.url)) {
      await vscode.env.openExternal(vscode.Uri.parse(message.params.url));
    }
  }

  dispose(): void {
    if (AppPanel.panels.get(this.source) === this) AppPanel.panels.delete(this.source);
    this.deps.openApps.delete(this.source);
    this.loader.dispose();
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

function panelTitle(source: string): string {
  const name = source.replace(/[/\\]+$/, '').split(/[/\\]/).pop() ?? source;
  return `Spark: ${name}`;
}
