// "Spark ML: Open Sample Job": a training job with the mistakes the linter catches, opened as a new
// untitled file so the user can apply fixes without touching the extension's copy.
import * as vscode from 'vscode';

export function openSampleJob(extensionUri: vscode.Uri): () => Promise<void> {
  return async () => {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'resources', 'sample-job', 'job.py'));
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: new TextDecoder().decode(bytes) });
    await vscode.window.showTextDocument(document);
  };
}
