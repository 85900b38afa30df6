// The Spark application panel in Chromium, fed snapshots the real reader built from event logs that
// real Spark wrote (../shared/fixtures) and from our sample: every tab renders, stages open in detail,
// Spark strings stay text, and what the page asks of the host is right. Screenshots go to
// test-results/screenshots/ for a person to look at.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadAppSnapshot, loadStageDetail } from '../../src/spark/loadAppSnapshot';
import type { AppSnapshot } from '../../src/spark/model/types';
import type { AppPanelState } from '../../webview/protocol';
import { executorLoad, leanSnapshot, stageDistributions } from '../../src/extension/panels/leanSnapshot';
import { packState } from '../../src/shared/webviewShell';
import { buildLargeSnapshot, ISSUE_SIZE } from '../../bench/monitor/largeApp';
import { openWebview, repoRoot, webviewSkipReason, type WebviewPage } from './webviewPage';

const fixtures = join(repoRoot, '..', 'shared', 'fixtures');
const clusterLog = join(fixtures, 'spark-events', 'app-20161115172038-0000');
const rollingLog = join(fixtures, 'spark-events-compressed', 'eventlog_v2_local-1623876083964');
const screenshots = join(repoRoot, 'test-results', 'screenshots');

const skip = webviewSkipReason('sparkApp') ?? (existsSync(clusterLog) ? false : `${clusterLog} is absent (../shared/fixtures not beside the checkout)`);

function state(snapshot: AppSnapshot, source: string): AppPanelState {
  return { source, load: { state: 'ready', updatedAt: Date.UTC(2026, 10, 21, 12) }, live: false, snapshot };
}

async function shot(view: WebviewPage, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await view.page.screenshot({ path: join(screenshots, `webview-${name}.png`), fullPage: false });
}

async function showTab(view: WebviewPage, title: string): Promise<void> {
  await view.page.locator('vscode-panel-tab', { hasText: title }).click();
}

describe('Spark application webview on a real local-cluster log', { skip }, () => {
  let view: WebviewPage;
  let snapshot: AppSnapshot;
  before(async () => {
    snapshot = await loadAppSnapshot(clusterLog);
    view = await openWebview('sparkApp', state(snapshot, clusterLog));
  });
  after(() => view?.close());

  it('shows the application, its Spark tax and its alerts', async () => {
    await view.page.locator('h1').waitFor();
    assert.equal(await view.page.locator('h1').textContent(), snapshot.app.name);
    const overview = (await view.page.locator('.overview').textContent()) ?? '';
    assert.match(overview, /The Spark tax/);
    assert.match(overview, /Waiting for executors/);
    assert.match(overview, new RegExp(`Alerts \\(${snapshot.alerts.length}\\)`));
    await shot(view, 'application');
  });

  it('lists every stage attempt and opens one in detail with its task distribution', async () => {
    await showTab(view, 'Jobs & Stages');
    const table = view.page.locator('table[aria-label="Stages"] tbody tr');
    await table.first().waitFor();
    assert.equal(await table.count(), snapshot.stages.length);
    const withTasks = snapshot.stages.find((s) => s.distributions.durationMs && s.numTasks > 1) ?? snapshot.stages[0];
    await view.page.locator(`table[aria-label="Stages"] tbody tr[data-key="${withTasks.stageId}.${withTasks.attemptId}"]`).press('Enter');
    await view.page.locator('.stage-detail h2').waitFor();
    assert.match((await view.page.locator('.stage-detail').textContent()) ?? '', new RegExp(`Stage ${withTasks.stageId}\\.${withTasks.attemptId}`));
    assert.ok((await view.page.locator('.stage-detail canvas').count()) >= 1, 'a task duration chart');
    // The page asks the host how the stage's tasks spread over executors; the host answers with what
    // the reader computes from the same log.
    const asked = (await view.posted()).filter((m) => m.method === 'sparkApp/stageDetail');
    assert.deepEqual(asked.at(-1)?.params, { stageId: withTasks.stageId, attemptId: withTasks.attemptId });
    const detail = await loadStageDetail(clusterLog, withTasks);
    assert.ok(detail && detail.executors.length > 0);
    await view.send({ method: 'sparkApp/stageDetailResult', params: { stage: withTasks, detail } });
    const byExecutor = view.page.locator(`table[aria-label="Stage ${withTasks.stageId}.${withTasks.attemptId} by executor"] tbody tr`);
    await byExecutor.first().waitFor();
    assert.equal(await byExecutor.count(), detail.executors.length);
    await view.page.locator('.stage-detail h2').scrollIntoViewIfNeeded();
    await shot(view, 'stages');
  });

  it('sorts the stages table from the keyboard', async () => {
    const header = view.page.locator('table[aria-label="Stages"] th', { hasText: 'Duration' }).locator('button');
    await header.focus();
    await view.page.keyboard.press('Enter');
    const durations = snapshot.stages.map((s) => s.durationMs ?? -1).sort((a, b) => b - a);
    const firstKey = await view.page.locator('table[aria-label="Stages"] tbody tr').first().getAttribute('data-key');
    const first = snapshot.stages.find((s) => `${s.stageId}.${s.attemptId}` === firstKey);
    assert.equal(first?.durationMs ?? -1, durations[0]);
  });

  it('draws executor load against cores and lists the executors', async () => {
    await showTab(view, 'Executors');
    await view.page.locator('.load-chart canvas').waitFor();
    assert.equal(await view.page.locator('table[aria-label="Executors"] tbody tr').count(), snapshot.executors.length);
    await shot(view, 'executors');
  });

  it('lists runtime cost by source line and asks the host to open one', async () => {
    await showTab(view, 'Source lines');
    const rows = view.page.locator('table[aria-label="Runtime cost by source line"] tbody tr');
    if (snapshot.callSites.length) {
      await rows.first().waitFor();
      assert.equal(await rows.count(), snapshot.callSites.length);
    }
    await shot(view, 'sources');
    assert.deepEqual(await view.errors(), []);
  });

  it('asks the host to reload', async () => {
    await view.page.locator('header vscode-button').click();
    assert.ok((await view.posted()).some((m) => m.method === 'sparkApp/refresh'));
  });
});

