import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogWindowDedup } from '../../../src/submit/logWindowDedup';

describe('LogWindowDedup', () => {
  it('delivers each line of overlapping windows once, in order', () => {
    const full = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const dedup = new LogWindowDedup();
    const out: string[] = [];
    // Sliding windows of 6 lines advancing by 1 to 4 lines.
    for (let end = 1, step = 1; end <= full.length; end += step, step = (step % 4) + 1) out.push(...dedup.next(full.slice(Math.max(0, end - 6), end)));
    out.push(...dedup.next(full.slice(24)));
    assert.deepEqual(out, full);
  });

  it('keeps repeated identical lines that are really new', () => {
    const dedup = new LogWindowDedup();
    assert.deepEqual(dedup.next(['a', 'tick']), ['a', 'tick']);
    assert.deepEqual(dedup.next(['a', 'tick', 'tick']), ['tick']);
    assert.deepEqual(dedup.next(['tick', 'tick', 'b']), ['b']);
  });

  it('an empty window or the same window again yields nothing', () => {
    const dedup = new LogWindowDedup();
    dedup.next(['x', 'y']);
    assert.deepEqual(dedup.next([]), []);
    assert.deepEqual(dedup.next(['x', 'y']), []);
  });
});
