// A `sparkml lint` worker thread: creates its own Python parser once, then reads and lints the files
// the main thread sends, one at a time, and posts each outcome back with the file's id.
import { parentPort, workerData } from 'node:worker_threads';
import { createPythonParser } from '../analysis/parser';
import { lintText } from '../rules/engine';
import { readSourceFile } from '../rules/sourceFile';
import type { HostToWorker, LintOutcome, LintWorkerData, WorkerToHost } from './lintProtocol';

const data = workerData as LintWorkerData;
const parser = createPythonParser(data.wasmDir);
// A parser that cannot start is reported when the first file arrives (as 'fatal'), not here.
parser.then(
  () => post({ type: 'ready' }),
  () => undefined,
);

function post(message: WorkerToHost): void {
  parentPort?.postMessage(message);
}

async function lintFile(message: HostToWorker): Promise<LintOutcome> {
  let source;
  try {
    source = await readSourceFile(message.file);
  } catch (error) {
    return { kind: 'unreadable', message: (error as Error).message };
  }
  if (source.skipped !== undefined) return { kind: 'skipped', reason: source.skipped };
  try {
    const { findings, notices } = await lintText(await parser, source.text, message.options);
    return { kind: 'linted', findings, notices };
  } catch (error) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (message: HostToWorker) => {
  void (async () => {
    try {
      await parser;
    } catch (error) {
      post({ type: 'fatal', message: (error as Error).message });
      return;
    }
    post({ type: 'outcome', id: message.id, outcome: await lintFile(message) });
  })();
});
