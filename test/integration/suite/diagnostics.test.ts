// SPK101 (collect-unbounded) from the real language server: where it appears, that it follows edits,
// and where it must not appear.
import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  activeApi,
  assertServerAnswersFor,
  codeOf,
  describeDiagnostics,
  lineOf,
  openInEditor,
  replaceText,
  sparkDiagnostics,
  waitFor,
  waitForSpk101OnLine,
  workspaceFile,
} from './helpers';

export function registerDiagnosticTests(): void {
  describe('diagnostics', () => {
    it('reports SPK101 on the .collect() of the DataFrame read with spark.read', async () => {
      await activeApi();
      const document = await openInEditor('job.py');
      const line = lineOf(document, 'rows = events.collect()');
      const diagnostic = await waitForSpk101OnLine(document.uri, line);

      assert.equal(diagnostic.source, 'sparkml');
      assert.equal(codeOf(diagnostic), 'SPK101');
      const code = diagnostic.code;
      assert.ok(typeof code === 'object' && code.target instanceof vscode.Uri, 'the code should link to the rule documentation (LSP codeDescription.href)');
      assert.match(code.target.toString(), /SPK101|collect-unbounded/i, `the documentation link should name the rule: ${code.target.toString()}`);
      // The range covers the collect call, not the whole line or the assignment target.
      assert.equal(diagnostic.range.end.line, line);
      const flagged = document.getText(diagnostic.range);
      assert.match(flagged, /collect/, `the range should cover ".collect", it covers "${flagged}"`);
      assert.doesNotMatch(flagged, /rows\s*=/, `the range should not include the assignment: "${flagged}"`);
      // Exactly one: the file has one unbounded collect and nothing else SPK101 would flag.
      const all = sparkDiagnostics(document.uri).filter((d) => codeOf(d) === 'SPK101');
      assert.equal(all.length, 1, describeDiagnostics(document.uri));
    });

    it('clears SPK101 when the edit removes the collect, and reports it again when it is back', async () => {
      await activeApi();
      const document = await openInEditor('job.py');
      const original = document.getText();
      const line = lineOf(document, 'rows = events.collect()');
      await waitForSpk101OnLine(document.uri, line);
      try {
        await replaceText(document, original.replace('rows = events.collect()', 'rows = events.take(20)'));
        await waitFor(
          'SPK101 to disappear after the collect was replaced by take(20)',
          () => !sparkDiagnostics(document.uri).some((d) => codeOf(d) === 'SPK101'),
          () => describeDiagnostics(document.uri),
        );
      } finally {
        await replaceText(document, original);
      }
      await waitForSpk101OnLine(document.uri, line);
      await document.save();
    });

    it('reports nothing in a Markdown file that quotes the same code', async () => {
      const api = await activeApi();
      const notes = await openInEditor('notes.md');
      assert.notEqual(notes.languageId, 'python');
      assert.match(notes.getText(), /events\.collect\(\)/, 'the fixture should contain the code SPK101 flags in Python');
      // Let the server finish a round trip after the Markdown file opened, then check it stayed silent.
      const job = await openInEditor('job.py');
      await assertServerAnswersFor(job);
      assert.deepEqual(sparkDiagnostics(notes.uri), [], describeDiagnostics(notes.uri));
      assert.equal(api.serverState(), 'running');
    });

    it('survives a Python file with syntax errors', async () => {
      const api = await activeApi();
      const pid = api.serverPid();
      const restarts = api.restartCount();
      const broken = await openInEditor('broken.py');
      assert.equal(broken.languageId, 'python');
      // Typing more broken code in it must not bring the server down either.
      await replaceText(broken, `${broken.getText()}\nclass Half(:\n    rows = events.collect(\n`);
      const job = await openInEditor('job.py');
      await assertServerAnswersFor(job);
      assert.equal(api.serverState(), 'running');
      assert.equal(api.serverPid(), pid, 'the server process changed: it crashed on the syntax error');
      assert.equal(api.restartCount(), restarts, 'the server was restarted: it crashed on the syntax error');
      assert.ok(
        sparkDiagnostics(workspaceFile('broken.py')).every((d) => d.range.start.line < broken.lineCount),
        `diagnostics outside the broken file: ${describeDiagnostics(broken.uri)}`,
      );
    });
  });
}
