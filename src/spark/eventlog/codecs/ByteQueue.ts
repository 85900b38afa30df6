// Bytes waiting to be consumed by a block decoder: appended chunk by chunk, read from the front.
export class ByteQueue {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;

  push(chunk: Uint8Array): void {
    const rest = this.buffer.subarray(this.offset);
    this.buffer = rest.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([rest, chunk]);
    this.offset = 0;
  }

  get available(): number {
    return this.buffer.length - this.offset;
  }

  /** A view of the next `length` bytes without consuming them (caller checks `available`). */
  peek(length: number, at = 0): Buffer {
    return this.buffer.subarray(this.offset + at, this.offset + at + length);
  }

  take(length: number): Buffer {
    const out = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  skip(length: number): void {
    this.offset += length;
  }
}
