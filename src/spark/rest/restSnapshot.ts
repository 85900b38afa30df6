// Turns REST answers (live driver or History Server) into the same snapshot the event-log reader
// builds. REST has no per-task times unless asked stage by stage, so the load timeline and the
// task-time part of the overhead are approximations, flagged `approximate` in the snapshot.
import { evaluateAlerts, type AlertThresholds } from '../model/alerts';
import { emptyStageMetrics } from '../model/AppModelBuilder';
import { callSiteCosts, parseCallSite } from '../model/callSite';
import { computeOverhead } from '../model/overhead';
import { LoadAccumulator } from '../model/LoadAccumulator';
import { parseJvmMemory } from '../model/sparkConf';
import {
  DISTRIBUTION_QUANTILES,
  SNAPSHOT_SCHEMA_VERSION,
  type AppInfo,
  type AppSnapshot,
  type AppTotals,
  type Distribution,
  type ExecutorInfo,
  type JobInfo,
  type ReadWarning,
  type StageDetail,
  type StageDistributions,
  type StageInfo,
} from '../model/types';
import type { AppRef, SparkRestClient } from './SparkRestClient';
import { SparkRestError } from './errors';
import { parseSparkDate, type RestApplication, type RestEnvironment, type RestExecutor, type RestJob, type RestStage, type RestTaskMetricDistributions } from './restTypes';

/** Quantiles asked with `withSummaries`: the snapshot's plus 0 and 1 for min and max. */
export const REST_SUMMARY_QUANTILES = [0, ...DISTRIBUTION_QUANTILES, 1];

export interface RestAnswers {
  application: RestApplication;
  attemptId?: string;
  jobs: RestJob[];
  stages: RestStage[];
  executors: RestExecutor[];
  environment?: RestEnvironment;
  /** Endpoints that failed but left the rest usable (e.g. environment behind a proxy rule). */
  warnings?: ReadWarning[];
}

