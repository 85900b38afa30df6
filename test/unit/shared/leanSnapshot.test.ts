import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executorLoad, leanSnapshot, stageDistributions } from '../../../src/extension/panels/leanSnapshot';
import { buildLargeSnapshot } from '../../../bench/monitor/largeApp';

describe('leanSnapshot', () => {
  const full = buildLargeSnapshot({ stages: 40, executors: 12, tasks: 4000 });

  it('leaves out task distributions and per-executor series, keeps everything else', () => {
    const lean = leanSnapshot(full);
    assert.ok(lean.stages.every((s) => Object.keys(s.distributions).length === 0));
    assert.deepEqual(lean.load.executors, []);
    assert.deepEqual(lean.load.runningTasks, full.load.runningTasks);
    assert.deepEqual(lean.stages.map((s) => [s.stageId, s.metrics]), full.stages.map((s) => [s.stageId, s.metrics]));
    assert.ok(JSON.stringify(lean).length < JSON.stringify(full).length / 2);
    assert.ok(full.stages.some((s) => Object.keys(s.distributions).length > 0), 'the full snapshot is untouched');
  });

  it('answers a stage distribution and an executor series from the full snapshot', () => {
    const stage = full.stages[3];
    assert.deepEqual(stageDistributions(full, stage), stage.distributions);
    assert.equal(stageDistributions(full, { stageId: 9999, attemptId: 0 }), undefined);
    const series = full.load.executors[2];
    assert.deepEqual(executorLoad(full, series.executorId), series);
    assert.equal(executorLoad(undefined, series.executorId), undefined);
  });
});
