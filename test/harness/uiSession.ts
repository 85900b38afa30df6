// One UI-test session: a fresh code-server home with the packaged .vsix installed, a copy of
// test/fixtures/workspace, the server, Chromium on the workbench. The set-up of workbench.test.ts,
// shared by the other UI test files so each file starts from a clean profile.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { createCodeServerHome, installExtension, provisionCodeServer, repoRoot, startCodeServer, type CodeServerHome, type RunningCodeServer } from './codeServer';
import { waitForWorkbench } from './workbench';

/** SPARKML_VSIX tests another package (e.g. a release candidate) instead of `npm run package`'s output. */
export const packagedVsix = process.env.SPARKML_VSIX ?? join(repoRoot, 'dist-vsix/spark-ml-toolkit.vsix');
export const extensionId = 'sparkml-toolkit.spark-ml-toolkit';

export interface UiSession {
  page: Page;
  home: CodeServerHome;
  server: RunningCodeServer;
  /** The workspace folder code-server has open (a temp copy of test/fixtures/workspace). */
  workspace: string;
  close(): Promise<void>;
}

export interface UiSessionOptions {
  /** Extra user settings on top of the test profile's. */
  settings?: Record<string, unknown>;
  vsix?: string;
  /** Extra environment variables for code-server and so its extension host (e.g. KUBECONFIG). */
  env?: Record<string, string>;
  /** Files written into the workspace copy before the workbench opens: path relative to it -> text. */
  files?: Record<string, string>;
}

/** Starts everything and returns once the workbench shows the Explorer; close() undoes all of it. */
export async function startUiSession(options: UiSessionOptions = {}): Promise<UiSession> {
  const vsix = options.vsix ?? packagedVsix;
  assert.ok(existsSync(vsix), `no packaged extension at ${vsix}: run \`npm run package\` first`);
  const codeServer = await provisionCodeServer();
  const home = createCodeServerHome(options.settings);
  Object.assign(home.env, options.env ?? {});
  let server: RunningCodeServer | undefined;
  let browser: LaunchedBrowser | undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'sparkml-ui-'));
  const close = async () => {
    await browser?.close().catch((error: Error) => console.error(`closing Chromium: ${error.message}`));
    await server?.stop();
    rmSync(home.root, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    await installExtension(codeServer, home, vsix);
    const workspace = join(scratch, 'workspace');
    // A copy, so nothing the workbench writes lands in the repository's fixture.
    cpSync(join(repoRoot, 'test/fixtures/workspace'), workspace, { recursive: true });
    for (const [relative, text] of Object.entries(options.files ?? {})) {
      mkdirSync(dirname(join(workspace, relative)), { recursive: true });
      writeFileSync(join(workspace, relative), text);
    }
    server = await startCodeServer(codeServer, home);
    browser = await launchChromium();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.workbenchUrl(workspace));
    await waitForWorkbench(page);
    return { page, home, server, workspace, close };
  } catch (error) {
    await close();
    throw error;
  }
}
