// Builds the application model from Spark listener events, one event at a time, the way Spark's
// AppStatusListener builds the History Server's store. Memory grows with jobs, stages and
// executors, never with tasks: per-task values go into sums, sketches and time buckets.
import { evaluateAlerts, type AlertThresholds } from './alerts';
import { callSiteCosts, parseCallSite } from './callSite';
import { computeOverhead } from './overhead';
import { LoadAccumulator } from './LoadAccumulator';
import { MetricSketch } from './MetricSketch';
import { ReadWarnings } from './ReadWarnings';
import { localMasterCores, parseJvmMemory } from './sparkConf';
import {
  SNAPSHOT_SCHEMA_VERSION,
  type AppInfo,
  type AppSnapshot,
  type AppTotals,
  type ExecutorInfo,
  type JobInfo,
  type ReadWarning,
  type SourceInfo,
  type StageDetail,
  type StageExecutorSummary,
  type StageInfo,
  type StageMetrics,
} from './types';

// Events are parsed JSON: read fields defensively, a missing or odd field is never a crash.
type Json = Record<string, unknown>;

// Per executor of a stage, one small array instead of an object (fields at these indexes).
const SE_TASK_TIME = 0, SE_SUCCEEDED = 1, SE_FAILED = 2, SE_KILLED = 3, SE_INPUT = 4, SE_SHUFFLE_READ = 5, SE_SHUFFLE_WRITE = 6, SE_MEMORY_SPILL = 7, SE_DISK_SPILL = 8;
const SE_FIELDS = 9;

interface StageState {
  info: Omit<StageInfo, 'distributions'>;
  byExecutor: Map<string, Float64Array>;
  duration: MetricSketch;
  runTime: MetricSketch;
  gcTime: MetricSketch;
  schedulerDelay: MetricSketch;
  inputBytes: MetricSketch;
  shuffleRead: MetricSketch;
  shuffleWrite: MetricSketch;
  spill: MetricSketch;
}

interface JobState {
  info: JobInfo;
  completedStages: Set<number>;
}

interface ExecutorState {
  info: ExecutorInfo;
  maxConcurrentTasks: number;
}

const DRIVER_IDS = new Set(['driver', '<driver>']);

