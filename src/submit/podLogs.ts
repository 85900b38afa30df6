// Streams a driver pod's log while it runs. Waits for the pod to exist and its container to start;
// when the follow connection drops while the pod still runs it reconnects and skips the lines it
// already delivered (the API replays the log from the start), so each line is yielded once.
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { kubeStatusOf, sleep } from './kubeErrors';
import { loadK8s, type K8s } from './k8sLib';

export interface PodLogOptions {
  namespace: string;
  container: string;
  /** Current driver pod name, or undefined while there is none yet. */
  findPod: () => Promise<string | undefined>;
  /** True once the application is over (no pod will come, or it is gone for good). */
  isFinished: () => Promise<boolean>;
  signal?: AbortSignal;
  pollMs?: number;
}

export async function* followPodLog(kubeConfig: K8s.KubeConfig, options: PodLogOptions): AsyncGenerator<string> {
  const k8s = await loadK8s();
  const core = kubeConfig.makeApiClient(k8s.CoreV1Api);
  const log = new k8s.Log(kubeConfig);
  const pollMs = options.pollMs ?? 200;
  let pod: string | undefined;
  let delivered = 0;
  let lastTry = 0;

  while (!options.signal?.aborted) {
    const current = await options.findPod();
    if (current !== pod) {
      pod = current;
      delivered = 0; // a new driver pod (restart) has a new log
    }
    if (!pod) {
      if (await options.isFinished()) return;
      await sleep(pollMs, options.signal).catch(() => undefined);
      continue;
    }
    const stream = new PassThrough();
    // The library pipes the response body into `stream` but does not end it when the connection
    // is cut; watch the body ourselves so a dropped follow ends this read and reconnects.
    stream.on('pipe', (body: NodeJS.ReadableStream) => {
      const finish = () => {
        if (!stream.writableEnded) stream.end();
      };
      body.once('error', finish);
      body.once('close', finish);
    });
    let controller: AbortController;
    try {
      controller = await log.log(options.namespace, pod, options.container, stream, { follow: true });
    } catch (error) {
      const status = kubeStatusOf(error);
      // 400: container still creating; 404: pod not there (yet / any more).
      if (status.code === 404 && (await options.isFinished())) return;
      if (status.code !== 400 && status.code !== 404 && status.code !== 500) throw error;
      await sleep(pollMs, options.signal).catch(() => undefined);
      continue;
    }
    const abort = () => controller.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    let seen = 0;
    try {
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      stream.on('error', () => lines.close());
      for await (const line of lines) {
        seen += 1;
        if (seen <= delivered) continue;
        delivered = seen;
        yield line;
      }
    } catch {
      // connection dropped: decided below
    } finally {
      options.signal?.removeEventListener('abort', abort);
      controller.abort();
    }
    if (options.signal?.aborted) return;
    // The stream ended: either the container finished (done) or the connection dropped (resume).
    const phase = await core
      .readNamespacedPod({ name: pod, namespace: options.namespace })
      .then((p) => p.status?.phase)
      .catch(() => undefined);
    if (phase === undefined || phase === 'Succeeded' || phase === 'Failed') return;
    // Avoid a tight loop against a server that keeps closing the stream right away.
    if (Date.now() - lastTry < pollMs) await sleep(pollMs, options.signal).catch(() => undefined);
    lastTry = Date.now();
  }
}
