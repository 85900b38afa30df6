// The HTML shell every panel uses: a strict Content-Security-Policy with a per-load nonce, the panel's
// bundle and stylesheet from dist/webview, and its initial state embedded as JSON that can never close the tag.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { initialStateElementId } from '../../../webview/protocol';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/** Options for a panel: scripts on, and only the bundle folder readable. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)], retainContextWhenHidden: false };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON safe inside a <script> element: `<`, `>`, `&` and line separators are escaped. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, panel: string, title: string, initialState: unknown): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot(extensionUri), `${panel}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(webviewRoot(extensionUri), `${panel}.css`));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="app" role="main"></div>
<script type="application/json" id="${initialStateElementId}" nonce="${nonce}">${scriptSafeJson(initialState)}</script>
<script type="module" nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
