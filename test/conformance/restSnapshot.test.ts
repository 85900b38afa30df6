// The REST path to the model: fetchRestAnswers + snapshotFromRest against the History Server's own
// answers for local-1422981780767 give the same jobs and stages as the event-log path.
// Documented aliases (the expectations have no such files): the stage list asked with
// details=false&withSummaries=true is answered with the plain stage list (Spark 1.x-era data has no
// summaries), and allexecutors with the executors list (every executor of that app is active).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readEventLog } from '../../src/spark/eventlog/readEventLog';
import { DISTRIBUTION_QUANTILES, type AppSnapshot } from '../../src/spark/model/types';
import { app } from '../../src/cli/app';
import { loadAppSnapshot, loadStageDetail } from '../../src/spark/loadAppSnapshot';
import type { AppSummary } from '../../src/spark/model/summary';
import { fetchRestAnswers, REST_SUMMARY_QUANTILES, snapshotFromRest } from '../../src/spark/rest/restSnapshot';
import { SparkRestClient } from '../../src/spark/rest/SparkRestClient';
import { startFixtureServer, type FixtureServer } from './restFixtureServer';
import { eventsDir, missingFixtures, restDir } from './sparkFixtures';

const skip = missingFixtures(eventsDir, restDir);
if (skip) console.log(`# skipped: ${skip}`);
const APP = 'local-1422981780767';

describe('REST answers -> model snapshot', { skip }, () => {
  let server: FixtureServer;
  let fromRest: AppSnapshot;
  let fromLog: AppSnapshot;

  before(async () => {
    server = await startFixtureServer({
      aliases: {
        [`applications/${APP}/stages?details=false&withSummaries=true&quantiles=${REST_SUMMARY_QUANTILES.join(',')}`]: 'stage_list_json_expectation.json',
        [`applications/${APP}/allexecutors`]: 'executor_list_json_expectation.json',
      },
    });
    const client = new SparkRestClient(server.origin);
    const answers = await fetchRestAnswers(client, { appId: APP });
    fromRest = snapshotFromRest(answers, server.origin, { now: 0 });
    fromLog = (await readEventLog(join(eventsDir, APP))).snapshot;
  });
  after(() => server?.close());

  it('describes the application', () => {
    assert.equal(fromRest.app.id, APP);
    assert.equal(fromRest.app.status, 'COMPLETED');
    assert.equal(fromRest.app.startTime, fromLog.app.startTime);
    assert.equal(fromRest.app.endTime, fromLog.app.endTime);
    assert.equal(fromRest.source.kind, 'rest');
  });

  it('has the same jobs as the event log', () => {
    assert.deepEqual(fromRest.jobs, fromLog.jobs.map((job) => ({ ...job })));
  });

  it('has the same stage counts and metric sums as the event log', () => {
    assert.equal(fromRest.stages.length, fromLog.stages.length);
    for (const stage of fromRest.stages) {
      const log = fromLog.stages.find((s) => s.stageId === stage.stageId && s.attemptId === stage.attemptId);
      assert.ok(log);
      for (const field of ['status', 'numTasks', 'numCompleteTasks', 'numFailedTasks', 'numKilledTasks', 'name', 'submissionTime', 'completionTime'] as const) {
        assert.equal(stage[field], log[field], `stage ${stage.stageId} ${field}`);
      }
      assert.deepEqual(stage.jobIds, log.jobIds);
      for (const field of ['executorRunTime', 'jvmGcTime', 'inputBytes', 'shuffleReadBytes', 'shuffleWriteBytes', 'memoryBytesSpilled', 'diskBytesSpilled'] as const) {
        assert.equal(stage.metrics[field], log.metrics[field], `stage ${stage.stageId} ${field}`);
      }
    }
  });

  it('asks for summaries at the snapshot quantiles and reads every executor', () => {
    assert.ok(server.requests.some((url) => url.includes('withSummaries=true') && url.includes('details=false')));
    assert.deepEqual(REST_SUMMARY_QUANTILES.slice(1, -1), [...DISTRIBUTION_QUANTILES]);
    assert.deepEqual(fromRest.executors.map((e) => e.id), ['driver']);
    assert.equal(fromRest.executors[0].completedTasks, 31);
  });

  it('reports the environment it could not read instead of failing', () => {
    assert.equal(fromRest.warnings.length, 1);
    assert.equal(fromRest.warnings[0].kind, 'restError');
    assert.match(fromRest.warnings[0].message, /environment/);
  });

  it('marks the timeline and overhead as approximate', () => {
    assert.equal(fromRest.load.approximate, true);
    assert.equal(fromRest.overhead.approximate, true);
    assert.ok(fromRest.load.runningTasks.some((value) => value > 0));
  });

  it('loads from a History Server page URL through loadAppSnapshot', async () => {
    const snapshot = await loadAppSnapshot(`${server.origin}/history/${APP}/jobs/`);
    assert.equal(snapshot.app.id, APP);
    assert.equal(snapshot.jobs.length, fromLog.jobs.length);
  });

  it('prints the same jobs through sparkml app summary --format json', async () => {
    let stdout = '';
    const code = await app(['summary', '--format', 'json', `${server.origin}/api/v1/applications/${APP}`], { stdout: (t) => (stdout += t), stderr: () => undefined, wasmDir: '', cwd: process.cwd() });
    assert.equal(code, 1, 'this application has a failed job');
    const summary = JSON.parse(stdout) as AppSummary;
    assert.deepEqual(summary.jobs.map((j) => [j.jobId, j.status]), fromLog.jobs.map((j) => [j.jobId, j.status]));
  });

  it('answers a stage detail from REST and from the event log alike', async () => {
    const fromRestDetail = await loadStageDetail(`${server.origin}/api/v1/applications/${APP}`, { stageId: 1, attemptId: 0 });
    const fromLogDetail = await loadStageDetail(join(eventsDir, APP), { stageId: 1, attemptId: 0 });
    assert.ok(fromRestDetail && fromLogDetail);
    assert.deepEqual(fromLogDetail, fromRestDetail);
    assert.equal(fromLogDetail.executors[0].executorId, 'driver');
    assert.equal(await loadStageDetail(join(eventsDir, APP), { stageId: 99, attemptId: 0 }), undefined);
  });
});