describe('Spark application webview: hostile names and partial logs', { skip }, () => {
  it('renders <script> in an application or stage name as text', async () => {
    const snapshot = await loadAppSnapshot(clusterLog);
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    snapshot.app.name = evil;
    snapshot.stages[0].name = evil;
    snapshot.jobs[0].description = evil;
    if (snapshot.alerts[0]) snapshot.alerts[0].message = evil;
    const view = await openWebview('sparkApp', state(snapshot, clusterLog));
    try {
      await view.page.locator('h1').waitFor();
      assert.equal(await view.page.locator('h1').textContent(), evil);
      await showTab(view, 'Jobs & Stages');
      await view.page.locator('table[aria-label="Stages"] tbody tr').first().waitFor();
      assert.equal(await view.page.locator('#app img').count(), 0, 'no <img> element was created from a Spark string');
      assert.equal(await view.page.locator('#app script').count(), 0);
      assert.deepEqual(await view.errors(), [], 'no script ran');
    } finally {
      await view.close();
    }
  });

  it('shows the load state, then an error without losing the view', async () => {
    const snapshot = await loadAppSnapshot(clusterLog);
    const view = await openWebview('sparkApp', { source: 'http://127.0.0.1:1/', load: { state: 'loading', message: 'Reading http://127.0.0.1:1/' }, live: true });
    try {
      await view.page.locator('.banner', { hasText: 'Reading' }).waitFor();
      // what AppPanel posts: the snapshot packed once, then load-state updates without it
      await view.send({ method: 'sparkApp/state', params: { ...state(snapshot, 'x'), live: true, snapshot: packState(leanSnapshot(snapshot)) } });
      await showTab(view, 'Jobs & Stages');
      const firstRow = view.page.locator('table[aria-label="Stages"] tbody tr').first();
      await firstRow.waitFor();
      assert.equal(await view.page.locator('table[aria-label="Stages"] tbody tr').count(), snapshot.stages.length, 'the packed snapshot is unpacked');
      await firstRow.evaluate((row) => row.setAttribute('data-drawn-before', ''));
      await view.send({ method: 'sparkApp/state', params: { source: 'x', live: true, load: { state: 'refreshing', bytesRead: 4096 }, keepSnapshot: true } });
      await view.page.locator('header vscode-progress-ring').waitFor();
      assert.equal(await view.page.locator('tr[data-drawn-before]').count(), 1, 'a progress update keeps the drawn tables');
      await view.send({ method: 'sparkApp/state', params: { source: 'x', live: true, load: { state: 'error', message: 'Spark UI at http://127.0.0.1:1/ is unreachable (ECONNREFUSED)' }, keepSnapshot: true } });
      await view.page.locator('.banner-error', { hasText: 'unreachable' }).waitFor();
      assert.equal(await view.page.locator('header vscode-progress-ring').count(), 0);
      assert.equal(await view.page.locator('table[aria-label="Stages"] tbody tr').count(), snapshot.stages.length, 'the last snapshot stays on screen');
      await shot(view, 'error');
    } finally {
      await view.close();
    }
  });

  it('warns that a rolling zstd log read in part is partial', { skip: existsSync(rollingLog) ? false : `${rollingLog} is absent` }, async () => {
    const snapshot = await loadAppSnapshot(rollingLog);
    snapshot.warnings.push({ kind: 'truncatedFrame', message: 'The last zstd frame of events_2 is truncated', file: 'events_2_local-1623876083964.zstd', count: 1 });
    const view = await openWebview('sparkApp', state(snapshot, rollingLog));
    try {
      await view.page.locator('.banner-warning').waitFor();
      assert.match((await view.page.locator('.banner-warning').textContent()) ?? '', /Partial data.*truncated/s);
      await shot(view, 'partial');
    } finally {
      await view.close();
    }
  });
});

