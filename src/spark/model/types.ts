// The application model's snapshot: plain JSON (numbers, strings, arrays, records), so the host can
// post it to a webview as is and the webviews can import these types. Strings are kept raw as Spark
// wrote them; escaping is the view's job. Times are epoch milliseconds, durations milliseconds,
// sizes bytes, unless a name says otherwise.

export const SNAPSHOT_SCHEMA_VERSION = 1;

export interface AppSnapshot {
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  source: SourceInfo;
  app: AppInfo;
  jobs: JobInfo[];
  /** One entry per stage attempt, ordered by stage id then attempt. */
  stages: StageInfo[];
  executors: ExecutorInfo[];
  load: LoadTimeline;
  overhead: OverheadBreakdown;
  totals: AppTotals;
  /** Stage cost grouped by the source line of its call site (`collect at /app/job.py:42`). */
  callSites: CallSiteCost[];
  alerts: Alert[];
  /** Problems met while reading: the model holds everything read before them. Never silently empty. */
  warnings: ReadWarning[];
  /** Spark properties from the environment update (empty when the source had none). */
  sparkProperties: Record<string, string>;
}

export interface SourceInfo {
  kind: 'eventLog' | 'rest';
  location: string;
  /** Event logs: codec of each file read, e.g. `zstd`, `lz4`, `snappy`, `lzf`, `none`. */
  codecs?: string[];
  files?: string[];
  bytesRead?: number;
  eventsRead?: number;
  /** Events the model does not use, by short class name (SQL, block updates, ...). */
  ignoredEvents?: Record<string, number>;
  /** True for `.inprogress` logs and rolling logs without a completed `appstatus_` marker. */
  inProgress?: boolean;
}

export type AppStatus = 'RUNNING' | 'COMPLETED' | 'UNKNOWN';

export interface AppInfo {
  id?: string;
  name?: string;
  attemptId?: string;
  user?: string;
  sparkVersion?: string;
  master?: string;
  startTime?: number;
  endTime?: number;
  durationMs?: number;
  status: AppStatus;
  /** `spark.executor.memory` in bytes when set. */
  executorMemoryBytes?: number;
}

export type JobStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'UNKNOWN';

export interface JobInfo {
  jobId: number;
  name?: string;
  description?: string;
  jobGroup?: string;
  status: JobStatus;
  submissionTime?: number;
  completionTime?: number;
  durationMs?: number;
  stageIds: number[];
  numTasks: number;
  numActiveTasks: number;
  numCompletedTasks: number;
  numSkippedTasks: number;
  numFailedTasks: number;
  numKilledTasks: number;
  numActiveStages: number;
  numCompletedStages: number;
  numSkippedStages: number;
  numFailedStages: number;
}

export type StageStatus = 'ACTIVE' | 'COMPLETE' | 'FAILED' | 'PENDING' | 'SKIPPED';

export interface StageKey {
  stageId: number;
  attemptId: number;
}

export interface StageInfo extends StageKey {
  name: string;
  /** Call-site stack trace as Spark wrote it. */
  details?: string;
  callSite?: CallSite;
  status: StageStatus;
  jobIds: number[];
  numTasks: number;
  numActiveTasks: number;
  numCompleteTasks: number;
  numFailedTasks: number;
  numKilledTasks: number;
  numSpeculativeTasks: number;
  submissionTime?: number;
  firstTaskLaunchedTime?: number;
  completionTime?: number;
  durationMs?: number;
  failureReason?: string;
  metrics: StageMetrics;
  distributions: StageDistributions;
}

/** Sums over the stage's tasks (the History Server's stage metrics). */
export interface StageMetrics {
  /** Sum of task wall times (finish - launch). */
  taskDurationMs: number;
  executorRunTime: number;
  /** Nanoseconds, as Spark reports it. */
  executorCpuTime: number;
  executorDeserializeTime: number;
  resultSerializationTime: number;
  gettingResultTime: number;
  schedulerDelay: number;
  jvmGcTime: number;
  resultSize: number;
  peakExecutionMemory: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
  inputBytes: number;
  inputRecords: number;
  outputBytes: number;
  outputRecords: number;
  shuffleReadBytes: number;
  shuffleReadRecords: number;
  shuffleRemoteBytesRead: number;
  shuffleLocalBytesRead: number;
  shuffleFetchWaitTime: number;
  shuffleWriteBytes: number;
  shuffleWriteRecords: number;
  /** Nanoseconds, as Spark reports it. */
  shuffleWriteTime: number;
}

/**
 * Per-task distributions from a streaming quantile sketch (relative error about 1%). A metric is
 * absent when no task reported it or all reported 0 (e.g. no spill).
 */
export interface StageDistributions {
  durationMs?: Distribution;
  executorRunTime?: Distribution;
  jvmGcTime?: Distribution;
  schedulerDelay?: Distribution;
  inputBytes?: Distribution;
  shuffleReadBytes?: Distribution;
  shuffleWriteBytes?: Distribution;
  spillBytes?: Distribution;
}

export interface Distribution {
  count: number;
  sum: number;
  /** Exact. */
  min: number;
  /** Exact. */
  max: number;
  mean: number;
  /** Approximate values at DISTRIBUTION_QUANTILES, in that order. */
  quantiles: QuantilePoint[];
}

export interface QuantilePoint {
  q: number;
  value: number;
}

export const DISTRIBUTION_QUANTILES: readonly number[] = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];

/** One executor's share of one stage (the stage detail's "tasks spread over executors"). */
export interface StageExecutorSummary {
  executorId: string;
  /** Sum of task wall times on this executor. */
  taskTimeMs: number;
  succeededTasks: number;
  failedTasks: number;
  killedTasks: number;
  inputBytes: number;
  shuffleReadBytes: number;
  shuffleWriteBytes: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
}

