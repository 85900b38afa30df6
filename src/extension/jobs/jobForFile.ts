// Which job and target a Python file has in the nearest sparkml.jobs.json, read cheaply for the
// CodeLens and the status bar (the full loader, with schema validation, runs when submitting).
import * as vscode from 'vscode';
import { uriExists } from '../uriExists';

export const specFileName = 'sparkml.jobs.json';

export interface JobForFile {
  specUri: vscode.Uri;
  jobName: string;
  targetName: string;
}


/** The nearest spec at or above the file, staying inside its workspace folder. */
export async function findSpec(file: vscode.Uri): Promise<vscode.Uri | undefined> {
  const root = vscode.workspace.getWorkspaceFolder(file)?.uri.path;
  let dir = vscode.Uri.joinPath(file, '..');
  for (;;) {
    const candidate = vscode.Uri.joinPath(dir, specFileName);
    if (await uriExists(candidate)) return candidate;
    if (!root || dir.path === root || dir.path === '/') return undefined;
    dir = vscode.Uri.joinPath(dir, '..');
  }
}

export async function jobForFile(file: vscode.Uri): Promise<JobForFile | undefined> {
  const specUri = await findSpec(file);
  if (!specUri) return undefined;
  try {
    const spec = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(specUri))) as { jobs?: Array<{ name?: unknown; target?: unknown; mainFile?: unknown }> };
    const specDir = vscode.Uri.joinPath(specUri, '..');
    for (const job of spec.jobs ?? []) {
      if (typeof job.mainFile !== 'string' || typeof job.name !== 'string' || typeof job.target !== 'string') continue;
      const main = job.mainFile.startsWith('/') ? vscode.Uri.file(job.mainFile) : vscode.Uri.joinPath(specDir, job.mainFile);
      if (main.path === file.path) return { specUri, jobName: job.name, targetName: job.target };
    }
  } catch {
    // A spec being edited may not parse: the lens offers to submit, which reports the problem.
  }
  return undefined;
}

/** A Python file that is a Spark job: it imports pyspark. */
export function isSparkJob(document: vscode.TextDocument): boolean {
  return document.languageId === 'python' && document.uri.scheme === 'file' && /^\s*(from|import)\s+pyspark\b/m.test(document.getText());
}
