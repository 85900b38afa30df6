// LZF as Spark writes it: compress-lzf's LZFOutputStream chunks:
//   "ZV" | type (0 = stored, 1 = compressed) | length (2, BE) | [original length (2, BE)] | data.
// The block decoder is the classic liblzf algorithm, written here: the only npm package for it
// copies byte by byte into a JS array and uses the deprecated `new Buffer`.
import { ByteQueue } from './ByteQueue';
import type { Decoder } from './types';

const TYPE_STORED = 0;
const TYPE_COMPRESSED = 1;

export const decodeLzf: Decoder = async function* (input, onProblem) {
  const queue = new ByteQueue();
  for await (const chunk of input) {
    queue.push(chunk);
    while (queue.available >= 5) {
      const header = queue.peek(7);
      if (header[0] !== 0x5a || header[1] !== 0x56) {
        onProblem({ kind: 'corruptFrame', message: 'Corrupt LZF data: a chunk does not start with "ZV".' });
        return;
      }
      const type = header[2];
      const length = header.readUInt16BE(3);
      if (type === TYPE_STORED) {
        if (queue.available < 5 + length) break;
        queue.skip(5);
        yield Uint8Array.from(queue.take(length));
      } else if (type === TYPE_COMPRESSED) {
        if (queue.available < 7 + length) break;
        const originalLength = header.readUInt16BE(5);
        queue.skip(7);
        const data = queue.take(length);
        const out = new Uint8Array(originalLength);
        const written = lzfDecompressBlock(data, out);
        if (written !== originalLength) {
          onProblem({ kind: 'corruptFrame', message: `Corrupt LZF chunk: decoded ${Math.max(0, written)} bytes, the header says ${originalLength}.` });
          return;
        }
        yield out;
      } else {
        onProblem({ kind: 'corruptFrame', message: `Corrupt LZF data: unknown chunk type ${type}.` });
        return;
      }
    }
  }
  if (queue.available > 0) onProblem({ kind: 'truncatedFrame', message: `The LZF stream ends inside a chunk (${queue.available} bytes left over).` });
};

/** Decodes one LZF block into `out`; returns the bytes written, or -1 for invalid input. */
export function lzfDecompressBlock(input: Uint8Array, out: Uint8Array): number {
  let ip = 0;
  let op = 0;
  while (ip < input.length) {
    const ctrl = input[ip++];
    if (ctrl < 32) {
      // Literal run of ctrl + 1 bytes.
      const length = ctrl + 1;
      if (ip + length > input.length || op + length > out.length) return -1;
      out.set(input.subarray(ip, ip + length), op);
      ip += length;
      op += length;
    } else {
      // Back reference: length in the top 3 bits (7 = read one more byte), offset in 13 bits.
      let length = ctrl >> 5;
      if (length === 7) {
        if (ip >= input.length) return -1;
        length += input[ip++];
      }
      if (ip >= input.length) return -1;
      let ref = op - ((ctrl & 0x1f) << 8) - 1 - input[ip++];
      length += 2;
      if (ref < 0 || op + length > out.length) return -1;
      // Byte by byte: the reference may overlap what is being written.
      while (length--) out[op++] = out[ref++];
    }
  }
  return op;
}
