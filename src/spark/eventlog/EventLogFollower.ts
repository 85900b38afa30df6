// Reads an event log and, on each refresh, only what was added since: a plain `.inprogress` file
// (or the plain last part of a rolling log) is resumed after its last complete line, new rolling
// parts are read once. When that is not possible (a compressed file still being written, a part
// that changed) the model is rebuilt from the start, so a refresh is never wrong, only slower.
import { AppModelBuilder } from '../model/AppModelBuilder';
import type { AlertThresholds } from '../model/alerts';
import type { AppSnapshot, ReadWarning } from '../model/types';
import { byteSourceFor, type ByteEntry, type ByteSource } from '../source';
import { eventLogFiles } from './eventLogFiles';
import { readEventLogFile } from './readEventLogFile';

export interface FollowerOptions {
  source?: ByteSource;
  thresholds?: AlertThresholds;
}

export interface RefreshOptions {
  signal?: AbortSignal;
  /** Raw bytes read so far in this refresh. */
  onProgress?: (bytesRead: number) => void;
}

interface ReadFile {
  name: string;
  size?: number;
  codec: string;
}

const IN_PROGRESS = '.inprogress';

export class EventLogFollower {
  private builder = new AppModelBuilder();
  /** Files read to their end, in log order. */
  private finished: ReadFile[] = [];
  /** The plain file being written, read up to its last complete line. */
  private tail: { name: string; codec: string; offset: number; lineNumber: number } | undefined;
  /** A compressed file was read while still being written: the next refresh starts over. */
  private restartNext = false;
  private bytesRead = 0;
  private location: string;
  private source: ByteSource | undefined;

  constructor(location: string, private readonly options: FollowerOptions = {}) {
    this.location = location;
    this.source = options.source;
  }

  /** The model after reading what the log holds now. */
  async refresh(options: RefreshOptions = {}): Promise<AppSnapshot> {
    const source = (this.source ??= await byteSourceFor(this.location));
    let resolved = await source.resolve(this.location, options.signal);
    if (!resolved && this.location.endsWith(IN_PROGRESS)) {
      // Spark renames `<app>.inprogress` to `<app>` when the application ends.
      const finishedLocation = this.location.slice(0, -IN_PROGRESS.length);
      resolved = await source.resolve(finishedLocation, options.signal);
      if (resolved) this.location = finishedLocation;
    }
    if (!resolved) throw new Error(`No event log at '${this.location}'.`);
    const layout = eventLogFiles(resolved);
    if (!this.canContinue(layout.files)) this.reset();

    const refreshWarnings: ReadWarning[] = layout.problems.map((message) => ({ kind: 'missingFile', message, count: 1 }));
    let readNow = 0;
    for (let i = this.finished.length; i < layout.files.length; i++) {
      const file = layout.files[i];
      const follow = i === layout.files.length - 1 && layout.inProgress;
      const resume = this.tail && this.tail.name === file.name ? { offset: this.tail.offset, lineNumber: this.tail.lineNumber } : undefined;
      const before = readNow;
      const result = await readEventLogFile(source, file, this.builder, {
        signal: options.signal,
        follow,
        resume,
        onBytes: options.onProgress ? (bytes) => options.onProgress?.(before + bytes) : undefined,
      });
      readNow += result.bytes;
      if (follow && result.codec === 'none') {
        this.tail = { name: file.name, codec: result.codec, offset: result.completeOffset, lineNumber: result.lineNumber - (result.pendingBytes > 0 ? 1 : 0) };
        if (result.pendingBytes > 0) {
          refreshWarnings.push({
            kind: 'truncatedLine', file: file.name, line: result.lineNumber, count: 1,
            message: `${file.name}: the last line (${result.lineNumber}) is incomplete, as the log is still being written; it is read once complete.`,
          });
        }
      } else {
        this.finished.push({ name: file.name, size: file.size, codec: result.codec });
        this.tail = undefined;
        if (follow) this.restartNext = true;
      }
    }
    this.bytesRead += readNow;
    if (layout.inProgress) {
      refreshWarnings.push({ kind: 'inProgress', count: 1, message: 'The event log is still being written (or the application died): the model shows the run up to its last complete event.' });
    } else if (!this.builder.applicationEnded && this.builder.eventsSeen > 0) {
      refreshWarnings.push({ kind: 'inProgress', count: 1, message: 'The event log ends without the application ending: the application was still running, or its driver died.' });
    }
    const codecs = [...this.finished.map((file) => file.codec), ...(this.tail ? [this.tail.codec] : [])];
    return this.builder.snapshot(
      { kind: 'eventLog', location: this.location, codecs, files: layout.files.map((file) => file.name), bytesRead: this.bytesRead, inProgress: layout.inProgress },
      this.options.thresholds,
      refreshWarnings,
    );
  }

  /** The model read so far (for callers that keep feeding it). */
  get model(): AppModelBuilder {
    return this.builder;
  }

  private canContinue(files: ByteEntry[]): boolean {
    if (this.restartNext) return false;
    for (let i = 0; i < this.finished.length; i++) {
      const file = files[i];
      if (!file || file.name !== this.finished[i].name || file.size !== this.finished[i].size) return false;
    }
    if (!this.tail) return true;
    const tailFile = files[this.finished.length];
    return tailFile !== undefined && tailFile.name === this.tail.name && (tailFile.size === undefined || tailFile.size >= this.tail.offset);
  }

  private reset(): void {
    this.builder = new AppModelBuilder();
    this.finished = [];
    this.tail = undefined;
    this.restartNext = false;
    this.bytesRead = 0;
  }
}
