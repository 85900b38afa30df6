// Alerts computed from a snapshot. Every threshold is documented in docs/alerts.md and can be
// overridden (the extension maps `sparkml.spark.alerts.*` settings onto AlertThresholds).
import type { Alert, AppSnapshot, StageInfo } from './types';

export interface AlertThresholds {
  /** Skew: the slowest task runs longer than this ... */
  skewMaxTaskMs: number;
  /** ... and longer than this many times the median task. */
  skewMaxOverMedian: number;
  /** Spill: a stage spilled more than this many bytes to disk. */
  spillDiskBytes: number;
  /** Idle cores: share of executor core time with no task running, over the whole run (0..1). */
  idleCoreShare: number;
  /** Idle cores are judged only when the executors offered at least this many core-milliseconds. */
  idleMinCoreCapacityMs: number;
  /** Small tasks: a stage has more tasks than this ... */
  smallTasksMinCount: number;
  /** ... and its median task takes less than this. */
  smallTasksMedianMs: number;
  /** GC: JVM GC time above this share of executor run time (0..1) ... */
  gcShare: number;
  /** ... judged only for stages whose tasks ran at least this long in total. */
  gcMinRunTimeMs: number;
  /** Failed tasks: more than this many failed tasks in a stage. */
  failedTasks: number;
  /** Executor memory too high: peak JVM heap above this share of spark.executor.memory. */
  memoryHighShare: number;
  /** Executor memory too low (over-provisioned): peak JVM heap below this share of spark.executor.memory. */
  memoryLowShare: number;
}

export const defaultAlertThresholds: AlertThresholds = {
  skewMaxTaskMs: 5000,
  skewMaxOverMedian: 10,
  spillDiskBytes: 0,
  idleCoreShare: 0.5,
  idleMinCoreCapacityMs: 60_000,
  smallTasksMinCount: 5000,
  smallTasksMedianMs: 500,
  gcShare: 0.1,
  gcMinRunTimeMs: 1000,
  failedTasks: 0,
  memoryHighShare: 0.9,
  memoryLowShare: 0.3,
};

/** Takes partial overrides (e.g. from settings); a value that is not a finite number >= 0 keeps the default. */
export function resolveAlertThresholds(overrides: Record<string, unknown> = {}): { thresholds: AlertThresholds; problems: string[] } {
  const thresholds = { ...defaultAlertThresholds };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in defaultAlertThresholds)) {
      problems.push(`unknown alert threshold '${key}'`);
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push(`alert threshold '${key}' must be a number >= 0, got ${JSON.stringify(value)}; using ${defaultAlertThresholds[key as keyof AlertThresholds]}`);
    } else {
      thresholds[key as keyof AlertThresholds] = value;
    }
  }
  return { thresholds, problems };
}

const MIB = 1024 * 1024;

export function evaluateAlerts(snapshot: Omit<AppSnapshot, 'alerts'>, thresholds: AlertThresholds = defaultAlertThresholds): Alert[] {
  const alerts: Alert[] = [];
  for (const stage of snapshot.stages) alerts.push(...stageAlerts(stage, thresholds));
  const idle = idleCoresAlert(snapshot, thresholds);
  if (idle) alerts.push(idle);
  alerts.push(...memoryAlerts(snapshot, thresholds));
  return alerts;
}

function stageLabel(stage: StageInfo): string {
  return `Stage ${stage.stageId}.${stage.attemptId} (${stage.name})`;
}

