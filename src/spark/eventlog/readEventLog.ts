// Reads one event log (file, rolling folder; local or S3) into the application model, streaming:
// bytes -> codec -> lines -> events -> AppModelBuilder. Lines of events the model does not use are
// counted by name and never parsed (SQL plans and block updates are the biggest lines in a log).
// Bad data never throws the model away: the reader stops that file and records a warning.
import { AppModelBuilder } from '../model/AppModelBuilder';
import type { AlertThresholds } from '../model/alerts';
import type { AppSnapshot } from '../model/types';
import { byteSourceFor, type ByteEntry, type ByteSource } from '../source';
import { codecFromMagic, codecFromName, decoderFor, type CodecName } from './codecs';
import { eventLogFiles } from './eventLogFiles';
import { LineSplitter } from './LineSplitter';

export interface ReadEventLogOptions {
  source?: ByteSource;
  signal?: AbortSignal;
  thresholds?: AlertThresholds;
  /** Continue into an existing builder (e.g. re-reading a growing log is done by the caller). */
  builder?: AppModelBuilder;
  /** Called as compressed bytes arrive (at most once per chunk). */
  onProgress?: (bytesRead: number) => void;
}

export interface ReadEventLogResult {
  snapshot: AppSnapshot;
  builder: AppModelBuilder;
}

const EVENT_PREFIX = '{"Event":"';

export async function readEventLog(location: string, options: ReadEventLogOptions = {}): Promise<ReadEventLogResult> {
  const source = options.source ?? (await byteSourceFor(location));
  const resolved = await source.resolve(location, options.signal);
  if (!resolved) throw new Error(`No event log at '${location}'.`);
  const layout = eventLogFiles(resolved);
  const builder = options.builder ?? new AppModelBuilder();
  for (const problem of layout.problems) builder.warnings.add('missingFile', problem);
  const codecs: string[] = [];
  let bytesRead = 0;
  for (let i = 0; i < layout.files.length; i++) {
    const file = layout.files[i];
    const isLast = i === layout.files.length - 1;
    const before = bytesRead;
    const onBytes = options.onProgress ? (fileBytes: number) => options.onProgress?.(before + fileBytes) : undefined;
    const result = await readFile(source, file, builder, { signal: options.signal, mayBeTruncated: isLast && layout.inProgress, onBytes });
    codecs.push(result.codec);
    bytesRead += result.bytes;
  }
  if (layout.inProgress) builder.warnings.add('inProgress', 'The event log is still being written (or the application died): the model shows the run up to its last complete event.');
  else if (!builder.applicationEnded && builder.eventsSeen > 0) builder.warnings.add('inProgress', 'The event log ends without the application ending: the application was still running, or its driver died.');
  const snapshot = builder.snapshot(
    { kind: 'eventLog', location, codecs, files: layout.files.map((file) => file.name), bytesRead, inProgress: layout.inProgress },
    options.thresholds,
  );
  return { snapshot, builder };
}

interface FileResult {
  codec: CodecName | 'unknown';
  bytes: number;
}

async function readFile(
  source: ByteSource,
  file: ByteEntry,
  builder: AppModelBuilder,
  options: { signal?: AbortSignal; mayBeTruncated: boolean; onBytes?: (bytes: number) => void },
): Promise<FileResult> {
  let bytes = 0;
  const raw = source.read(file, options.signal)[Symbol.asyncIterator]();
  const first = await raw.next();
  if (first.done || first.value.length === 0) {
    builder.warnings.add('truncatedLine', `${file.name} is empty.`, file.name);
    return { codec: codecFromName(file.name) ?? 'none', bytes: 0 };
  }
  const codec = codecFromMagic(first.value) ?? codecFromName(file.name);
  const byName = codecFromName(file.name);
  if (!codec) {
    builder.warnings.add('unknownCodec', `${file.name} is neither JSON lines nor zstd, lz4, snappy or LZF data; it was skipped.`, file.name);
    return { codec: 'unknown', bytes: first.value.length };
  }
  if (byName && byName !== codec) {
    builder.warnings.add('unknownCodec', `${file.name} is named like ${byName} data but holds ${codec === 'none' ? 'plain text' : codec}; it was read as ${codec}.`, file.name);
  }
  async function* counted(): AsyncIterable<Uint8Array> {
    bytes += first.value!.length;
    options.onBytes?.(bytes);
    yield first.value!;
    for (;;) {
      const next = await raw.next();
      if (next.done) return;
      bytes += next.value.length;
      options.onBytes?.(bytes);
      yield next.value;
    }
  }
  const decoder = decoderFor(codec);
  const decoded = decoder
    ? decoder(counted(), (problem) => builder.warnings.add(problem.kind, `${file.name}: ${problem.message} Events before it were kept.`, file.name))
    : counted();

  const splitter = new LineSplitter();
  let lineNumber = 0;
  const onLine = (line: string): void => {
    lineNumber++;
    if (line.length === 0) return;
    if (line.startsWith(EVENT_PREFIX)) {
      const end = line.indexOf('"', EVENT_PREFIX.length);
      if (end > 0) {
        const name = line.slice(EVENT_PREFIX.length, end);
        if (!AppModelBuilder.handles(name)) {
          builder.ignore(name);
          return;
        }
      }
    }
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      builder.warnings.add('corruptLine', `${file.name}: line ${lineNumber} is not valid JSON and was skipped.`, file.name, lineNumber);
      return;
    }
    if (typeof event === 'object' && event !== null && !Array.isArray(event)) builder.onEvent(event as Record<string, unknown>);
    else builder.warnings.add('corruptLine', `${file.name}: line ${lineNumber} is not a JSON object and was skipped.`, file.name, lineNumber);
  };
  for await (const chunk of decoded) splitter.push(chunk, onLine);
  const last = splitter.end();
  if (last !== undefined && last.trim() !== '') {
    lineNumber++;
    let event: unknown;
    try {
      event = JSON.parse(last);
    } catch {
      builder.warnings.add(
        'truncatedLine',
        `${file.name}: the last line (${lineNumber}) is cut short${options.mayBeTruncated ? ' (the log is still being written)' : ''}; it was skipped.`,
        file.name,
        lineNumber,
      );
    }
    if (typeof event === 'object' && event !== null && !Array.isArray(event)) builder.onEvent(event as Record<string, unknown>);
  }
  return { codec, bytes };
}