/** Fetches everything the snapshot needs. The app defaults to the only one a live driver serves. */
export async function fetchRestAnswers(client: SparkRestClient, app: AppRef | undefined, signal?: AbortSignal): Promise<RestAnswers> {
  let ref = app;
  let application: RestApplication;
  if (ref) {
    application = await client.application(ref.appId, signal);
  } else {
    const applications = await client.applications({}, signal);
    if (applications.length === 0) throw new SparkRestError('notFound', `${client.apiBase} lists no applications.`, `${client.apiBase}/applications`);
    if (applications.length > 1) {
      const ids = applications.slice(0, 10).map((a) => a.id).join(', ');
      throw new Error(`${client.apiBase} serves ${applications.length} applications (${ids}${applications.length > 10 ? ', ...' : ''}); name one, e.g. ${client.apiBase}/applications/${applications[0].id}.`);
    }
    application = applications[0];
    ref = { appId: application.id };
  }
  // Spark lists attempts newest first; YARN/History Server paths need the attempt id when there is one.
  if (ref.attemptId === undefined && application.attempts?.[0]?.attemptId !== undefined) ref = { ...ref, attemptId: application.attempts[0].attemptId };
  const [jobs, stages, executors] = await Promise.all([
    client.jobs(ref, {}, signal),
    client.stages(ref, { details: false, withSummaries: true, quantiles: REST_SUMMARY_QUANTILES }, signal),
    client.allExecutors(ref, signal),
  ]);
  const warnings: ReadWarning[] = [];
  let environment: RestEnvironment | undefined;
  try {
    environment = await client.environment(ref, signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    warnings.push({ kind: 'restError', message: `The environment could not be read (${(error as Error).message}); memory alerts need spark.executor.memory.`, count: 1 });
  }
  return { application, attemptId: ref.attemptId, jobs, stages, executors, environment, warnings };
}

export function snapshotFromRest(answers: RestAnswers, location: string, options: { thresholds?: AlertThresholds; now?: number } = {}): AppSnapshot {
  const attempt = answers.application.attempts?.find((a) => a.attemptId === answers.attemptId) ?? answers.application.attempts?.[0];
  const properties = Object.fromEntries((answers.environment?.sparkProperties ?? []).map(([key, value]) => [key, String(value)]));
  const completed = attempt?.completed === true;
  const app: AppInfo = { id: answers.application.id, name: answers.application.name, status: attempt ? (completed ? 'COMPLETED' : 'RUNNING') : 'UNKNOWN' };
  if (answers.attemptId !== undefined) app.attemptId = answers.attemptId;
  if (attempt?.sparkUser) app.user = attempt.sparkUser;
  if (attempt?.appSparkVersion) app.sparkVersion = attempt.appSparkVersion;
  if (properties['spark.master']) app.master = properties['spark.master'];
  const executorMemory = parseJvmMemory(properties['spark.executor.memory']);
  if (executorMemory !== undefined) app.executorMemoryBytes = executorMemory;
  const start = positive(attempt?.startTimeEpoch) ?? parseSparkDate(attempt?.startTime);
  const end = completed ? (positive(attempt?.endTimeEpoch) ?? parseSparkDate(attempt?.endTime)) : undefined;
  if (start !== undefined) app.startTime = start;
  if (end !== undefined) app.endTime = end;
  const endTime = end ?? options.now ?? Date.now();
  if (start !== undefined) app.durationMs = endTime - start;

  const jobs = answers.jobs.map(jobFromRest).sort((a, b) => a.jobId - b.jobId);
  const jobIdsByStage = new Map<number, number[]>();
  for (const job of jobs) for (const stageId of job.stageIds) jobIdsByStage.set(stageId, [...(jobIdsByStage.get(stageId) ?? []), job.jobId]);
  const stages = answers.stages.map((stage) => stageFromRest(stage, jobIdsByStage.get(stage.stageId) ?? stage.jobIds ?? [])).sort((a, b) => a.stageId - b.stageId || a.attemptId - b.attemptId);
  const executors = answers.executors.map(executorFromRest);

  const load = new LoadAccumulator();
  if (start !== undefined) load.setOrigin(start);
  for (const stage of stages) {
    const from = stage.firstTaskLaunchedTime ?? stage.submissionTime;
    const to = stage.completionTime ?? (stage.status === 'ACTIVE' ? endTime : undefined);
    const busy = stage.metrics.executorRunTime + stage.metrics.executorDeserializeTime + stage.metrics.resultSerializationTime;
    if (from !== undefined && to !== undefined && to > from && busy > 0) load.addBusy(undefined, from, to, busy / (to - from));
  }
  const timeline = { ...load.toTimeline(executors.map((e) => ({ id: e.id, cores: e.totalCores, addTime: e.addTime, removeTime: e.removeTime })), endTime), approximate: true };

  const totals = totalsFromStages(jobs, stages);
  const overhead = overheadFromStages(app, jobs, stages, executors, endTime, totals);
  const withoutAlerts: Omit<AppSnapshot, 'alerts'> = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    source: { kind: 'rest', location },
    app, jobs, stages, executors, load: timeline, overhead, totals,
    callSites: [],
    warnings: answers.warnings ?? [],
    sparkProperties: properties,
  };
  const alerts = evaluateAlerts(withoutAlerts, options.thresholds);
  withoutAlerts.callSites = callSiteCosts(stages, alerts, overhead.taskTimeMs);
  return { ...withoutAlerts, alerts };
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}

