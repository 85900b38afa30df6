// Codec detection: by magic bytes first (what the file really is), by extension for files too short
// to tell. Spark names compressed logs `<app>.<codec>` (`.zstd`, `.lz4`, `.snappy`, `.lzf`).
import { decodeLz4Block } from './lz4';
import { decodeLzf } from './lzf';
import { decodeSnappyStream, SNAPPY_MAGIC } from './snappy';
import type { CodecName, Decoder } from './types';
import { decodeZstd } from './zstd';

export type { CodecName, DecodeProblem, Decoder } from './types';

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const LZ4_MAGIC = Buffer.from('LZ4Block', 'latin1');

export function codecFromName(fileName: string): CodecName | undefined {
  const name = fileName.replace(/\.inprogress$/, '');
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  switch (extension) {
    case 'zstd':
    case 'zst':
      return 'zstd';
    case 'lz4':
      return 'lz4';
    case 'snappy':
      return 'snappy';
    case 'lzf':
      return 'lzf';
    default:
      return undefined;
  }
}

export function codecFromMagic(head: Uint8Array): CodecName | undefined {
  if (head.length >= 4 && ZSTD_MAGIC.every((byte, i) => head[i] === byte)) return 'zstd';
  if (head.length >= LZ4_MAGIC.length && Buffer.from(head.buffer, head.byteOffset, LZ4_MAGIC.length).equals(LZ4_MAGIC)) return 'lz4';
  if (head.length >= SNAPPY_MAGIC.length && Buffer.from(head.buffer, head.byteOffset, SNAPPY_MAGIC.length).equals(SNAPPY_MAGIC)) return 'snappy';
  if (head.length >= 3 && head[0] === 0x5a && head[1] === 0x56 && head[2] <= 1) return 'lzf';
  // Anything else that looks like text is read as JSON lines (bad lines are then reported one by one).
  return looksLikeText(head) ? 'none' : undefined;
}

export function decoderFor(codec: CodecName): Decoder | undefined {
  switch (codec) {
    case 'zstd':
      return decodeZstd;
    case 'lz4':
      return decodeLz4Block;
    case 'snappy':
      return decodeSnappyStream;
    case 'lzf':
      return decodeLzf;
    case 'none':
      return undefined;
  }
}

/** No control bytes other than tab, CR, LF in the first bytes (UTF-8 multi-byte sequences are fine). */
function looksLikeText(head: Uint8Array): boolean {
  const length = Math.min(head.length, 512);
  for (let i = 0; i < length; i++) {
    const byte = head[i];
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
    if (byte === 0x7f) return false;
  }
  return length > 0;
}
