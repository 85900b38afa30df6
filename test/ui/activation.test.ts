// Activation measured by VS Code itself (issue 2): once job.py has activated the extension,
// "Developer: Show Running Extensions" lists it with the activation time the extension host recorded.
// Also takes the README's screenshot of job.py with its SPK101 problem and the rule documentation
// beside it (docs/images/vscode-rule-docs.png with SPARKML_UPDATE_DOCS_IMAGES=1).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureChromium } from '../harness/chromium';
import { startUiSession, type UiSession } from '../harness/uiSession';
import { activeWebview, assertEventually, docsScreenshot, editorTab, openFromExplorer, pickQuickItem, runFromPalette, screenshot, showProblems, workbenchStep } from '../harness/workbench';

const chromium = ensureChromium();
const slow = { timeout: 240_000 };

if (!chromium.ok) it('the activation UI tests need Chromium', { skip: chromium.reason }, () => undefined);

describe('Activation and the rule documentation in the workbench (code-server + Chromium)', { skip: !chromium.ok }, () => {
  let session: UiSession | undefined;
  let page: Page;
  const step = workbenchStep('activation', () => page);

  before(async () => {
    session = await startUiSession();
    page = session.page;
  }, slow);

  after(async () => {
    await session?.close();
  });

  step('activates on job.py: SPK101 shows in the Problems panel', slow, async () => {
    await openFromExplorer(page, 'job.py');
    const rows = await showProblems(page);
    await rows.filter({ hasText: 'SPK101' }).first().waitFor({ timeout: 120_000 });
  });

  step('lists the extension in "Developer: Show Running Extensions" with its activation time', slow, async () => {
    await runFromPalette(page, 'Developer: Show Running Extensions');
    await editorTab(page, 'Running Extensions').waitFor({ timeout: 60_000 });
    // Without marketplace data the row is named by the extension's id.
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: /spark-ml-toolkit|Spark ML Toolkit/i }).first();
    await row.waitFor({ timeout: 60_000 });
    const time = row.locator('.activation-time');
    let text = '';
    await assertEventually(async () => {
      text = (await time.innerText()).trim();
      return /\d+\s*ms/.test(text) ? true : `the activation time reads "${text}"`;
    });
    const ms = Number(/(\d+(?:\.\d+)?)\s*ms/.exec(text)?.[1]);
    assert.ok(Number.isFinite(ms), `"${text}" has no number of milliseconds`);
    // The hover names what activated it (e.g. "Activated by onLanguage:python ...").
    await time.hover();
    const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /activ/i }).first();
    const reason = await hover
      .waitFor({ timeout: 15_000 })
      .then(() => hover.innerText())
      .catch(() => '(no hover shown)');
    console.log(`activation time (VS Code's Running Extensions): ${ms} ms ("${text}"; ${reason.replace(/\s+/g, ' ').trim()})`);
    await screenshot(page, 'running-extensions');
  });

  step('README screenshot: job.py with SPK101, the Problems panel and the rule documentation beside it', slow, async () => {
    await runFromPalette(page, 'View: Close All Editors');
    await openFromExplorer(page, 'job.py');
    await page.locator('.editor-instance .view-lines', { hasText: 'events.collect()' }).waitFor({ timeout: 60_000 });
    // The squiggle under the collect on line 13.
    await page.locator('.editor-instance .squiggly-warning, .editor-instance .squiggly-error, .editor-instance .squiggly-info').first().waitFor({ timeout: 120_000 });
    const rows = await showProblems(page);
    await rows.filter({ hasText: 'SPK101' }).first().waitFor({ timeout: 60_000 });
    await runFromPalette(page, 'Spark ML: Show Rule Documentation');
    await pickQuickItem(page, 'SPK101');
    await editorTab(page, 'SPK101: collect-unbounded').waitFor({ timeout: 60_000 });
    await activeWebview(page).locator('h1', { hasText: 'SPK101' }).waitFor({ timeout: 60_000 });
    // Both editors side by side, the Problems panel under them.
    await editorTab(page, 'job.py').waitFor({ timeout: 60_000 });
    await showProblems(page);
    await rows.filter({ hasText: 'SPK101' }).first().waitFor({ timeout: 60_000 });
    // Without the side bar, so the job and the documentation get the width.
    await page.keyboard.press('Control+B');
    await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 30_000 });
    await docsScreenshot(page, 'vscode-rule-docs');
    await page.keyboard.press('Control+B');
  });
});
