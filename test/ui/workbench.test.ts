// The packaged extension in a real VS Code workbench, driven the way a user drives it: install the
// .vsix into a fresh code-server, open job.py from the Explorer, find SPK101 in the Problems panel,
// run commands from the palette and read the rule documentation webview. Screenshots go to
// test-results/screenshots/ (git-ignored).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureChromium, launchChromium, type LaunchedBrowser } from '../harness/chromium';
import {
  createCodeServerHome,
  installExtension,
  provisionCodeServer,
  repoRoot,
  startCodeServer,
  type CodeServerHome,
  type RunningCodeServer,
} from '../harness/codeServer';
import { pidsWithArgument } from '../harness/processes';
import { activeTab, activeWebview, assertEventually, openFromExplorer, pickQuickItem, runFromPalette, screenshot, showProblems, visibleEditorText, waitForWorkbench } from '../harness/workbench';

// SPARKML_VSIX tests another package (e.g. a release candidate) instead of `npm run package`'s output.
const vsix = process.env.SPARKML_VSIX ?? join(repoRoot, 'dist-vsix/spark-ml-toolkit.vsix');
const extensionId = 'sparkml-toolkit.spark-ml-toolkit';
const chromium = ensureChromium();
const slow = { timeout: 180_000 };

// A skipped describe() is not counted in node:test's summary, so a missing browser skips one counted test.
if (!chromium.ok) it('the UI layer needs Chromium', { skip: chromium.reason }, () => undefined);

