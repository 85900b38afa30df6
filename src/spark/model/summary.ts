// The compact summary `sparkml app summary` prints: what a script needs (application, jobs,
// stages with status/task counts/key metric sums, executors, alerts), without the time series.
import type { Alert, AppInfo, AppSnapshot, OverheadBreakdown, ReadWarning, SourceInfo } from './types';

export interface AppSummary {
  source: Pick<SourceInfo, 'kind' | 'location' | 'inProgress'>;
  application: AppInfo;
  overhead: OverheadBreakdown;
  jobs: Array<{ jobId: number; name?: string; status: string; durationMs?: number; stageIds: number[]; numTasks: number; numCompletedTasks: number; numFailedTasks: number; numKilledTasks: number; numSkippedTasks: number }>;
  stages: Array<{
    stageId: number; attemptId: number; name: string; status: string; durationMs?: number; numTasks: number; numCompleteTasks: number; numFailedTasks: number; numKilledTasks: number;
    executorRunTime: number; jvmGcTime: number; inputBytes: number; outputBytes: number; shuffleReadBytes: number; shuffleWriteBytes: number; memoryBytesSpilled: number; diskBytesSpilled: number;
    medianTaskMs?: number; maxTaskMs?: number;
  }>;
  executors: Array<{ id: string; host?: string; totalCores: number; isActive: boolean; addTime?: number; removeTime?: number; removeReason?: string; completedTasks: number; failedTasks: number; totalDurationMs: number; totalGcTimeMs: number; totalInputBytes: number; totalShuffleRead: number; totalShuffleWrite: number; maxMemory?: number; peakJvmHeapMemory?: number }>;
  alerts: Alert[];
  warnings: ReadWarning[];
}

export function summarize(snapshot: AppSnapshot): AppSummary {
  return {
    source: { kind: snapshot.source.kind, location: snapshot.source.location, ...(snapshot.source.inProgress !== undefined ? { inProgress: snapshot.source.inProgress } : {}) },
    application: snapshot.app,
    overhead: snapshot.overhead,
    jobs: snapshot.jobs.map((job) => ({
      jobId: job.jobId, name: job.name, status: job.status, durationMs: job.durationMs, stageIds: job.stageIds, numTasks: job.numTasks,
      numCompletedTasks: job.numCompletedTasks, numFailedTasks: job.numFailedTasks, numKilledTasks: job.numKilledTasks, numSkippedTasks: job.numSkippedTasks,
    })),
    stages: snapshot.stages.map((stage) => ({
      stageId: stage.stageId, attemptId: stage.attemptId, name: stage.name, status: stage.status, durationMs: stage.durationMs, numTasks: stage.numTasks,
      numCompleteTasks: stage.numCompleteTasks, numFailedTasks: stage.numFailedTasks, numKilledTasks: stage.numKilledTasks,
      executorRunTime: stage.metrics.executorRunTime, jvmGcTime: stage.metrics.jvmGcTime, inputBytes: stage.metrics.inputBytes, outputBytes: stage.metrics.outputBytes,
      shuffleReadBytes: stage.metrics.shuffleReadBytes, shuffleWriteBytes: stage.metrics.shuffleWriteBytes, memoryBytesSpilled: stage.metrics.memoryBytesSpilled,
      diskBytesSpilled: stage.metrics.diskBytesSpilled, medianTaskMs: stage.distributions.durationMs?.quantiles.find((p) => p.q === 0.5)?.value, maxTaskMs: stage.distributions.durationMs?.max,
    })),
    executors: snapshot.executors.map((executor) => ({
      id: executor.id, host: executor.host, totalCores: executor.totalCores, isActive: executor.isActive, addTime: executor.addTime, removeTime: executor.removeTime,
      removeReason: executor.removeReason, completedTasks: executor.completedTasks, failedTasks: executor.failedTasks, totalDurationMs: executor.totalDurationMs,
      totalGcTimeMs: executor.totalGcTimeMs, totalInputBytes: executor.totalInputBytes, totalShuffleRead: executor.totalShuffleRead, totalShuffleWrite: executor.totalShuffleWrite,
      maxMemory: executor.maxMemory, peakJvmHeapMemory: executor.peakMemoryMetrics.JVMHeapMemory,
    })),
    alerts: snapshot.alerts,
    warnings: snapshot.warnings,
  };
}
