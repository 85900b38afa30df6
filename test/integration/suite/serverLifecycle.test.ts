// The language server's life: a manual restart from the command, and an automatic restart after
// the process dies. Both must bring diagnostics back from the new process.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activeApi, assertServerAnswersFor, openInEditor, waitFor } from './helpers';

export function registerServerLifecycleTests(): void {
  describe('server lifecycle', () => {
    it('"Spark ML: Restart Language Server" starts a new server process that reports again', async () => {
      const api = await activeApi();
      const before = api.serverPid();
      assert.ok(before, 'the server has no pid before the restart');
      await vscode.commands.executeCommand('sparkml.restartServer');
      const after = await waitFor(
        'a running server with a new pid after the restart',
        () => {
          const pid = api.serverPid();
          return api.serverState() === 'running' && pid !== undefined && pid !== before ? pid : undefined;
        },
        () => `state ${api.serverState()}, pid ${api.serverPid()}`,
      );
      await api.whenServerReady();
      await waitFor(`the old server (pid ${before}) to exit after the restart`, () => !isAlive(before));
      assert.notEqual(after, before);
      await assertServerAnswersFor(await openInEditor('job.py'));
    });

    it('restarts the server automatically when its process is killed', async () => {
      const api = await activeApi();
      const victim = api.serverPid();
      assert.ok(victim, 'the server has no pid');
      const restarts = api.restartCount();
      process.kill(victim, 'SIGKILL');
      await waitFor(
        'the server to be restarted after SIGKILL',
        () => {
          const pid = api.serverPid();
          return api.serverState() === 'running' && pid !== undefined && pid !== victim;
        },
        () => `state ${api.serverState()}, pid ${api.serverPid()}, restarts ${api.restartCount()}`,
      );
      await api.whenServerReady();
      assert.ok(api.restartCount() > restarts, `restartCount() stayed at ${api.restartCount()} after a crash`);
      await assertServerAnswersFor(await openInEditor('job.py'));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch {
    return false;
  }
}
