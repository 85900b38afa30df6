// The model's building blocks: the quantile sketch, the bucketed load timeline, alerts and their
// thresholds, call-site parsing and Spark's memory strings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MetricSketch } from '../../../src/spark/model/MetricSketch';
import { LoadAccumulator, MAX_LOAD_BUCKETS } from '../../../src/spark/model/LoadAccumulator';
import { defaultAlertThresholds, evaluateAlerts, resolveAlertThresholds } from '../../../src/spark/model/alerts';
import { parseCallSite } from '../../../src/spark/model/callSite';
import { localMasterCores, parseJvmMemory } from '../../../src/spark/model/sparkConf';
import { AppModelBuilder } from '../../../src/spark/model/AppModelBuilder';
import type { AppSnapshot, StageInfo } from '../../../src/spark/model/types';

function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('MetricSketch', () => {
  it('gives quantiles within the sketch error, exact min/max/sum, zeros included', () => {
    const sketch = new MetricSketch();
    const random = lcg(7);
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) values.push(i % 10 === 0 ? 0 : Math.round(Math.exp(random() * 10)));
    for (const value of values) sketch.add(value);
    const sorted = [...values].sort((a, b) => a - b);
    const distribution = sketch.toDistribution();
    assert.ok(distribution);
    assert.equal(distribution.count, values.length);
    assert.equal(distribution.min, sorted[0]);
    assert.equal(distribution.max, sorted[sorted.length - 1]);
    assert.equal(distribution.sum, values.reduce((a, b) => a + b, 0));
    for (const { q, value } of distribution.quantiles) {
      const exact = sorted[Math.floor(q * (sorted.length - 1))];
      assert.ok(Math.abs(value - exact) <= Math.max(1, exact * 0.03), `q${q}: ${value} vs ${exact}`);
    }
  });

  it('is undefined with no values or only zeros, and puts zeros at the low quantiles', () => {
    assert.equal(new MetricSketch().toDistribution(), undefined);
    const zeros = new MetricSketch();
    for (let i = 0; i < 5; i++) zeros.add(0);
    assert.equal(zeros.toDistribution(), undefined);
    const mostlyZero = new MetricSketch();
    for (let i = 0; i < 90; i++) mostlyZero.add(0);
    for (let i = 0; i < 10; i++) mostlyZero.add(1000);
    assert.deepEqual(mostlyZero.toDistribution()?.quantiles.map((p) => p.value), [0, 0, 0, 0, 0, 0, 1000, 1000]);
  });
});

describe('LoadAccumulator', () => {
  it('keeps busy time exact while widening buckets for long runs', () => {
    const load = new LoadAccumulator();
    load.setOrigin(0);
    let busy = 0;
    // 10 hours of 2-minute tasks on 4 executors: far more than 240 one-second buckets.
    for (let t = 0; t < 36_000_000; t += 120_000) {
      for (let e = 0; e < 4; e++) {
        load.addBusy(String(e), t, t + 100_000);
        busy += 100_000;
      }
    }
    const timeline = load.toTimeline([0, 1, 2, 3].map((e) => ({ id: String(e), cores: 1, addTime: 0 })), 36_000_000);
    assert.ok(timeline.runningTasks.length <= MAX_LOAD_BUCKETS);
    assert.ok(timeline.bucketMs >= 36_000_000 / MAX_LOAD_BUCKETS);
    const measured = timeline.runningTasks.reduce((a, b) => a + b, 0) * timeline.bucketMs;
    assert.ok(Math.abs(measured - busy) / busy < 0.01, `${measured} vs ${busy}`);
    assert.equal(timeline.executors.length, 4);
    // Every full bucket offers the 4 cores; the last one is cut by the end of the run.
    assert.ok(timeline.cores.slice(0, -1).every((c) => Math.abs(c - 4) < 0.01), timeline.cores.join(','));
    assert.ok(timeline.cores[timeline.cores.length - 1] <= 4);
  });
});

function stage(overrides: Partial<StageInfo>): StageInfo {
  return {
    stageId: 3, attemptId: 0, name: 'fit at /app/train.py:88', status: 'COMPLETE', jobIds: [0], numTasks: 10, numActiveTasks: 0, numCompleteTasks: 10,
    numFailedTasks: 0, numKilledTasks: 0, numSpeculativeTasks: 0,
    metrics: { taskDurationMs: 0, executorRunTime: 0, executorCpuTime: 0, executorDeserializeTime: 0, resultSerializationTime: 0, gettingResultTime: 0, schedulerDelay: 0, jvmGcTime: 0, resultSize: 0, peakExecutionMemory: 0, memoryBytesSpilled: 0, diskBytesSpilled: 0, inputBytes: 0, inputRecords: 0, outputBytes: 0, outputRecords: 0, shuffleReadBytes: 0, shuffleReadRecords: 0, shuffleRemoteBytesRead: 0, shuffleLocalBytesRead: 0, shuffleFetchWaitTime: 0, shuffleWriteBytes: 0, shuffleWriteRecords: 0, shuffleWriteTime: 0 },
    distributions: {},
    ...overrides,
  };
}

function snapshotWith(stages: StageInfo[], extra: Partial<AppSnapshot> = {}): Omit<AppSnapshot, 'alerts'> {
  const { alerts: _alerts, ...empty } = new AppModelBuilder().snapshot({ kind: 'eventLog', location: 'x' });
  return { ...empty, stages, ...extra };
}

const durations = (median: number, max: number, count: number) => ({
  count, sum: median * count, min: 1, max, mean: median,
  quantiles: [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99].map((q) => ({ q, value: q === 0.5 ? median : q < 0.5 ? median / 2 : median * 1.5 })),
});

