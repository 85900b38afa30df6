// `sparkml lint` CLI benchmark: the built dist/cli.js on the lint benchmark's corpus written to a temp
// folder, on one thread (--jobs 1) and on one worker per core (--jobs <cores>), best of 3 each (process
// start, wasm load and file reading included), against ruff-wasm Workspace.check on the same texts
// in-process (no process start, no file reading: a reference, not a like-for-like race); then the
// start-up cost of linting one file against a bare Node start.
// Run: flock /tmp/build.lock node esbuild.mjs && node --expose-gc --import tsx bench/cli/index.ts
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../lint/corpus';

const FILES = 200;
const LINES_PER_FILE = 260;
const ROUNDS = 3;
const CLI = join(__dirname, '../../dist/cli.js');

/** Runs the CLI once; resolves with its wall time in seconds, its exit code and stdout. */
function runCli(args: string[], cwd: string): Promise<{ seconds: number; code: number | null; stdout: string }> {
  return runNode([CLI, ...args], cwd);
}

function runNode(args: string[], cwd: string): Promise<{ seconds: number; code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ seconds: (performance.now() - started) / 1000, code, stdout }));
  });
}

async function bestOf(label: string, args: string[], cwd: string): Promise<{ seconds: number; stdout: string }> {
  let best = Infinity;
  let stdout = '';
  for (let round = 0; round < ROUNDS; round++) {
    const run = await runCli(args, cwd);
    if (run.code !== 0 && run.code !== 1) throw new Error(`${label}: exit code ${run.code}`);
    best = Math.min(best, run.seconds);
    stdout = run.stdout;
  }
  console.log(`  ${label.padEnd(34)} ${best.toFixed(3)} s (best of ${ROUNDS})`);
  return { seconds: best, stdout };
}

/**
 * What a pre-commit hook pays: `sparkml lint` on one file, where process start and loading dominate,
 * against a bare `node -e 0` start (best of 5 each).
 */
async function startUp(dir: string, file: string): Promise<void> {
  const best = async (args: string[]) => {
    let seconds = Infinity;
    for (let round = 0; round < 5; round++) seconds = Math.min(seconds, (await runNode(args, dir)).seconds);
    return seconds;
  };
  const lintOne = await best([CLI, 'lint', file]);
  const bare = await best(['-e', '0']);
  console.log(`
start-up: sparkml lint on one ${LINES_PER_FILE}-line file ${(lintOne * 1000).toFixed(0)} ms, bare node start ${(bare * 1000).toFixed(0)} ms (best of 5): ${(lintOne / bare).toFixed(1)}x a bare start`);
}

async function ruffSeconds(texts: string[]): Promise<number | string> {
  try {
    const ruff = await import('@astral-sh/ruff-wasm-nodejs');
    const workspace = new ruff.Workspace(ruff.Workspace.defaultSettings(), ruff.PositionEncoding.Utf16);
    for (const text of texts.slice(0, 20)) workspace.check(text); // warm-up
    let best = Infinity;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      for (const text of texts) workspace.check(text);
      best = Math.min(best, (performance.now() - started) / 1000);
    }
    console.log(`  ${'ruff-wasm Workspace.check'.padEnd(34)} ${best.toFixed(3)} s (best of ${ROUNDS}, in-process)`);
    return best;
  } catch (error) {
    return (error as Error).message;
  }
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node esbuild.mjs\` first`);
  const cores = availableParallelism();
  const corpus = generateCorpus(2026, FILES, LINES_PER_FILE);
  const texts = corpus.map((file) => file.text);
  const totalLines = texts.reduce((sum, text) => sum + text.split('\n').length, 0);
  const dir = mkdtempSync(join(tmpdir(), 'sparkml-bench-cli-'));
  try {
    for (const file of corpus) writeFileSync(join(dir, file.name), file.text);
    console.log(`corpus: ${corpus.length} generated PySpark files, ${totalLines} lines; ${cores} cores (os.availableParallelism())`);
    const sequential = await bestOf('sparkml lint --jobs 1', ['lint', '.', '--format', 'json', '--jobs', '1'], dir);
    const parallel = await bestOf(`sparkml lint --jobs ${cores}`, ['lint', '.', '--format', 'json', '--jobs', String(cores)], dir);
    if (parallel.stdout !== sequential.stdout) throw new Error(`--jobs ${cores} printed a different report than --jobs 1`);
    const ruff = await ruffSeconds(texts);

    const rate = (seconds: number) => `${Math.round(totalLines / seconds).toLocaleString('en')} lines/s`;
    console.log('\nthroughput');
    console.log(`  sparkml lint --jobs 1     ${rate(sequential.seconds)}`);
    console.log(`  sparkml lint --jobs ${String(cores).padEnd(5)} ${rate(parallel.seconds)}`);
    if (typeof ruff === 'number') console.log(`  ruff-wasm (in-process)    ${rate(ruff)}`);
    else console.log(`  ruff-wasm reference unavailable: ${ruff}`);
    console.log(`  ratio parallel/sequential: ${(sequential.seconds / parallel.seconds).toFixed(2)}x on ${cores} cores`);
    if (typeof ruff === 'number') {
      console.log(`  ratio --jobs 1/ruff-wasm: ${(ruff / sequential.seconds).toFixed(2)}x`);
      console.log(`  ratio --jobs ${cores}/ruff-wasm: ${(ruff / parallel.seconds).toFixed(2)}x`);
    }
    await startUp(dir, corpus[0]!.name);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