function stageAlerts(stage: StageInfo, t: AlertThresholds): Alert[] {
  const out: Alert[] = [];
  const key = { stageId: stage.stageId, attemptId: stage.attemptId };
  const suffix = `${stage.stageId}.${stage.attemptId}`;
  const duration = stage.distributions.durationMs;
  if (duration) {
    const median = quantile(duration, 0.5);
    const ratio = median > 0 ? duration.max / median : Infinity;
    if (duration.max > t.skewMaxTaskMs && ratio > t.skewMaxOverMedian) {
      out.push({
        id: `skew:${suffix}`, kind: 'skew', severity: 'warning', stage: key, value: duration.max, threshold: t.skewMaxTaskMs,
        message: `${stageLabel(stage)}: slowest task ${formatMs(duration.max)} is ${Number.isFinite(ratio) ? ratio.toFixed(0) + 'x' : 'far above'} the median ${formatMs(median)}; partitions are skewed.`,
      });
    }
    if (duration.count > t.smallTasksMinCount && median < t.smallTasksMedianMs) {
      out.push({
        id: `smallTasks:${suffix}`, kind: 'smallTasks', severity: 'info', stage: key, value: median, threshold: t.smallTasksMedianMs,
        message: `${stageLabel(stage)}: ${duration.count} tasks with a median of ${formatMs(median)}; scheduling overhead dominates, use fewer partitions.`,
      });
    }
  }
  if (stage.metrics.diskBytesSpilled > t.spillDiskBytes) {
    out.push({
      id: `spill:${suffix}`, kind: 'spill', severity: 'warning', stage: key, value: stage.metrics.diskBytesSpilled, threshold: t.spillDiskBytes,
      message: `${stageLabel(stage)}: spilled ${formatBytes(stage.metrics.diskBytesSpilled)} to disk (${formatBytes(stage.metrics.memoryBytesSpilled)} in memory); give tasks more memory or more partitions.`,
    });
  }
  const runTime = stage.metrics.executorRunTime;
  if (runTime >= t.gcMinRunTimeMs && runTime > 0) {
    const share = stage.metrics.jvmGcTime / runTime;
    if (share > t.gcShare) {
      out.push({
        id: `gcTime:${suffix}`, kind: 'gcTime', severity: 'warning', stage: key, value: share, threshold: t.gcShare,
        message: `${stageLabel(stage)}: GC took ${(share * 100).toFixed(0)}% of task time.`,
      });
    }
  }
  if (stage.numFailedTasks > t.failedTasks) {
    out.push({
      id: `failedTasks:${suffix}`, kind: 'failedTasks', severity: stage.status === 'FAILED' ? 'error' : 'warning', stage: key, value: stage.numFailedTasks, threshold: t.failedTasks,
      message: `${stageLabel(stage)}: ${stage.numFailedTasks} failed task${stage.numFailedTasks === 1 ? '' : 's'}${stage.failureReason ? `; stage failed: ${firstLine(stage.failureReason)}` : ''}.`,
    });
  }
  return out;
}

function idleCoresAlert(snapshot: Omit<AppSnapshot, 'alerts'>, t: AlertThresholds): Alert | undefined {
  const { idleCoreShare, coreCapacityMs } = snapshot.overhead;
  if (idleCoreShare === undefined || coreCapacityMs < t.idleMinCoreCapacityMs || idleCoreShare <= t.idleCoreShare) return undefined;
  return {
    id: 'idleCores', kind: 'idleCores', severity: 'warning', value: idleCoreShare, threshold: t.idleCoreShare,
    message: `Executor cores were idle ${(idleCoreShare * 100).toFixed(0)}% of the time; fewer executors or dynamic allocation would cost less.`,
  };
}

function memoryAlerts(snapshot: Omit<AppSnapshot, 'alerts'>, t: AlertThresholds): Alert[] {
  const configured = snapshot.app.executorMemoryBytes;
  if (!configured) return [];
  const peaks = snapshot.executors.filter((e) => !e.isDriver && e.peakMemoryMetrics.JVMHeapMemory > 0);
  if (peaks.length === 0) return [];
  const out: Alert[] = [];
  let maxPeak = 0;
  for (const executor of peaks) {
    const peak = executor.peakMemoryMetrics.JVMHeapMemory;
    maxPeak = Math.max(maxPeak, peak);
    if (peak / configured > t.memoryHighShare) {
      out.push({
        id: `executorMemoryHigh:${executor.id}`, kind: 'executorMemoryHigh', severity: 'warning', executorId: executor.id, value: peak / configured, threshold: t.memoryHighShare,
        message: `Executor ${executor.id}: peak heap ${formatBytes(peak)} is ${((peak / configured) * 100).toFixed(0)}% of spark.executor.memory (${formatBytes(configured)}); risk of OOM.`,
      });
    }
  }
  if (maxPeak / configured < t.memoryLowShare) {
    out.push({
      id: 'executorMemoryLow', kind: 'executorMemoryLow', severity: 'info', value: maxPeak / configured, threshold: t.memoryLowShare,
      message: `Executors used at most ${formatBytes(maxPeak)} of heap, ${((maxPeak / configured) * 100).toFixed(0)}% of spark.executor.memory (${formatBytes(configured)}); memory is over-provisioned.`,
    });
  }
  return out;
}

function quantile(distribution: { quantiles: { q: number; value: number }[] }, q: number): number {
  return distribution.quantiles.find((point) => point.q === q)?.value ?? 0;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0];
  return line.length > 200 ? line.slice(0, 200) + '...' : line;
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MIB) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  return `${(bytes / (1024 * MIB)).toFixed(2)} GiB`;
}
