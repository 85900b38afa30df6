// The REST client reads every History Server expectation of ../shared/fixtures/spark-rest, served at
// its URL by a local server, through the typed method for that endpoint (so the client's URL
// building is checked too: the server answers only the exact URLs).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SparkRestClient, type AppRef } from '../../src/spark/rest/SparkRestClient';
import { missingFixtures, readExpectation, restDir, restEndpoints, type RestEndpoint } from './sparkFixtures';
import { startFixtureServer, type FixtureServer } from './restFixtureServer';

const skip = missingFixtures(restDir);
if (skip) console.log(`# skipped: ${skip}`);

/** Calls the client method that belongs to an endpoint path like `applications/x/1/stages/0/0/taskList?offset=10`. */
function callFor(client: SparkRestClient, endpoint: RestEndpoint): Promise<unknown> {
  const [path, query = ''] = endpoint.path.split('?', 2);
  const params = new URLSearchParams(query);
  const one = (key: string) => params.get(key) ?? undefined;
  const int = (key: string) => (params.has(key) ? Number(params.get(key)) : undefined);
  const bool = (key: string) => (params.has(key) ? params.get(key) === 'true' : undefined);
  if (path === 'applications') {
    return client.applications({ status: one('status') as 'completed' | 'running' | undefined, minDate: one('minDate'), maxDate: one('maxDate'), minEndDate: one('minEndDate'), maxEndDate: one('maxEndDate'), limit: int('limit') });
  }
  const match = /^applications\/([^/]+)(?:\/(\d+))?(?:\/(.*))?$/.exec(path);
  assert.ok(match, `unexpected endpoint ${endpoint.path}`);
  const app: AppRef = match[2] ? { appId: match[1], attemptId: match[2] } : { appId: match[1] };
  const rest = match[3];
  if (rest === undefined) return client.application(app.appId);
  let m: RegExpExecArray | null;
  if (rest === 'jobs') return client.jobs(app, { status: params.getAll('status').length ? params.getAll('status') : undefined });
  if ((m = /^jobs\/(\d+)$/.exec(rest))) return client.job(app, Number(m[1]));
  if (rest === 'executors') return client.executors(app);
  if (rest === 'allexecutors') return client.allExecutors(app);
  if (rest === 'environment') return client.environment(app);
  if (rest === 'stages') return client.stages(app, { status: params.getAll('status').length ? params.getAll('status') : undefined });
  const stageQuery = { details: bool('details'), withSummaries: bool('withSummaries'), taskStatus: one('taskStatus') };
  if ((m = /^stages\/(\d+)$/.exec(rest))) return client.stage(app, Number(m[1]), stageQuery);
  if ((m = /^stages\/(\d+)\/(\d+)$/.exec(rest))) return client.stageAttempt(app, Number(m[1]), Number(m[2]), stageQuery);
  if ((m = /^stages\/(\d+)\/(\d+)\/taskSummary$/.exec(rest))) return client.taskSummary(app, Number(m[1]), Number(m[2]), one('quantiles')?.split(',').map(Number));
  if ((m = /^stages\/(\d+)\/(\d+)\/taskList$/.exec(rest))) return client.taskList(app, Number(m[1]), Number(m[2]), { offset: int('offset'), length: int('length'), sortBy: one('sortBy'), status: one('status') });
  // Storage and miscellaneous-process endpoints are not modelled: the generic GET reads them.
  return client.get(`applications/${app.appId}${app.attemptId ? '/' + app.attemptId : ''}/${rest}`, Object.fromEntries(params));
}

describe('Spark REST client against the History Server expectations', { skip }, () => {
  let server: FixtureServer;
  let client: SparkRestClient;
  const endpoints = skip ? [] : restEndpoints();

  before(async () => {
    server = await startFixtureServer();
    client = new SparkRestClient(server.origin, { timeoutMs: 10_000 });
  });
  after(() => server?.close());

  it('has all 59 expectation files listed', () => {
    assert.equal(endpoints.length, 59);
  });

  for (const endpoint of endpoints) {
    it(`reads ${endpoint.path}`, async () => {
      const answer = await callFor(client, endpoint);
      assert.deepEqual(answer, readExpectation(endpoint));
    });
  }
});

describe('Spark REST client behind a proxy prefix (YARN /proxy/<app>/)', { skip }, () => {
  let server: FixtureServer;
  before(async () => {
    server = await startFixtureServer({ prefix: '/proxy/application_1516285256255_0012' });
  });
  after(() => server?.close());

  it('finds the API below the proxy path given as a UI page URL', async () => {
    const client = new SparkRestClient(`${server.origin}/proxy/application_1516285256255_0012/jobs/`);
    assert.equal(client.apiBase, `${server.origin}/proxy/application_1516285256255_0012/api/v1`);
    const stage = await client.stageAttempt({ appId: 'application_1516285256255_0012' }, 0, 0);
    assert.equal(stage.stageId, 0);
    assert.equal(stage.status, 'COMPLETE');
  });

  it('reads a multi-attempt application with the YARN-style attempt path', async () => {
    const client = new SparkRestClient(`${server.origin}/proxy/application_1516285256255_0012`);
    const jobs = await client.jobs({ appId: 'local-1426533911241', attemptId: '2' });
    assert.ok(jobs.length > 0);
    assert.ok(server.requests.some((url) => url.endsWith('/api/v1/applications/local-1426533911241/2/jobs')));
  });
});