describe('Spark ML Toolkit in the VS Code workbench (code-server + Chromium)', { skip: !chromium.ok }, () => {
  let home: CodeServerHome | undefined;
  let server: RunningCodeServer | undefined;
  let browser: LaunchedBrowser | undefined;
  let scratch: string | undefined;
  let page: Page;

  before(async () => {
    assert.ok(existsSync(vsix), `no packaged extension at ${vsix}: run \`npm run package\` first`);
    const codeServer = await provisionCodeServer();
    home = createCodeServerHome();
    await installExtension(codeServer, home, vsix);
    scratch = mkdtempSync(join(tmpdir(), 'sparkml-ui-'));
    const workspace = join(scratch, 'workspace');
    // A copy, so nothing the workbench writes lands in the repository's fixture.
    cpSync(join(repoRoot, 'test/fixtures/workspace'), workspace, { recursive: true });
    server = await startCodeServer(codeServer, home);
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.workbenchUrl(workspace));
    await waitForWorkbench(page);
  }, slow);

  after(async () => {
    await browser?.close().catch((error: Error) => console.error(`closing Chromium: ${error.message}`));
    await server?.stop();
    if (home) rmSync(home.root, { recursive: true, force: true });
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('has the packaged extension installed from the .vsix', () => {
    assert.ok(home);
    const installed = readdirSync(home.extensionsDir).filter((name) => name.startsWith(`${extensionId}-`));
    assert.equal(installed.length, 1, `expected one ${extensionId}-<version> folder in ${home.extensionsDir}, found: ${readdirSync(home.extensionsDir).join(', ')}`);
    // The .vsix ships bundles, not sources or node_modules.
    const folder = join(home.extensionsDir, installed[0]);
    assert.ok(existsSync(join(folder, 'dist/extension.js')), 'dist/extension.js is not in the installed extension');
    assert.ok(existsSync(join(folder, 'dist/server.js')), 'dist/server.js is not in the installed extension');
    assert.equal(existsSync(join(folder, 'node_modules')), false, 'the .vsix should not ship node_modules');
    assert.equal(existsSync(join(folder, 'src')), false, 'the .vsix should not ship sources');
  });

  it('opens job.py from the Explorer', slow, async () => {
    await openFromExplorer(page, 'job.py');
    await page.locator('.editor-instance .view-lines', { hasText: 'events.collect()' }).waitFor({ timeout: 60_000 });
    assert.match(await visibleEditorText(page), /rows = events\.collect\(\)/);
    assert.equal(await activeTab(page, 'job.py').count(), 1);
  });

  it('shows SPK101 for job.py in the Problems panel', slow, async () => {
    const rows = await showProblems(page);
    const spk101 = rows.filter({ hasText: 'SPK101' }).first();
    await spk101.waitFor({ timeout: 60_000 });
    // The row shows message, source(code) and [line, column]; its aria-label spells out the position.
    const text = `${await spk101.innerText()}\n${(await spk101.getAttribute('aria-label')) ?? ''}`;
    assert.match(text, /^sparkml$/m, `the problem should show its source: ${text}`);
    assert.match(text, /^SPK101$/m, `the problem should show its code: ${text}`);
    assert.match(text, /collect/, `the message should name the collect: ${text}`);
    // Line 13 of the fixture is `rows = events.collect()`.
    assert.match(text, /\[Ln 13, Col \d+\]/, `the problem should point at line 13: ${text}`);
    // The file row above it groups the problem under job.py.
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'job.py' }).first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'problems-spk101');
  });

  it('jumps to the collect when the SPK101 problem is opened', slow, async () => {
    const rows = await showProblems(page);
    const spk101 = rows.filter({ hasText: 'SPK101' }).first();
    await spk101.click();
    await page.keyboard.press('Enter');
    // Opening a problem selects its range: the status bar shows a selection ending on line 13.
    const position = page.locator('[id="status.editor.selection"]');
    await assertEventually(async () => {
      const text = await position.innerText();
      return /Ln 13, Col \d+ \(\d+ selected\)/.test(text) ? true : `the cursor is at "${text}"`;
    });
  });

  it('runs "Spark ML: Show Output" from the command palette', slow, async () => {
    await runFromPalette(page, 'Spark ML: Show Output');
    const outputPanel = page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]').first();
    await outputPanel.waitFor({ timeout: 60_000 });
    // The channel picker shows the extension's channel, and the channel has the server's start in it.
    const picker = page.locator('.part.panel .monaco-select-box, .part.panel select').first();
    await assertEventually(async () => {
      const selected = (await picker.evaluate((element) => (element instanceof HTMLSelectElement ? element.selectedOptions[0]?.text : element.textContent) ?? '')) || '';
      return selected.includes('Spark ML') ? true : `channel picker shows "${selected}"`;
    });
    const output = page.locator('.part.panel .output-view .view-lines, .part.panel .editor-instance .view-lines').first();
    await assertEventually(async () => ((await output.innerText()).trim().length > 0 ? true : 'the Spark ML output channel is empty'));
    await screenshot(page, 'output-channel');
  });

  it('logs a killed language server as an error in the Output and restarts it', slow, async () => {
    assert.ok(home);
    // The installed server bundle: its path is in the command line of the server process only.
    const serverScript = join(home.extensionsDir, readdirSync(home.extensionsDir).find((name) => name.startsWith(`${extensionId}-`)) ?? '', 'dist/server.js');
    const [victim, ...others] = pidsWithArgument(serverScript);
    assert.ok(victim, `no process runs ${serverScript}`);
    assert.deepEqual(others, [], `more than one language server runs: ${[victim, ...others].join(', ')}`);
    const output = page.locator('.part.panel .output-view .view-lines').first();
    const errorLines = async () => (await output.innerText()).split('\n').filter((line) => line.includes('[error]')).length;
    const errorsBefore = await errorLines();

    process.kill(victim, 'SIGKILL');
    await assertEventually(async () => {
      const pids = pidsWithArgument(serverScript);
      return pids.length === 1 && pids[0] !== victim ? true : `server processes: ${pids.join(', ') || 'none'}`;
    });
    await assertEventually(async () => ((await errorLines()) > errorsBefore ? true : 'no new [error] line in the Spark ML output'));
    // The new server reports again: the Problems panel still lists SPK101.
    const rows = await showProblems(page);
    await rows.filter({ hasText: 'SPK101' }).first().waitFor({ timeout: 60_000 });
    await runFromPalette(page, 'Spark ML: Show Output');
    await output.waitFor({ timeout: 60_000 });
    await screenshot(page, 'server-restarted-output');
  });

  it('opens the SPK101 rule documentation webview from the palette and renders its sections', slow, async () => {
    await runFromPalette(page, 'Spark ML: Show Rule Documentation');
    // Without an argument the command asks which rule.
    await pickQuickItem(page, 'SPK101');
    await activeTab(page, 'SPK101: collect-unbounded').waitFor({ timeout: 60_000 });
    const doc = activeWebview(page);
    const heading = doc.locator('h1');
    await heading.waitFor({ timeout: 60_000 });
    const title = await heading.innerText();
    assert.match(title, /SPK101/);
    assert.match(title, /collect-unbounded/);
    const sections = (await doc.locator('h2, h3').allInnerTexts()).map((text) => text.trim());
    for (const expected of ['What it does', 'Why is this bad?', 'Example', 'Use instead', 'Fix safety']) {
      assert.ok(
        sections.some((section) => section.startsWith(expected)),
        `section "${expected}" is missing; the page has: ${sections.join(' | ')}`,
      );
    }
    await screenshot(page, 'rule-docs-webview');
  });

  it('shows SPK109 as an error for a batch action on a stream', slow, async () => {
    await openFromExplorer(page, 'stream_job.py');
    const rows = await showProblems(page);
    const spk109 = rows.filter({ hasText: 'SPK109' }).first();
    await spk109.waitFor({ timeout: 60_000 });
    const text = `${await spk109.innerText()}\n${(await spk109.getAttribute('aria-label')) ?? ''}`;
    assert.match(text, /streaming DataFrame/, `the message should say the DataFrame is a stream: ${text}`);
    // Line 6 of the fixture is `per_value.show()`; the row carries the error icon
    assert.match(text, /\[Ln 6, Col \d+\]/, `the problem should point at line 6: ${text}`);
    assert.equal(await spk109.locator('.codicon-error').count(), 1, 'SPK109 is an error');
    await screenshot(page, 'problems-spk109');
  });
});