function jobFromRest(job: RestJob): JobInfo {
  const status = job.status === 'RUNNING' || job.status === 'SUCCEEDED' || job.status === 'FAILED' ? job.status : 'UNKNOWN';
  const info: JobInfo = {
    jobId: job.jobId, name: job.name, status, stageIds: [...(job.stageIds ?? [])], numTasks: job.numTasks, numActiveTasks: job.numActiveTasks,
    numCompletedTasks: job.numCompletedTasks, numSkippedTasks: job.numSkippedTasks, numFailedTasks: job.numFailedTasks, numKilledTasks: job.numKilledTasks,
    numActiveStages: job.numActiveStages, numCompletedStages: job.numCompletedStages, numSkippedStages: job.numSkippedStages, numFailedStages: job.numFailedStages,
  };
  if (job.description !== undefined) info.description = job.description;
  if (job.jobGroup !== undefined) info.jobGroup = job.jobGroup;
  const submission = parseSparkDate(job.submissionTime);
  const completion = parseSparkDate(job.completionTime);
  if (submission !== undefined) info.submissionTime = submission;
  if (completion !== undefined) info.completionTime = completion;
  if (submission !== undefined && completion !== undefined) info.durationMs = completion - submission;
  return info;
}

function stageFromRest(stage: RestStage, jobIds: number[]): StageInfo {
  const status = (['ACTIVE', 'COMPLETE', 'FAILED', 'PENDING', 'SKIPPED'] as const).find((s) => s === stage.status) ?? 'PENDING';
  const metrics = emptyStageMetrics();
  metrics.executorRunTime = stage.executorRunTime ?? 0;
  metrics.executorCpuTime = stage.executorCpuTime ?? 0;
  metrics.executorDeserializeTime = stage.executorDeserializeTime ?? 0;
  metrics.resultSerializationTime = stage.resultSerializationTime ?? 0;
  metrics.jvmGcTime = stage.jvmGcTime ?? 0;
  metrics.resultSize = stage.resultSize ?? 0;
  metrics.peakExecutionMemory = stage.peakExecutionMemory ?? 0;
  metrics.memoryBytesSpilled = stage.memoryBytesSpilled ?? 0;
  metrics.diskBytesSpilled = stage.diskBytesSpilled ?? 0;
  metrics.inputBytes = stage.inputBytes ?? 0;
  metrics.inputRecords = stage.inputRecords ?? 0;
  metrics.outputBytes = stage.outputBytes ?? 0;
  metrics.outputRecords = stage.outputRecords ?? 0;
  metrics.shuffleReadBytes = stage.shuffleReadBytes ?? 0;
  metrics.shuffleReadRecords = stage.shuffleReadRecords ?? 0;
  metrics.shuffleRemoteBytesRead = stage.shuffleRemoteBytesRead ?? 0;
  metrics.shuffleLocalBytesRead = stage.shuffleLocalBytesRead ?? 0;
  metrics.shuffleFetchWaitTime = stage.shuffleFetchWaitTime ?? 0;
  metrics.shuffleWriteBytes = stage.shuffleWriteBytes ?? 0;
  metrics.shuffleWriteRecords = stage.shuffleWriteRecords ?? 0;
  metrics.shuffleWriteTime = stage.shuffleWriteTime ?? 0;
  const distributions = distributionsFromRest(stage.taskMetricsDistributions, stage.numCompleteTasks + stage.numFailedTasks + stage.numKilledTasks);
  const duration = distributions.durationMs;
  // Without per-task times, the sum of task durations is taken from the duration distribution's mean when there is one.
  metrics.taskDurationMs = duration ? duration.sum : metrics.executorRunTime + metrics.executorDeserializeTime + metrics.resultSerializationTime;
  const info: StageInfo = {
    stageId: stage.stageId, attemptId: stage.attemptId, name: stage.name ?? '', callSite: parseCallSite(stage.name ?? ''), status, jobIds: [...jobIds],
    numTasks: stage.numTasks, numActiveTasks: stage.numActiveTasks, numCompleteTasks: stage.numCompleteTasks, numFailedTasks: stage.numFailedTasks,
    numKilledTasks: stage.numKilledTasks, numSpeculativeTasks: 0, metrics, distributions,
  };
  if (stage.details) info.details = stage.details;
  if (stage.failureReason !== undefined) info.failureReason = stage.failureReason;
  const submission = parseSparkDate(stage.submissionTime);
  const firstTask = parseSparkDate(stage.firstTaskLaunchedTime);
  const completion = parseSparkDate(stage.completionTime);
  if (submission !== undefined) info.submissionTime = submission;
  if (firstTask !== undefined) info.firstTaskLaunchedTime = firstTask;
  if (completion !== undefined) info.completionTime = completion;
  if (submission !== undefined && completion !== undefined) info.durationMs = completion - submission;
  return info;
}

