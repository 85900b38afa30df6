// Loads one Spark application in a worker thread and refreshes it while it runs: on an interval
// (setting), with backoff after errors, and only while someone is looking (paused when hidden).
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { AppSnapshot, StageDetail, StageKey } from '../../spark/model/types';
import type { AppSnapshotWorkerData, HostToWorker, WorkerToHost } from '../../workers/appSnapshotProtocol';

export interface LoaderEvents {
  onProgress(bytesRead: number): void;
  onSnapshot(snapshot: AppSnapshot, live: boolean): void;
  onError(message: string): void;
  onStageDetail(stage: StageKey, detail: StageDetail | undefined, error?: string): void;
}

const maxBackoffMs = 5 * 60 * 1000;

export class SnapshotLoader implements vscode.Disposable {
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private live = false;
  private paused = false;
  private failures = 0;
  private loading = false;

  constructor(
    private readonly workerPath: string,
    private readonly data: AppSnapshotWorkerData,
    private readonly refreshMs: () => number,
    private readonly events: LoaderEvents,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Loads now (again), cancelling a load under way. */
  load(): void {
    this.clearTimer();
    this.loading = true;
    this.post({ type: 'load' });
  }

  /** Sends to the worker (starting it); a worker that cannot start is reported, never thrown. */
  private post(message: HostToWorker): void {
    try {
      this.ensureWorker().postMessage(message);
    } catch (error) {
      this.loading = false;
      this.log.error(`Cannot start the Spark application reader: ${(error as Error).stack ?? error}`);
      this.events.onError(`Cannot start the Spark application reader: ${(error as Error).message}`);
    }
  }

  /** Asks for one stage's spread over executors; answered through onStageDetail. */
  stageDetail(stage: StageKey): void {
    this.post({ type: 'stageDetail', stage });
  }

  /** Hidden panels do not refresh; showing one refreshes it at once if it is live. */
  setVisible(visible: boolean): void {
    this.paused = !visible;
    if (visible && this.live && !this.timer && !this.loading) this.load();
    if (!visible) this.clearTimer();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath, { workerData: this.data });
    worker.on('message', (message: WorkerToHost) => this.onMessage(message));
    worker.on('error', (error) => {
      this.log.error(`Spark application reader failed: ${error.stack ?? error.message}`);
      this.loading = false;
      this.events.onError(`The reader stopped unexpectedly: ${error.message}`);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  private onMessage(message: WorkerToHost): void {
    if (message.type === 'progress') {
      this.events.onProgress(message.bytesRead);
      return;
    }
    if (message.type === 'stageDetail') {
      this.events.onStageDetail(message.stage, message.detail, message.error);
      return;
    }
    this.loading = false;
    if (message.type === 'snapshot') {
      this.failures = 0;
      this.live = message.live;
      this.events.onSnapshot(message.snapshot, message.live);
      if (this.live) this.schedule(this.refreshMs());
    } else {
      this.failures++;
      this.events.onError(message.message);
      // A live application that fails to answer is retried with backoff; a file that fails is not.
      if (this.live || /^https?:/.test(this.data.source)) this.schedule(Math.min(maxBackoffMs, this.refreshMs() * 2 ** this.failures));
    }
  }

  private schedule(ms: number): void {
    this.clearTimer();
    if (this.paused) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.paused) this.load();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.clearTimer();
    this.worker?.postMessage({ type: 'cancel' } satisfies HostToWorker);
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
