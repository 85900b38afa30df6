// Where event-log bytes come from: local files or S3, behind one small interface so the reader never
// knows which. A "directory" is a folder or an S3 prefix ending in '/'.

export interface ByteEntry {
  /** Full location, usable with read(): a local path or `s3://bucket/key`. */
  location: string;
  /** Last path segment (`events_1_app-1.zstd`). */
  name: string;
  size?: number;
}

export type ResolvedLocation = { kind: 'file'; entry: ByteEntry } | { kind: 'directory'; location: string; entries: ByteEntry[] };

export interface ByteSource {
  /** Undefined when nothing exists at the location. */
  resolve(location: string, signal?: AbortSignal): Promise<ResolvedLocation | undefined>;
  /** The entry's bytes from `start` (default 0) in chunks, streamed (never the whole file in memory). */
  read(entry: ByteEntry, signal?: AbortSignal, start?: number): AsyncIterable<Uint8Array>;
}
