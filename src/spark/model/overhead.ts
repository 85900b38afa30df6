// The "Spark tax" of a run: start-up, waiting for executors, driver-only time, and how task time
// splits into useful run time and overhead. Shared by the event-log and REST paths.
import { jobTimeUnion } from './jobTimeUnion';
import type { AppInfo, ExecutorInfo, JobInfo, OverheadBreakdown } from './types';

/** The task-time sums the breakdown reports as they are. */
export type TaskTimeSums = Pick<
  OverheadBreakdown,
  'taskTimeMs' | 'executorRunTimeMs' | 'schedulerDelayMs' | 'deserializeMs' | 'resultSerializationMs' | 'gettingResultMs' | 'gcTimeMs'
>;

export interface OverheadInput {
  app: AppInfo;
  jobs: JobInfo[];
  executors: ExecutorInfo[];
  /** End of the run, or of what is known of it. */
  endTime: number | undefined;
  firstTaskLaunch: number | undefined;
  sums: TaskTimeSums;
  /** REST answers have no per-task times. */
  approximate?: boolean;
}

export function computeOverhead({ app, jobs, executors, endTime, firstTaskLaunch, sums, approximate }: OverheadInput): OverheadBreakdown {
  const start = app.startTime;
  let capacity = 0;
  let busy = 0;
  let firstExecutor: number | undefined;
  for (const executor of executors) {
    if (!executor.isDriver && executor.addTime !== undefined && (firstExecutor === undefined || executor.addTime < firstExecutor)) firstExecutor = executor.addTime;
    // Core capacity counts executors that can run tasks, over their lifetime within the run.
    if (executor.totalCores <= 0 || endTime === undefined) continue;
    const from = Math.max(executor.addTime ?? start ?? endTime, start ?? -Infinity);
    const to = Math.min(executor.removeTime ?? endTime, endTime);
    if (to > from) capacity += executor.totalCores * (to - from);
    busy += executor.totalDurationMs;
  }
  const out: OverheadBreakdown = { ...sums, coreCapacityMs: capacity, coreBusyMs: busy };
  if (approximate) out.approximate = true;
  if (capacity > 0) out.idleCoreShare = Math.min(1, Math.max(0, 1 - busy / capacity));
  if (start !== undefined && endTime !== undefined) {
    out.appDurationMs = endTime - start;
    out.driverOnlyMs = Math.max(0, endTime - start - jobTimeUnion(jobs, start, endTime));
  }
  if (start !== undefined && firstExecutor !== undefined) out.submitToFirstExecutorMs = Math.max(0, firstExecutor - start);
  if (start !== undefined && firstTaskLaunch !== undefined) out.startupMs = Math.max(0, firstTaskLaunch - start);
  let firstJob: number | undefined;
  for (const job of jobs) if (job.submissionTime !== undefined && (firstJob === undefined || job.submissionTime < firstJob)) firstJob = job.submissionTime;
  if (firstJob !== undefined && firstTaskLaunch !== undefined) out.executorAllocationWaitMs = Math.max(0, firstTaskLaunch - firstJob);
  return out;
}
