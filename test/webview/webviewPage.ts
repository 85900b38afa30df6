// Opens a built webview panel (dist/webview/<panel>.js) in Debian's Chromium, in the same page the
// extension builds (src/shared/webviewShell.ts: strict CSP, nonce, embedded state). VS Code's part of
// a webview — acquireVsCodeApi and the theme's CSS variables — is played by a small script that
// records what the page posts, so a test can read both the page and its messages to the host.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { webviewShellHtml } from '../../src/shared/webviewShell';
import { initialStateElementId } from '../../webview/protocol';
import { ensureChromium, launchChromium, type LaunchedBrowser } from '../harness/chromium';

export const repoRoot = join(__dirname, '..', '..');
/** The built bundles; SPARKML_WEBVIEW_DIST points elsewhere (e.g. a build of another commit, for a bench). */
const distWebview = process.env.SPARKML_WEBVIEW_DIST ?? join(repoRoot, 'dist', 'webview');

/** Dark Modern's colours for the variables the panels use (VS Code injects these into webviews). */
const darkTheme: Record<string, string> = {
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-widget-border': '#313131',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  '--vscode-editor-font-size': '13px',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-textLink-activeForeground': '#4daafc',
  '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-textPreformat-foreground': '#d0d0d0',
  '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-errorForeground': '#f85149',
  '--vscode-editorError-foreground': '#f14c4c',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-editorInfo-foreground': '#3794ff',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-charts-lines': 'rgba(204, 204, 204, 0.5)',
  '--vscode-dropdown-background': '#313131',
  '--vscode-dropdown-foreground': '#cccccc',
  '--vscode-dropdown-border': '#3c3c3c',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-badge-background': '#616161',
  '--vscode-badge-foreground': '#f8f8f8',
  '--vscode-panelTitle-activeForeground': '#cccccc',
  '--vscode-panelTitle-activeBorder': '#0078d4',
  '--vscode-panelTitle-inactiveForeground': '#9d9d9d',
};

const vscodeStub = `
window.__posted = [];
window.__errors = [];
window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
window.alert = (m) => window.__errors.push('alert called: ' + m);
let __state;
window.acquireVsCodeApi = () => ({
  postMessage: (m) => window.__posted.push(m),
  getState: () => __state,
  setState: (s) => { __state = s; },
});
const theme = ${JSON.stringify(darkTheme)};
for (const [k, v] of Object.entries(theme)) document.documentElement.style.setProperty(k, v);
document.documentElement.style.background = theme['--vscode-editor-background'];
`;

/** Why the webview tests cannot run here, or undefined when they can. */
export function webviewSkipReason(panel: string): string | undefined {
  if (!existsSync(join(distWebview, `${panel}.js`))) return `dist/webview/${panel}.js is missing: run \`npm run build\` first`;
  const chromium = ensureChromium();
  return chromium.ok ? undefined : chromium.reason;
}

export interface WebviewPage {
  page: Page;
  /** Messages the page posted to the host, in order. */
  posted(): Promise<Array<{ method: string; params: unknown }>>;
  /** Script errors (and any alert() call) seen in the page. */
  errors(): Promise<string[]>;
  /** Sends a host -> webview message, as panel.webview.postMessage does. */
  send(message: unknown): Promise<void>;
  close(): Promise<void>;
}

function serve(panel: string, state: unknown): Promise<Server> {
  // The host builds the page (and serializes the state into it) before the webview navigates: build
  // it ahead of the first request, so a page load measures what the webview does, not the stringify.
  let origin = '';
  const page = () =>
    webviewShellHtml({
      cspSource: origin,
      scriptUri: `${origin}/dist/${panel}.js`,
      styleUri: `${origin}/dist/${panel}.css`,
      nonce: randomBytes(16).toString('base64'),
      title: panel,
      initialState: state,
      stateElementId: initialStateElementId,
      preludeScriptUris: [`${origin}/vscode-stub.js`],
      // Bundles built before the state was packed read plain JSON (bench comparisons across commits).
      plainState: process.env.SPARKML_WEBVIEW_PLAIN_STATE === '1',
    });
  let next: string | undefined;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      const html = next ?? page();
      next = undefined;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (url.pathname === '/vscode-stub.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(vscodeStub);
    } else if (url.pathname.startsWith('/dist/') && !url.pathname.includes('..')) {
      const file = join(distWebview, url.pathname.slice('/dist/'.length));
      if (!existsSync(file)) return void response.writeHead(404).end();
      const type = file.endsWith('.css') ? 'text/css' : 'text/javascript';
      response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
    } else {
      response.writeHead(404).end();
    }
  });
  server.on('listening', () => {
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    next = page();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Runs on the new page before it navigates (an init script, a CDP profiler, a request route). */
  beforeNavigate?: (page: Page) => Promise<unknown>;
}

export async function openWebview(panel: string, state: unknown, options: OpenOptions = {}): Promise<WebviewPage> {
  const viewport = options.viewport ?? { width: 1400, height: 900 };
  const server = await serve(panel, state);
  let browser: LaunchedBrowser | undefined;
  try {
    browser = await launchChromium(viewport);
    const page = await browser.context.newPage();
    await options.beforeNavigate?.(page);
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const opened = browser;
    return {
      page,
      posted: () => page.evaluate(() => (window as unknown as { __posted: Array<{ method: string; params: unknown }> }).__posted),
      errors: () => page.evaluate(() => (window as unknown as { __errors: string[] }).__errors),
      send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message),
      async close() {
        await opened.close();
        server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    server.close();
    throw error;
  }
}
