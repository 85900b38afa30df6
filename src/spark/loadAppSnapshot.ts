// One entry point for every kind of SOURCE: an event-log file or folder, an s3:// URL, or an
// http(s) URL of a Spark UI / History Server (optionally pointing at one application).
import { readEventLog } from './eventlog/readEventLog';
import { resolveAlertThresholds, type AlertThresholds } from './model/alerts';
import type { AppSnapshot } from './model/types';
import { fetchRestAnswers, snapshotFromRest } from './rest/restSnapshot';
import { parseSparkUrl, SparkRestClient } from './rest/SparkRestClient';

export interface LoadAppSnapshotOptions {
  signal?: AbortSignal;
  /** Overrides of the alert thresholds (from settings); bad values fall back to defaults with a warning. */
  thresholds?: Partial<AlertThresholds> | Record<string, unknown>;
  /** Compressed bytes read so far (event logs only). */
  onProgress?: (bytesRead: number) => void;
  /** REST only: per-request time limit. */
  timeoutMs?: number;
}

export function isRestSource(source: string): boolean {
  return /^https?:\/\//i.test(source.trim());
}

export async function loadAppSnapshot(source: string, options: LoadAppSnapshotOptions = {}): Promise<AppSnapshot> {
  const { thresholds, problems } = resolveAlertThresholds(options.thresholds ?? {});
  let snapshot: AppSnapshot;
  if (isRestSource(source)) {
    const parsed = parseSparkUrl(source);
    const client = new SparkRestClient(parsed.apiBase, { timeoutMs: options.timeoutMs });
    const answers = await fetchRestAnswers(client, parsed.app, options.signal);
    snapshot = snapshotFromRest(answers, source, { thresholds });
  } else {
    snapshot = (await readEventLog(source, { signal: options.signal, thresholds, onProgress: options.onProgress })).snapshot;
  }
  for (const problem of problems) snapshot.warnings.push({ kind: 'inconsistentEvent', message: `Setting: ${problem}`, count: 1 });
  return snapshot;
}
