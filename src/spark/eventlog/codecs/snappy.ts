// snappy as Spark writes it: snappy-java's SnappyOutputStream framing (not the snappy "framing
// format"): a 16-byte header (0x82 "SNAPPY" 0x00, version, compatible version as BE ints), then
// chunks of  length (4, BE) | raw snappy block. A header may appear again when streams were
// concatenated. Blocks are decoded by snappyjs.
import { uncompress } from 'snappyjs';
import { ByteQueue } from './ByteQueue';
import type { Decoder } from './types';

export const SNAPPY_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const HEADER_LENGTH = 16;
const MAX_BLOCK = 1 << 26;

export const decodeSnappyStream: Decoder = async function* (input, onProblem) {
  const queue = new ByteQueue();
  for await (const chunk of input) {
    queue.push(chunk);
    for (;;) {
      if (queue.available >= SNAPPY_MAGIC.length && queue.peek(SNAPPY_MAGIC.length).equals(SNAPPY_MAGIC)) {
        if (queue.available < HEADER_LENGTH) break;
        queue.skip(HEADER_LENGTH);
        continue;
      }
      if (queue.available < 4) break;
      const length = queue.peek(4).readInt32BE(0);
      if (length < 0 || length > MAX_BLOCK) {
        onProblem({ kind: 'corruptFrame', message: 'Corrupt snappy data: a chunk has an impossible length.' });
        return;
      }
      if (queue.available < 4 + length) break;
      queue.skip(4);
      const block = queue.take(length);
      try {
        yield uncompress(Uint8Array.from(block), MAX_BLOCK);
      } catch (error) {
        onProblem({ kind: 'corruptFrame', message: `Corrupt snappy block: ${(error as Error).message}.` });
        return;
      }
    }
  }
  if (queue.available > 0) onProblem({ kind: 'truncatedFrame', message: `The snappy stream ends inside a chunk (${queue.available} bytes left over).` });
};
