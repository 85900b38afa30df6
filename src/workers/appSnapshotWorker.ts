// The worker thread behind a Spark application panel: loads the application on request and posts the
// snapshot (or a clear error). One load at a time; a new request cancels the one running.
import { parentPort, workerData } from 'node:worker_threads';
import { loadAppSnapshot, loadStageDetail } from '../spark/loadAppSnapshot';
import type { StageKey } from '../spark/model/types';
import type { AppSnapshotWorkerData, HostToWorker, WorkerToHost } from './appSnapshotProtocol';

const data = workerData as AppSnapshotWorkerData;
let running: AbortController | undefined;

function post(message: WorkerToHost): void {
  parentPort?.postMessage(message);
}

async function load(): Promise<void> {
  running?.abort();
  const controller = new AbortController();
  running = controller;
  try {
    const snapshot = await loadAppSnapshot(data.source, {
      signal: controller.signal,
      thresholds: data.thresholds,
      onProgress: (bytesRead) => post({ type: 'progress', bytesRead }),
    });
    if (controller.signal.aborted) return;
    post({ type: 'snapshot', snapshot, live: snapshot.app.status === 'RUNNING' });
  } catch (error) {
    if (!controller.signal.aborted) post({ type: 'error', message: (error as Error).message });
  } finally {
    if (running === controller) running = undefined;
  }
}

/** How one stage's tasks spread over the executors: read on demand (it grows with executors). */
async function stageDetail(stage: StageKey): Promise<void> {
  try {
    const detail = await loadStageDetail(data.source, stage, { thresholds: data.thresholds });
    post({ type: 'stageDetail', stage, detail });
  } catch (error) {
    post({ type: 'stageDetail', stage, error: (error as Error).message });
  }
}

parentPort?.on('message', (message: HostToWorker) => {
  if (message.type === 'load') void load();
  else if (message.type === 'cancel') running?.abort();
  else if (message.type === 'stageDetail') void stageDetail(message.stage);
});