/** Detail of one stage attempt asked on demand (it grows with executors, so it is not in every snapshot). */
export interface StageDetail extends StageKey {
  executors: StageExecutorSummary[];
}

export interface ExecutorInfo {
  id: string;
  host?: string;
  isDriver: boolean;
  totalCores: number;
  /** True when the cores were not in the log (local[*] driver) and were estimated from peak concurrency. */
  coresEstimated?: boolean;
  addTime?: number;
  removeTime?: number;
  removeReason?: string;
  isActive: boolean;
  isExcluded: boolean;
  maxMemory?: number;
  maxOnHeapMemory?: number;
  maxOffHeapMemory?: number;
  /** Storage memory in use (REST only; event logs do not carry it without block updates). */
  memoryUsed?: number;
  /** Peak executor metrics by Spark's name (JVMHeapMemory, OnHeapExecutionMemory, ProcessTreeJVMRSSMemory, ...). */
  peakMemoryMetrics: Record<string, number>;
  activeTasks: number;
  completedTasks: number;
  failedTasks: number;
  killedTasks: number;
  totalTasks: number;
  totalDurationMs: number;
  totalGcTimeMs: number;
  totalInputBytes: number;
  totalShuffleRead: number;
  totalShuffleWrite: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
  logUrls?: Record<string, string>;
}

/**
 * Running tasks vs cores over time in equal buckets (the bucket width doubles as the run grows, so
 * the series never grows with the task count). Values are averages over the bucket.
 */
export interface LoadTimeline {
  /** True when built from REST stage totals (no per-task times): running tasks are spread evenly over each stage. */
  approximate?: boolean;
  startTime: number;
  bucketMs: number;
  /** Average running tasks over all executors, per bucket. */
  runningTasks: number[];
  /** Average cores available (executors alive x cores), per bucket. */
  cores: number[];
  executors: ExecutorLoadSeries[];
}

export interface ExecutorLoadSeries {
  executorId: string;
  runningTasks: number[];
  cores: number[];
}

/** Where the wall time went: the "Spark tax" of starting up and waiting versus useful task time. */
export interface OverheadBreakdown {
  /** True when built from REST totals: task time is run + deserialize + serialize time, scheduler delay unknown (0). */
  approximate?: boolean;
  appDurationMs?: number;
  /** Application start to the first non-driver executor added (absent in local mode). */
  submitToFirstExecutorMs?: number;
  /** First job submitted to the first task launched: waiting for executors and slots. */
  executorAllocationWaitMs?: number;
  /** Application start to the first task launched. */
  startupMs?: number;
  /** Time in the run with no job running: driver-side Python, planning, I/O on the driver. */
  driverOnlyMs?: number;
  /** Sum of task wall times. */
  taskTimeMs: number;
  executorRunTimeMs: number;
  schedulerDelayMs: number;
  deserializeMs: number;
  resultSerializationMs: number;
  gettingResultMs: number;
  gcTimeMs: number;
  /** Core-milliseconds available on executors. */
  coreCapacityMs: number;
  /** Core-milliseconds spent running tasks. */
  coreBusyMs: number;
  /** 1 - busy/capacity, 0..1; absent when capacity is unknown. */
  idleCoreShare?: number;
}

export interface AppTotals {
  jobs: number;
  stages: number;
  tasks: number;
  completedTasks: number;
  failedTasks: number;
  killedTasks: number;
  speculativeTasks: number;
  executorRunTime: number;
  jvmGcTime: number;
  inputBytes: number;
  outputBytes: number;
  shuffleReadBytes: number;
  shuffleWriteBytes: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
}

export interface CallSite {
  /** The action or transformation, e.g. `collect`, `fit`, `count`. */
  operation: string;
  /** Path as the driver saw it, e.g. `/app/job.py` (map container paths to the workspace in the view). */
  file?: string;
  line?: number;
}

export interface CallSiteCost {
  /** `file:line` when the call site has a line, else the stage name. */
  key: string;
  callSite: CallSite;
  stages: StageKey[];
  /** Sum of the stages' wall durations. */
  stageDurationMs: number;
  /** Sum of the stages' task wall times. */
  taskTimeMs: number;
  /** taskTimeMs / all tasks' time, 0..1. */
  shareOfTaskTime: number;
  alertIds: string[];
}

export type AlertKind =
  | 'skew'
  | 'spill'
  | 'idleCores'
  | 'smallTasks'
  | 'gcTime'
  | 'failedTasks'
  | 'executorMemoryHigh'
  | 'executorMemoryLow';

export interface Alert {
  /** Stable within a snapshot, e.g. `skew:3.0`. */
  id: string;
  kind: AlertKind;
  severity: 'error' | 'warning' | 'info';
  message: string;
  stage?: StageKey;
  executorId?: string;
  /** The measured value and the threshold it crossed, in the unit the kind documents (docs/alerts.md). */
  value: number;
  threshold: number;
}

export type ReadWarningKind =
  | 'truncatedLine'
  | 'corruptLine'
  | 'truncatedFrame'
  | 'corruptFrame'
  | 'unknownCodec'
  | 'missingFile'
  | 'inProgress'
  | 'inconsistentEvent'
  | 'restError';

export interface ReadWarning {
  kind: ReadWarningKind;
  message: string;
  file?: string;
  /** 1-based line in the decompressed file, when it applies. */
  line?: number;
  /** How many times it happened (repeated warnings are counted, not repeated). */
  count: number;
}
