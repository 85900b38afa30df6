// Webview options and page for a panel: only the bundle folder is readable, and the page comes from
// the shared shell (strict CSP, nonce, escaped initial state).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewShellHtml } from '../../shared/webviewShell';
import { initialStateElementId } from '../../../webview/protocol';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/** Options for a panel: scripts on, and only the bundle folder readable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)], retainContextWhenHidden: false };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, panel: string, title: string, initialState: unknown): string {
  const root = webviewRoot(extensionUri);
  return webviewShellHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${panel}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${panel}.css`)).toString(),
    nonce: randomBytes(16).toString('base64'),
    title,
    initialState,
    stateElementId: initialStateElementId,
  });
}