export function emptyStageMetrics(): StageMetrics {
  return {
    taskDurationMs: 0, executorRunTime: 0, executorCpuTime: 0, executorDeserializeTime: 0, resultSerializationTime: 0,
    gettingResultTime: 0, schedulerDelay: 0, jvmGcTime: 0, resultSize: 0, peakExecutionMemory: 0, memoryBytesSpilled: 0,
    diskBytesSpilled: 0, inputBytes: 0, inputRecords: 0, outputBytes: 0, outputRecords: 0, shuffleReadBytes: 0,
    shuffleReadRecords: 0, shuffleRemoteBytesRead: 0, shuffleLocalBytesRead: 0, shuffleFetchWaitTime: 0,
    shuffleWriteBytes: 0, shuffleWriteRecords: 0, shuffleWriteTime: 0,
  };
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function optNum(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null ? (value as Json) : undefined;
}

/** `org.apache.spark.scheduler.SparkListenerExecutorBlacklisted` -> `SparkListenerExecutorExcluded`. */
export function shortEventName(name: string): string {
  // Every line of a log asks this: a log has a few dozen distinct names, so the answers are cached.
  let short = shortNames.get(name);
  if (short === undefined) {
    const dot = name.lastIndexOf('.');
    short = dot >= 0 ? name.slice(dot + 1) : name;
    if (short.includes('lacklisted')) short = short.replace('Unblacklisted', 'Unexcluded').replace('Blacklisted', 'Excluded');
    if (shortNames.size < 10_000) shortNames.set(name, short);
  }
  return short;
}

const shortNames = new Map<string, string>();

export class AppModelBuilder {
  readonly warnings = new ReadWarnings();
  private readonly app: AppInfo = { status: 'UNKNOWN' };
  private readonly jobs = new Map<number, JobState>();
  private readonly stages = new Map<number, StageState>();
  private readonly stageJobIds = new Map<number, number[]>();
  private readonly executors = new Map<string, ExecutorState>();
  private readonly runningTasks = new Map<number, { executorId: string; launchTime: number }>();
  private readonly load = new LoadAccumulator();
  private readonly ignored: Record<string, number> = {};
  private sparkProperties: Record<string, string> = {};
  private firstTaskLaunch: number | undefined;
  private lastEventTime: number | undefined;
  private eventCount = 0;
  private readonly totals: AppTotals = {
    jobs: 0, stages: 0, tasks: 0, completedTasks: 0, failedTasks: 0, killedTasks: 0, speculativeTasks: 0, executorRunTime: 0,
    jvmGcTime: 0, inputBytes: 0, outputBytes: 0, shuffleReadBytes: 0, shuffleWriteBytes: 0, memoryBytesSpilled: 0, diskBytesSpilled: 0,
  };
  private readonly taskSums = { duration: 0, schedulerDelay: 0, deserialize: 0, resultSerialization: 0, gettingResult: 0 };

  get eventsSeen(): number {
    return this.eventCount;
  }

  /** True once the log said the application ended (SparkListenerApplicationEnd). */
  get applicationEnded(): boolean {
    return this.app.status === 'COMPLETED';
  }

  /** Counts an event the model does not read (SQL events, block updates, ...) without parsing it. */
  ignore(eventName: string): void {
    this.eventCount++;
    const short = shortEventName(eventName);
    this.ignored[short] = (this.ignored[short] ?? 0) + 1;
  }

  /** True when `eventName` changes the model; the reader parses only those lines. */
  static handles(eventName: string): boolean {
    return HANDLED.has(shortEventName(eventName));
  }

  onEvent(event: Json): void {
    const name = str(event.Event);
    if (name === undefined) {
      this.warnings.add('inconsistentEvent', 'A line without an "Event" field was skipped.');
      return;
    }
    const short = shortEventName(name);
    switch (short) {
      case 'SparkListenerTaskEnd': this.onTaskEnd(event); break;
      case 'SparkListenerTaskStart': this.onTaskStart(event); break;
      case 'SparkListenerStageSubmitted': this.onStageSubmitted(event); break;
      case 'SparkListenerStageCompleted': this.onStageCompleted(event); break;
      case 'SparkListenerJobStart': this.onJobStart(event); break;
      case 'SparkListenerJobEnd': this.onJobEnd(event); break;
      case 'SparkListenerExecutorAdded': this.onExecutorAdded(event); break;
      case 'SparkListenerExecutorRemoved': this.onExecutorRemoved(event); break;
      case 'SparkListenerBlockManagerAdded': this.onBlockManagerAdded(event); break;
      case 'SparkListenerStageExecutorMetrics': this.onExecutorMetrics(str(event['Executor ID']), obj(event['Executor Metrics'])); break;
      case 'SparkListenerExecutorMetricsUpdate': this.onExecutorMetricsUpdate(event); break;
      case 'SparkListenerExecutorExcluded': this.setExcluded(str(event['Executor ID']), true); break;
      case 'SparkListenerExecutorUnexcluded': this.setExcluded(str(event['Executor ID']), false); break;
      case 'SparkListenerNodeExcluded': this.setHostExcluded(str(event.hostId), true); break;
      case 'SparkListenerNodeUnexcluded': this.setHostExcluded(str(event.hostId), false); break;
      case 'SparkListenerApplicationStart': this.onApplicationStart(event); break;
      case 'SparkListenerApplicationEnd': this.onApplicationEnd(event); break;
      case 'SparkListenerLogStart': this.app.sparkVersion = str(event['Spark Version']) ?? this.app.sparkVersion; break;
      case 'SparkListenerEnvironmentUpdate': this.onEnvironmentUpdate(event); break;
      default:
        this.ignore(name);
        return;
    }
    this.eventCount++;
  }

  private touch(time: number | undefined): void {
    if (time !== undefined && time > 0 && (this.lastEventTime === undefined || time > this.lastEventTime)) this.lastEventTime = time;
  }

  private onApplicationStart(event: Json): void {
    this.app.name = str(event['App Name']) ?? this.app.name;
    this.app.id = str(event['App ID']) ?? this.app.id;
    this.app.attemptId = str(event['App Attempt ID']) ?? this.app.attemptId;
    this.app.user = str(event.User) ?? this.app.user;
    this.app.startTime = optNum(event.Timestamp) ?? this.app.startTime;
    this.app.status = 'RUNNING';
    if (this.app.startTime !== undefined) this.load.setOrigin(this.app.startTime);
    this.touch(this.app.startTime);
  }

  private onApplicationEnd(event: Json): void {
    this.app.endTime = optNum(event.Timestamp);
    this.app.status = 'COMPLETED';
    this.touch(this.app.endTime);
  }

  private onEnvironmentUpdate(event: Json): void {
    const properties = obj(event['Spark Properties']);
    if (!properties) return;
    const out: Record<string, string> = {};
    // Spark 1.x-3.x write an object; some writers use [[key, value], ...].
    if (Array.isArray(properties)) {
      for (const pair of properties) if (Array.isArray(pair) && typeof pair[0] === 'string') out[pair[0]] = String(pair[1]);
    } else {
      for (const [key, value] of Object.entries(properties)) out[key] = String(value);
    }
    this.sparkProperties = out;
    this.app.master = out['spark.master'] ?? this.app.master;
    this.app.executorMemoryBytes = parseJvmMemory(out['spark.executor.memory']) ?? this.app.executorMemoryBytes;
  }

  private onJobStart(event: Json): void {
    const jobId = num(event['Job ID']);
    const submissionTime = optNum(event['Submission Time']);
    const stageInfos = Array.isArray(event['Stage Infos']) ? (event['Stage Infos'] as Json[]) : [];
    let numTasks = 0;
    let lastStage: Json | undefined;
    for (const stageInfo of stageInfos) {
      const stage = this.stageFromInfo(stageInfo, 'PENDING');
      if (!stage.info.jobIds.includes(jobId)) stage.info.jobIds.push(jobId);
      const jobIds = this.stageJobIds.get(stage.info.stageId) ?? [];
      if (!jobIds.includes(jobId)) jobIds.push(jobId);
      this.stageJobIds.set(stage.info.stageId, jobIds);
      // As the History Server: a job's task count leaves out stages already computed by earlier jobs.
      if (stageInfo['Completion Time'] === undefined) numTasks += num(stageInfo['Number of Tasks']);
      if (!lastStage || num(stageInfo['Stage ID']) > num(lastStage['Stage ID'])) lastStage = stageInfo;
    }
    const stageIds = Array.isArray(event['Stage IDs']) ? (event['Stage IDs'] as unknown[]).map(num) : stageInfos.map((s) => num(s['Stage ID']));
    const properties = obj(event.Properties);
    const info: JobInfo = {
      jobId, status: 'RUNNING', stageIds, numTasks, numActiveTasks: 0, numCompletedTasks: 0, numSkippedTasks: 0, numFailedTasks: 0,
      numKilledTasks: 0, numActiveStages: 0, numCompletedStages: 0, numSkippedStages: 0, numFailedStages: 0,
    };
    const name = lastStage ? str(lastStage['Stage Name']) : undefined;
    if (name !== undefined) info.name = name;
    if (submissionTime !== undefined) info.submissionTime = submissionTime;
    const description = properties ? str(properties['spark.job.description']) : undefined;
    if (description !== undefined) info.description = description;
    const jobGroup = properties ? str(properties['spark.jobGroup.id']) : undefined;
    if (jobGroup !== undefined) info.jobGroup = jobGroup;
    if (!this.jobs.has(jobId)) this.totals.jobs++;
    this.jobs.set(jobId, { info, completedStages: new Set() });
    this.touch(submissionTime);
  }

  private onJobEnd(event: Json): void {
    const jobId = num(event['Job ID']);
    const job = this.jobs.get(jobId);
    if (!job) {
      this.warnings.add('inconsistentEvent', `Job ${jobId} ended but never started; its end was ignored.`);
      return;
    }
    const result = str(obj(event['Job Result'])?.Result);
    job.info.status = result === 'JobSucceeded' ? 'SUCCEEDED' : result === 'JobFailed' ? 'FAILED' : 'UNKNOWN';
    const completionTime = optNum(event['Completion Time']);
    if (completionTime !== undefined) {
      job.info.completionTime = completionTime;
      if (job.info.submissionTime !== undefined) job.info.durationMs = completionTime - job.info.submissionTime;
    }
    // Stages of the job that never ran were skipped: their output already existed.
    for (const stage of this.stages.values()) {
      if (stage.info.status === 'PENDING' && stage.info.jobIds.includes(jobId)) {
        stage.info.status = 'SKIPPED';
        job.info.numSkippedStages++;
        job.info.numSkippedTasks += stage.info.numTasks;
      }
    }
    this.touch(completionTime);
  }

  // A number, not a string: this runs for every task event.
  private stageKey(stageId: number, attemptId: number): number {
    return stageId * 65_536 + attemptId;
  }

  private stageFromInfo(stageInfo: Json, initialStatus: StageInfo['status']): StageState {
    const stageId = num(stageInfo['Stage ID']);
    const attemptId = num(stageInfo['Stage Attempt ID'] ?? stageInfo['Attempt ID']);
    let stage = this.stages.get(this.stageKey(stageId, attemptId));
    if (!stage) {
      stage = this.createStage(stageId, attemptId, initialStatus);
    }
    const name = str(stageInfo['Stage Name']);
    if (name !== undefined) {
      stage.info.name = name;
      stage.info.callSite = parseCallSite(name);
    }
    const details = str(stageInfo.Details);
    if (details !== undefined && details !== '') stage.info.details = details;
    const numTasks = stageInfo['Number of Tasks'];
    if (typeof numTasks === 'number') stage.info.numTasks = numTasks;
    const submissionTime = optNum(stageInfo['Submission Time']);
    if (submissionTime !== undefined) stage.info.submissionTime = submissionTime;
    return stage;
  }

  private createStage(stageId: number, attemptId: number, status: StageInfo['status']): StageState {
    const stage: StageState = {
      info: {
        stageId, attemptId, name: '', status, jobIds: [...(this.stageJobIds.get(stageId) ?? [])], numTasks: 0, numActiveTasks: 0,
        numCompleteTasks: 0, numFailedTasks: 0, numKilledTasks: 0, numSpeculativeTasks: 0, metrics: emptyStageMetrics(),
      },
      byExecutor: new Map(),
      duration: new MetricSketch(), runTime: new MetricSketch(), gcTime: new MetricSketch(), schedulerDelay: new MetricSketch(),
      inputBytes: new MetricSketch(), shuffleRead: new MetricSketch(), shuffleWrite: new MetricSketch(), spill: new MetricSketch(),
    };
    this.stages.set(this.stageKey(stageId, attemptId), stage);
    this.totals.stages++;
    return stage;
  }

  private stageFor(event: Json): StageState {
    const stageId = num(event['Stage ID']);
    const attemptId = num(event['Stage Attempt ID']);
    const stage = this.stages.get(this.stageKey(stageId, attemptId));
    if (stage) return stage;
    this.warnings.add('inconsistentEvent', `Tasks of stage ${stageId}.${attemptId} came before the stage itself (a log that starts mid-run?); the stage was created from its tasks.`);
    return this.createStage(stageId, attemptId, 'ACTIVE');
  }

  private onStageSubmitted(event: Json): void {
    const stageInfo = obj(event['Stage Info']);
    if (!stageInfo) return;
    const stage = this.stageFromInfo(stageInfo, 'ACTIVE');
    if (stage.info.status === 'PENDING' || stage.info.status === 'SKIPPED') stage.info.status = 'ACTIVE';
    for (const jobId of stage.info.jobIds) {
      const job = this.jobs.get(jobId);
      if (job) job.info.numActiveStages++;
    }
    this.touch(stage.info.submissionTime);
  }

  private onStageCompleted(event: Json): void {
    const stageInfo = obj(event['Stage Info']);
    if (!stageInfo) return;
    const stage = this.stageFromInfo(stageInfo, 'ACTIVE');
    const failureReason = str(stageInfo['Failure Reason']);
    stage.info.status = failureReason !== undefined ? 'FAILED' : 'COMPLETE';
    if (failureReason !== undefined) stage.info.failureReason = failureReason;
    const completionTime = optNum(stageInfo['Completion Time']);
    if (completionTime !== undefined) {
      stage.info.completionTime = completionTime;
      if (stage.info.submissionTime !== undefined) stage.info.durationMs = completionTime - stage.info.submissionTime;
    }
    for (const jobId of stage.info.jobIds) {
      const job = this.jobs.get(jobId);
      if (!job) continue;
      job.info.numActiveStages = Math.max(0, job.info.numActiveStages - 1);
      if (failureReason !== undefined) job.info.numFailedStages++;
      else job.completedStages.add(stage.info.stageId);
      job.info.numCompletedStages = job.completedStages.size;
    }
    this.touch(completionTime);
  }

  private executor(id: string): ExecutorState {
    let executor = this.executors.get(id);
    if (!executor) {
      executor = {
        info: {
          id, isDriver: DRIVER_IDS.has(id), totalCores: 0, isActive: true, isExcluded: false, peakMemoryMetrics: {}, activeTasks: 0,
          completedTasks: 0, failedTasks: 0, killedTasks: 0, totalTasks: 0, totalDurationMs: 0, totalGcTimeMs: 0, totalInputBytes: 0,
          totalShuffleRead: 0, totalShuffleWrite: 0, memoryBytesSpilled: 0, diskBytesSpilled: 0,
        },
        maxConcurrentTasks: 0,
      };
      this.executors.set(id, executor);
    }
    return executor;
  }

  private onExecutorAdded(event: Json): void {
    const id = str(event['Executor ID']);
    if (id === undefined) return;
    const executor = this.executor(id).info;
    const details = obj(event['Executor Info']);
    executor.host = str(details?.Host) ?? executor.host;
    executor.totalCores = num(details?.['Total Cores']);
    executor.addTime = optNum(event.Timestamp) ?? executor.addTime;
    executor.isActive = true;
    const logs = obj(details?.['Log Urls']);
    if (logs) executor.logUrls = Object.fromEntries(Object.entries(logs).map(([key, value]) => [key, String(value)]));
    this.touch(executor.addTime);
  }

  private onExecutorRemoved(event: Json): void {
    const id = str(event['Executor ID']);
    if (id === undefined) return;
    const executor = this.executor(id).info;
    executor.removeTime = optNum(event.Timestamp);
    executor.removeReason = str(event['Removed Reason']);
    executor.isActive = false;
    this.touch(executor.removeTime);
  }

  private onBlockManagerAdded(event: Json): void {
    const id = str(obj(event['Block Manager ID'])?.['Executor ID']);
    if (id === undefined) return;
    const executor = this.executor(id).info;
    executor.host ??= str(obj(event['Block Manager ID'])?.Host);
    const time = optNum(event.Timestamp);
    executor.addTime ??= time;
    executor.maxMemory = optNum(event['Maximum Memory']) ?? executor.maxMemory;
    executor.maxOnHeapMemory = optNum(event['Maximum Onheap Memory']) ?? executor.maxOnHeapMemory;
    executor.maxOffHeapMemory = optNum(event['Maximum Offheap Memory']) ?? executor.maxOffHeapMemory;
    this.touch(time);
  }

  private onExecutorMetricsUpdate(event: Json): void {
    const id = str(event['Executor ID']);
    const updates = obj(event['Executor Metrics Updated']);
    if (updates) for (const metrics of Object.values(updates)) this.onExecutorMetrics(id, obj(metrics));
  }

  private onExecutorMetrics(id: string | undefined, metrics: Json | undefined): void {
    if (id === undefined || !metrics) return;
    const peaks = this.executor(id).info.peakMemoryMetrics;
    for (const key in metrics) {
      const value = metrics[key];
      if (typeof value === 'number' && !(peaks[key] >= value)) peaks[key] = value;
    }
  }

  private setExcluded(id: string | undefined, excluded: boolean): void {
    if (id !== undefined) this.executor(id).info.isExcluded = excluded;
  }

  private setHostExcluded(host: string | undefined, excluded: boolean): void {
    if (host === undefined) return;
    // As Spark: excluding a node excludes its executors, never the driver.
    for (const executor of this.executors.values()) if (executor.info.host === host && !executor.info.isDriver) executor.info.isExcluded = excluded;
  }

  private onTaskStart(event: Json): void {
    const taskInfo = obj(event['Task Info']);
    if (!taskInfo) return;
    const stage = this.stageFor(event);
    const launchTime = num(taskInfo['Launch Time']);
    const executorId = str(taskInfo['Executor ID']) ?? 'unknown';
    stage.info.numActiveTasks++;
    if (stage.info.firstTaskLaunchedTime === undefined || launchTime < stage.info.firstTaskLaunchedTime) stage.info.firstTaskLaunchedTime = launchTime;
    if (this.firstTaskLaunch === undefined || launchTime < this.firstTaskLaunch) this.firstTaskLaunch = launchTime;
    for (const jobId of stage.info.jobIds) {
      const job = this.jobs.get(jobId);
      if (job) job.info.numActiveTasks++;
    }
    const executor = this.executor(executorId);
    executor.info.activeTasks++;
    executor.info.totalTasks++;
    if (executor.info.activeTasks > executor.maxConcurrentTasks) executor.maxConcurrentTasks = executor.info.activeTasks;
    this.runningTasks.set(num(taskInfo['Task ID']), { executorId, launchTime });
    this.touch(launchTime);
  }

  private onTaskEnd(event: Json): void {
    const taskInfo = obj(event['Task Info']);
    if (!taskInfo) return;
    const stage = this.stageFor(event);
    const info = stage.info;
    const taskId = num(taskInfo['Task ID']);
    const launchTime = num(taskInfo['Launch Time']);
    const finishTime = num(taskInfo['Finish Time']);
    const executorId = str(taskInfo['Executor ID']) ?? 'unknown';
    const reason = str(obj(event['Task End Reason'])?.Reason) ?? 'UnknownReason';
    const duration = finishTime > 0 ? finishTime - launchTime : 0;
    const started = this.runningTasks.delete(taskId);

    // Spark's AppStatusListener: killed and commit-denied tasks are "killed", all other non-successes "failed".
    const completed = reason === 'Success' ? 1 : 0;
    const killed = reason === 'TaskKilled' || reason === 'TaskCommitDenied' ? 1 : 0;
    const failed = 1 - completed - killed;

    if (started) info.numActiveTasks = Math.max(0, info.numActiveTasks - 1);
    info.numCompleteTasks += completed;
    info.numFailedTasks += failed;
    info.numKilledTasks += killed;
    if (taskInfo.Speculative === true) {
      info.numSpeculativeTasks++;
      this.totals.speculativeTasks++;
    }
    const jobIds = info.jobIds;
    for (let i = 0; i < jobIds.length; i++) {
      const job = this.jobs.get(jobIds[i]);
      if (!job) continue;
      if (started) job.info.numActiveTasks = Math.max(0, job.info.numActiveTasks - 1);
      job.info.numCompletedTasks += completed;
      job.info.numFailedTasks += failed;
      job.info.numKilledTasks += killed;
    }
    this.totals.tasks++;
    this.totals.completedTasks += completed;
    this.totals.failedTasks += failed;
    this.totals.killedTasks += killed;

    const executorState = this.executor(executorId);
    const executor = executorState.info;
    if (started) executor.activeTasks = Math.max(0, executor.activeTasks - 1);
    else executor.totalTasks++;
    executor.completedTasks += completed;
    executor.failedTasks += failed;
    executor.killedTasks += killed;
    executor.totalDurationMs += duration;
    let share = stage.byExecutor.get(executorId);
    if (!share) {
      share = new Float64Array(SE_FIELDS);
      stage.byExecutor.set(executorId, share);
    }
    share[SE_TASK_TIME] += duration;
    share[SE_SUCCEEDED] += completed;
    share[SE_FAILED] += failed;
    share[SE_KILLED] += killed;
    if (duration > 0) this.load.addBusy(executorId, launchTime, finishTime);
    this.touch(finishTime);

    const taskExecutorMetrics = obj(event['Task Executor Metrics']);
    if (taskExecutorMetrics) this.onExecutorMetrics(executorId, taskExecutorMetrics);

    const metrics = obj(event['Task Metrics']);
    // A resubmitted task's metrics were already counted by its first attempt (as Spark does).
    if (!metrics || reason === 'Resubmitted') return;
    const m = info.metrics;
    const runTime = num(metrics['Executor Run Time']);
    const deserialize = num(metrics['Executor Deserialize Time']);
    const resultSerialization = num(metrics['Result Serialization Time']);
    const gettingResultStart = num(taskInfo['Getting Result Time']);
    const gettingResult = gettingResultStart > 0 && finishTime > 0 ? finishTime - gettingResultStart : 0;
    const schedulerDelay = duration > 0 ? Math.max(0, duration - runTime - deserialize - resultSerialization - gettingResult) : 0;
    const gc = num(metrics['JVM GC Time']);
    const memorySpilled = num(metrics['Memory Bytes Spilled']);
    const diskSpilled = num(metrics['Disk Bytes Spilled']);
    m.taskDurationMs += duration;
    m.executorRunTime += runTime;
    m.executorCpuTime += num(metrics['Executor CPU Time']);
    m.executorDeserializeTime += deserialize;
    m.resultSerializationTime += resultSerialization;
    m.gettingResultTime += gettingResult;
    m.schedulerDelay += schedulerDelay;
    m.jvmGcTime += gc;
    m.resultSize += num(metrics['Result Size']);
    m.peakExecutionMemory += num(metrics['Peak Execution Memory']);
    m.memoryBytesSpilled += memorySpilled;
    m.diskBytesSpilled += diskSpilled;
    const input = obj(metrics['Input Metrics']);
    const inputBytes = input ? num(input['Bytes Read']) : 0;
    if (input) {
      m.inputBytes += inputBytes;
      m.inputRecords += num(input['Records Read']);
    }
    const output = obj(metrics['Output Metrics']);
    const outputBytes = output ? num(output['Bytes Written']) : 0;
    if (output) {
      m.outputBytes += outputBytes;
      m.outputRecords += num(output['Records Written']);
    }
    const shuffleRead = obj(metrics['Shuffle Read Metrics']);
    let shuffleReadBytes = 0;
    if (shuffleRead) {
      const remote = num(shuffleRead['Remote Bytes Read']);
      const local = num(shuffleRead['Local Bytes Read']);
      shuffleReadBytes = remote + local;
      m.shuffleRemoteBytesRead += remote;
      m.shuffleLocalBytesRead += local;
      m.shuffleReadBytes += shuffleReadBytes;
      m.shuffleReadRecords += num(shuffleRead['Total Records Read']);
      m.shuffleFetchWaitTime += num(shuffleRead['Fetch Wait Time']);
    }
    const shuffleWrite = obj(metrics['Shuffle Write Metrics']);
    const shuffleWriteBytes = shuffleWrite ? num(shuffleWrite['Shuffle Bytes Written']) : 0;
    if (shuffleWrite) {
      m.shuffleWriteBytes += shuffleWriteBytes;
      m.shuffleWriteRecords += num(shuffleWrite['Shuffle Records Written']);
      m.shuffleWriteTime += num(shuffleWrite['Shuffle Write Time']);
    }

    stage.duration.add(duration);
    stage.runTime.add(runTime);
    stage.gcTime.add(gc);
    stage.schedulerDelay.add(schedulerDelay);
    stage.inputBytes.add(inputBytes);
    stage.shuffleRead.add(shuffleReadBytes);
    stage.shuffleWrite.add(shuffleWriteBytes);
    stage.spill.add(diskSpilled);

    share[SE_INPUT] += inputBytes;
    share[SE_SHUFFLE_READ] += shuffleReadBytes;
    share[SE_SHUFFLE_WRITE] += shuffleWriteBytes;
    share[SE_MEMORY_SPILL] += memorySpilled;
    share[SE_DISK_SPILL] += diskSpilled;

    executor.totalGcTimeMs += gc;
    executor.totalInputBytes += inputBytes;
    executor.totalShuffleRead += shuffleReadBytes;
    executor.totalShuffleWrite += shuffleWriteBytes;
    executor.memoryBytesSpilled += memorySpilled;
    executor.diskBytesSpilled += diskSpilled;

    const totals = this.totals;
    totals.executorRunTime += runTime;
    totals.jvmGcTime += gc;
    totals.inputBytes += inputBytes;
    totals.outputBytes += outputBytes;
    totals.shuffleReadBytes += shuffleReadBytes;
    totals.shuffleWriteBytes += shuffleWriteBytes;
    totals.memoryBytesSpilled += memorySpilled;
    totals.diskBytesSpilled += diskSpilled;
    const sums = this.taskSums;
    sums.duration += duration;
    sums.schedulerDelay += schedulerDelay;
    sums.deserialize += deserialize;
    sums.resultSerialization += resultSerialization;
    sums.gettingResult += gettingResult;
  }

  /** How one stage attempt's tasks spread over executors; undefined for an unknown stage. */
  stageDetail(stageId: number, attemptId: number): StageDetail | undefined {
    const stage = this.stages.get(this.stageKey(stageId, attemptId));
    if (!stage) return undefined;
    const executors: StageExecutorSummary[] = [];
    for (const [executorId, share] of stage.byExecutor) {
      executors.push({
        executorId, taskTimeMs: share[SE_TASK_TIME], succeededTasks: share[SE_SUCCEEDED], failedTasks: share[SE_FAILED], killedTasks: share[SE_KILLED],
        inputBytes: share[SE_INPUT], shuffleReadBytes: share[SE_SHUFFLE_READ], shuffleWriteBytes: share[SE_SHUFFLE_WRITE],
        memoryBytesSpilled: share[SE_MEMORY_SPILL], diskBytesSpilled: share[SE_DISK_SPILL],
      });
    }
    executors.sort((a, b) => b.taskTimeMs - a.taskTimeMs);
    return { stageId, attemptId, executors };
  }

  /** The model as plain JSON. Cheap enough to call after every batch of events for live views. */
  snapshot(source: SourceInfo, thresholds?: AlertThresholds, extraWarnings: ReadWarning[] = []): AppSnapshot {
    const endTime = this.app.endTime ?? this.lastEventTime;
    const app: AppInfo = { ...this.app };
    if (app.startTime !== undefined && endTime !== undefined) app.durationMs = endTime - app.startTime;

    const executors = this.executorsSnapshot();
    const loadEnd = endTime;
    // Tasks still running at the end of what was read count as busy up to the last event.
    const load = this.loadWithRunningTasks(executors, loadEnd);
    const stages = [...this.stages.values()]
      .sort((a, b) => a.info.stageId - b.info.stageId || a.info.attemptId - b.info.attemptId)
      .map((stage) => ({
        ...stage.info,
        jobIds: [...stage.info.jobIds],
        metrics: { ...stage.info.metrics },
        distributions: dropUndefined({
          durationMs: stage.duration.toDistribution(),
          executorRunTime: stage.runTime.toDistribution(),
          jvmGcTime: stage.gcTime.toDistribution(),
          schedulerDelay: stage.schedulerDelay.toDistribution(),
          inputBytes: stage.inputBytes.toDistribution(),
          shuffleReadBytes: stage.shuffleRead.toDistribution(),
          shuffleWriteBytes: stage.shuffleWrite.toDistribution(),
          spillBytes: stage.spill.toDistribution(),
        }),
      }));
    const jobs = [...this.jobs.values()].map((job) => ({ ...job.info, stageIds: [...job.info.stageIds] })).sort((a, b) => a.jobId - b.jobId);
    const sums = this.taskSums;
    const overhead = computeOverhead({
      app, jobs, executors, endTime, firstTaskLaunch: this.firstTaskLaunch,
      sums: {
        taskTimeMs: sums.duration, executorRunTimeMs: this.totals.executorRunTime, schedulerDelayMs: sums.schedulerDelay, deserializeMs: sums.deserialize,
        resultSerializationMs: sums.resultSerialization, gettingResultMs: sums.gettingResult, gcTimeMs: this.totals.jvmGcTime,
      },
    });
    const withoutAlerts: Omit<AppSnapshot, 'alerts'> = {
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      source: { ...source, eventsRead: this.eventCount, ignoredEvents: { ...this.ignored } },
      app,
      jobs,
      stages,
      executors,
      load,
      overhead,
      totals: { ...this.totals },
      callSites: [],
      warnings: [...this.warnings.toArray(), ...extraWarnings],
      sparkProperties: { ...this.sparkProperties },
    };
    const alerts = evaluateAlerts(withoutAlerts, thresholds);
    withoutAlerts.callSites = callSiteCosts(stages, alerts, this.taskSums.duration);
    return { ...withoutAlerts, alerts };
  }

  private executorsSnapshot(): ExecutorInfo[] {
    const localCores = localMasterCores(this.app.master);
    const list: ExecutorInfo[] = [];
    for (const state of this.executors.values()) {
      const info: ExecutorInfo = { ...state.info, peakMemoryMetrics: { ...state.info.peakMemoryMetrics } };
      if (info.isDriver && info.totalCores === 0 && info.totalTasks > 0) {
        // Local mode: the driver runs the tasks. local[N] says N; local[*] is estimated from peak concurrency.
        if (localCores !== undefined) info.totalCores = localCores;
        else {
          info.totalCores = state.maxConcurrentTasks;
          info.coresEstimated = true;
        }
      }
      list.push(info);
    }
    return list.sort(compareExecutorIds);
  }

  private loadWithRunningTasks(executors: ExecutorInfo[], endTime: number | undefined) {
    // Tasks still running are bounded by the cluster's slots, not the task count.
    const pending: Array<{ executorId: string; launchTime: number }> = [];
    if (endTime !== undefined) for (const task of this.runningTasks.values()) pending.push(task);
    for (const task of pending) this.load.addBusy(task.executorId, task.launchTime, endTime as number);
    const timeline = this.load.toTimeline(
      executors.map((e) => ({ id: e.id, cores: e.totalCores, addTime: e.addTime, removeTime: e.removeTime })),
      endTime,
    );
    // Take the running tasks out again so a later snapshot after more events does not count them twice.
    for (const task of pending) this.load.addBusy(task.executorId, task.launchTime, endTime as number, -1);
    return timeline;
  }

}

const HANDLED = new Set([
  'SparkListenerTaskEnd', 'SparkListenerTaskStart', 'SparkListenerStageSubmitted', 'SparkListenerStageCompleted', 'SparkListenerJobStart',
  'SparkListenerJobEnd', 'SparkListenerExecutorAdded', 'SparkListenerExecutorRemoved', 'SparkListenerBlockManagerAdded',
  'SparkListenerStageExecutorMetrics', 'SparkListenerExecutorMetricsUpdate', 'SparkListenerExecutorExcluded', 'SparkListenerExecutorUnexcluded',
  'SparkListenerNodeExcluded', 'SparkListenerNodeUnexcluded', 'SparkListenerApplicationStart', 'SparkListenerApplicationEnd',
  'SparkListenerLogStart', 'SparkListenerEnvironmentUpdate',
]);

function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

function compareExecutorIds(a: ExecutorInfo, b: ExecutorInfo): number {
  if (a.isDriver !== b.isDriver) return a.isDriver ? -1 : 1;
  const na = Number(a.id);
  const nb = Number(b.id);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
