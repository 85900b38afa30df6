// Entry point of the integration suite inside a real VS Code extension host. VS Code (code-server via
// test/harness/runIntegration.ts, or the desktop via runElectron.ts) loads the bundled
// out/test/integration/index.js and awaits run(): resolving means pass, rejecting means failure.
//
// Suite files are imported statically so esbuild bundles them; each exports a function that
// declares its tests once mocha's `describe`/`it` are in place.
import Mocha from 'mocha';
import { formatResult } from './resultMarker';
import { registerActivationTests } from './suite/activation.test';
import { registerCommandTests } from './suite/commands.test';
import { registerDiagnosticTests } from './suite/diagnostics.test';
import { skipReasons } from './suite/skips';
import { registerServerLifecycleTests } from './suite/serverLifecycle.test';
import { registerSubmitTests } from './suite/submit.test';
import { registerNewJobTests } from './suite/newJob.test';
import { registerLintWorkspaceTests } from './suite/lintWorkspace.test';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 60_000 });
  // Makes `describe`/`it` (global and from the 'mocha' module) point at this instance.
  mocha.suite.emit('pre-require', globalThis, 'sparkml-integration', mocha);
  // Activation first: it checks that nothing activated the extension before a Python file opened.
  registerActivationTests();
  registerCommandTests();
  registerDiagnosticTests();
  registerServerLifecycleTests();
  registerSubmitTests();
  registerNewJobTests();
  registerLintWorkspaceTests();

  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      // The runners read exact counts from this line (mocha's exit code alone cannot say how many).
      console.log(formatResult({ passed: stats.passes, failed: stats.failures, skipped: stats.pending, skipReasons }));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
