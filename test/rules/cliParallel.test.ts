// `sparkml lint --jobs N`: the worker-thread path prints exactly what the one-thread path prints, keeps
// the other files' results when one file fails, and stops on cancellation.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { lintInWorkers, threadCount } from '../../src/cli/lintPool';
import { main } from '../../src/cli/main';
import { testWasmDir } from './helpers';

const JOB = `from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
df = spark.read.parquet("s3://bucket/events")
rows = df.collect()
`;
const CLEAN = 'from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\nspark.range(10).collect()\n';
const FILES = 24;

let project: string;

async function run(args: string[], cwd = project, signal?: AbortSignal): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['lint', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), wasmDir: testWasmDir(), cwd, signal });
  return { code, stdout, stderr };
}

function write(path: string, content: string | Uint8Array): string {
  mkdirSync(join(project, path, '..'), { recursive: true });
  writeFileSync(join(project, path), content);
  return join(project, path);
}

describe('sparkml lint --jobs', () => {
  before(() => {
    project = mkdtempSync(join(tmpdir(), 'sparkml-cli-parallel-'));
    write('pyproject.toml', '[tool.sparkml]\nignore = ["SPK106"]\n[tool.sparkml.per-file-ignores]\n"tests/**" = ["SPK1"]\n');
    // Findings, clean files, a syntax error, a skipped binary file and per-file-ignores, spread over folders.
    for (let i = 0; i < FILES; i++) write(`jobs/part${i % 3}/job_${String(i).padStart(2, '0')}.py`, i % 4 === 3 ? CLEAN : JOB.replace('rows', `rows_${i}`));
    write('jobs/broken.py', 'import pyspark\ndef f(:\n');
    write('jobs/binary.py', new Uint8Array([0x69, 0x6d, 0x70, 0x00, 0x01]));
    write('tests/test_job.py', JOB);
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  for (const format of ['text', 'json', 'sarif']) {
    it(`--jobs 2 prints the same ${format} report and exit code as --jobs 1`, async () => {
      const sequential = await run(['--format', format, '--jobs', '1']);
      const parallel = await run(['--format', format, '-j', '2']);
      assert.equal(sequential.code, 1);
      assert.equal(parallel.code, sequential.code);
      assert.equal(parallel.stdout, sequential.stdout);
      assert.equal(parallel.stderr, sequential.stderr);
      // the report is not trivially equal: every finding file is in it, in discovery order
      const shown = [...parallel.stdout.matchAll(/job_(\d\d)\.py/g)].map((match) => Number(match[1]));
      const expected = Array.from({ length: FILES }, (_, i) => i).filter((i) => i % 4 !== 3).sort((a, b) => (a % 3) - (b % 3) || a - b);
      assert.deepEqual([...new Set(shown)], expected);
      assert.match(parallel.stderr, /jobs\/binary\.py:1:1: file-skipped/);
      assert.match(parallel.stderr, /jobs\/broken\.py:\d+:\d+: syntax-error/);
    });
  }

  it('reports a broken pyproject.toml the same way on workers (exit 2, the other files linted)', async () => {
    write('bad/pyproject.toml', '[tool.sparkml\nselect = 1\n');
    write('bad/job.py', JOB);
    try {
      const sequential = await run(['--jobs', '1']);
      const parallel = await run(['--jobs', '3']);
      assert.equal(sequential.code, 2);
      assert.match(sequential.stderr, /pyproject\.toml: invalid TOML/);
      assert.deepEqual(parallel, sequential);
    } finally {
      rmSync(join(project, 'bad'), { recursive: true, force: true });
    }
  });

  it('documents --jobs in the help', async () => {
    assert.match((await run(['--help'])).stdout, /-j, --jobs N {2,}lint on N worker threads/);
  });

  it('rejects --jobs 0, --jobs x and a missing count as usage errors', async () => {
    for (const args of [['--jobs', '0'], ['--jobs', 'x'], ['--jobs=-1'], ['-j']]) {
      const { code, stderr, stdout } = await run(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /--jobs needs a number of threads, 1 or more/);
      assert.equal(stdout, '');
    }
  });

  it('stops with exit 2 when cancelled while the workers run', async () => {
    // cancel as soon as the pool listens for it, the workers started and none done (a timer raced a fast lint)
    const controller = new AbortController();
    const { signal } = controller;
    const listen = signal.addEventListener.bind(signal);
    signal.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions) => {
      listen(type, listener, options);
      if (type === 'abort') setImmediate(() => controller.abort());
    }) as typeof signal.addEventListener;
    const running = run(['--jobs', '2'], project, signal);
    const { code, stdout, stderr } = await running;
    assert.equal(code, 2);
    assert.match(stderr, /sparkml lint: cancelled/);
    assert.equal(stdout, '');
  });

  it('chooses one thread for few files and by default at most one per core', () => {
    assert.equal(threadCount(undefined, 10, 8), 1);
    assert.equal(threadCount(undefined, 200, 2), 1, 'two cores: one thread unless --jobs says otherwise');
    assert.equal(threadCount(undefined, 200, 4), 4);
    assert.equal(threadCount(undefined, 24, 8), 3);
    assert.equal(threadCount(1, 500, 8), 1);
    assert.equal(threadCount(4, 20, 2), 4, 'an explicit --jobs is honoured');
    assert.equal(threadCount(16, 3, 2), 3, 'never more threads than files');
  });
});

