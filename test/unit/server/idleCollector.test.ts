import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { getHeapStatistics } from 'node:v8';
import { collectAllGarbage, IdleCollector, MIN_GROWTH_BYTES, QUIET_MS } from '../../../src/server/idleCollector';

describe('collectAllGarbage', () => {
  it('gives the heap a collection of its own kept back', async () => {
    let garbage: object[] | undefined = Array.from({ length: 300_000 }, (_, i) => ({ i, text: `row ${i}` }));
    assert.equal(garbage.length, 300_000);
    garbage = undefined;
    const before = getHeapStatistics().total_heap_size;
    await collectAllGarbage();
    assert.ok(getHeapStatistics().total_heap_size < before, `the heap V8 holds shrinks (${before} bytes before)`);
  });
});

describe('IdleCollector', () => {
  let used = 0;
  let collections = 0;
  const collect = () => {
    collections++;
    used = 20; // what a full collection leaves: the live data
    return Promise.resolve();
  };

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout'] });
    used = 10;
    collections = 0;
  });
  afterEach(() => mock.timers.reset());
  /** Moves the mocked clock on and lets a collection that started finish. */
  const tick = async (ms: number) => {
    mock.timers.tick(ms);
    await new Promise((resolve) => setImmediate(resolve));
  };

  it('collects once the server has been quiet for a while after work that grew the heap', async () => {
    const idle = new IdleCollector(collect, () => used);
    used += MIN_GROWTH_BYTES;
    idle.afterWork();
    await tick(QUIET_MS - 1);
    assert.equal(collections, 0, 'not before the quiet period is over');
    await tick(1);
    assert.equal(collections, 1);
    await tick(QUIET_MS * 5);
    assert.equal(collections, 1, 'once per quiet period, not on a timer');
  });

  it('waits for the end of a burst: each lint starts the quiet period again', async () => {
    const idle = new IdleCollector(collect, () => used);
    for (let keystroke = 0; keystroke < 10; keystroke++) {
      used += MIN_GROWTH_BYTES;
      idle.afterWork();
      await tick(QUIET_MS / 2);
    }
    assert.equal(collections, 0);
    await tick(QUIET_MS / 2);
    assert.equal(collections, 1);
  });

  it('does not pause for a heap that barely grew since the last collection', async () => {
    const idle = new IdleCollector(collect, () => used);
    used += MIN_GROWTH_BYTES;
    idle.afterWork();
    await tick(QUIET_MS);
    assert.equal(collections, 1);
    used += MIN_GROWTH_BYTES / 2; // a hover, one small lint
    idle.afterWork();
    await tick(QUIET_MS);
    assert.equal(collections, 1);
    used += MIN_GROWTH_BYTES / 2;
    idle.afterWork();
    await tick(QUIET_MS);
    assert.equal(collections, 2, 'growth adds up from the last collection');
  });
});
