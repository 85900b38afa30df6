// Reads one event log (file or rolling folder; local or S3) into the application model, once.
// For logs that keep growing, keep an EventLogFollower and call refresh() instead.
import type { AlertThresholds } from '../model/alerts';
import type { AppModelBuilder } from '../model/AppModelBuilder';
import type { AppSnapshot } from '../model/types';
import type { ByteSource } from '../source';
import { EventLogFollower } from './EventLogFollower';

export interface ReadEventLogOptions {
  source?: ByteSource;
  signal?: AbortSignal;
  thresholds?: AlertThresholds;
  /** Called as raw bytes arrive (at most once per chunk). */
  onProgress?: (bytesRead: number) => void;
}

export interface ReadEventLogResult {
  snapshot: AppSnapshot;
  builder: AppModelBuilder;
}

export async function readEventLog(location: string, options: ReadEventLogOptions = {}): Promise<ReadEventLogResult> {
  const follower = new EventLogFollower(location, { source: options.source, thresholds: options.thresholds });
  const snapshot = await follower.refresh({ signal: options.signal, onProgress: options.onProgress });
  return { snapshot, builder: follower.model };
}
