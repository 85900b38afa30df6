// Splits decoded bytes into lines without holding more than the current chunk and one partial line.
// UTF-8 is decoded per complete line, so a multi-byte character split across chunks stays intact.

export class LineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;

  /** Calls onLine for every complete line in the chunk (without the '\n' or a trailing '\r'). */
  push(chunk: Uint8Array, onLine: (line: string) => void): void {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    if (this.carryBytes > 0) {
      const newline = buffer.indexOf(10);
      if (newline < 0) {
        this.keep(buffer);
        return;
      }
      this.carry.push(buffer.subarray(0, newline));
      const joined = Buffer.concat(this.carry);
      this.carry = [];
      this.carryBytes = 0;
      onLine(decodeLine(joined, 0, joined.length));
      start = newline + 1;
    }
    for (;;) {
      const newline = buffer.indexOf(10, start);
      if (newline < 0) break;
      onLine(decodeLine(buffer, start, newline));
      start = newline + 1;
    }
    if (start < buffer.length) this.keep(buffer.subarray(start));
  }

  /** Bytes of the incomplete line held back (0 when the input so far ends with '\n'). */
  get pendingBytes(): number {
    return this.carryBytes;
  }

  /** The last line when the input did not end with '\n' (a truncated or unterminated line). */
  end(): string | undefined {
    if (this.carryBytes === 0) return undefined;
    const joined = Buffer.concat(this.carry);
    this.carry = [];
    this.carryBytes = 0;
    return decodeLine(joined, 0, joined.length);
  }

  private keep(part: Buffer): void {
    this.carry.push(part);
    this.carryBytes += part.length;
  }
}

function decodeLine(buffer: Buffer, start: number, end: number): string {
  if (end > start && buffer[end - 1] === 13) end--;
  return buffer.toString('utf8', start, end);
}
