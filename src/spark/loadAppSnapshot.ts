// One entry point for every kind of SOURCE: an event-log file or folder, an s3:// URL, or an
// http(s) URL of a Spark UI / History Server (optionally pointing at one application).
import { EventLogFollower } from './eventlog/EventLogFollower';
import { resolveAlertThresholds, type AlertThresholds } from './model/alerts';
import type { AppSnapshot, StageDetail, StageKey } from './model/types';
import { fetchRestAnswers, snapshotFromRest, stageDetailFromRest } from './rest/restSnapshot';
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

// Loading the same event log again (a live panel refreshing) reads only what was added since: the
// followers of the last few logs are kept. Each holds a model that does not grow with tasks.
const MAX_FOLLOWERS = 4;
const followers = new Map<string, EventLogFollower>();

function followerFor(source: string, thresholds: AlertThresholds): EventLogFollower {
  const key = `${source}\u0000${JSON.stringify(thresholds)}`;
  let follower = followers.get(key);
  if (follower) followers.delete(key);
  else follower = new EventLogFollower(source, { thresholds });
  followers.set(key, follower);
  if (followers.size > MAX_FOLLOWERS) followers.delete(followers.keys().next().value as string);
  return follower;
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
    const follower = followerFor(source, thresholds);
    try {
      snapshot = await follower.refresh({ signal: options.signal, onProgress: options.onProgress });
    } catch (error) {
      // A failed or cancelled read may have stopped mid-file: the next load starts over.
      for (const [key, value] of followers) if (value === follower) followers.delete(key);
      throw error;
    }
  }
  for (const problem of problems) snapshot.warnings.push({ kind: 'inconsistentEvent', message: `Setting: ${problem}`, count: 1 });
  return snapshot;
}

/**
 * How one stage attempt's tasks spread over executors, asked when a view opens the stage. Event
 * logs answer from the model kept for the source (read first if it is not loaded yet); REST asks
 * the stage attempt endpoint. Undefined when the stage is unknown.
 */
export async function loadStageDetail(source: string, stage: StageKey, options: Omit<LoadAppSnapshotOptions, 'onProgress'> = {}): Promise<StageDetail | undefined> {
  if (isRestSource(source)) {
    const parsed = parseSparkUrl(source);
    const client = new SparkRestClient(parsed.apiBase, { timeoutMs: options.timeoutMs });
    let app = parsed.app;
    if (app && app.attemptId === undefined) {
      // YARN and multi-attempt History Server paths need the attempt id.
      const attemptId = (await client.application(app.appId, options.signal)).attempts?.[0]?.attemptId;
      if (attemptId !== undefined) app = { ...app, attemptId };
    }
    if (!app) {
      const answers = await client.applications({}, options.signal);
      if (answers.length !== 1) throw new Error(`${client.apiBase} serves ${answers.length} applications; name one in the URL.`);
      app = { appId: answers[0].id, attemptId: answers[0].attempts?.[0]?.attemptId };
    }
    return stageDetailFromRest(await client.stageAttempt(app, stage.stageId, stage.attemptId, {}, options.signal));
  }
  const { thresholds } = resolveAlertThresholds(options.thresholds ?? {});
  const follower = followerFor(source, thresholds);
  if (follower.model.eventsSeen === 0) await follower.refresh({ signal: options.signal });
  return follower.model.stageDetail(stage.stageId, stage.attemptId);
}
