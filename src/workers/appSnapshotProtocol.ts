// Messages between the extension host and the worker thread that reads Spark applications. Reading a
// large event log is CPU work: it runs in a worker so the extension host (shared by every extension)
// never stalls.
import type { AppSnapshot, StageDetail, StageKey } from '../spark/model/types';

export interface AppSnapshotWorkerData {
  /** Event-log path (file or folder), s3:// URL, or a Spark UI / History Server URL. */
  source: string;
  /** Alert threshold overrides from the settings (sanitized by the spark model). */
  thresholds?: Record<string, unknown>;
}

export type HostToWorker = { type: 'load' } | { type: 'cancel' } | { type: 'stageDetail'; stage: StageKey };

export type WorkerToHost =
  | { type: 'progress'; bytesRead: number }
  | { type: 'snapshot'; snapshot: AppSnapshot; live: boolean }
  | { type: 'error'; message: string }
  | { type: 'stageDetail'; stage: StageKey; detail?: StageDetail; error?: string };
