// Writes data in the framings Spark's codecs use, with independent block encoders (lz4js, snappyjs,
// lzfjs), so the reader is tested against streams it did not write itself.
import { compressBlock, compressBound } from 'lz4js';
import { compress as snappyCompress } from 'snappyjs';
import { compress as lzfCompress } from 'lzfjs';

function blocks(data: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size));
  return out;
}

/** lz4-java LZ4BlockOutputStream: "LZ4Block", token, compressed len, original len, checksum (LE), data; empty block at the end. */
export function lz4BlockStream(data: Buffer, blockSize = 4096): Buffer {
  const parts: Buffer[] = [];
  const header = (method: number, compressed: number, original: number) => {
    const h = Buffer.alloc(21);
    h.write('LZ4Block', 0, 'latin1');
    h[8] = method | 4;
    h.writeInt32LE(compressed, 9);
    h.writeInt32LE(original, 13);
    h.writeInt32LE(0, 17);
    return h;
  };
  for (const block of blocks(data, blockSize)) {
    const out = new Uint8Array(compressBound(block.length));
    const length = compressBlock(block, out, 0, block.length, new Uint32Array(1 << 16));
    if (length > 0 && length < block.length) parts.push(header(0x20, length, block.length), Buffer.from(out.subarray(0, length)));
    else parts.push(header(0x10, block.length, block.length), block);
  }
  parts.push(header(0x10, 0, 0));
  return Buffer.concat(parts);
}

/** snappy-java SnappyOutputStream: 16-byte header, then (length BE, raw snappy block) chunks. */
export function snappyJavaStream(data: Buffer, blockSize = 4096): Buffer {
  const header = Buffer.alloc(16);
  Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]).copy(header);
  header.writeInt32BE(1, 8);
  header.writeInt32BE(1, 12);
  const parts: Buffer[] = [header];
  for (const block of blocks(data, blockSize)) {
    const compressed = Buffer.from(snappyCompress(block));
    const length = Buffer.alloc(4);
    length.writeInt32BE(compressed.length);
    parts.push(length, compressed);
  }
  return Buffer.concat(parts);
}

/** compress-lzf LZFOutputStream: "ZV" chunks, compressed (type 1) or stored (type 0). */
export function lzfStream(data: Buffer, blockSize = 8192): Buffer {
  const parts: Buffer[] = [];
  for (const block of blocks(data, blockSize)) {
    const compressed = Buffer.from(lzfCompress(block));
    if (compressed.length > 0 && compressed.length < block.length) {
      const h = Buffer.from([0x5a, 0x56, 1, 0, 0, 0, 0]);
      h.writeUInt16BE(compressed.length, 3);
      h.writeUInt16BE(block.length, 5);
      parts.push(h, compressed);
    } else {
      const h = Buffer.from([0x5a, 0x56, 0, 0, 0]);
      h.writeUInt16BE(block.length, 3);
      parts.push(h, block);
    }
  }
  return Buffer.concat(parts);
}
