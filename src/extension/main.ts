// Activation only wires things together (the rust-analyzer habit); the work lives in ctx.ts, the
// commands and the panels. Activation must stay cheap: the server starts asynchronously.
import * as vscode from 'vscode';
import { forgetWhenOpened, lintWorkspace } from './commands/lintWorkspace';
import { openApplication, openSampleApplication } from './commands/openApplication';
import { newJob } from './commands/newJob';
import { openSampleJob } from './commands/openSampleJob';
import { restartServer } from './commands/restartServer';
import { showOutput } from './commands/showOutput';
import { showRuleDocs } from './commands/showRuleDocs';
import { Ctx, type SparkMlApi } from './ctx';
import { AppPanel, appViewType, type AppPanelDeps } from './panels/AppPanel';
import { RuleDocsPanel, ruleDocsViewType } from './panels/RuleDocsPanel';
import { OpenApplications } from './spark/openApplications';
import { revealStageCommand, SparkCostLensProvider } from './spark/SparkCostLensProvider';
import { ApplicationsTree } from './views/ApplicationsTree';
import { setIometeToken } from './jobs/iometeTokens';
import { JobsController } from './jobs/JobsController';
import { JobsTree } from './jobs/JobsTree';
import { RunStore, type RunRecord } from './jobs/runStore';
import { SubmitLensProvider, TargetStatusBar } from './jobs/SubmitLensProvider';

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): SparkMlApi & { jobRuns(): RunRecord[] } {
  const started = performance.now();
  ctx = new Ctx(context);
  const c = ctx;
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('sparkml-workspace');
  const openApps = new OpenApplications();
  const appDeps: AppPanelDeps = { extensionUri: context.extensionUri, log: c.log, openApps };
  const costLenses = new SparkCostLensProvider(openApps);
  const applicationsTree = new ApplicationsTree(openApps);
  const runStore = new RunStore(context.workspaceState);
  const jobs = new JobsController(c, runStore, context.secrets, (url) => AppPanel.open(appDeps, url));
  const jobsTree = new JobsTree(runStore);
  const jobsView = vscode.window.createTreeView('sparkml.jobs', { treeDataProvider: jobsTree, showCollapseAll: true });
  context.subscriptions.push(
    c,
    workspaceDiagnostics,
    forgetWhenOpened(workspaceDiagnostics),
    vscode.commands.registerCommand('sparkml.lintWorkspace', lintWorkspace(c, workspaceDiagnostics)),
    vscode.commands.registerCommand('sparkml.restartServer', restartServer(c)),
    vscode.commands.registerCommand('sparkml.showOutput', showOutput(c)),
    vscode.commands.registerCommand('sparkml.showRuleDocs', showRuleDocs(c)),
    vscode.window.registerWebviewPanelSerializer(ruleDocsViewType, {
      deserializeWebviewPanel: async (panel, state) => {
        const code = RuleDocsPanel.serializedCode(state);
        if (code) await RuleDocsPanel.restore(panel, c.extensionUri, (rule) => c.ruleDocs(rule), code, c.log);
        else panel.dispose();
      },
    }),
    openApps,
    costLenses,
    applicationsTree,
    vscode.window.registerTreeDataProvider('sparkml.applications', applicationsTree),
    vscode.languages.registerCodeLensProvider({ language: 'python' }, costLenses),
    vscode.commands.registerCommand('sparkml.openApplication', openApplication(appDeps)),
    vscode.commands.registerCommand('sparkml.openSampleApplication', openSampleApplication(appDeps)),
    vscode.commands.registerCommand('sparkml.openSampleJob', openSampleJob(context.extensionUri)),
    vscode.commands.registerCommand(revealStageCommand, (source: unknown, stage?: { stageId: number; attemptId: number }) => {
      if (typeof source === 'string') AppPanel.open(appDeps, source, stage);
    }),
    vscode.window.registerWebviewPanelSerializer(appViewType, {
      deserializeWebviewPanel: async (panel, state) => {
        const source = AppPanel.sourceFromState(state);
        if (source) AppPanel.restore(panel, appDeps, source);
        else panel.dispose();
      },
    }),
    runStore,
    jobs,
    jobsTree,
    jobsView,
    // Runs still going when the window closed are followed again once someone looks at them.
    jobsView.onDidChangeVisibility(({ visible }) => visible && jobs.resumeActiveRuns()),
    new TargetStatusBar(),
    vscode.languages.registerCodeLensProvider({ language: 'python', scheme: 'file' }, new SubmitLensProvider()),
    vscode.commands.registerCommand('sparkml.submitJob', (uri?: unknown) => jobs.submit(uri)),
    vscode.commands.registerCommand('sparkml.showManifest', (uri?: unknown) => jobs.showManifest(uri)),
    vscode.commands.registerCommand('sparkml.configureTarget', (uri?: unknown) => jobs.configureTarget(uri)),
    vscode.commands.registerCommand('sparkml.newJob', newJob(context.extensionUri)),
    vscode.commands.registerCommand('sparkml.setIometeToken', setIometeToken(context.secrets)),
    vscode.commands.registerCommand('sparkml.run.showLogs', (node: unknown) => jobs.showLogs(node)),
    vscode.commands.registerCommand('sparkml.run.openSparkUi', (node: unknown) => jobs.openUi(node)),
    vscode.commands.registerCommand('sparkml.run.cancel', (node: unknown) => jobs.cancel(node)),
    vscode.commands.registerCommand('sparkml.run.rerun', (node: unknown) => jobs.rerun(node)),
    vscode.commands.registerCommand('sparkml.run.delete', (node: unknown) => jobs.delete(node)),
    vscode.commands.registerCommand('sparkml.run.copyManifest', (node: unknown) => jobs.copyManifest(node)),
  );
  if (jobsView.visible) jobs.resumeActiveRuns();
  void c.start();
  c.log.info(`Spark ML Toolkit activated in ${(performance.now() - started).toFixed(1)} ms.`);
  return { ...c.api(), jobRuns: () => runStore.all() };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