describe('alerts', () => {
  it('flags skew only when the slowest task is both long and far above the median', () => {
    const skewed = stage({ distributions: { durationMs: durations(400, 6000, 100) } });
    const longButEven = stage({ stageId: 4, distributions: { durationMs: durations(5000, 6000, 100) } });
    const shortSkew = stage({ stageId: 5, distributions: { durationMs: durations(100, 4000, 100) } });
    const alerts = evaluateAlerts(snapshotWith([skewed, longButEven, shortSkew]));
    assert.deepEqual(alerts.map((a) => a.id), ['skew:3.0']);
    assert.equal(alerts[0].value, 6000);
    assert.equal(alerts[0].threshold, defaultAlertThresholds.skewMaxTaskMs);
  });

  it('flags many small tasks, spill, GC share and failed tasks at their thresholds', () => {
    const small = stage({ stageId: 1, distributions: { durationMs: durations(120, 300, 6000) } });
    const spill = stage({ stageId: 2, metrics: { ...stage({}).metrics, diskBytesSpilled: 1 } });
    const gc = stage({ stageId: 3, metrics: { ...stage({}).metrics, executorRunTime: 10_000, jvmGcTime: 1_500 } });
    const failed = stage({ stageId: 4, numFailedTasks: 2, status: 'FAILED', failureReason: 'Job aborted\nstack' });
    const ids = evaluateAlerts(snapshotWith([small, spill, gc, failed])).map((a) => `${a.id}/${a.severity}`);
    assert.deepEqual(ids, ['smallTasks:1.0/info', 'spill:2.0/warning', 'gcTime:3.0/warning', 'failedTasks:4.0/error']);
  });

  it('uses overridden thresholds and reports bad ones', () => {
    const { thresholds, problems } = resolveAlertThresholds({ gcShare: 0.5, skewMaxTaskMs: -1, nonsense: 3 });
    assert.equal(thresholds.gcShare, 0.5);
    assert.equal(thresholds.skewMaxTaskMs, defaultAlertThresholds.skewMaxTaskMs);
    assert.equal(problems.length, 2);
    const gc = stage({ metrics: { ...stage({}).metrics, executorRunTime: 10_000, jvmGcTime: 1_500 } });
    assert.deepEqual(evaluateAlerts(snapshotWith([gc]), thresholds), []);
  });

  it('compares executor peak heap with spark.executor.memory, and idle cores with capacity', () => {
    const base = snapshotWith([]);
    const executor = (id: string, heap: number) => ({ ...base.executors[0], id, isDriver: false, totalCores: 2, isActive: true, isExcluded: false, peakMemoryMetrics: { JVMHeapMemory: heap }, activeTasks: 0, completedTasks: 0, failedTasks: 0, killedTasks: 0, totalTasks: 0, totalDurationMs: 0, totalGcTimeMs: 0, totalInputBytes: 0, totalShuffleRead: 0, totalShuffleWrite: 0, memoryBytesSpilled: 0, diskBytesSpilled: 0 });
    const high = evaluateAlerts({ ...base, app: { ...base.app, executorMemoryBytes: 1000 }, executors: [executor('1', 950), executor('2', 100)] });
    assert.deepEqual(high.map((a) => a.id), ['executorMemoryHigh:1']);
    const low = evaluateAlerts({ ...base, app: { ...base.app, executorMemoryBytes: 1000 }, executors: [executor('1', 200)] });
    assert.deepEqual(low.map((a) => a.id), ['executorMemoryLow']);
    const idle = evaluateAlerts({ ...base, overhead: { ...base.overhead, coreCapacityMs: 1_000_000, coreBusyMs: 300_000, idleCoreShare: 0.7 } });
    assert.deepEqual(idle.map((a) => a.id), ['idleCores']);
  });
});

describe('call sites and Spark settings', () => {
  it('parses PySpark and Scala call sites', () => {
    assert.deepEqual(parseCallSite('collect at /app/job.py:42'), { operation: 'collect', file: '/app/job.py', line: 42 });
    assert.deepEqual(parseCallSite('count at <console>:17'), { operation: 'count', file: '<console>', line: 17 });
    assert.deepEqual(parseCallSite('treeAggregate at RandomForest.scala:1075'), { operation: 'treeAggregate', file: 'RandomForest.scala', line: 1075 });
    assert.deepEqual(parseCallSite('Delta: Compute snapshot'), { operation: 'Delta: Compute snapshot' });
  });

  it("reads Spark's memory strings and local master cores", () => {
    assert.equal(parseJvmMemory('4g'), 4 * 1024 ** 3);
    assert.equal(parseJvmMemory('512m'), 512 * 1024 ** 2);
    assert.equal(parseJvmMemory('2048'), 2048 * 1024 ** 2);
    assert.equal(parseJvmMemory('1.5g'), 1.5 * 1024 ** 3);
    assert.equal(parseJvmMemory('lots'), undefined);
    assert.equal(localMasterCores('local'), 1);
    assert.equal(localMasterCores('local[4]'), 4);
    assert.equal(localMasterCores('local[*]'), undefined);
    assert.equal(localMasterCores('yarn'), undefined);
  });
});

describe('docs/alerts.md', () => {
  it('documents every threshold with its default', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const docs = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'alerts.md'), 'utf8');
    for (const [name, value] of Object.entries(defaultAlertThresholds)) {
      assert.match(docs, new RegExp('`' + name + '` = ' + String(value).replace('.', '\\.') + '\\b'), `${name} = ${value}`);
    }
  });
});
