// A codec turns a stream of compressed chunks into a stream of decompressed chunks. It never throws
// for bad data: it stops and reports through `onProblem`, so everything decoded before stays usable.

export type CodecName = 'none' | 'zstd' | 'lz4' | 'snappy' | 'lzf';

export interface DecodeProblem {
  kind: 'truncatedFrame' | 'corruptFrame';
  message: string;
}

export type Decoder = (input: AsyncIterable<Uint8Array>, onProblem: (problem: DecodeProblem) => void) => AsyncIterable<Uint8Array>;