/** Distributions from `taskMetricsDistributions`; exact min/max only when quantiles 0 and 1 were asked. */
export function distributionsFromRest(summary: RestTaskMetricDistributions | undefined, count: number): StageDistributions {
  if (!summary || !Array.isArray(summary.quantiles) || count <= 0) return {};
  const make = (values: number[] | undefined): Distribution | undefined => {
    if (!Array.isArray(values) || values.length !== summary.quantiles.length) return undefined;
    const at = (q: number): number | undefined => {
      const index = summary.quantiles.findIndex((x) => Math.abs(x - q) < 1e-9);
      return index >= 0 ? values[index] : undefined;
    };
    const quantiles = DISTRIBUTION_QUANTILES.map((q) => ({ q, value: at(q) })).filter((p): p is { q: number; value: number } => p.value !== undefined);
    const min = at(0) ?? Math.min(...values);
    const max = at(1) ?? Math.max(...values);
    // The mean is estimated from the quantiles (trapezoid over the known points).
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    return { count, sum: mean * count, min, max, mean, quantiles };
  };
  const out: StageDistributions = {};
  const set = <K extends keyof StageDistributions>(key: K, values: number[] | undefined): void => {
    const distribution = make(values);
    if (distribution) out[key] = distribution;
  };
  set('durationMs', summary.duration);
  set('executorRunTime', summary.executorRunTime);
  set('jvmGcTime', summary.jvmGcTime);
  set('schedulerDelay', summary.schedulerDelay);
  set('inputBytes', summary.inputMetrics?.bytesRead);
  set('shuffleReadBytes', summary.shuffleReadMetrics?.readBytes);
  set('shuffleWriteBytes', summary.shuffleWriteMetrics?.writeBytes);
  set('spillBytes', summary.diskBytesSpilled);
  return out;
}

function executorFromRest(executor: RestExecutor): ExecutorInfo {
  const info: ExecutorInfo = {
    id: executor.id, isDriver: executor.id === 'driver', totalCores: executor.totalCores ?? 0, isActive: executor.isActive,
    isExcluded: executor.isExcluded ?? executor.isBlacklisted ?? false, peakMemoryMetrics: { ...(executor.peakMemoryMetrics ?? {}) },
    activeTasks: executor.activeTasks ?? 0, completedTasks: executor.completedTasks ?? 0, failedTasks: executor.failedTasks ?? 0, killedTasks: 0,
    totalTasks: executor.totalTasks ?? 0, totalDurationMs: executor.totalDuration ?? 0, totalGcTimeMs: executor.totalGCTime ?? 0,
    totalInputBytes: executor.totalInputBytes ?? 0, totalShuffleRead: executor.totalShuffleRead ?? 0, totalShuffleWrite: executor.totalShuffleWrite ?? 0,
    memoryBytesSpilled: 0, diskBytesSpilled: 0,
  };
  const host = executor.hostPort?.replace(/:\d+$/, '');
  if (host) info.host = host;
  const add = parseSparkDate(executor.addTime);
  const remove = parseSparkDate(executor.removeTime);
  if (add !== undefined) info.addTime = add;
  if (remove !== undefined) info.removeTime = remove;
  if (executor.removeReason) info.removeReason = executor.removeReason;
  if (executor.maxMemory) info.maxMemory = executor.maxMemory;
  if (executor.memoryMetrics) {
    info.maxOnHeapMemory = executor.memoryMetrics.totalOnHeapStorageMemory;
    info.maxOffHeapMemory = executor.memoryMetrics.totalOffHeapStorageMemory;
  }
  info.memoryUsed = executor.memoryUsed ?? 0;
  if (executor.executorLogs && Object.keys(executor.executorLogs).length) info.logUrls = { ...executor.executorLogs };
  return info;
}

