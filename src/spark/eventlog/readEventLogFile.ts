// Reads one file of an event log into the builder: bytes -> codec -> lines -> events. Lines of
// events the model does not use are counted by name and never parsed (SQL plans and block updates
// are the biggest lines of a log). Bad data never throws: the file's reading stops or skips the
// line, and a warning says so.
import { AppModelBuilder } from '../model/AppModelBuilder';
import type { ByteEntry, ByteSource } from '../source';
import { codecFromMagic, codecFromName, decoderFor, type CodecName } from './codecs';
import { LineSplitter } from './LineSplitter';

const EVENT_PREFIX = '{"Event":"';

export interface FileReadOptions {
  signal?: AbortSignal;
  /** Bytes read from this file so far in this call (at most once per chunk). */
  onBytes?: (bytes: number) => void;
  /**
   * The file is still being written: an incomplete last line is held back (not an error), and the
   * result says where the complete lines end so the next read can resume there.
   */
  follow: boolean;
  /** Continue a plain file from a previous read: byte offset and lines already read. */
  resume?: { offset: number; lineNumber: number };
}

export interface FileReadResult {
  codec: CodecName | 'unknown';
  /** Raw bytes read in this call. */
  bytes: number;
  /** Plain files: offset just past the last complete line (where a follow-up read resumes). */
  completeOffset: number;
  /** Lines read so far in the file, including held-back ones. */
  lineNumber: number;
  /** Plain files read with `follow`: bytes of an incomplete last line held back. */
  pendingBytes: number;
}

export async function readEventLogFile(source: ByteSource, file: ByteEntry, builder: AppModelBuilder, options: FileReadOptions): Promise<FileReadResult> {
  const startOffset = options.resume?.offset ?? 0;
  let bytes = 0;
  const raw = source.read(file, options.signal, startOffset)[Symbol.asyncIterator]();
  const first = await raw.next();
  if (first.done || first.value.length === 0) {
    if (!options.resume && !options.follow) builder.warnings.add('truncatedLine', `${file.name} is empty.`, file.name);
    return { codec: options.resume ? 'none' : (codecFromName(file.name) ?? 'none'), bytes: 0, completeOffset: startOffset, lineNumber: options.resume?.lineNumber ?? 0, pendingBytes: 0 };
  }
  // A resumed read starts mid-file: only plain files are resumed, so there is no magic to look at.
  const codec = options.resume ? 'none' : (codecFromMagic(first.value) ?? codecFromName(file.name));
  const byName = codecFromName(file.name);
  if (!codec) {
    builder.warnings.add('unknownCodec', `${file.name} is neither JSON lines nor zstd, lz4, snappy or LZF data; it was skipped.`, file.name);
    return { codec: 'unknown', bytes: first.value.length, completeOffset: 0, lineNumber: 0, pendingBytes: 0 };
  }
  if (!options.resume && byName && byName !== codec) {
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
  let lineNumber = options.resume?.lineNumber ?? 0;
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

  const pendingBytes = splitter.pendingBytes;
  const completeOffset = startOffset + bytes - (codec === 'none' ? pendingBytes : 0);
  if (options.follow && codec === 'none') {
    // The writer is mid-line: the rest of the line comes with the next read.
    return { codec, bytes, completeOffset, lineNumber: pendingBytes > 0 ? lineNumber + 1 : lineNumber, pendingBytes };
  }
  const last = splitter.end();
  if (last !== undefined && last.trim() !== '') {
    lineNumber++;
    let event: unknown;
    try {
      event = JSON.parse(last);
    } catch {
      builder.warnings.add('truncatedLine', `${file.name}: the last line (${lineNumber}) is cut short; it was skipped.`, file.name, lineNumber);
    }
    if (typeof event === 'object' && event !== null && !Array.isArray(event)) builder.onEvent(event as Record<string, unknown>);
  }
  return { codec, bytes, completeOffset: startOffset + bytes, lineNumber, pendingBytes: 0 };
}
