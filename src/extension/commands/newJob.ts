// "Spark ML: New Spark ML Job": asks for a name and a folder, writes job.py (split first, Pipeline
// fitted on train, seeded, evaluated on rawPrediction), a Dockerfile for the container way (job at
// /app/job.py), a Makefile to build and push, and sparkml.jobs.json; then opens the job.
import * as vscode from 'vscode';
import { uriExists } from '../uriExists';
import { jobNameProblem, newJobTemplateFiles, renderNewJob } from '../../shared/newJob';


export function newJob(extensionUri: vscode.Uri): (name?: unknown, parent?: unknown) => Promise<vscode.Uri | undefined> {
  return async (nameArg?: unknown, parentArg?: unknown) => {
    const name =
      typeof nameArg === 'string'
        ? nameArg
        : await vscode.window.showInputBox({ title: 'New Spark ML Job', prompt: 'Job name (names the folder and the Kubernetes runs)', value: 'churn-model', validateInput: jobNameProblem });
    if (!name) return undefined;
    let parent = parentArg instanceof vscode.Uri ? parentArg : vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!parent) {
      parent = (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, title: 'Where should the job folder go?' }))?.[0];
      if (!parent) return undefined;
    }
    const folder = vscode.Uri.joinPath(parent, name);
    if (await uriExists(folder)) {
      void vscode.window.showErrorMessage(`Spark ML: ${vscode.workspace.asRelativePath(folder)} already exists; pick another name.`);
      return undefined;
    }
    const templates: Record<string, string> = {};
    for (const file of newJobTemplateFiles) {
      templates[file] = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'resources', 'templates', 'new-job', file)));
    }
    const files = renderNewJob(templates, name);
    for (const [file, text] of Object.entries(files)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file), new TextEncoder().encode(text));
    const job = vscode.Uri.joinPath(folder, 'job.py');
    await vscode.window.showTextDocument(job);
    void vscode.window.showInformationMessage(`Spark ML: created ${name}/ with job.py, Dockerfile, Makefile and sparkml.jobs.json. Set your image and cluster in sparkml.jobs.json, then submit.`);
    return job;
  };
}