describe('lintInWorkers', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'sparkml-lint-pool-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a file that vanished after discovery fails alone; the others keep their results and order', { timeout: 60_000 }, async () => {
    const files = Array.from({ length: 6 }, (_, i) => join(dir, `job_${i}.py`));
    files.forEach((file, i) => writeFileSync(file, i % 2 ? CLEAN : JOB));
    rmSync(files[2]!); // as if deleted between discovery and linting
    const outcomes = await lintInWorkers(files.map((file) => ({ file, options: { filePath: file } })), { threads: 2, wasmDir: testWasmDir() });
    assert.notEqual(outcomes, 'cancelled');
    const kinds = (outcomes as Exclude<typeof outcomes, 'cancelled'>).map((outcome) => (outcome.kind === 'linted' ? outcome.findings.map((f) => f.code).join(',') || 'clean' : outcome.kind));
    assert.deepEqual(kinds, ['SPK101', 'clean', 'unreadable', 'clean', 'SPK101', 'clean']);
    const lost = (outcomes as Exclude<typeof outcomes, 'cancelled'>)[2]!;
    assert.ok(lost.kind === 'unreadable' && /ENOENT/.test(lost.message));
  });

  it('a worker that runs out of memory fails only the file it held; a new worker lints the rest', { timeout: 60_000 }, async () => {
    // A ~4 MB file (under the 5 MB skip limit) does not fit a 24 MB heap; small files do.
    const big = join(dir, 'big.py');
    // (a pyspark job: files without pyspark are not analysed, and would fit)
    writeFileSync(big, ['from pyspark.sql import SparkSession', ...Array.from({ length: 60_000 }, (_, i) => `x_${i} = spark.read.parquet("s3://b/${i}").collect()`)].join('\n'));
    const small = Array.from({ length: 4 }, (_, i) => join(dir, `small_${i}.py`));
    for (const file of small) writeFileSync(file, JOB);
    const files = [small[0]!, big, ...small.slice(1)];
    const outcomes = await lintInWorkers(files.map((file) => ({ file, options: {} })), { threads: 1, wasmDir: testWasmDir(), resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    assert.notEqual(outcomes, 'cancelled');
    const list = outcomes as Exclude<typeof outcomes, 'cancelled'>;
    assert.deepEqual(list.map((outcome) => outcome.kind), ['linted', 'failed', 'linted', 'linted', 'linted']);
    assert.ok(list[1]!.kind === 'failed' && /memory/i.test(list[1]!.message), JSON.stringify(list[1]));
    for (const i of [0, 2, 3, 4]) assert.ok(list[i]!.kind === 'linted' && list[i]!.findings.some((f) => f.code === 'SPK101'));
  });

  it('a worker that cannot even start fails the run instead of failing every file', { timeout: 60_000 }, async () => {
    const file = join(dir, 'start.py');
    writeFileSync(file, JOB);
    // 2 MB of heap is not enough to load the worker and its parser
    const running = lintInWorkers([{ file, options: {} }, { file, options: {} }], { threads: 2, wasmDir: testWasmDir(), resourceLimits: { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 } });
    await assert.rejects(running, /the lint worker could not start \(.*memory/i);
  });

  it('cancelled while the workers start: resolves "cancelled" and stops them', { timeout: 60_000 }, async () => {
    const file = join(dir, 'cancel.py');
    writeFileSync(file, JOB);
    const controller = new AbortController();
    const running = lintInWorkers(Array.from({ length: 8 }, () => ({ file, options: {} })), { threads: 2, wasmDir: testWasmDir(), signal: controller.signal });
    controller.abort();
    assert.equal(await running, 'cancelled');
  });
});
