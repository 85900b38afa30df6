// The event-log reader on our own small log, in every codec and layout, and on bad input: a partial
// model plus a visible warning, never a crash and never an empty result without a reason.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Decompress } from 'fzstd';
import { readEventLog } from '../../../src/spark/eventlog/readEventLog';
import type { AppSnapshot } from '../../../src/spark/model/types';
import { miniEventLog, miniEventLogLines, XSS_NAME } from './miniEventLog';
import { lz4BlockStream, lzfStream, snappyJavaStream } from './sparkCodecWriters';

const fixtures = resolve(__dirname, '..', '..', 'fixtures', 'spark');

/** What must not depend on the codec or layout. */
function essentials(snapshot: AppSnapshot) {
  return { app: snapshot.app, jobs: snapshot.jobs, stages: snapshot.stages, executors: snapshot.executors, totals: snapshot.totals, alerts: snapshot.alerts, callSites: snapshot.callSites };
}

describe('event-log reader', () => {
  let dir: string;
  let plain: AppSnapshot;
  const text = miniEventLog();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sparkml-eventlog-'));
    writeFileSync(join(dir, 'app-mini-0001'), text);
    plain = (await readEventLog(join(dir, 'app-mini-0001'))).snapshot;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the application, jobs, stages and executors of a plain log', () => {
    assert.equal(plain.app.id, 'app-mini-0001');
    assert.equal(plain.app.name, XSS_NAME, 'strings stay raw in the model');
    assert.equal(plain.app.status, 'COMPLETED');
    assert.equal(plain.app.sparkVersion, '3.5.1');
    assert.equal(plain.app.durationMs, 10_000);
    assert.equal(plain.app.executorMemoryBytes, 1024 ** 3);
    assert.deepEqual(plain.warnings, []);
    assert.equal(plain.jobs.length, 1);
    assert.equal(plain.jobs[0].status, 'SUCCEEDED');
    assert.equal(plain.jobs[0].description, XSS_NAME);
    assert.equal(plain.jobs[0].numCompletedTasks, 6);
    assert.equal(plain.jobs[0].numFailedTasks, 1);
    assert.equal(plain.jobs[0].numKilledTasks, 1);
    const [map, collect] = plain.stages;
    assert.equal(map.status, 'COMPLETE');
    assert.equal(map.numCompleteTasks, 4);
    assert.equal(map.numFailedTasks, 1);
    assert.equal(map.numKilledTasks, 1);
    assert.equal(map.numSpeculativeTasks, 1);
    assert.equal(map.metrics.shuffleWriteBytes, 4000);
    assert.equal(map.metrics.diskBytesSpilled, 1_000_000);
    assert.equal(map.metrics.inputBytes, 6 * 4096);
    assert.deepEqual(map.callSite, { operation: 'mapPartitions', file: '/app/job.py', line: 12 });
    assert.equal(collect.metrics.shuffleReadBytes, 4096);
    assert.equal(collect.durationMs, 1200);
    assert.equal(map.distributions.durationMs?.count, 6);
    assert.equal(map.distributions.durationMs?.max, 1200);
    assert.equal(map.distributions.durationMs?.min, 400);
    const executor2 = plain.executors.find((e) => e.id === '2');
    assert.equal(executor2?.removeReason, 'Executor killed by driver (idle).');
    assert.equal(executor2?.isActive, false);
    assert.equal(executor2?.totalCores, 2);
    assert.equal(plain.executors.find((e) => e.id === '1')?.maxMemory, 500_000_000);
    assert.equal(plain.totals.speculativeTasks, 1);
  });

  it('counts unknown and fully qualified SQL events without losing them', () => {
    assert.equal(plain.source.ignoredEvents?.MyCustomEvent, 1);
    assert.equal(plain.source.ignoredEvents?.SparkListenerSQLExecutionStart, 1);
  });

  it('breaks the run down into start-up overhead and task time', () => {
    const o = plain.overhead;
    assert.equal(o.appDurationMs, 10_000);
    assert.equal(o.submitToFirstExecutorMs, 2000);
    assert.equal(o.startupMs, 4100);
    assert.equal(o.executorAllocationWaitMs, 100);
    assert.equal(o.driverOnlyMs, 10_000 - 3300);
    assert.equal(o.taskTimeMs, 1000 + 1100 + 450 + 1200 + 500 + 400 + 1000 + 900);
    assert.ok(o.idleCoreShare !== undefined && o.idleCoreShare > 0.5 && o.idleCoreShare < 1);
  });

  it('maps stage cost to source lines and raises the alerts that apply', () => {
    assert.deepEqual(plain.callSites.map((c) => c.key).sort(), ['/app/job.py:12', '/app/job.py:42']);
    const shares = plain.callSites.reduce((sum, c) => sum + c.shareOfTaskTime, 0);
    assert.ok(Math.abs(shares - 1) < 1e-9);
    const ids = plain.alerts.map((a) => a.id).sort();
    assert.deepEqual(ids, ['failedTasks:0.0', 'gcTime:1.0', 'spill:0.0']);
    assert.deepEqual([...(plain.callSites.find((c) => c.key === '/app/job.py:12')?.alertIds ?? [])].sort(), ['failedTasks:0.0', 'spill:0.0']);
  });

  it('keeps the executor-load timeline within its bucket budget', () => {
    const load = plain.load;
    assert.ok(load.runningTasks.length > 0 && load.runningTasks.length <= 240);
    assert.equal(load.cores.length, load.runningTasks.length);
    // Core time and busy time add up to the totals the overhead reports.
    const busy = load.runningTasks.reduce((s, v) => s + v, 0) * load.bucketMs;
    assert.ok(Math.abs(busy - plain.overhead.coreBusyMs) < load.runningTasks.length * load.bucketMs * 0.01);
    assert.ok(Math.max(...load.cores) <= 4);
  });

  it('has the plain XSS-named fixture for the views in sync with miniEventLog()', async () => {
    const file = join(fixtures, 'mini-xss-app');
    assert.equal(readFileSync(file, 'utf8'), text);
    assert.equal((await readEventLog(file)).snapshot.app.name, XSS_NAME);
  });

  it('warns when a log that is not in progress ends before the application did', async () => {
    const lines = miniEventLogLines().slice(0, -1);
    writeFileSync(join(dir, 'no-end'), lines.join('\n') + '\n');
    const { snapshot } = await readEventLog(join(dir, 'no-end'));
    assert.equal(snapshot.app.status, 'RUNNING');
    assert.deepEqual(snapshot.warnings.map((w) => w.kind), ['inProgress']);
    assert.match(snapshot.warnings[0].message, /ends without the application ending/);
  });

  it('reads concatenated zstd frames to the same model', async () => {
    const file = join(fixtures, 'mini-concatenated-frames.zstd');
    const decoded: Uint8Array[] = [];
    const stream = new Decompress((chunk) => decoded.push(chunk));
    stream.push(readFileSync(file), true);
    assert.equal(Buffer.concat(decoded).toString('utf8'), text, 'the committed fixture is miniEventLog()');
    const { snapshot } = await readEventLog(file);
    assert.deepEqual(snapshot.source.codecs, ['zstd']);
    assert.deepEqual(essentials(snapshot), essentials(plain));
  });

  it('keeps what a truncated zstd frame left, with warnings', async () => {
    const { snapshot } = await readEventLog(join(fixtures, 'mini-truncated-frame.zstd.inprogress'));
    assert.equal(snapshot.source.inProgress, true);
    assert.deepEqual(snapshot.warnings.map((w) => w.kind).sort(), ['inProgress', 'truncatedFrame']);
    assert.equal(snapshot.app.status, 'RUNNING');
    assert.equal(snapshot.jobs[0].status, 'SUCCEEDED');
    assert.equal(snapshot.totals.tasks, 8);
  });

  for (const [codec, encode] of [
    ['lz4', (data: Buffer) => Buffer.concat([lz4BlockStream(data.subarray(0, 5000), 1024), lz4BlockStream(data.subarray(5000), 2048)])],
    ['snappy', (data: Buffer) => Buffer.concat([snappyJavaStream(data.subarray(0, 7000), 1000), snappyJavaStream(data.subarray(7000), 3000)])],
    ['lzf', (data: Buffer) => lzfStream(data, 1500)],
  ] as const) {
    it(`reads ${codec} in Spark's framing (several blocks, concatenated streams) to the same model`, async () => {
      const file = join(dir, `app-mini-0001.${codec}`);
      writeFileSync(file, encode(Buffer.from(text)));
      const { snapshot } = await readEventLog(file);
      assert.deepEqual(snapshot.source.codecs, [codec]);
      assert.deepEqual(snapshot.warnings, []);
      assert.deepEqual(essentials(snapshot), essentials(plain));
    });

    it(`keeps the events before a corrupt ${codec} block`, async () => {
      const encoded = encode(Buffer.from(text));
      const corrupt = Buffer.from(encoded);
      const at = Math.floor(corrupt.length * 0.6);
      corrupt.fill(0xff, at, at + 12);
      const file = join(dir, `corrupt.${codec}`);
      writeFileSync(file, corrupt);
      const { snapshot } = await readEventLog(file);
      assert.ok(snapshot.warnings.some((w) => w.kind === 'corruptFrame' || w.kind === 'corruptLine' || w.kind === 'truncatedLine'), JSON.stringify(snapshot.warnings));
      assert.equal(snapshot.app.id, 'app-mini-0001', 'the start of the log is kept');
    });
  }

  it('reads an .inprogress log whose last line is cut short', async () => {
    const cut = text.slice(0, text.length - 30);
    const file = join(dir, 'app-mini-0001.inprogress');
    writeFileSync(file, cut);
    const { snapshot } = await readEventLog(file);
    const truncated = snapshot.warnings.find((w) => w.kind === 'truncatedLine');
    assert.ok(truncated, 'a visible warning');
    assert.equal(truncated.line, miniEventLogLines().length);
    assert.equal(snapshot.app.status, 'RUNNING');
    assert.equal(snapshot.executors.find((e) => e.id === '2')?.isActive, false, 'events up to the cut are kept');
  });

  it('skips a corrupt line in the middle, says which, and reads on', async () => {
    const lines = miniEventLogLines();
    lines[12] = lines[12].slice(0, 40) + '###';
    const file = join(dir, 'corrupt-line');
    writeFileSync(file, lines.join('\n') + '\n');
    const { snapshot } = await readEventLog(file);
    assert.deepEqual(snapshot.warnings.map((w) => [w.kind, w.line]), [['corruptLine', 13]]);
    assert.equal(snapshot.app.status, 'COMPLETED');
  });

  it('reads a rolling eventlog_v2 folder in part order and tells when it is still in progress', async () => {
    const rolling = join(dir, 'eventlog_v2_app-mini-0001');
    mkdirSync(rolling);
    const lines = miniEventLogLines();
    // Part 10 sorts before part 2 as text: the reader must order numerically.
    writeFileSync(join(rolling, 'events_1_app-mini-0001'), lines.slice(0, 10).join('\n') + '\n');
    writeFileSync(join(rolling, 'events_2_app-mini-0001.lz4'), lz4BlockStream(Buffer.from(lines.slice(10, 20).join('\n') + '\n')));
    writeFileSync(join(rolling, 'events_3_app-mini-0001.lzf'), lzfStream(Buffer.from(lines.slice(20).join('\n') + '\n')));
    writeFileSync(join(rolling, 'appstatus_app-mini-0001.inprogress'), '');
    const { snapshot } = await readEventLog(rolling);
    assert.deepEqual(snapshot.source.codecs, ['none', 'lz4', 'lzf']);
    assert.equal(snapshot.source.inProgress, true);
    assert.deepEqual(essentials({ ...snapshot }).jobs, plain.jobs);
    assert.deepEqual(snapshot.stages, plain.stages);
    assert.deepEqual(snapshot.warnings.map((w) => w.kind), ['inProgress']);
  });

  it('warns about a missing part of a rolling log and keeps the others', async () => {
    const rolling = join(dir, 'eventlog_v2_app-gap');
    mkdirSync(rolling);
    const lines = miniEventLogLines();
    writeFileSync(join(rolling, 'events_1_app-gap'), lines.slice(0, 10).join('\n') + '\n');
    writeFileSync(join(rolling, 'events_3_app-gap'), lines.slice(20).join('\n') + '\n');
    writeFileSync(join(rolling, 'appstatus_app-gap'), '');
    const { snapshot } = await readEventLog(rolling);
    assert.ok(snapshot.warnings.some((w) => w.kind === 'missingFile' && w.message.includes('2..2')));
    assert.equal(snapshot.app.status, 'COMPLETED');
    assert.equal(snapshot.source.inProgress, false);
  });

  it('refuses a folder that is not a rolling log with a clear message', async () => {
    const folder = join(dir, 'logs');
    mkdirSync(folder);
    writeFileSync(join(folder, 'app-1'), text);
    await assert.rejects(readEventLog(folder), /not a rolling event log.*app-1/);
    await assert.rejects(readEventLog(join(dir, 'does-not-exist')), /No event log at/);
  });

  it('explains an empty file and a file that is no event log', async () => {
    writeFileSync(join(dir, 'empty'), '');
    const empty = (await readEventLog(join(dir, 'empty'))).snapshot;
    assert.equal(empty.warnings[0].kind, 'truncatedLine');
    assert.match(empty.warnings[0].message, /empty/);
    writeFileSync(join(dir, 'binary'), Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04]));
    const binary = (await readEventLog(join(dir, 'binary'))).snapshot;
    assert.equal(binary.warnings[0].kind, 'unknownCodec');
  });

  it('passes cancellation through', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(readEventLog(join(dir, 'app-mini-0001'), { signal: controller.signal }), { name: 'AbortError' });
  });
});
