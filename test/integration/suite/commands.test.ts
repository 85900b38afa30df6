// The commands the manifest contributes are registered by activate(), in the "Spark ML" category.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { activeApi, theExtension, waitFor } from './helpers';

const expected = [
  { command: 'sparkml.restartServer', title: 'Restart Language Server' },
  { command: 'sparkml.showOutput', title: 'Show Output' },
  { command: 'sparkml.showRuleDocs', title: 'Show Rule Documentation' },
];

export function registerCommandTests(): void {
  describe('commands', () => {
    it('contributes each command with its title in the "Spark ML" category', () => {
      const contributed = (theExtension().packageJSON.contributes?.commands ?? []) as Array<{ command: string; title: string; category?: string }>;
      for (const { command, title } of expected) {
        const entry = contributed.find((c) => c.command === command);
        assert.ok(entry, `package.json does not contribute ${command}`);
        assert.equal(entry.title, title);
        assert.equal(entry.category, 'Spark ML');
      }
    });

    it('registers every contributed command once active', async () => {
      await activeApi();
      const registered = new Set(await vscode.commands.getCommands(true));
      const contributed = (theExtension().packageJSON.contributes?.commands ?? []) as Array<{ command: string }>;
      const missing = contributed.map((c) => c.command).filter((command) => !registered.has(command));
      assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    });

    it('shows rule documentation for SPK101 in a webview panel', async () => {
      await activeApi();
      await vscode.commands.executeCommand('sparkml.showRuleDocs', 'SPK101');
      const allTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs);
      const tab = await waitFor(
        'a tab titled "SPK101: collect-unbounded"',
        () => allTabs().find((t) => t.label === 'SPK101: collect-unbounded'),
        () => `open tabs: ${allTabs().map((t) => t.label).join(', ')}`,
      );
      assert.ok(tab.input instanceof vscode.TabInputWebview, 'the rule documentation should be a webview panel');
      await vscode.window.tabGroups.close(tab);
    });
  });
}
