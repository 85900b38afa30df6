// Webview first paint for a large application (2,000 stages, 500 executors, 200k tasks) in Chromium,
// against the same panel showing a one-stage application in the same run. Also the time to draw the
// Jobs & Stages and Executors tabs, which render when first shown. Goal: first paint <= 500 ms.
//
//   node --import tsx bench/webview/index.ts          the bundles in dist/webview (`node esbuild.mjs`)
//   SPARKML_WEBVIEW_DIST=DIR node --import tsx ...    bundles built elsewhere (another commit; add
//     SPARKML_WEBVIEW_PLAIN_STATE=1 for bundles older than the packed initial state)
//
// Times are taken in the page: first paint is navigation start to the frame after the Application
// tab's content is in the DOM (requestAnimationFrame, then a task: the frame has been produced); a
// tab is the click to the frame after its content is in the DOM, once the page is idle. The host
// builds the page before the webview navigates, so the test server does too (webviewPage.ts).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AppPanelState } from '../../webview/protocol';
import { openWebview, repoRoot, webviewSkipReason } from '../../test/webview/webviewPage';
import { leanSnapshot } from '../../src/extension/panels/leanSnapshot';
import { buildLargeSnapshot, ISSUE_SIZE } from '../monitor/largeApp';

interface Timing {
  firstPaint: number;
  stagesTab: number;
  executorsTab: number;
}

/** Records, in the page, when the first element matching `selector` has been painted. */
const paintProbe = (selector: string) => `
window.__painted = new Promise((resolve) => {
  const painted = () => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(performance.now()); c.port2.postMessage(0); });
  const seen = () => document.querySelector(${JSON.stringify(selector)});
  const observer = new MutationObserver(() => { if (seen()) { observer.disconnect(); painted(); } });
  observer.observe(document, { childList: true, subtree: true });
});`;

/** Clicks a tab in the page and resolves when `selector` exists and a frame with it was produced. */
function tabTime(page: Page, title: string, selector: string): Promise<number> {
  // A string, not a function: tsx would wrap named functions in a helper the page does not have.
  return page.evaluate(`new Promise((resolve, reject) => {
    const tab = [...document.querySelectorAll('vscode-panel-tab')].find((t) => t.textContent.trim() === ${JSON.stringify(title)});
    if (!tab) return reject(new Error('no tab ' + ${JSON.stringify(title)}));
    const started = performance.now();
    const painted = () => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(performance.now() - started); c.port2.postMessage(0); });
    const seen = () => document.querySelector(${JSON.stringify(selector)});
    const observer = new MutationObserver(() => { if (seen()) { observer.disconnect(); painted(); } });
    observer.observe(document, { childList: true, subtree: true });
    tab.click();
    if (seen()) { observer.disconnect(); painted(); }
  })`);
}

async function measure(stages: number, executors: number, tasks: number): Promise<Timing> {
  // Built by the real model from synthetic listener events (bench/monitor/largeApp.ts), sent the way
  // the host sends it (leanSnapshot: distributions and executor series on demand).
  const state: AppPanelState = { source: 'synthetic', load: { state: 'ready' }, live: false, snapshot: leanSnapshot(buildLargeSnapshot({ stages, executors, tasks })) };
  const view = await openWebview('sparkApp', state, { beforeNavigate: (page) => page.addInitScript(paintProbe('.overview')) });
  try {
    const firstPaint = await view.page.evaluate<number>('window.__painted');
    // Tabs are timed once the page has settled (what it loads after first paint is in), so they
    // measure drawing the tab, as a person clicking a moment later sees it.
    await view.page.waitForTimeout(500);
    await view.page.evaluate('new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 }))');
    const stagesTab = await tabTime(view.page, 'Jobs & Stages', 'table[aria-label="Stages"] tbody tr');
    const executorsTab = await tabTime(view.page, 'Executors', 'table[aria-label="Executors"] tbody tr');
    const errors = await view.errors();
    if (errors.length) throw new Error(`script errors in the page: ${errors.join('; ')}`);
    return { firstPaint, stagesTab, executorsTab };
  } finally {
    await view.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The panel's bundle (what first paint loads) and the chunks it may import later, in KB. */
function bundleSizes(): string {
  const dir = process.env.SPARKML_WEBVIEW_DIST ?? join(repoRoot, 'dist', 'webview');
  const kb = (file: string) => statSync(join(dir, file)).size / 1024;
  const chunks = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.startsWith('chunks') && f.endsWith('.js'));
  const lazy = chunks.reduce((sum, f) => sum + kb(f), 0);
  return `sparkApp.js ${kb('sparkApp.js').toFixed(0)} KB + sparkApp.css ${kb('sparkApp.css').toFixed(0)} KB; ${chunks.length} chunk(s) ${lazy.toFixed(0)} KB`;
}

async function main(): Promise<void> {
  const skip = webviewSkipReason('sparkApp');
  if (skip) {
    console.log(`bench/webview skipped: ${skip}`);
    return;
  }
  const runs = Number(process.env.SPARKML_BENCH_RUNS ?? 5);
  const small: Timing[] = [];
  const large: Timing[] = [];
  // Alternate so that load on the machine hits both alike.
  for (let i = 0; i < runs; i++) {
    small.push(await measure(1, 1, 10));
    large.push(await measure(ISSUE_SIZE.stages, ISSUE_SIZE.executors, ISSUE_SIZE.tasks));
  }
  const m = (list: Timing[], key: keyof Timing) => median(list.map((t) => t[key]));
  console.log(`webview (median of ${runs} runs, Chromium; ${bundleSizes()})`);
  for (const key of ['firstPaint', 'stagesTab', 'executorsTab'] as const) {
    console.log(`  ${key.padEnd(13)} large ${m(large, key).toFixed(0).padStart(5)} ms   reference (1 stage) ${m(small, key).toFixed(0).padStart(5)} ms   ratio ${(m(large, key) / m(small, key)).toFixed(2)}x`);
  }
  console.log(`  first paint goal <= 500 ms: ${m(large, 'firstPaint') <= 500 ? 'met' : 'NOT met'}`);
}

void main();
