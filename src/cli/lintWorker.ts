// A `sparkml lint` worker thread: creates its own Python parser once, then reads and lints the files
// the main thread sends, one at a time, and posts each outcome back with the file's id.
import { parentPort, workerData } from 'node:worker_threads';
import { createPythonParser } from '../analysis/parser';
import { lintText } from '../rules/engine';
import { brokenCellNotices } from '../rules/notebook';
import type { HostToWorker, LintOutcome, LintWorkerData, WorkerToHost } from './lintProtocol';
import { readForLint } from '../rules/readForLint';

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
  const read = await readForLint(message.file);
  if (read.kind !== 'read') return read;
  try {
    const { findings, notices } = await lintText(await parser, read.source.text, message.options);
    if (!read.notebook) return { kind: 'linted', findings, notices };
    return { kind: 'linted', findings, notices: [...brokenCellNotices(read.notebook.brokenCells), ...notices], cells: read.notebook.cells };
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
