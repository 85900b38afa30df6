// Shapes of the Spark monitoring REST API (/api/v1) answers, as far as this extension reads them.
// Fields are optional where older Spark versions leave them out. Dates are Spark's
// `2015-02-03T16:42:59.720GMT` strings; the *Epoch fields are epoch milliseconds.

export interface RestApplicationAttempt {
  attemptId?: string;
  startTime?: string;
  endTime?: string;
  lastUpdated?: string;
  duration?: number;
  sparkUser?: string;
  completed?: boolean;
  appSparkVersion?: string;
  startTimeEpoch?: number;
  endTimeEpoch?: number;
  lastUpdatedEpoch?: number;
}

export interface RestApplication {
  id: string;
  name: string;
  attempts: RestApplicationAttempt[];
}

export interface RestJob {
  jobId: number;
  name: string;
  description?: string;
  submissionTime?: string;
  completionTime?: string;
  stageIds: number[];
  jobGroup?: string;
  status: string;
  numTasks: number;
  numActiveTasks: number;
  numCompletedTasks: number;
  numSkippedTasks: number;
  numFailedTasks: number;
  numKilledTasks: number;
  numCompletedIndices?: number;
  numActiveStages: number;
  numCompletedStages: number;
  numSkippedStages: number;
  numFailedStages: number;
}

/** taskSummary answers and a stage's `taskMetricsDistributions`: one value per requested quantile. */
export interface RestTaskMetricDistributions {
  quantiles: number[];
  duration?: number[];
  executorDeserializeTime: number[];
  executorRunTime: number[];
  executorCpuTime?: number[];
  resultSize: number[];
  jvmGcTime: number[];
  resultSerializationTime: number[];
  gettingResultTime: number[];
  schedulerDelay: number[];
  peakExecutionMemory: number[];
  memoryBytesSpilled: number[];
  diskBytesSpilled: number[];
  inputMetrics?: { bytesRead: number[]; recordsRead: number[] };
  outputMetrics?: { bytesWritten: number[]; recordsWritten: number[] };
  shuffleReadMetrics?: { readBytes: number[]; readRecords: number[]; remoteBytesRead?: number[]; fetchWaitTime?: number[] };
  shuffleWriteMetrics?: { writeBytes: number[]; writeRecords: number[]; writeTime?: number[] };
}

export interface RestStage {
  status: string;
  stageId: number;
  attemptId: number;
  numTasks: number;
  numActiveTasks: number;
  numCompleteTasks: number;
  numFailedTasks: number;
  numKilledTasks: number;
  numCompletedIndices?: number;
  submissionTime?: string;
  firstTaskLaunchedTime?: string;
  completionTime?: string;
  failureReason?: string;
  executorDeserializeTime: number;
  executorDeserializeCpuTime?: number;
  executorRunTime: number;
  executorCpuTime: number;
  resultSize: number;
  jvmGcTime: number;
  resultSerializationTime: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
  peakExecutionMemory?: number;
  inputBytes: number;
  inputRecords: number;
  outputBytes: number;
  outputRecords: number;
  shuffleRemoteBytesRead?: number;
  shuffleLocalBytesRead?: number;
  shuffleFetchWaitTime?: number;
  shuffleReadBytes: number;
  shuffleReadRecords: number;
  shuffleWriteBytes: number;
  shuffleWriteTime: number;
  shuffleWriteRecords: number;
  name: string;
  description?: string;
  details: string;
  schedulingPool?: string;
  rddIds?: number[];
  jobIds?: number[];
  tasks?: Record<string, RestTask>;
  executorSummary?: Record<string, RestStageExecutorSummary>;
  peakExecutorMetrics?: Record<string, number>;
  taskMetricsDistributions?: RestTaskMetricDistributions;
}

export interface RestStageExecutorSummary {
  taskTime: number;
  failedTasks: number;
  succeededTasks: number;
  killedTasks: number;
  inputBytes: number;
  outputBytes: number;
  shuffleRead: number;
  shuffleWrite: number;
  memoryBytesSpilled: number;
  diskBytesSpilled: number;
  isExcludedForStage?: boolean;
  isBlacklistedForStage?: boolean;
}

export interface RestTask {
  taskId: number;
  index: number;
  attempt: number;
  partitionId?: number;
  launchTime: string;
  resultFetchStart?: string;
  duration?: number;
  executorId: string;
  host: string;
  status: string;
  taskLocality: string;
  speculative: boolean;
  errorMessage?: string;
  taskMetrics?: Record<string, unknown>;
  schedulerDelay?: number;
  gettingResultTime?: number;
}

export interface RestExecutor {
  id: string;
  hostPort: string;
  isActive: boolean;
  rddBlocks: number;
  memoryUsed: number;
  diskUsed: number;
  totalCores: number;
  maxTasks: number;
  activeTasks: number;
  failedTasks: number;
  completedTasks: number;
  totalTasks: number;
  totalDuration: number;
  totalGCTime: number;
  totalInputBytes: number;
  totalShuffleRead: number;
  totalShuffleWrite: number;
  isBlacklisted?: boolean;
  isExcluded?: boolean;
  maxMemory: number;
  addTime: string;
  removeTime?: string;
  removeReason?: string;
  executorLogs?: Record<string, string>;
  memoryMetrics?: { usedOnHeapStorageMemory: number; usedOffHeapStorageMemory: number; totalOnHeapStorageMemory: number; totalOffHeapStorageMemory: number };
  peakMemoryMetrics?: Record<string, number>;
  attributes?: Record<string, string>;
  resources?: Record<string, unknown>;
  resourceProfileId?: number;
}

export interface RestEnvironment {
  runtime: { javaVersion?: string; javaHome?: string; scalaVersion?: string };
  sparkProperties: [string, string][];
  hadoopProperties?: [string, string][];
  systemProperties: [string, string][];
  metricsProperties?: [string, string][];
  classpathEntries: [string, string][];
  resourceProfiles?: unknown[];
}

/** Spark's REST date format: `2015-02-03T16:42:59.720GMT`; undefined for anything else. */
export function parseSparkDate(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const time = Date.parse(text.endsWith('GMT') ? text.slice(0, -3) + 'Z' : text);
  return Number.isFinite(time) ? time : undefined;
}
