// The Spark application panel in a real workbench (issue 6): open a real event log through the
// palette and code-server's file dialog, walk the panel's tabs; open the bundled sample application
// beside its job, follow a cost CodeLens back to the stage. Screenshots in test-results/screenshots/.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureChromium } from '../harness/chromium';
import { repoRoot } from '../harness/codeServer';
import { startUiSession, type UiSession } from '../harness/uiSession';
import { activeWebview, answerFileDialog, assertEventually, docsScreenshot, editorTab, pickQuickItem, runFromPalette, screenshot, waitUnlessCommandFails, workbenchStep } from '../harness/workbench';

const chromium = ensureChromium();
const slow = { timeout: 240_000 };
// A real Spark 2.x event log (Spark shell, 4 executors) from ../shared, read in place.
const eventLog = join(repoRoot, '../shared/fixtures/spark-events/app-20161115172038-0000');
const noEventLog = existsSync(eventLog) ? false : `the shared fixture ${eventLog} is absent`;

if (!chromium.ok) it('the Spark application UI tests need Chromium', { skip: chromium.reason }, () => undefined);

describe('Spark application panel in the workbench (code-server + Chromium)', { skip: !chromium.ok }, () => {
  let session: UiSession | undefined;
  let page: Page;
  const step = workbenchStep('spark-app', () => page);

  before(async () => {
    session = await startUiSession();
    page = session.page;
  }, slow);

  after(async () => {
    await session?.close();
  });

  describe('a real event log opened from the palette', () => {
    step('opens the event log through "Open Spark Application..." and the file dialog', { ...slow, skip: noEventLog }, async () => {
      await runFromPalette(page, 'Spark ML: Open Spark Application...');
      await pickQuickItem(page, 'Event log file');
      await answerFileDialog(page, eventLog);
      // Titled after the file while it loads, then after the application's name.
      await waitUnlessCommandFails(page, editorTab(page, 'Spark: Spark shell'), 120_000);
      const app = activeWebview(page);
      await app.locator('h1', { hasText: 'Spark shell' }).waitFor({ timeout: 60_000 });
      const tabs = (await app.locator('vscode-panel-tab').allInnerTexts()).map((text) => text.trim());
      assert.deepEqual(tabs, ['Application', 'Jobs & Stages', 'Executors', 'Source lines']);
      await screenshot(page, 'spark-app-eventlog-application');
    });

    step('shows the stages table and the timeline on "Jobs & Stages"', { ...slow, skip: noEventLog }, async () => {
      const app = activeWebview(page);
      await app.locator('vscode-panel-tab', { hasText: 'Jobs & Stages' }).click();
      const rows = app.locator('table[aria-label="Stages"] tbody tr');
      await rows.first().waitFor({ timeout: 60_000 });
      const count = await rows.count();
      assert.ok(count > 0, 'the stages table has no rows');
      const timeline = app.locator('.gantt canvas');
      await timeline.waitFor({ timeout: 60_000 });
      const box = await timeline.boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, `the timeline canvas is not drawn: ${JSON.stringify(box)}`);
      console.log(`event log app-20161115172038-0000: ${count} stage rows`);
      await screenshot(page, 'spark-app-eventlog-stages');
    });

    step('shows the executors table (driver + 4) and the load chart on "Executors"', { ...slow, skip: noEventLog }, async () => {
      const app = activeWebview(page);
      await app.locator('vscode-panel-tab', { hasText: 'Executors' }).click();
      const rows = app.locator('table[aria-label="Executors"] tbody tr');
      await rows.first().waitFor({ timeout: 60_000 });
      const ids = (await rows.locator('td:first-child, th:first-child').allInnerTexts()).map((text) => text.trim());
      assert.equal(await rows.count(), 5, `expected the driver and 4 executors, got: ${ids.join(', ')}`);
      assert.ok(ids.includes('driver'), `no driver row: ${ids.join(', ')}`);
      const chart = app.locator('.load-chart canvas');
      await chart.waitFor({ timeout: 60_000 });
      const box = await chart.boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, `the load chart canvas is not drawn: ${JSON.stringify(box)}`);
      await screenshot(page, 'spark-app-eventlog-executors');
    });
  });

  describe('the bundled sample application', () => {
    step('opens the sample application beside the sample job, with cost CodeLenses', slow, async () => {
      // Close what the previous tests opened, so the panel and the job are the only editors.
      await runFromPalette(page, 'View: Close All Editors');
      await runFromPalette(page, 'Spark ML: Open Sample Spark Application');
      const app = activeWebview(page);
      await waitUnlessCommandFails(page, app.locator('vscode-panel-tab', { hasText: 'Application' }), 120_000);
      await editorTab(page, 'job.py').waitFor({ timeout: 60_000 });
      await editorTab(page, 'Spark: churn').waitFor({ timeout: 60_000 });
      const lenses = page.locator('.editor-instance .codelens-decoration');
      await assertEventually(async () => {
        const texts = await lenses.allInnerTexts();
        return texts.some((text) => text.trim().startsWith('Spark: ')) ? true : `CodeLenses on the sample job: ${JSON.stringify(texts)}`;
      }, 120_000);
      const titles = (await lenses.allInnerTexts()).map((text) => text.trim()).filter((text) => text.startsWith('Spark: '));
      console.log(`sample job: ${titles.length} Spark CodeLenses, e.g. "${titles[0]}"`);
      await screenshot(page, 'spark-app-sample-codelens');
      // The README's picture: the Application tab beside the job, without the side bar.
      await page.keyboard.press('Control+B');
      await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 30_000 });
      await app.locator('h1', { hasText: 'churn' }).waitFor({ timeout: 60_000 });
      await docsScreenshot(page, 'spark-app-panel');
      await page.keyboard.press('Control+B');
    });

    step('brings the panel forward with the stage detail when a CodeLens is clicked', slow, async () => {
      const lens = page.locator('.editor-instance .codelens-decoration a', { hasText: 'Spark: ' }).first();
      await lens.click();
      const app = activeWebview(page);
      const detail = app.locator('.stage-detail');
      await detail.waitFor({ timeout: 60_000 });
      assert.match((await detail.getAttribute('aria-label')) ?? '', /^Stage \d+/);
      // The stage the lens names started on a line of the job.
      assert.match(await detail.innerText(), /job\.py:\d+/);
      await screenshot(page, 'spark-app-sample-stage-detail');
    });
  });
});
