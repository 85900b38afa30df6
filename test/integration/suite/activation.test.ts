// The extension is lazy: nothing activates it until a Python file opens, and then it is up with
// its language server running.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { activeApi, theExtension } from './helpers';

export function registerActivationTests(): void {
  describe('activation', () => {
    it('is installed but not active before a Python file is opened', () => {
      const extension = theExtension();
      assert.equal(extension.isActive, false, 'the extension activated before any Python file was opened (activation must be lazy)');
    });

    it('activates on opening job.py and starts its language server', async () => {
      const api = await activeApi();
      assert.equal(theExtension().isActive, true);
      assert.equal(api.serverState(), 'running');
      const pid = api.serverPid();
      assert.ok(Number.isInteger(pid) && (pid as number) > 0, `serverPid() should be the server's process id, got ${pid}`);
      // The pid is a live process: signal 0 checks existence without touching it.
      assert.doesNotThrow(() => process.kill(pid as number, 0), `no process with the server pid ${pid}`);
    });
  });
}
