// lz4 as Spark writes it: lz4-java's LZ4BlockOutputStream framing, block by block:
//   "LZ4Block" magic (8) | token (1: method 0x10 raw / 0x20 lz4, low nibble level) |
//   compressed length (4, LE) | original length (4, LE) | checksum (4, LE) | data.
// An empty block ends a stream; Spark may concatenate streams, so reading goes on after it.
// The block itself is decoded by lz4js. The xxhash checksum is not verified (lz4 decoding already
// fails on most corruption, and hashing every block would cost more than the decode).
import { decompressBlock } from 'lz4js';
import { ByteQueue } from './ByteQueue';
import type { Decoder } from './types';

const MAGIC = Buffer.from('LZ4Block', 'latin1');
const HEADER_LENGTH = MAGIC.length + 13;
const METHOD_RAW = 0x10;
const METHOD_LZ4 = 0x20;
const MAX_BLOCK = 1 << 26;

export const decodeLz4Block: Decoder = async function* (input, onProblem) {
  const queue = new ByteQueue();
  for await (const chunk of input) {
    queue.push(chunk);
    while (queue.available >= HEADER_LENGTH) {
      const header = queue.peek(HEADER_LENGTH);
      if (!header.subarray(0, MAGIC.length).equals(MAGIC)) {
        onProblem({ kind: 'corruptFrame', message: 'Corrupt lz4 data: a block does not start with the LZ4Block magic.' });
        return;
      }
      const method = header[MAGIC.length] & 0xf0;
      const compressedLength = header.readInt32LE(MAGIC.length + 1);
      const originalLength = header.readInt32LE(MAGIC.length + 5);
      if ((method !== METHOD_RAW && method !== METHOD_LZ4) || compressedLength < 0 || originalLength < 0 || originalLength > MAX_BLOCK || compressedLength > MAX_BLOCK) {
        onProblem({ kind: 'corruptFrame', message: 'Corrupt lz4 data: a block header has an impossible method or length.' });
        return;
      }
      if (queue.available < HEADER_LENGTH + compressedLength) break;
      queue.skip(HEADER_LENGTH);
      const data = queue.take(compressedLength);
      if (originalLength === 0) continue;
      if (method === METHOD_RAW) {
        yield Uint8Array.from(data);
        continue;
      }
      const out = new Uint8Array(originalLength);
      let written: number;
      try {
        written = decompressBlock(data, out, 0, compressedLength, 0);
      } catch (error) {
        onProblem({ kind: 'corruptFrame', message: `Corrupt lz4 block: ${(error as Error).message}.` });
        return;
      }
      if (written !== originalLength) {
        onProblem({ kind: 'corruptFrame', message: `Corrupt lz4 block: decoded ${written} bytes, the header says ${originalLength}.` });
        if (written > 0) yield out.subarray(0, written);
        return;
      }
      yield out;
    }
  }
  if (queue.available > 0) onProblem({ kind: 'truncatedFrame', message: `The lz4 stream ends inside a block (${queue.available} bytes left over).` });
};