describe('Spark application webview with the lean snapshot the host sends', { skip }, () => {
  it('asks for a stage\'s distributions and an executor\'s load series when it shows them', async () => {
    const full = await loadAppSnapshot(clusterLog);
    const view = await openWebview('sparkApp', state(leanSnapshot(full), clusterLog));
    try {
      const stage = full.stages.find((s) => s.distributions.durationMs) ?? full.stages[0];
      await showTab(view, 'Jobs & Stages');
      await view.page.locator(`table[aria-label="Stages"] tbody tr[data-key="${stage.stageId}.${stage.attemptId}"]`).press('Enter');
      await view.page.locator('.stage-detail h2').waitFor();
      assert.equal(await view.page.locator('.stage-detail .dist canvas').count(), 0, 'no distribution before the host sends it');
      const asked = (await view.posted()).filter((m) => m.method === 'sparkApp/stageDetail').at(-1);
      assert.deepEqual(asked?.params, { stageId: stage.stageId, attemptId: stage.attemptId });
      await view.send({ method: 'sparkApp/stageDetailResult', params: { stage: { stageId: stage.stageId, attemptId: stage.attemptId }, distributions: stageDistributions(full, stage) } });
      await view.page.locator('.stage-detail .dist canvas').first().waitFor();
      assert.match((await view.page.locator('.stage-detail').textContent()) ?? '', /Skew: slowest task \d/);

      await showTab(view, 'Executors');
      const executor = full.executors.find((e) => !e.isDriver)!;
      await view.page.locator('select[aria-label="Executor shown in the load chart"]').selectOption(executor.id);
      await view.page.locator('.load-chart', { hasText: `Reading the load of executor ${executor.id}` }).waitFor();
      assert.deepEqual((await view.posted()).filter((m) => m.method === 'sparkApp/executorLoad').at(-1)?.params, { executorId: executor.id });
      await view.send({ method: 'sparkApp/executorLoadResult', params: { executorId: executor.id, series: executorLoad(full, executor.id) } });
      await view.page.locator('.load-chart canvas').waitFor();
      assert.deepEqual(await view.errors(), []);
    } finally {
      await view.close();
    }
  });
});

