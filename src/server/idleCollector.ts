// After a burst of linting, the server's heap is mostly garbage (old models and trees). V8 frees it at its
// next full collection but keeps the pages for the heap to grow into again, and a server waiting for
// the next keystroke may keep them for a long time: its resident memory stays near its peak (about
// 150 MB after the benchmark corpus, 250 MB after editing a 5,000-line job, with 12 MB live once the
// documents are closed). As tsserver does (its GcTimer), the server collects once it has been quiet for a
// while after work that grew its heap, so the pause falls in idle time, not on a keystroke. The
// collection is the one the inspector protocol asks for (`HeapProfiler.collectGarbage`, through an
// in-process session: no port is opened): V8's low-memory collection, which compacts the heap and gives
// the pages back to the system, where `gc()` from --expose-gc keeps a third of them.
import type { Session } from 'node:inspector';
import { getHeapStatistics } from 'node:v8';

/** How long the server must be quiet after work before collecting. */
export const QUIET_MS = 2000;
/** Growth of the heap V8 holds since the last collection below which collecting is not worth its pause. */
export const MIN_GROWTH_BYTES = 16 * 1024 * 1024;

let session: Session | undefined;

/** V8's low-memory collection of this process; it runs after the current task, and the promise then resolves. */
export async function collectAllGarbage(): Promise<void> {
  try {
    if (!session) {
      // loaded here: on a Node.js built without the inspector the module throws when loaded
      const opened = new (await import('node:inspector')).Session();
      opened.connect();
      session = opened;
    }
  } catch {
    return; // V8 collects on its own schedule
  }
  const connected = session;
  await new Promise<void>((resolve) => connected.post('HeapProfiler.collectGarbage', () => resolve()));
}

export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  private heldAfterCollection: number;

  /** `heldHeap`: the heap V8 holds (committed), live or not. */
  constructor(
    private readonly collect: () => Promise<void> = collectAllGarbage,
    private readonly heldHeap: () => number = () => getHeapStatistics().total_heap_size,
  ) {
    this.heldAfterCollection = heldHeap();
  }

  /** Call after work that allocates (a lint, a closed document): each call starts the quiet period again. */
  afterWork(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.collectIfGrown(), QUIET_MS);
    this.timer.unref(); // never keeps a server that was told to exit alive
  }

  private async collectIfGrown(): Promise<void> {
    this.timer = undefined;
    if (this.heldHeap() - this.heldAfterCollection < MIN_GROWTH_BYTES) return;
    await this.collect();
    this.heldAfterCollection = this.heldHeap();
  }
}
