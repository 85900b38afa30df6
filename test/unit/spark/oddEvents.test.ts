// Odd but possible input: events with missing or mistyped fields, events out of order, JSON that is
// not an event. The model never throws, keeps what it can and says what it skipped.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModelBuilder } from '../../../src/spark/model/AppModelBuilder';
import { readEventLog } from '../../../src/spark/eventlog/readEventLog';

describe('odd events', () => {
  it('survives missing and mistyped fields without inventing values', () => {
    const builder = new AppModelBuilder();
    const odd: Record<string, unknown>[] = [
      {},
      { Event: 42 },
      { Event: 'SparkListenerApplicationStart', Timestamp: 'yesterday', 'App Name': null },
      { Event: 'SparkListenerTaskEnd' },
      { Event: 'SparkListenerTaskEnd', 'Stage ID': 9, 'Task Info': { 'Task ID': 1, 'Launch Time': 100, 'Finish Time': 50 }, 'Task Metrics': { 'Executor Run Time': '12' } },
      { Event: 'SparkListenerTaskStart', 'Stage ID': 9, 'Task Info': null },
      { Event: 'SparkListenerJobEnd', 'Job ID': 77, 'Job Result': { Result: 'JobSucceeded' } },
      { Event: 'SparkListenerStageCompleted', 'Stage Info': { 'Stage ID': 3, 'Failure Reason': 'lost' } },
      { Event: 'SparkListenerExecutorRemoved', 'Executor ID': '5', 'Removed Reason': 'OOMKilled' },
      { Event: 'SparkListenerEnvironmentUpdate', 'Spark Properties': [['spark.master', 'local[2]'], ['spark.executor.memory', 'lots']] },
      { Event: 'SparkListenerExecutorMetricsUpdate', 'Executor ID': '5', 'Executor Metrics Updated': { '0': { JVMHeapMemory: 5 } } },
      { Event: 'SparkListenerJobStart', 'Job ID': 1, 'Stage Infos': 'none' },
    ];
    for (const event of odd) assert.doesNotThrow(() => builder.onEvent(event));
    const snapshot = builder.snapshot({ kind: 'eventLog', location: 'odd' });
    assert.doesNotThrow(() => JSON.stringify(snapshot));
    assert.equal(snapshot.app.startTime, undefined, 'no made-up start time');
    assert.equal(snapshot.app.master, 'local[2]');
    assert.equal(snapshot.app.executorMemoryBytes, undefined);
    const kinds = snapshot.warnings.map((w) => w.kind);
    assert.ok(kinds.includes('inconsistentEvent'));
    assert.ok(snapshot.warnings.some((w) => /Job 77 ended but never started/.test(w.message)));
    assert.ok(snapshot.warnings.some((w) => /stage 9\.0 came before the stage itself/.test(w.message)));
    const stage9 = snapshot.stages.find((s) => s.stageId === 9);
    assert.equal(stage9?.numCompleteTasks, 0);
    assert.equal(stage9?.numFailedTasks, 1, 'a task end without a reason counts as failed, as Spark counts unknown reasons');
    assert.equal(snapshot.stages.find((s) => s.stageId === 3)?.status, 'FAILED');
    assert.equal(snapshot.executors.find((e) => e.id === '5')?.removeReason, 'OOMKilled');
    assert.equal(snapshot.executors.find((e) => e.id === '5')?.peakMemoryMetrics.JVMHeapMemory, 5);
  });

  it('reads a log with JSON lines that are not events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkml-odd-'));
    try {
      const file = join(dir, 'odd');
      writeFileSync(file, ['null', '[1,2]', '"text"', '{"Event":"SparkListenerLogStart","Spark Version":"3.4.0"}', '', '   ', '{"Event":"SparkListenerApplicationStart","App ID":"app-odd","Timestamp":5}'].join('\r\n') + '\r\n');
      const { snapshot } = await readEventLog(file);
      assert.equal(snapshot.app.id, 'app-odd');
      assert.equal(snapshot.app.sparkVersion, '3.4.0');
      const notObjects = snapshot.warnings.find((w) => w.kind === 'corruptLine');
      assert.equal(notObjects?.count, 4, 'null, array, string and a blank line with spaces');
      assert.equal(notObjects?.line, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
