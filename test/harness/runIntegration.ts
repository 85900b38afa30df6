// Runs the integration suite (out/test/integration/index.js, bundled by `node esbuild.mjs`) inside a
// real VS Code extension host: code-server on 127.0.0.1 opened by Debian's Chromium with the
// extensionDevelopmentPath/extensionTestsPath payload. Mocha's output arrives through the workbench's
// codeAutomationLog hook, its exit code through codeAutomationExit.
//
// Writes {"passed","failed","skipped","skipReasons"} to the file named by SPARKML_RESULT_FILE
// (scripts/test.mjs reads it). Without Chromium the layer is skipped with the reason, not failed.
//
//   node --import tsx test/harness/runIntegration.ts
//   SPARKML_INTEGRATION_TIMEOUT_MS=600000   overall limit (default 5 minutes)
//   SPARKML_EXTENSION_PATH=/some/build       run the suite against another build of the extension
//                                            (a folder with package.json and dist/; default: this repo)
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { parseResult, type LayerResult } from '../integration/resultMarker';
import { ensureChromium, launchChromium, type LaunchedBrowser } from './chromium';
import { createCodeServerHome, provisionCodeServer, remoteUri, repoRoot, startCodeServer, type CodeServerHome, type RunningCodeServer } from './codeServer';

const suiteBundle = join(repoRoot, 'out/test/integration/index.js');
const extensionRoot = process.env.SPARKML_EXTENSION_PATH ?? repoRoot;
const extensionBundle = join(extensionRoot, 'dist/extension.js');
const fixtureWorkspace = join(repoRoot, 'test/fixtures/workspace');
const timeoutMs = Number(process.env.SPARKML_INTEGRATION_TIMEOUT_MS ?? 5 * 60_000);

function writeResult(result: LayerResult): void {
  const file = process.env.SPARKML_RESULT_FILE;
  if (file) writeFileSync(file, JSON.stringify(result));
  console.log(`integration: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
  for (const reason of result.skipReasons) console.log(`integration SKIPPED: ${reason}`);
}

function failure(reason: string): LayerResult {
  console.error(`integration: ${reason}`);
  return { passed: 0, failed: 1, skipped: 0, skipReasons: [] };
}

/** The workbench URL that loads the repo as a development extension and runs the suite. */
function testWorkbenchUrl(server: RunningCodeServer, workspace: string): string {
  const payload = [
    ['extensionDevelopmentPath', remoteUri(server, extensionRoot)],
    ['extensionTestsPath', remoteUri(server, suiteBundle)],
    ['skipWelcome', 'true'],
  ];
  return server.workbenchUrl(workspace, { payload: JSON.stringify(payload) });
}

/** Turns the arguments of a codeAutomationLog call (console.log's: a format string first) into text. */
function logText(args: unknown): string {
  const parts: unknown[] = Array.isArray(args) ? args : [args];
  return format(...parts);
}

async function runSuite(): Promise<LayerResult> {
  for (const [path, hint] of [
    [suiteBundle, 'run `node esbuild.mjs` first'],
    [extensionBundle, 'run `node esbuild.mjs` first'],
  ]) {
    if (!existsSync(path)) return failure(`${path} is missing (${hint})`);
  }
  const chromium = ensureChromium();
  if (!chromium.ok) return { passed: 0, failed: 0, skipped: 1, skipReasons: [chromium.reason] };

  const codeServer = await provisionCodeServer();
  const workspaceRoot = mkdtempSync(join(tmpdir(), 'sparkml-workspace-'));
  const workspace = join(workspaceRoot, 'workspace');
  // A copy, so the suite's edits and saves never touch the repository's fixture.
  cpSync(fixtureWorkspace, workspace, { recursive: true });
  let home: CodeServerHome | undefined;
  let server: RunningCodeServer | undefined;
  let browser: LaunchedBrowser | undefined;
  let log = '';
  try {
    home = createCodeServerHome();
    server = await startCodeServer(codeServer, home);
    browser = await launchChromium();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());

    let settle: (code: number | string) => void = () => undefined;
    const finished = new Promise<number | string>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationLog', (_type: unknown, args: unknown) => {
      const text = logText(args);
      log += `${text}\n`;
      console.log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
    page.on('crash', () => settle('the browser page crashed'));
    const timer = setTimeout(() => settle(`timed out after ${timeoutMs} ms`), timeoutMs);

    const started = Date.now();
    await page.goto(testWorkbenchUrl(server, workspace));
    const outcome = await finished;
    clearTimeout(timer);
    console.log(`integration: suite finished in ${((Date.now() - started) / 1000).toFixed(1)} s (${typeof outcome === 'number' ? `exit ${outcome}` : outcome})`);

    const counted = parseResult(log);
    if (!counted) {
      return failure(`the suite printed no result line (${typeof outcome === 'number' ? `exit ${outcome}` : outcome}); code-server said:\n${server.output().slice(-3000)}`);
    }
    if (typeof outcome !== 'number') return { ...counted, failed: counted.failed + 1 };
    // Exit 1 with no failed test means run() itself failed (e.g. loading the suite).
    if (outcome !== 0 && counted.failed === 0) return { ...counted, failed: 1 };
    return counted;
  } finally {
    await browser?.close().catch((error: Error) => console.error(`closing Chromium: ${error.message}`));
    await server?.stop();
    if (home) rmSync(home.root, { recursive: true, force: true });
    rmSync(workspaceRoot, { recursive: true, force: true });
  }
}

runSuite()
  .catch((error: Error) => failure(error.stack ?? error.message))
  .then((result) => {
    writeResult(result);
    process.exitCode = result.failed > 0 ? 1 : 0;
  });
