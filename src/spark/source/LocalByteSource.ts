// Local files and folders.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ByteEntry, ByteSource, ResolvedLocation } from './ByteSource';

const CHUNK_BYTES = 1 << 20;

export class LocalByteSource implements ByteSource {
  async resolve(location: string): Promise<ResolvedLocation | undefined> {
    const info = await stat(location).catch(() => undefined);
    if (!info) return undefined;
    if (info.isFile()) return { kind: 'file', entry: { location, name: basename(location), size: info.size } };
    if (!info.isDirectory()) return undefined;
    const entries: ByteEntry[] = [];
    for (const dirent of await readdir(location, { withFileTypes: true })) {
      if (!dirent.isFile()) continue;
      const path = join(location, dirent.name);
      const size = (await stat(path).catch(() => undefined))?.size;
      entries.push({ location: path, name: dirent.name, size });
    }
    return { kind: 'directory', location, entries };
  }

  read(entry: ByteEntry, signal?: AbortSignal, start = 0): AsyncIterable<Uint8Array> {
    return createReadStream(entry.location, { highWaterMark: CHUNK_BYTES, signal, start });
  }
}
