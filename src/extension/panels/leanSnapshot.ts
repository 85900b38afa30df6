// What the Spark application panel receives up front: the snapshot without per-stage task
// distributions and per-executor load series, which together are most of a large application's
// snapshot (7 MB of 2,000 stages / 500 executors shrinks to about 2.4 MB). The page asks for them
// when it shows a stage or an executor.
import type { AppSnapshot, ExecutorLoadSeries, StageDistributions, StageKey } from '../../spark/model/types';

export function leanSnapshot(snapshot: AppSnapshot): AppSnapshot {
  return {
    ...snapshot,
    stages: snapshot.stages.map((stage) => ({ ...stage, distributions: {} })),
    load: { ...snapshot.load, executors: [] },
  };
}

export function stageDistributions(snapshot: AppSnapshot | undefined, key: StageKey): StageDistributions | undefined {
  return snapshot?.stages.find((s) => s.stageId === key.stageId && s.attemptId === key.attemptId)?.distributions;
}

export function executorLoad(snapshot: AppSnapshot | undefined, executorId: string): ExecutorLoadSeries | undefined {
  return snapshot?.load.executors.find((series) => series.executorId === executorId);
}
