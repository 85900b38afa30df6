// `sparkml app summary` run in-process on our own logs: JSON for scripts, text for people, exit codes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { app } from '../../../src/cli/app';
import type { CliIo } from '../../../src/cli/io';
import type { AppSummary } from '../../../src/spark/model/summary';
import { miniEventLog, miniEventLogLines, XSS_NAME } from './miniEventLog';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), wasmDir: '', cwd: process.cwd() };
  const code = await app(args, io);
  return { code, stdout, stderr };
}

describe('sparkml app summary', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sparkml-cli-app-'));
    writeFileSync(join(dir, 'mini'), miniEventLog());
    const failing = miniEventLogLines().map((line) => line.replace('"Result":"JobSucceeded"', '"Result":"JobFailed","Exception":{"Message":"boom"}').replace(XSS_NAME, 'evil\\u001b[31mred'));
    writeFileSync(join(dir, 'failing'), failing.join('\n') + '\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the summary as JSON', async () => {
    const { code, stdout, stderr } = await run(['summary', '--format', 'json', join(dir, 'mini')]);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const summary = JSON.parse(stdout) as AppSummary;
    assert.equal(summary.application.id, 'app-mini-0001');
    assert.equal(summary.application.name, XSS_NAME);
    assert.deepEqual(summary.jobs.map((j) => [j.jobId, j.status, j.numCompletedTasks, j.numFailedTasks]), [[0, 'SUCCEEDED', 6, 1]]);
    assert.deepEqual(summary.stages.map((s) => [s.stageId, s.status, s.numCompleteTasks, s.shuffleWriteBytes]), [[0, 'COMPLETE', 4, 4000], [1, 'COMPLETE', 2, 0]]);
    assert.deepEqual(summary.executors.map((e) => e.id), ['1', '2']);
    assert.deepEqual(summary.alerts.map((a) => a.kind).sort(), ['failedTasks', 'gcTime', 'spill']);
  });

  it('applies threshold overrides', async () => {
    const { stdout } = await run(['summary', '--format=json', '--threshold', 'gcShare=0.9', join(dir, 'mini')]);
    assert.deepEqual((JSON.parse(stdout) as AppSummary).alerts.map((a) => a.kind).sort(), ['failedTasks', 'spill']);
  });

  it('prints a readable text summary, escaping terminal control characters', async () => {
    const ok = await run(['summary', join(dir, 'mini')]);
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /Application <script>alert\(1\)<\/script> \(app-mini-0001\)/);
    assert.match(ok.stdout, /Stages \(2\)[\s\S]*0\.0\s+COMPLETE\s+4\/4/);
    assert.match(ok.stdout, /start-up 4\.1 s/);
    const failing = await run(['summary', join(dir, 'failing')]);
    assert.equal(failing.code, 1, 'a failed job exits 1');
    assert.ok(!failing.stdout.includes('\u001b'), 'no raw escape sequence reaches the terminal');
    assert.match(failing.stdout, /evil\\x1b\[31mred/);
  });

  it('exits 2 with a clear message on usage and I/O errors', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['summary'])).code, 2);
    const badFormat = await run(['summary', '--format', 'xml', 'x']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be text or json/);
    const missing = await run(['summary', join(dir, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No event log at/);
    const refused = await run(['summary', '--timeout', '5', 'http://127.0.0.1:9/']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /Cannot reach/);
  });
});
