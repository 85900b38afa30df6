// Runs the same integration suite in VS Code desktop through @vscode/test-electron, the ecosystem's
// standard runner. It downloads VS Code from Microsoft, so it is for desktops with network; CI on
// machines without that network uses test/harness/runIntegration.ts (code-server) instead.
//
//   npm run test:electron                          (builds, then runs this file)
//   SPARKML_VSCODE_VERSION=stable npm run test:electron
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../..');
// The oldest VS Code that package.json's engines.vscode (^1.100.0) accepts: what we promise to support.
const version = process.env.SPARKML_VSCODE_VERSION ?? '1.100.3';

async function main(): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'sparkml-electron-'));
  const workspace = join(scratch, 'workspace');
  // A copy, so the suite's edits and saves never touch the repository's fixture.
  cpSync(join(repoRoot, 'test/fixtures/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      version,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out/test/integration/index.js'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        join(scratch, 'user-data'),
      ],
    });
    return 0;
  } catch (error) {
    console.error(`integration tests under VS Code ${version} failed: ${(error as Error).message}`);
    return 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then((code) => {
  process.exitCode = code;
});
