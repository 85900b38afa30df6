// Accumulates task-busy time per executor into a fixed number of time buckets. When the run outgrows
// the buckets, the width doubles and neighbours merge, so memory depends on executors, never tasks.
import type { ExecutorLoadSeries, LoadTimeline } from './types';

export const MAX_LOAD_BUCKETS = 240;
const INITIAL_BUCKET_MS = 1000;

export interface ExecutorLifetime {
  id: string;
  cores: number;
  addTime?: number;
  removeTime?: number;
}

export class LoadAccumulator {
  private origin: number | undefined;
  private bucketMs = INITIAL_BUCKET_MS;
  private readonly total = new Float64Array(MAX_LOAD_BUCKETS);
  private readonly byExecutor = new Map<string, Float64Array>();

  /** The timeline starts here (the application start when known). */
  setOrigin(time: number): void {
    if (this.origin === undefined) this.origin = time;
  }

  get startTime(): number | undefined {
    return this.origin;
  }

  /**
   * Adds one task's run [start, end) on an executor; weight -1 takes a provisional run out again.
   * Without an executor id the time counts in the total only (REST stages: no per-task times).
   */
  addBusy(executorId: string | undefined, start: number, end: number, weight = 1): void {
    if (!(end > start)) return;
    if (this.origin === undefined) this.origin = start;
    if (start < this.origin) start = this.origin;
    if (end <= start) return;
    this.ensureCovers(end);
    let series = executorId === undefined ? undefined : this.byExecutor.get(executorId);
    if (!series && executorId !== undefined) {
      series = new Float64Array(MAX_LOAD_BUCKETS);
      this.byExecutor.set(executorId, series);
    }
    const width = this.bucketMs;
    const offsetStart = start - this.origin;
    const offsetEnd = end - this.origin;
    const last = Math.min(MAX_LOAD_BUCKETS - 1, Math.floor((offsetEnd - 1) / width));
    for (let bucket = Math.floor(offsetStart / width); bucket <= last; bucket++) {
      const bucketStart = bucket * width;
      const overlap = Math.min(offsetEnd, bucketStart + width) - Math.max(offsetStart, bucketStart);
      if (series) series[bucket] += overlap * weight;
      this.total[bucket] += overlap * weight;
    }
  }

  private ensureCovers(time: number): void {
    const origin = this.origin as number;
    while (time - origin > this.bucketMs * MAX_LOAD_BUCKETS) {
      mergePairs(this.total);
      for (const series of this.byExecutor.values()) mergePairs(series);
      this.bucketMs *= 2;
    }
  }

  /** Busy time is turned into average running tasks; cores come from executor lifetimes up to `endTime`. */
  toTimeline(executors: ExecutorLifetime[], endTime: number | undefined): LoadTimeline {
    const origin = this.origin ?? endTime ?? 0;
    if (endTime !== undefined && endTime > origin) this.ensureCovers(endTime);
    const width = this.bucketMs;
    const used = endTime !== undefined ? Math.min(MAX_LOAD_BUCKETS, Math.max(1, Math.ceil((endTime - origin) / width))) : this.usedBuckets();
    const totalCores = new Array<number>(used).fill(0);
    const series: ExecutorLoadSeries[] = [];
    for (const executor of executors) {
      const busy = this.byExecutor.get(executor.id);
      const cores = coresPerBucket(executor, origin, width, used, endTime);
      if (!busy && cores.every((value) => value === 0)) continue;
      for (let i = 0; i < used; i++) totalCores[i] += cores[i];
      series.push({ executorId: executor.id, runningTasks: toAverages(busy, used, width), cores });
    }
    return { startTime: origin, bucketMs: width, runningTasks: toAverages(this.total, used, width), cores: totalCores.map(round2), executors: series };
  }

  private usedBuckets(): number {
    for (let i = MAX_LOAD_BUCKETS - 1; i >= 0; i--) if (this.total[i] > 0) return i + 1;
    return 0;
  }
}

function mergePairs(series: Float64Array): void {
  const half = series.length / 2;
  for (let i = 0; i < half; i++) series[i] = series[2 * i] + series[2 * i + 1];
  series.fill(0, half);
}

function toAverages(busy: Float64Array | undefined, used: number, width: number): number[] {
  const out = new Array<number>(used);
  for (let i = 0; i < used; i++) out[i] = busy ? round2(busy[i] / width) : 0;
  return out;
}

function coresPerBucket(executor: ExecutorLifetime, origin: number, width: number, used: number, endTime: number | undefined): number[] {
  const out = new Array<number>(used).fill(0);
  if (executor.cores <= 0) return out;
  const from = Math.max(origin, executor.addTime ?? origin);
  const to = executor.removeTime ?? endTime ?? origin + used * width;
  for (let i = 0; i < used; i++) {
    const bucketStart = origin + i * width;
    const overlap = Math.min(to, bucketStart + width) - Math.max(from, bucketStart);
    if (overlap > 0) out[i] = round2((executor.cores * overlap) / width);
  }
  return out;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
