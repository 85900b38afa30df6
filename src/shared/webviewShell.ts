// The HTML page of every webview panel, as a pure function so the extension and the browser tests
// build the same page: a strict Content-Security-Policy with a per-load nonce, the panel's bundle and
// stylesheet, and its initial state embedded as JSON that can never close the <script> tag. Long
// arrays of objects in the state (2,000 stages) are embedded column by column (`packState`), which
// the page undoes (webview/common/packedState.ts): the page's HTML is about a quarter of the size and
// the browser tokenizes and parses that much less before first paint.

export interface WebviewShell {
  /** The webview's resource origin (`webview.cspSource` in VS Code). */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
  title: string;
  initialState: unknown;
  /** Id of the <script type="application/json"> element the page reads its state from (packed: `packState`). */
  stateElementId: string;
  /** Embed the state as plain JSON, unpacked (only to benchmark bundles built before packing). */
  plainState?: boolean;
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

/** Marker keys of an array of objects stored as columns (never keys of Spark data: they start with NUL). */
export const packedKeys = { keys: '\u0000k', columns: '\u0000c', count: '\u0000n', missing: '\u0000m' } as const;
/** Arrays of at least this many objects are packed. */
const packMinRows = 8;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The state with every array of objects stored as { keys, columns (packed in turn), count, missing },
 * where `missing` lists, per key, the rows that lack it. Values JSON keeps are kept as they are.
 */
export function packState(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length >= packMinRows && value.every(isPlainObject)) return packRows(value as Array<Record<string, unknown>>);
    return value.map(packState);
  }
  if (isPlainObject(value)) {
    if (typeof value.toJSON === 'function') return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = packState(item);
    return out;
  }
  return value;
}

function packRows(rows: Array<Record<string, unknown>>): Record<string, unknown> {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (row[key] !== undefined && !seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const missing: Record<number, number[]> = {};
  const columns = keys.map((key, k) => {
    const column: unknown[] = new Array(rows.length);
    rows.forEach((row, i) => {
      const item = row[key];
      if (item === undefined || !Object.prototype.hasOwnProperty.call(row, key)) {
        (missing[k] ??= []).push(i);
        column[i] = 0;
      } else {
        column[i] = item;
      }
    });
    return packState(column);
  });
  const packed: Record<string, unknown> = { [packedKeys.keys]: keys, [packedKeys.columns]: columns, [packedKeys.count]: rows.length };
  if (Object.keys(missing).length) packed[packedKeys.missing] = missing;
  return packed;
}

/**
 * The bundle is a module script, so it runs once the document is parsed, after the preludes and with
 * the state in the DOM; it sits in <head> so that it is fetched and compiled while the body (the
 * state) is still arriving and being parsed.
 */
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
<script type="module" nonce="${shell.nonce}" src="${escapeHtml(shell.scriptUri)}"></script>
<title>${escapeHtml(shell.title)}</title>
</head>
<body>
<div id="app" role="main"></div>
<script type="application/json" id="${shell.stateElementId}" nonce="${shell.nonce}">${scriptSafeJson(shell.plainState ? shell.initialState : packState(shell.initialState))}</script>
${preludes}</body>
</html>`;
}