function totalsFromStages(jobs: JobInfo[], stages: StageInfo[]): AppTotals {
  const totals: AppTotals = {
    jobs: jobs.length, stages: stages.length, tasks: 0, completedTasks: 0, failedTasks: 0, killedTasks: 0, speculativeTasks: 0, executorRunTime: 0,
    jvmGcTime: 0, inputBytes: 0, outputBytes: 0, shuffleReadBytes: 0, shuffleWriteBytes: 0, memoryBytesSpilled: 0, diskBytesSpilled: 0,
  };
  for (const stage of stages) {
    totals.tasks += stage.numCompleteTasks + stage.numFailedTasks + stage.numKilledTasks;
    totals.completedTasks += stage.numCompleteTasks;
    totals.failedTasks += stage.numFailedTasks;
    totals.killedTasks += stage.numKilledTasks;
    totals.executorRunTime += stage.metrics.executorRunTime;
    totals.jvmGcTime += stage.metrics.jvmGcTime;
    totals.inputBytes += stage.metrics.inputBytes;
    totals.outputBytes += stage.metrics.outputBytes;
    totals.shuffleReadBytes += stage.metrics.shuffleReadBytes;
    totals.shuffleWriteBytes += stage.metrics.shuffleWriteBytes;
    totals.memoryBytesSpilled += stage.metrics.memoryBytesSpilled;
    totals.diskBytesSpilled += stage.metrics.diskBytesSpilled;
  }
  return totals;
}

function overheadFromStages(app: AppInfo, jobs: JobInfo[], stages: StageInfo[], executors: ExecutorInfo[], endTime: number, totals: AppTotals) {
  let taskTime = 0;
  let deserialize = 0;
  let resultSerialization = 0;
  let schedulerDelay = 0;
  let firstTask: number | undefined;
  for (const stage of stages) {
    taskTime += stage.metrics.taskDurationMs;
    deserialize += stage.metrics.executorDeserializeTime;
    resultSerialization += stage.metrics.resultSerializationTime;
    schedulerDelay += stage.distributions.schedulerDelay?.sum ?? 0;
    if (stage.firstTaskLaunchedTime !== undefined && (firstTask === undefined || stage.firstTaskLaunchedTime < firstTask)) firstTask = stage.firstTaskLaunchedTime;
  }
  return computeOverhead({
    app, jobs, executors, endTime, firstTaskLaunch: firstTask, approximate: true,
    sums: { taskTimeMs: taskTime, executorRunTimeMs: totals.executorRunTime, schedulerDelayMs: schedulerDelay, deserializeMs: deserialize, resultSerializationMs: resultSerialization, gettingResultMs: 0, gcTimeMs: totals.jvmGcTime },
  });
}

/** A stage attempt's spread over executors from its REST answer (`executorSummary`). */
export function stageDetailFromRest(stage: RestStage): StageDetail {
  const executors = Object.entries(stage.executorSummary ?? {}).map(([executorId, summary]) => ({
    executorId, taskTimeMs: summary.taskTime ?? 0, succeededTasks: summary.succeededTasks ?? 0, failedTasks: summary.failedTasks ?? 0, killedTasks: summary.killedTasks ?? 0,
    inputBytes: summary.inputBytes ?? 0, shuffleReadBytes: summary.shuffleRead ?? 0, shuffleWriteBytes: summary.shuffleWrite ?? 0,
    memoryBytesSpilled: summary.memoryBytesSpilled ?? 0, diskBytesSpilled: summary.diskBytesSpilled ?? 0,
  }));
  executors.sort((a, b) => b.taskTimeMs - a.taskTimeMs);
  return { stageId: stage.stageId, attemptId: stage.attemptId, executors };
}