describe('Spark application webview on a large application (2,000 stages, 500 executors)', { skip: webviewSkipReason('sparkApp') ?? false }, () => {
  let view: WebviewPage;
  const stagesRows = 'table[aria-label="Stages"] tbody tr[data-index]';
  before(async () => {
    view = await openWebview('sparkApp', state(leanSnapshot(buildLargeSnapshot(ISSUE_SIZE)), 'synthetic'));
  });
  after(() => view?.close());

  it('paints the Application tab', async () => {
    await view.page.locator('.overview').waitFor();
    assert.equal(await view.page.locator('h1').textContent(), 'large-training-run');
    assert.match((await view.page.locator('.overview').textContent()) ?? '', /400 \/ 2,000 \/ 200,000/);
    await shot(view, 'large-application');
  });

  it('gives the UI toolkit, loaded after first paint, the theme\'s colours (not its dark defaults)', async () => {
    await view.page.waitForFunction(() => customElements.get('vscode-badge') !== undefined);
    // The harness's theme has --vscode-badge-background #616161; the toolkit's default is #4d4d4d.
    await view.page.waitForFunction(() => getComputedStyle(document.body).getPropertyValue('--badge-background').trim() === '#616161');
  });

  it('draws the timeline and only the stage rows in view, with the row count for assistive technology', async () => {
    await showTab(view, 'Jobs & Stages');
    await view.page.locator(stagesRows).first().waitFor();
    assert.equal(await view.page.locator('table[aria-label="Stages"]').getAttribute('aria-rowcount'), '2001');
    const drawn = await view.page.locator(stagesRows).count();
    assert.ok(drawn > 10 && drawn < 150, `${drawn} stage rows in the DOM`);
    const box = await view.page.locator('.gantt canvas').boundingBox();
    assert.ok(box && box.width > 500 && box.height > 40, `timeline canvas ${JSON.stringify(box)}`);
    assert.match((await view.page.locator('.gantt canvas').getAttribute('aria-label')) ?? '', /2000 stage attempts in 1 lane/);
    await shot(view, 'large-stages');
  });

  it('moves through all 2,000 stages from the keyboard and scrolls with them', async () => {
    await view.page.locator(stagesRows).first().focus();
    await view.page.keyboard.press('End');
    assert.equal(await view.page.evaluate(() => document.activeElement?.getAttribute('data-key')), '1999.0');
    assert.equal(await view.page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex')), '2001');
    await view.page.keyboard.press('ArrowUp');
    assert.equal(await view.page.evaluate(() => document.activeElement?.getAttribute('data-key')), '1998.0');
    await view.page.keyboard.press('Home');
    assert.equal(await view.page.evaluate(() => document.activeElement?.getAttribute('data-key')), '0.0');
    // Scrolling the box draws the rows that come into view.
    await view.page.locator('table[aria-label="Stages"]').evaluate((table) => ((table.parentElement as HTMLElement).scrollTop = 27 * 1000));
    await view.page.waitForFunction(() => [...document.querySelectorAll('table[aria-label="Stages"] tbody tr[data-index]')].some((tr) => Number((tr as HTMLElement).dataset.index) >= 900));
  });

  it('sorts all stages, not only the drawn ones', async () => {
    await view.page.locator('table[aria-label="Stages"] th', { hasText: 'Duration' }).locator('button').click();
    await view.page.locator('table[aria-label="Stages"]').evaluate((table) => ((table.parentElement as HTMLElement).scrollTop = 0));
    // The synthetic run has one slow task in every 97th stage: those stages come first.
    const firstKey = await view.page.locator('table[aria-label="Stages"] tbody tr[data-index="0"]').getAttribute('data-key');
    assert.equal(Number(firstKey?.split('.')[0]) % 97, 0, `first stage after sorting by duration: ${firstKey}`);
  });

  it('filters the stages table', async () => {
    await view.page.locator('input[aria-label="Filter stages"]').fill('train.py:147');
    await view.page.locator('.toolbar [role="status"]', { hasText: '40 of 2000' }).waitFor();
    const names = await view.page.locator(`${stagesRows} td:nth-child(2)`).allTextContents();
    assert.equal(names.length, 40);
    assert.ok(names.every((name) => name.endsWith('train.py:147')), names.join(', '));
    await view.page.locator('input[aria-label="Filter stages"]').fill('');
    await view.page.locator('table[aria-label="Stages"][aria-rowcount="2001"]').waitFor();
  });

  it('opens a stage from the timeline', async () => {
    const box = await view.page.locator('.gantt canvas').boundingBox();
    assert.ok(box);
    await view.page.mouse.move(box.x + box.width / 2, box.y + box.height - 12);
    await view.page.locator('.gantt-tip').waitFor();
    assert.match((await view.page.locator('.gantt-tip').textContent()) ?? '', /^Stage \d+\.0 fit at \/app\/train\.py:\d+: /);
    await view.page.mouse.click(box.x + box.width / 2, box.y + box.height - 12);
    await view.page.locator('.stage-detail h2').waitFor();
    assert.match((await view.page.locator('.stage-detail h2').textContent()) ?? '', /^Stage \d+\.0: fit at/);
  });

  it('loads Chart.js when a chart is shown, under the strict CSP', async () => {
    await showTab(view, 'Executors');
    await view.page.locator('.load-chart canvas[data-drawn="true"]').waitFor();
    assert.equal(await view.page.locator('table[aria-label="Executors"]').getAttribute('aria-rowcount'), '501');
    await shot(view, 'large-executors');
    assert.deepEqual(await view.errors(), []);
  });
});

describe('Spark application webview before its chunks load', { skip }, () => {
  it('shows the Application tab and switches tabs without the UI toolkit and Chart.js', async () => {
    const snapshot = await loadAppSnapshot(clusterLog);
    // The toolkit and Chart.js are chunks imported after first paint: here they never arrive.
    const view = await openWebview('sparkApp', state(leanSnapshot(snapshot), clusterLog), { beforeNavigate: (page) => page.route('**/chunks/**', (route) => route.abort()) });
    try {
      await view.page.locator('.overview').waitFor();
      assert.equal(await view.page.evaluate(() => customElements.get('vscode-panels') === undefined), true);
      assert.equal(await view.page.locator('vscode-panel-tab[aria-selected="true"]').textContent(), 'Application');
      await showTab(view, 'Jobs & Stages');
      await view.page.locator('table[aria-label="Stages"] tbody tr').first().waitFor();
      assert.equal(await view.page.locator('.overview').isVisible(), false, 'the Application view is hidden');
      assert.equal(await view.page.locator('vscode-panel-tab[aria-selected="true"]').textContent(), 'Jobs & Stages');
      assert.ok(await view.page.locator('.gantt canvas').isVisible());
    } finally {
      await view.close();
    }
  });
});
