// zstd through fzstd (pure JS, streaming). Handles concatenated frames (Spark writes one per flush)
// and reports a truncated last frame, as a log still being written ends.
import { Decompress } from 'fzstd';
import type { Decoder } from './types';

export const decodeZstd: Decoder = async function* (input, onProblem) {
  let output: Uint8Array[] = [];
  const stream = new Decompress((chunk) => {
    if (chunk.length) output.push(chunk);
  });
  try {
    for await (const chunk of input) {
      stream.push(chunk);
      if (output.length) {
        yield* output;
        output = [];
      }
    }
    stream.push(new Uint8Array(0), true);
  } catch (error) {
    if (output.length) yield* output;
    const truncated = (error as { code?: number }).code === 5;
    onProblem({
      kind: truncated ? 'truncatedFrame' : 'corruptFrame',
      message: truncated ? 'The zstd stream ends inside a frame (a log still being written, or cut short).' : `Corrupt zstd data: ${(error as Error).message}.`,
    });
    return;
  }
  if (output.length) yield* output;
};
