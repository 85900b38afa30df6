// Webview first paint for a large application (2,000 stages, 500 executors, 200k tasks) in Chromium,
// against the same panel showing a one-stage application in the same run. Also the time to draw the
// Jobs & Stages and Executors tabs, which render when first shown. Goal: first paint <= 500 ms.
import type { AppPanelState } from '../../webview/protocol';
import { openWebview, webviewSkipReason } from '../../test/webview/webviewPage';
import { leanSnapshot } from '../../src/extension/panels/leanSnapshot';
import { buildLargeSnapshot, ISSUE_SIZE } from '../monitor/largeApp';

interface Timing {
  firstPaint: number;
  stagesTab: number;
  executorsTab: number;
}

async function measure(stages: number, executors: number, tasks: number): Promise<Timing> {
  // Built by the real model from synthetic listener events (bench/monitor/largeApp.ts), sent the way
  // the host sends it (leanSnapshot: distributions and executor series on demand).
  const state: AppPanelState = { source: 'synthetic', load: { state: 'ready' }, live: false, snapshot: leanSnapshot(buildLargeSnapshot({ stages, executors, tasks })) };
  const view = await openWebview('sparkApp', state);
  try {
    await view.page.locator('.overview').waitFor();
    // From navigation start to the moment the application tab's content exists and was painted.
    const firstPaint = await view.page.evaluate(
      () =>
        new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
    );
    const tab = async (title: string, selector: string) => {
      const started = await view.page.evaluate(() => performance.now());
      await view.page.locator('vscode-panel-tab', { hasText: title }).click();
      await view.page.locator(selector).first().waitFor();
      return (await view.page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))))) - started;
    };
    const stagesTab = await tab('Jobs & Stages', 'table[aria-label="Stages"] tbody tr');
    const executorsTab = await tab('Executors', 'table[aria-label="Executors"] tbody tr');
    return { firstPaint, stagesTab, executorsTab };
  } finally {
    await view.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const skip = webviewSkipReason('sparkApp');
  if (skip) {
    console.log(`bench/webview skipped: ${skip}`);
    return;
  }
  const runs = 3;
  const small: Timing[] = [];
  const large: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    small.push(await measure(1, 1, 10));
    large.push(await measure(ISSUE_SIZE.stages, ISSUE_SIZE.executors, ISSUE_SIZE.tasks));
  }
  const m = (list: Timing[], key: keyof Timing) => median(list.map((t) => t[key]));
  console.log(`webview (median of ${runs} runs, Chromium)`);
  for (const key of ['firstPaint', 'stagesTab', 'executorsTab'] as const) {
    console.log(`  ${key.padEnd(13)} large ${m(large, key).toFixed(0).padStart(5)} ms   reference (1 stage) ${m(small, key).toFixed(0).padStart(5)} ms   ratio ${(m(large, key) / m(small, key)).toFixed(2)}x`);
  }
  console.log(`  first paint goal <= 500 ms: ${m(large, 'firstPaint') <= 500 ? 'met' : 'NOT met'}`);
}

void main();
