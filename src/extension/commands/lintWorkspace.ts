// "Spark ML: Lint Workspace": lints every Python file and Jupyter notebook of the workspace into the
// Problems panel, with progress and cancellation. Open documents and notebooks are left to pull
// diagnostics, so nothing is reported twice. An unopened notebook's problems are on the .ipynb file,
// each message naming its cell; once it is opened, its cells get them.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

export function lintWorkspace(ctx: Ctx, collection: vscode.DiagnosticCollection): () => Promise<void> {
  return async () => {
    // The server finds the files the way `sparkml lint` does: .gitignore honoured, virtualenvs skipped.
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const found = await ctx.pythonFiles(folders);
    for (const error of found.errors) ctx.log.warn(`Lint Workspace: ${error}`);
    const files = found.uris.map((uri) => vscode.Uri.parse(uri));
    const openUris = new Set([...vscode.workspace.textDocuments, ...vscode.workspace.notebookDocuments].map((doc) => doc.uri.toString()));
    const toLint = files.filter((uri) => !openUris.has(uri.toString()));
    collection.clear();
    let linted = 0;
    let problems = 0;
    const skipped: string[] = [];
    const cancelled = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Spark ML: linting the workspace', cancellable: true },
      async (progress, token) => {
        for (const uri of toLint) {
          if (token.isCancellationRequested) return true;
          progress.report({ message: `${linted + 1} of ${toLint.length}: ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / Math.max(1, toLint.length) });
          const result = await ctx.lintFile(uri);
          linted++;
          if (result.skipped) skipped.push(`${vscode.workspace.asRelativePath(uri)}: ${result.skipped}`);
          if (result.diagnostics.length) collection.set(uri, result.diagnostics);
          problems += result.diagnostics.length;
        }
        return false;
      },
    );
    for (const line of skipped) ctx.log.info(`Lint Workspace ${line}`);
    const summary = `Spark ML: ${cancelled ? 'cancelled after' : 'linted'} ${linted} file${linted === 1 ? '' : 's'}, ${problems} problem${problems === 1 ? '' : 's'}${skipped.length ? `, ${skipped.length} skipped (see the output)` : ''}.`;
    ctx.log.info(summary);
    void vscode.window.showInformationMessage(summary);
  };
}

/** Once a file or notebook is opened, its pull diagnostics replace what Lint Workspace found. */
export function forgetWhenOpened(collection: vscode.DiagnosticCollection): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((doc) => collection.delete(doc.uri)),
    vscode.workspace.onDidOpenNotebookDocument((notebook) => collection.delete(notebook.uri)),
  );
}
