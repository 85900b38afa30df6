// The IOMETE target against the local IOMETE Spark Job API server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createIometeTarget, envTokenProvider, IometeApiError } from '../../src/submit/iomete';
import type { IometeTargetConfig } from '../../src/submit/jobSpec';
import { resolveJob } from '../../src/submit/resolveJob';
import { newSubmissionId } from '../../src/submit/runName';
import { sampleSpecFile } from '../unit/submit/fixtures';
import { IOMETE_FAIL_ARGUMENT, IometeServer } from '../servers/iometeServer';
import { collect, statesCancellingWhenRunning } from './runStates';

describe('IOMETE target against the local Spark Job API', () => {
  let server: IometeServer;
  let config: IometeTargetConfig;
  const job = (args: string[] = []) => {
    const file = sampleSpecFile();
    file.targets.lake = config;
    file.jobs[0].arguments = args;
    return resolveJob(file, '/ws', 'Churn_Model.train', 'lake');
  };
  const fixedToken = () => async () => server.token;

  before(async () => {
    server = new IometeServer('good-token', 'analytics');
    const url = await server.start();
    config = { type: 'iomete', host: url, domain: 'analytics', pollIntervalMs: 100 };
  });
  after(async () => server?.stop());

  it('creates the job by name, runs it, follows driverStatus and de-duplicates polled log windows', async () => {
    const target = createIometeTarget(config, { tokens: fixedToken() });
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    const [states, lines] = await Promise.all([collect(target.states(run)), collect(target.logs(run))]);
    const raws = states.map((s) => s.raw);
    assert.equal(raws.at(-1), 'COMPLETED');
    assert.ok(raws.includes('RUNNING'), raws.join(','));
    assert.equal(states.at(-1)!.phase, 'COMPLETED');
    assert.deepEqual(lines, server.allLogLines(run.runId!), 'every line exactly once, in order');
    assert.ok(server.requests.filter((r) => r.path.includes('/logs?range=')).length > 2, 'logs were polled several times');
    const ui = await target.sparkUi(run);
    assert.match(ui!.url, /\/history\//);
  });

  it('updates the existing job on the next submission instead of creating a second one', async () => {
    const target = createIometeTarget(config, { tokens: fixedToken() });
    const run = await target.submit(job(['--epochs', '9']), { submissionId: newSubmissionId() });
    const jobs = [...server.jobs.values()].filter((j) => j.name === 'Churn_Model.train');
    assert.equal(jobs.length, 1);
    assert.deepEqual(jobs[0].template.arguments, ['--epochs', '9']);
    assert.ok(server.requests.some((r) => r.method === 'PUT' && r.path.endsWith(`/${run.jobId}`)));
    await target.cancel(run);
  });

  it('a failing run ends FAILED', async () => {
    const target = createIometeTarget(config, { tokens: fixedToken() });
    const run = await target.submit(job([IOMETE_FAIL_ARGUMENT]), { submissionId: newSubmissionId() });
    const states = await collect(target.states(run));
    assert.equal(states.at(-1)!.raw, 'FAILED');
  });

  it('cancel aborts the run (ABORTING -> ABORTED)', async () => {
    const target = createIometeTarget(config, { tokens: fixedToken() });
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    const seen = await statesCancellingWhenRunning(target, run, (s) => s.raw === 'RUNNING');
    assert.equal(seen.at(-1)!.phase, 'CANCELLED');
    assert.equal(seen.at(-1)!.raw, 'ABORTED');
  });

  it('on 401 asks the token provider for a new token once, then goes on', async () => {
    const asked: boolean[] = [];
    const target = createIometeTarget(config, {
      tokens: async (renew) => {
        asked.push(renew);
        return renew ? 'good-token' : 'stale-token';
      },
    });
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    assert.deepEqual(asked, [false, true]);
    assert.ok(run.runId);
    assert.ok(server.requests.some((r) => r.token === 'stale-token'));
    await target.cancel(run);
  });

  it('a wrong token from the environment is a clear error and starts no run', async () => {
    const runsBefore = server.runs.size;
    const target = createIometeTarget(config, { tokens: envTokenProvider({ SPARKML_IOMETE_TOKEN: 'wrong' }) });
    await assert.rejects(target.submit(job(), { submissionId: newSubmissionId() }), (e: Error) => e instanceof IometeApiError && e.status === 401 && /rejected the API token/.test(e.message));
    const missing = createIometeTarget(config, { tokens: envTokenProvider({}) });
    await assert.rejects(missing.submit(job(), { submissionId: newSubmissionId() }), /no IOMETE API token/);
    assert.equal(server.runs.size, runsBefore);
  });

  it('a 500 after the run was started does not start a second run', async () => {
    const target = createIometeTarget(config, { tokens: fixedToken() });
    server.injectFault({ method: 'POST', path: /^\/[^/]+\/runs$/, status: 500, afterCommit: true });
    const runsBefore = server.runs.size;
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    assert.equal(server.runs.size, runsBefore + 1, 'exactly one new run');
    assert.ok(server.runs.has(run.runId!));
    await target.cancel(run);
  });

  it('an unknown domain is a 404 with the errorCode in the message', async () => {
    const target = createIometeTarget({ ...config, domain: 'nope' }, { tokens: fixedToken() });
    await assert.rejects(target.submit(job(), { submissionId: newSubmissionId() }), /404 NOT_FOUND/);
  });
});
