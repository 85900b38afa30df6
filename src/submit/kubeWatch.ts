// Follows one object through a Kubernetes watch. After a dropped connection it resumes from the
// last resourceVersion it saw; when the server answers 410 Gone/Expired (history compacted) it
// lists again and starts a new watch from the list's resourceVersion. Bounded: gives up after
// MAX_FAILURES reconnects in a row without any progress.
import { isRetryable, KubeApiError, kubeStatusOf, sleep } from './kubeErrors';
import type { K8s } from './k8sLib';
import { loadK8s } from './k8sLib';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type WatchedEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'SYNC'; object: Obj } | { type: 'MISSING' };

export interface WatchOptions {
  /** API path of the collection, e.g. /apis/sparkoperator.k8s.io/v1beta2/namespaces/ns/sparkapplications */
  collectionPath: string;
  name: string;
  /** Lists the collection with a field selector; must return the list with metadata.resourceVersion. */
  list: (fieldSelector: string) => Promise<Obj>;
  signal?: AbortSignal;
  /** Told when the watch had to reconnect: 'resume' from a resourceVersion, or 'relist' after 410. */
  onReconnect?: (how: 'resume' | 'relist', resourceVersion: string) => void;
}

const MAX_FAILURES = 8;
const BACKOFF_MS = [100, 200, 400, 800, 1600, 3200, 5000, 5000];

type Queued = { event: Obj } | { end: unknown };

export async function* watchObject(kubeConfig: K8s.KubeConfig, options: WatchOptions): AsyncGenerator<WatchedEvent> {
  const k8s = await loadK8s();
  const fieldSelector = `metadata.name=${options.name}`;
  let resourceVersion = '';
  let failures = 0;
  let mustList = true;

  while (!options.signal?.aborted) {
    if (mustList) {
      let list: Obj;
      try {
        list = await options.list(fieldSelector);
      } catch (error) {
        if (options.signal?.aborted) return;
        const status = kubeStatusOf(error);
        if (!isRetryable(status) || ++failures > MAX_FAILURES) throw new KubeApiError(`watching ${options.name}: ${status.message}`, status);
        await sleep(BACKOFF_MS[failures - 1], options.signal).catch(() => undefined);
        continue;
      }
      resourceVersion = list.metadata?.resourceVersion ?? '';
      const item = (list.items as Obj[] | undefined)?.[0];
      yield item ? { type: 'SYNC', object: item } : { type: 'MISSING' };
      mustList = false;
    }

    // One watch connection; its events are queued by the callback and drained here.
    const queue: Queued[] = [];
    let wake: (() => void) | undefined;
    const push = (entry: Queued) => {
      queue.push(entry);
      wake?.();
    };
    const watch = new k8s.Watch(kubeConfig);
    const controller = await watch.watch(
      options.collectionPath,
      { resourceVersion, fieldSelector, allowWatchBookmarks: true },
      (_type, _object, raw) => push({ event: raw as Obj }),
      (error) => push({ end: error ?? null }),
    );
    const abort = () => controller.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    let ended: unknown = undefined;
    let gone = false;
    try {
      for (;;) {
        while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
        const entry = queue.shift()!;
        if ('end' in entry) {
          ended = entry.end;
          break;
        }
        const event = entry.event;
        if (event.type === 'ERROR') {
          if (event.object?.code === 410) {
            gone = true;
            controller.abort();
            break;
          }
          ended = new KubeApiError(event.object?.message ?? 'watch error', { code: event.object?.code, message: event.object?.message ?? 'watch error' });
          controller.abort();
          break;
        }
        const rv = event.object?.metadata?.resourceVersion;
        if (rv) resourceVersion = rv;
        failures = 0;
        if (event.type === 'BOOKMARK') continue;
        yield { type: event.type, object: event.object };
      }
    } finally {
      options.signal?.removeEventListener('abort', abort);
      controller.abort();
    }
    if (options.signal?.aborted) return;
    const status = ended ? kubeStatusOf(ended) : undefined;
    if (gone || status?.code === 410) {
      mustList = true;
      options.onReconnect?.('relist', resourceVersion);
      continue;
    }
    if (status && !isRetryable(status)) throw new KubeApiError(`watching ${options.name}: ${status.message}`, status);
    if (++failures > MAX_FAILURES) throw new KubeApiError(`watching ${options.name}: connection keeps dropping (${failures} reconnects without progress)`, status ?? { message: 'dropped' });
    options.onReconnect?.('resume', resourceVersion);
    await sleep(BACKOFF_MS[Math.min(failures, BACKOFF_MS.length) - 1], options.signal).catch(() => undefined);
  }
}
