// Lints files on worker threads (src/cli/lintWorker.ts) for `sparkml lint --jobs N`. Each worker
// holds one file at a time; outcomes are returned in the order of the jobs, whatever order they finish in.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { LintOptions } from '../rules/options';
import type { HostToWorker, LintOutcome, LintWorkerData, WorkerToHost } from './lintProtocol';

export type { LintOutcome } from './lintProtocol';

export interface LintJob {
  file: string;
  options: LintOptions;
}

export interface PoolOptions {
  threads: number;
  wasmDir: string;
  signal?: AbortSignal;
  /** Per-worker limits (tests use a small heap to make a worker really run out of memory). */
  resourceLimits?: ResourceLimits;
}

/** Starting a worker and loading the wasm costs ~50 ms: below this many files one thread is faster. */
export const MIN_FILES_FOR_WORKERS = 16;
/** With the default --jobs, one worker per this many files (up to the cores). */
const FILES_PER_WORKER = 8;

/**
 * Threads to use: `--jobs` when given (never more than the files), otherwise by the number of files and
 * cores. On two cores or fewer the default is one thread: V8's own background threads (garbage
 * collection, optimizing compiler) already use the second core, and bench/cli measured only 1.07x for
 * two workers there, at about 30% more CPU time.
 */
export function threadCount(jobs: number | undefined, files: number, cores: number): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, files));
  if (files < MIN_FILES_FOR_WORKERS || cores <= 2) return 1;
  return Math.max(1, Math.min(cores, Math.floor(files / FILES_PER_WORKER)));
}

/** The worker: dist/lintWorker.js beside the bundled CLI, or the TypeScript source under tsx (tests). */
function startWorker(wasmDir: string, resourceLimits: ResourceLimits | undefined): Worker {
  const workerData: LintWorkerData = { wasmDir };
  const bundled = join(__dirname, 'lintWorker.js');
  if (existsSync(bundled) || !__filename.endsWith('.ts')) return new Worker(bundled, { workerData, resourceLimits });
  // From source: a worker does not inherit tsx's hooks, so register them before loading the worker.
  const source = join(__dirname, 'lintWorker.ts');
  const tsx = 'tsx/cjs/api'; // a variable, so the bundler leaves this development-only path alone
  const boot = `require(${JSON.stringify(require.resolve(tsx))}).register(); require(${JSON.stringify(source)});`;
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}

/**
 * Lints `jobs` on `threads` workers. Resolves with one outcome per job (same order), or 'cancelled'
 * when the signal fires. A worker that dies fails only the file it held (an internal-error outcome);
 * a replacement takes the remaining files. Rejects when a worker or its parser cannot start.
 * Every worker is terminated before it settles, so the process can exit.
 */
export function lintInWorkers(jobs: LintJob[], options: PoolOptions): Promise<LintOutcome[] | 'cancelled'> {
  const outcomes: LintOutcome[] = new Array(jobs.length);
  const workers = new Set<Worker>();
  let next = 0;
  let done = 0;
  let settled = false;

  return new Promise((resolve, reject) => {
    const finish = (result: LintOutcome[] | 'cancelled' | Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      const all = [...workers];
      workers.clear();
      void Promise.all(all.map((worker) => worker.terminate())).then(() => (result instanceof Error ? reject(result) : resolve(result)));
    };
    const onAbort = () => finish('cancelled');
    if (options.signal?.aborted) return finish('cancelled');
    options.signal?.addEventListener('abort', onAbort);

    const record = (id: number, outcome: LintOutcome) => {
      if (outcomes[id]) return;
      outcomes[id] = outcome;
      done++;
      if (done === jobs.length) finish(outcomes);
    };

    const spawn = () => {
      const worker = startWorker(options.wasmDir, options.resourceLimits);
      let current: number | undefined;
      let ready = false;
      const feed = () => {
        if (settled || next >= jobs.length) {
          current = undefined;
          return;
        }
        current = next++;
        const message: HostToWorker = { type: 'lint', id: current, file: jobs[current]!.file, options: jobs[current]!.options };
        worker.postMessage(message);
      };
      worker.on('message', (message: WorkerToHost) => {
        if (message.type === 'fatal') return finish(new Error(message.message));
        if (message.type === 'ready') return void (ready = true);
        record(message.id, message.outcome);
        feed();
      });
      // 'error' (an uncaught exception, out of memory) is followed by 'exit'; the file is failed on 'exit'.
      let failure: string | undefined;
      worker.on('error', (error) => (failure = error.message));
      worker.on('exit', (code) => {
        if (!workers.delete(worker) || settled) return;
        const reason = failure ?? `exit code ${code}`;
        // Dying before its parser is ready is a broken install (a missing bundle), not a file's fault.
        if (!ready) return finish(new Error(`the lint worker could not start (${reason})`));
        if (current !== undefined) record(current, { kind: 'failed', message: `the lint worker stopped: ${reason}` });
        try {
          if (!settled && next < jobs.length) spawn();
        } catch (error) {
          finish(error as Error);
        }
      });
      workers.add(worker);
      feed();
    };
    if (!jobs.length) return finish(outcomes);
    for (let i = 0; i < Math.min(options.threads, jobs.length); i++) spawn();
  });
}
