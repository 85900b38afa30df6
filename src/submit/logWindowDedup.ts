// IOMETE serves logs by time range, with no streaming: a poller gets overlapping windows of the same
// log. Each window is a contiguous slice of the full log, so the lines already delivered that it
// repeats are a prefix of the window matching a suffix of what was delivered; only the rest is new.
export class LogWindowDedup {
  private delivered: string[] = [];

  constructor(private readonly memory = 5000) {}

  /** Returns the lines of `window` not delivered before, in order. */
  next(window: string[]): string[] {
    const overlap = this.overlap(window);
    const fresh = window.slice(overlap);
    this.delivered.push(...fresh);
    if (this.delivered.length > this.memory) this.delivered.splice(0, this.delivered.length - this.memory);
    return fresh;
  }

  /** Largest k such that window[0..k) equals the last k delivered lines. */
  private overlap(window: string[]): number {
    const delivered = this.delivered;
    for (let k = Math.min(window.length, delivered.length); k > 0; k--) {
      const start = delivered.length - k;
      let same = true;
      for (let i = 0; i < k && same; i++) same = window[i] === delivered[start + i];
      if (same) return k;
    }
    return 0;
  }
}
