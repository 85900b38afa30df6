// Finds the workspace file a stage's call site points at, through the path mappings setting.
import * as vscode from 'vscode';
import { workspaceCandidates, type PathMappings } from '../../shared/pathMapping';
import { readUiConfig } from '../config';
import { uriExists } from '../uriExists';

/** `extraMappings` come first: an application that knows where its job lives (the bundled sample). */
export async function resolveCallSite(driverPath: string, extraMappings: PathMappings = {}): Promise<vscode.Uri | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const candidates = [...workspaceCandidates(driverPath, extraMappings, []), ...workspaceCandidates(driverPath, readUiConfig().pathMappings, folders)];
  for (const candidate of candidates) {
    const uri = vscode.Uri.file(candidate);
    if (await uriExists(uri)) return uri;
  }
  return undefined;
}
