// Finds the workspace file a stage's call site points at, through the path mappings setting.
import * as vscode from 'vscode';
import { workspaceCandidates } from '../../shared/pathMapping';
import { readUiConfig } from '../config';

export async function resolveCallSite(driverPath: string): Promise<vscode.Uri | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  for (const candidate of workspaceCandidates(driverPath, readUiConfig().pathMappings, folders)) {
    const uri = vscode.Uri.file(candidate);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // not this one
    }
  }
  return undefined;
}
