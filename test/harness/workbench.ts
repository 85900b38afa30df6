// What a user does in the VS Code workbench, as Playwright steps: open a file from the Explorer, show
// the Problems panel, run a command from the palette, read a webview, take a screenshot.
// Selectors are the workbench's own classes (VS Code 1.100); each step waits for its visible result.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { it, type TestOptions } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { repoRoot } from './codeServer';

export const screenshotDir = join(repoRoot, 'test-results/screenshots');

/** Long enough for a cold workbench on a shared 2-core machine; a wait, not a measurement. */
const stepTimeout = 60_000;

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: stepTimeout });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: stepTimeout });
}

/** Clicks the file in the Explorer and waits for its editor tab to be the active one. */
export async function openFromExplorer(page: Page, fileName: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first();
  await row.waitFor({ timeout: stepTimeout });
  await row.click();
  await activeTab(page, fileName).waitFor({ timeout: stepTimeout });
}

export function activeTab(page: Page, label: string): Locator {
  return page.locator('.tabs-container .tab.active', { hasText: label });
}

/** The text the editor currently renders (Monaco draws only visible lines, one div per line). */
export async function visibleEditorText(page: Page): Promise<string> {
  // Monaco reuses line nodes, so DOM order is not line order: sort them by their position.
  const lines = await page.locator('.editor-instance .view-lines .view-line').evaluateAll((nodes) =>
    nodes
      .map((node) => ({ top: Number.parseFloat((node as HTMLElement).style.top) || 0, text: (node as HTMLElement).innerText }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text),
  );
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

/** Opens the Problems panel (Ctrl+Shift+M) and returns its rows. */
export async function showProblems(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: stepTimeout });
  return page.locator('.markers-panel .monaco-list-row');
}

/**
 * F1, type the command's title, pick it, Enter: the way a user runs a command. The palette lists
 * what is registered when it opens, and an extension's commands arrive once the extension host has
 * scanned it, so a palette that does not list the title yet is closed and opened again.
 */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input[type="text"]');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  const deadline = Date.now() + stepTimeout;
  for (;;) {
    await page.keyboard.press('F1');
    try {
      // The palette closes when the focus moves elsewhere, even between opening and typing.
      await input.waitFor({ timeout: 5_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await row.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`the command palette never listed "${title}": ${(error as Error).message}`);
    }
  }
  await page.keyboard.press('Enter');
}

/**
 * Ctrl+G, `:line:column`, Enter, until the status bar shows the cursor there. The "Go to Line" box
 * closes when the workbench takes the focus elsewhere (a panel refreshing after a fix), so a box
 * that vanished before it was typed into is opened again.
 */
export async function goToLine(page: Page, line: number, column: number): Promise<void> {
  const input = page.locator('.quick-input-widget input[type="text"]');
  const selection = page.locator('[id="status.editor.selection"]');
  await assertEventually(async () => {
    await page.keyboard.press('Control+G');
    await input.waitFor({ timeout: 5_000 });
    await input.fill(`:${line}:${column}`, { timeout: 5_000 });
    await page.keyboard.press('Enter');
    const text = await selection.innerText();
    return new RegExp(`Ln ${line}, Col ${column}\\b`).test(text) ? true : `the cursor is at "${text}"`;
  });
}

/** Picks an item in an open quick pick by typing part of its label. */
export async function pickQuickItem(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input[type="text"]');
  await input.waitFor({ timeout: stepTimeout });
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: stepTimeout });
  await page.keyboard.press('Enter');
}

/**
 * The document inside the active webview: the workbench hosts each webview in an iframe
 * (`iframe.webview.ready`) whose page loads the extension's HTML into a nested `#active-frame`.
 */
export function activeWebview(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready').last().contentFrame().locator('#active-frame').contentFrame();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Retries a check that returns true or a description of what it saw, and fails with that description. */
export async function assertEventually(check: () => Promise<true | string>, timeoutMs = stepTimeout): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const result = await check().catch((error: Error) => error.message);
    if (result === true) return;
    last = result;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not true after ${timeoutMs} ms: ${last}`);
}

/** Any editor tab (active or not) whose label contains `label`. */
export function editorTab(page: Page, label: string): Locator {
  return page.locator('.tabs-container .tab', { hasText: label });
}

/**
 * Answers VS Code's "simple" file dialog (code-server has no native one): a quick input whose text
 * box holds a path. Waits for the dialog to show its starting folder (it fills the box itself, after
 * it opens), types the absolute path and accepts it; a box the dialog rewrote is typed again, and a
 * dialog that only navigated (or was still validating) is accepted again.
 */
export async function answerFileDialog(page: Page, absolutePath: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input[type="text"]');
  await input.waitFor({ timeout: stepTimeout });
  await assertEventually(async () => {
    const value = await input.inputValue();
    return value.endsWith('/') ? true : `the file dialog's box holds "${value}", not a starting folder`;
  });
  await assertEventually(async () => {
    if (!(await widget.isVisible())) return true;
    const value = await input.inputValue().catch(() => '');
    if (value !== absolutePath) {
      await input.fill(absolutePath);
      return `the file dialog's box held "${value}"`;
    }
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
    return (await widget.isVisible()) ? `the file dialog is still open with "${value}"` : true;
  });
}

/** Runs a test body; when it throws, saves a screenshot named `failed-<name>` before rethrowing. */
export async function withFailureScreenshot(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const path = await screenshot(page, `failed-${name}`).catch(() => 'none');
    if (error instanceof Error) error.message += `\n(screenshot: ${path})`;
    throw error;
  }
}

/** it() for a workbench step: when the step fails, the page is saved as `failed-<prefix>-<step name>`. */
export function workbenchStep(prefix: string, page: () => Page): (name: string, options: TestOptions, body: () => Promise<void>) => void {
  return (name, options, body) => {
    it(name, options, () => withFailureScreenshot(page(), `${prefix}-${name.replace(/\W+/g, '-').slice(0, 40)}`, body));
  };
}

/**
 * A screenshot that also illustrates the docs: always saved in test-results/screenshots/, and copied
 * to docs/images/<name>.png only when SPARKML_UPDATE_DOCS_IMAGES=1, so a test run leaves the
 * repository clean.
 */
export async function docsScreenshot(page: Page, name: string): Promise<string> {
  const path = await screenshot(page, `docs-${name}`);
  if (process.env.SPARKML_UPDATE_DOCS_IMAGES === '1') {
    const target = join(repoRoot, 'docs/images', `${name}.png`);
    mkdirSync(join(repoRoot, 'docs/images'), { recursive: true });
    copyFileSync(path, target);
    console.log(`updated ${target}`);
  }
  return path;
}

/**
 * Waits for `target` to be visible, but fails at once (with the message, after dismissing it) when
 * the workbench reports that a command failed: VS Code shows "Command '...' resulted in an error"
 * in a modal dialog, which would otherwise block every later step.
 */
export async function waitUnlessCommandFails(page: Page, target: Locator, timeoutMs = stepTimeout): Promise<void> {
  const failure = page.locator('.monaco-dialog-box', { hasText: 'resulted in an error' }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await target.isVisible().catch(() => false)) return;
    if (await failure.isVisible().catch(() => false)) {
      const message = (await failure.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
      await screenshot(page, 'command-error-dialog').catch(() => undefined);
      await page.keyboard.press('Escape');
      throw new Error(`a command failed in the workbench: ${message}`);
    }
    if (Date.now() > deadline) {
      await target.waitFor({ timeout: 1 });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
