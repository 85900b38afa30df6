// The HTML page of every webview panel, as a pure function so the extension and the browser tests
// build the same page: a strict Content-Security-Policy with a per-load nonce, the panel's bundle and
// stylesheet, and its initial state embedded as JSON that can never close the <script> tag.

export interface WebviewShell {
  /** The webview's resource origin (`webview.cspSource` in VS Code). */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
  title: string;
  initialState: unknown;
  /** Id of the <script type="application/json"> element the page reads its state from. */
  stateElementId: string;
  /** Scripts loaded (with the nonce) before the bundle; tests use it to stand in for VS Code's API. */
  preludeScriptUris?: string[];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** JSON safe inside a <script> element: `<`, `>`, `&` and line separators are escaped. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function webviewShellHtml(shell: WebviewShell): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${shell.nonce}'`,
    `style-src ${shell.cspSource}`,
    `font-src ${shell.cspSource}`,
    `img-src ${shell.cspSource} data:`,
  ].join('; ');
  const preludes = (shell.preludeScriptUris ?? []).map((uri) => `<script nonce="${shell.nonce}" src="${escapeHtml(uri)}"></script>\n`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(shell.styleUri)}">
<title>${escapeHtml(shell.title)}</title>
</head>
<body>
<div id="app" role="main"></div>
<script type="application/json" id="${shell.stateElementId}" nonce="${shell.nonce}">${scriptSafeJson(shell.initialState)}</script>
${preludes}<script type="module" nonce="${shell.nonce}" src="${escapeHtml(shell.scriptUri)}"></script>
</body>
</html>`;
}
