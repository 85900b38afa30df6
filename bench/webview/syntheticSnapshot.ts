// A large application's snapshot for the first-paint benchmark: the shape the model gives for a run
// of `stages` stages, `executors` executors and `tasks` tasks (the webview never sees tasks, only
// their sums and distributions). Deterministic, so runs compare.
import { DISTRIBUTION_QUANTILES, SNAPSHOT_SCHEMA_VERSION, type AppSnapshot, type Distribution, type StageInfo } from '../../src/spark/model/types';
import { emptyStageMetrics } from '../../src/spark/model/AppModelBuilder';

function distribution(median: number, max: number, count: number): Distribution {
  return {
    count,
    sum: median * count,
    min: median / 4,
    max,
    mean: median,
    quantiles: DISTRIBUTION_QUANTILES.map((q) => ({ q, value: q < 0.5 ? median * (0.5 + q) : median * (1 + (q - 0.5) * 4) })),
  };
}

export function syntheticSnapshot(stages: number, executors: number, tasks: number): AppSnapshot {
  const start = Date.UTC(2026, 10, 1, 9);
  const tasksPerStage = Math.max(1, Math.floor(tasks / stages));
  const stageList: StageInfo[] = [];
  let clock = start + 60_000;
  for (let id = 0; id < stages; id++) {
    const duration = 2_000 + ((id * 7919) % 30_000);
    const metrics = { ...emptyStageMetrics(), taskDurationMs: duration * tasksPerStage, executorRunTime: duration * tasksPerStage * 0.9, jvmGcTime: duration * 3, inputBytes: 64 * 1024 * 1024 * tasksPerStage, shuffleWriteBytes: 1024 * 1024 * tasksPerStage };
    stageList.push({
      stageId: id,
      attemptId: 0,
      name: `collect at /app/job.py:${10 + (id % 80)}`,
      callSite: { operation: 'collect', file: '/app/job.py', line: 10 + (id % 80) },
      status: 'COMPLETE',
      jobIds: [Math.floor(id / 4)],
      numTasks: tasksPerStage,
      numActiveTasks: 0,
      numCompleteTasks: tasksPerStage,
      numFailedTasks: 0,
      numKilledTasks: 0,
      numSpeculativeTasks: 0,
      submissionTime: clock,
      firstTaskLaunchedTime: clock + 50,
      completionTime: clock + duration,
      durationMs: duration,
      metrics,
      distributions: { durationMs: distribution(duration / 4, duration, tasksPerStage), inputBytes: distribution(64 * 1024 * 1024, 200 * 1024 * 1024, tasksPerStage) },
    });
    clock += duration / 3;
  }
  const end = clock + 30_000;
  const buckets = 240;
  const bucketMs = Math.ceil((end - start) / buckets);
  const executorList = Array.from({ length: executors }, (_, i) => ({
    id: String(i + 1),
    host: `10.0.${Math.floor(i / 250)}.${i % 250}`,
    isDriver: false,
    totalCores: 4,
    addTime: start + 20_000 + i * 10,
    isActive: true,
    isExcluded: false,
    maxMemory: 2 * 1024 ** 3,
    peakMemoryMetrics: { JVMHeapMemory: 1.5 * 1024 ** 3 },
    activeTasks: 0,
    completedTasks: Math.floor(tasks / executors),
    failedTasks: 0,
    killedTasks: 0,
    totalTasks: Math.floor(tasks / executors),
    totalDurationMs: 1_000_000,
    totalGcTimeMs: 20_000,
    totalInputBytes: 1024 ** 3,
    totalShuffleRead: 0,
    totalShuffleWrite: 1024 ** 2,
    memoryBytesSpilled: 0,
    diskBytesSpilled: 0,
  }));
  const series = (i: number) => Array.from({ length: buckets }, (_, b) => ((b * 31 + i * 17) % 5) * 0.8);
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    source: { kind: 'eventLog', location: 'synthetic' },
    app: { id: 'app-bench', name: 'Large training run', status: 'COMPLETED', startTime: start, endTime: end, durationMs: end - start, sparkVersion: '3.5.1' },
    jobs: Array.from({ length: Math.ceil(stages / 4) }, (_, j) => ({
      jobId: j,
      description: `fit at /app/job.py:${40 + (j % 30)}`,
      status: 'SUCCEEDED' as const,
      stageIds: [j * 4, j * 4 + 1, j * 4 + 2, j * 4 + 3].filter((s) => s < stages),
      numTasks: tasksPerStage * 4,
      numActiveTasks: 0,
      numCompletedTasks: tasksPerStage * 4,
      numSkippedTasks: 0,
      numFailedTasks: 0,
      numKilledTasks: 0,
      numActiveStages: 0,
      numCompletedStages: 4,
      numSkippedStages: 0,
      numFailedStages: 0,
    })),
    stages: stageList,
    executors: executorList,
    load: {
      startTime: start,
      bucketMs,
      runningTasks: series(0).map((v) => v * executors),
      cores: Array.from({ length: buckets }, () => executors * 4),
      executors: executorList.map((e, i) => ({ executorId: e.id, runningTasks: series(i), cores: Array.from({ length: buckets }, () => 4) })),
    },
    overhead: { appDurationMs: end - start, startupMs: 50_000, executorAllocationWaitMs: 30_000, driverOnlyMs: 90_000, taskTimeMs: 1e9, executorRunTimeMs: 9e8, schedulerDelayMs: 1e7, deserializeMs: 1e6, resultSerializationMs: 1e5, gettingResultMs: 0, gcTimeMs: 2e7, coreCapacityMs: 2e9, coreBusyMs: 1e9, idleCoreShare: 0.5 },
    totals: { jobs: Math.ceil(stages / 4), stages, tasks, completedTasks: tasks, failedTasks: 0, killedTasks: 0, speculativeTasks: 0, executorRunTime: 9e8, jvmGcTime: 2e7, inputBytes: 1e12, outputBytes: 0, shuffleReadBytes: 1e10, shuffleWriteBytes: 1e10, memoryBytesSpilled: 0, diskBytesSpilled: 0 },
    callSites: Array.from({ length: 80 }, (_, i) => ({ key: `/app/job.py:${10 + i}`, callSite: { operation: 'collect', file: '/app/job.py', line: 10 + i }, stages: stageList.filter((s) => s.callSite?.line === 10 + i).map((s) => ({ stageId: s.stageId, attemptId: 0 })), stageDurationMs: 100_000, taskTimeMs: 1e9 / 80, shareOfTaskTime: 1 / 80, alertIds: [] })),
    alerts: [],
    warnings: [],
    sparkProperties: {},
  };
}
