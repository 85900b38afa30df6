// The local target with the stand-in spark-submit (test/servers/spark-submit) on PATH or under a
// fake SPARK_HOME: argv recorded, log streamed, UI URL read from the log.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildSparkSubmitArgs, createLocalTarget, findSparkSubmit } from '../../src/submit/local';
import { resolveJob } from '../../src/submit/resolveJob';
import { newSubmissionId } from '../../src/submit/runName';
import { sampleSpecFile } from '../unit/submit/fixtures';
import { collect, statesCancellingWhenRunning } from './runStates';

const STAND_IN = resolve(__dirname, '../servers/spark-submit');

describe('local target with a stand-in spark-submit', () => {
  let dir: string;
  let record: string;
  let env: NodeJS.ProcessEnv;
  const records = () => (existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { argv: string[]; env: Record<string, string> }) : []);
  const job = (args: string[] = []) => {
    const file = sampleSpecFile();
    file.jobs[0].arguments = args;
    return resolveJob(file, dir, 'Churn_Model.train', 'laptop');
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sparkml-local-'));
    mkdirSync(join(dir, 'bin'));
    symlinkSync(STAND_IN, join(dir, 'bin', 'spark-submit'));
    record = join(dir, 'argv.jsonl');
    env = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}`, SPARKML_FAKE_SUBMIT_RECORD: record, SPARKML_FAKE_SUBMIT_STEP_MS: '30' };
    delete env.SPARK_HOME;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs spark-submit from PATH with the argument array, streams its log and finds the UI URL', async () => {
    const target = createLocalTarget({ type: 'local', master: 'local[2]' }, { env, cwd: dir });
    const resolved = job(['--epochs', '3']);
    const run = await target.submit(resolved, { submissionId: newSubmissionId() });
    const [states, lines] = await Promise.all([collect(target.states(run)), collect(target.logs(run))]);
    // Starts from the current state (SUBMITTED, or RUNNING once output came), then every change.
    assert.deepEqual(states.map((s) => s.phase).slice(-2), ['RUNNING', 'COMPLETED']);
    const recorded = records().at(-1)!;
    assert.deepEqual(recorded.argv, buildSparkSubmitArgs(resolved));
    assert.equal(recorded.env.MODEL_STAGE, 'dev');
    assert.deepEqual(recorded.argv.slice(0, 4), ['--master', 'local[2]', '--name', 'Churn_Model.train']);
    assert.ok(recorded.argv.includes(join(dir, 'jobs/train.py')));
    assert.ok(lines.some((l) => l === 'rows: 1000'), 'stdout lines too');
    assert.ok(lines.some((l) => l.includes('Successfully stopped SparkContext')));
    assert.match((await target.sparkUi(run))!.url, /^http:\/\/[^/\s]+:4040$/);
  });

  it('passes arguments literally, never through a shell', async () => {
    const marker = join(dir, 'pwned');
    const target = createLocalTarget({ type: 'local' }, { env });
    const run = await target.submit(job([`$(touch ${marker})`, '; touch ' + marker]), { submissionId: newSubmissionId() });
    await collect(target.states(run));
    assert.equal(existsSync(marker), false);
    assert.deepEqual(records().at(-1)!.argv.slice(-2), [`$(touch ${marker})`, '; touch ' + marker]);
  });

  it('reports a failing job as FAILED with the exit code', async () => {
    const target = createLocalTarget({ type: 'local' }, { env });
    const run = await target.submit(job(['--simulate-failure']), { submissionId: newSubmissionId() });
    const lines = await collect(target.logs(run));
    const states = await collect(target.states(run));
    assert.equal(states.at(-1)!.phase, 'FAILED');
    assert.match(states.at(-1)!.message!, /code 1/);
    assert.ok(lines.includes('ValueError: simulated failure'));
  });

  it('cancel stops the process and the run ends CANCELLED', async () => {
    const target = createLocalTarget({ type: 'local' }, { env: { ...env, SPARKML_FAKE_SUBMIT_STEP_MS: '200' } });
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    const seen = await statesCancellingWhenRunning(target, run);
    assert.equal(seen.at(-1)!.phase, 'CANCELLED');
  });

  it('the same submission twice starts one process', async () => {
    const target = createLocalTarget({ type: 'local' }, { env });
    const before = records().length;
    const id = newSubmissionId();
    const [a, b] = [await target.submit(job(), { submissionId: id }), await target.submit(job(), { submissionId: id })];
    assert.equal(a.name, b.name);
    await collect(target.states(a));
    assert.equal(records().length, before + 1);
  });

  it('finds spark-submit under SPARK_HOME, and says clearly when there is none', () => {
    assert.equal(findSparkSubmit({ type: 'local' }, { SPARK_HOME: dir, PATH: '' }), join(dir, 'bin', 'spark-submit'));
    assert.equal(findSparkSubmit({ type: 'local', sparkHome: dir }, { PATH: '' }), join(dir, 'bin', 'spark-submit'));
    assert.throws(() => findSparkSubmit({ type: 'local' }, { PATH: '/nonexistent' }), /spark-submit not found: set SPARK_HOME/);
    const empty = join(dir, 'empty-home');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'README'), '');
    assert.throws(() => findSparkSubmit({ type: 'local' }, { SPARK_HOME: empty }), /no executable spark-submit under/);
  });
});
