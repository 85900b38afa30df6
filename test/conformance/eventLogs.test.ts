// The event-log reader builds every log of ../shared/fixtures (real Spark 1.2-3.3 output, plain,
// zstd and rolling), and for the applications that also have History Server expectations the model
// agrees with them on ids, statuses, task counts and metric sums.
//
// Deliberate differences (also in docs/alerts.md, "How the numbers are computed"):
// - Driver in local mode: the History Server reports totalCores 0; the model gives the driver the
//   cores of local[N] (or its peak task concurrency for local[*], flagged coresEstimated), because in
//   local mode the driver is the executor and the load timeline needs its cores.
// - Driver totalDuration / totalGCTime: the History Server reports the application's duration and 0
//   GC for the driver; the model keeps the time of the tasks the driver ran.
// - A stage's executor summary: the History Server also lists executors that ran none of the
//   stage's tasks but sent stage peak metrics (the driver); the model lists executors that ran tasks.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { readEventLog } from '../../src/spark/eventlog/readEventLog';
import type { AppSnapshot } from '../../src/spark/model/types';
import type { AppModelBuilder } from '../../src/spark/model/AppModelBuilder';
import type { RestApplication, RestExecutor, RestJob, RestStage } from '../../src/spark/rest/restTypes';
import { stageDetailFromRest } from '../../src/spark/rest/restSnapshot';
import { allEventLogs, compressedDir, eventsDir, missingFixtures, readExpectation, restDir, restEndpoints } from './sparkFixtures';

const skip = missingFixtures(eventsDir, compressedDir, restDir);
if (skip) console.log(`# skipped: ${skip}`);

const JOB_FIELDS = ['status', 'numTasks', 'numCompletedTasks', 'numFailedTasks', 'numKilledTasks', 'numSkippedTasks', 'numActiveTasks', 'numCompletedStages', 'numSkippedStages', 'numFailedStages', 'numActiveStages'] as const;
const STAGE_COUNT_FIELDS = ['status', 'numTasks', 'numCompleteTasks', 'numFailedTasks', 'numKilledTasks', 'numActiveTasks'] as const;
const STAGE_METRIC_FIELDS = [
  'executorRunTime', 'executorCpuTime', 'executorDeserializeTime', 'resultSerializationTime', 'jvmGcTime', 'resultSize', 'peakExecutionMemory',
  'memoryBytesSpilled', 'diskBytesSpilled', 'inputBytes', 'inputRecords', 'outputBytes', 'outputRecords', 'shuffleReadBytes', 'shuffleReadRecords',
  'shuffleFetchWaitTime', 'shuffleWriteBytes', 'shuffleWriteRecords', 'shuffleWriteTime',
] as const;
const EXECUTOR_FIELDS: [keyof RestExecutor, keyof AppSnapshot['executors'][number]][] = [
  ['totalCores', 'totalCores'], ['completedTasks', 'completedTasks'], ['failedTasks', 'failedTasks'], ['totalTasks', 'totalTasks'],
  ['activeTasks', 'activeTasks'], ['totalDuration', 'totalDurationMs'], ['totalGCTime', 'totalGcTimeMs'], ['totalInputBytes', 'totalInputBytes'],
  ['totalShuffleRead', 'totalShuffleRead'], ['totalShuffleWrite', 'totalShuffleWrite'], ['maxMemory', 'maxMemory'], ['isActive', 'isActive'], ['isExcluded', 'isExcluded'],
];
// See the header: the driver's cores, duration and GC deliberately differ.
const DRIVER_DIFFERENT = new Set(['totalCores', 'totalDuration', 'totalGCTime']);

describe('event logs of ../shared/fixtures', { skip }, () => {
  const snapshots = new Map<string, AppSnapshot>();
  const byApp = new Map<string, AppSnapshot>();
  const builders = new Map<string, AppModelBuilder>();

  before(async () => {
    for (const log of allEventLogs()) {
      const { snapshot, builder } = await readEventLog(log);
      snapshots.set(basename(log), snapshot);
      builders.set(`${snapshot.app.id}/${snapshot.app.attemptId ?? ''}`, builder);
      byApp.set(`${snapshot.app.id}/${snapshot.app.attemptId ?? ''}`, snapshot);
    }
  });

  const logs = skip ? [] : allEventLogs();
  it('finds 17 plain logs and 3 compressed ones', () => {
    assert.equal(logs.length, 20);
  });

  for (const log of logs) {
    it(`builds ${basename(log)} without warnings`, () => {
      const snapshot = snapshots.get(basename(log));
      assert.ok(snapshot);
      assert.deepEqual(snapshot.warnings, []);
      assert.ok(snapshot.app.id, 'application id');
      assert.equal(snapshot.app.status, 'COMPLETED');
      assert.ok(snapshot.source.eventsRead && snapshot.source.eventsRead > 0);
      assert.doesNotThrow(() => JSON.parse(JSON.stringify(snapshot)));
      for (const stage of snapshot.stages) {
        const tasks = stage.numCompleteTasks + stage.numFailedTasks + stage.numKilledTasks;
        if (stage.distributions.durationMs) assert.equal(stage.distributions.durationMs.count, tasks, `stage ${stage.stageId} sketch count`);
      }
    });
  }

  it('reads the rolling zstd log in order: 2801 tasks, version from part 1 only', () => {
    const snapshot = snapshots.get('eventlog_v2_local-1623876083964');
    assert.ok(snapshot);
    assert.equal(snapshot.totals.tasks, 2801);
    assert.equal(snapshot.app.sparkVersion, '3.1.1');
    assert.deepEqual(snapshot.source.codecs, ['zstd', 'zstd']);
    assert.equal(snapshot.source.inProgress, false);
  });

  it('reads the zstd single files: Spark 2.2 log with 6 jobs, SQL events by fully qualified name', () => {
    assert.equal(snapshots.get('spark2-eventlog.zstd')?.jobs.length, 6);
    const aqe = snapshots.get('aqeshuffle_eventlog.zstd');
    assert.ok(aqe);
    assert.equal(aqe.app.id, 'local-1651694304852');
    assert.ok((aqe.source.ignoredEvents?.SparkListenerSQLExecutionStart ?? 0) > 0, 'SQL events are counted, not lost');
  });

  it('maps old "Blacklisted" events to exclusion', () => {
    const snapshot = snapshots.get('app-20161116163331-0000');
    assert.ok(snapshot?.executors.some((executor) => executor.isExcluded));
  });

  const endpoints = skip ? [] : restEndpoints();
  for (const endpoint of endpoints) {
    const match = /^applications\/([^/?]+)(?:\/(\d+))?\/(jobs|stages|executors)$/.exec(endpoint.path);
    if (!match) continue;
    const [, appId, attemptId = '', kind] = match;
    it(`agrees with ${endpoint.path}`, () => {
      const snapshot: AppSnapshot | undefined = byApp.get(`${appId}/${attemptId}`);
      assert.ok(snapshot, `an event log for ${appId} ${attemptId}`);
      if (kind === 'jobs') {
        const expected = readExpectation<RestJob[]>(endpoint);
        assert.deepEqual(snapshot.jobs.map((j) => j.jobId).sort(), expected.map((j) => j.jobId).sort());
        for (const job of expected) {
          const mine: AppSnapshot['jobs'][number] = snapshot.jobs.find((j) => j.jobId === job.jobId)!;
          for (const field of JOB_FIELDS) assert.equal(mine[field], job[field], `job ${job.jobId} ${field}`);
          assert.deepEqual([...mine.stageIds].sort(), [...job.stageIds].sort(), `job ${job.jobId} stageIds`);
          assert.equal(mine.name, job.name, `job ${job.jobId} name`);
        }
      } else if (kind === 'stages') {
        const expected = readExpectation<RestStage[]>(endpoint);
        const key = (s: { stageId: number; attemptId: number }) => `${s.stageId}.${s.attemptId}`;
        assert.deepEqual(snapshot.stages.map(key).sort(), expected.map(key).sort());
        for (const stage of expected) {
          const mine: AppSnapshot['stages'][number] = snapshot.stages.find((s) => key(s) === key(stage))!;
          for (const field of STAGE_COUNT_FIELDS) assert.equal(mine[field], stage[field], `stage ${key(stage)} ${field}`);
          for (const field of STAGE_METRIC_FIELDS) assert.equal(mine.metrics[field], stage[field] ?? 0, `stage ${key(stage)} ${field}`);
          assert.equal(mine.name, stage.name);
        }
      } else {
        const expected = readExpectation<RestExecutor[]>(endpoint);
        for (const executor of expected) {
          const mine: AppSnapshot['executors'][number] | undefined = snapshot.executors.find((e) => e.id === executor.id);
          assert.ok(mine, `executor ${executor.id}`);
          for (const [restField, modelField] of EXECUTOR_FIELDS) {
            if (executor.id === 'driver' && DRIVER_DIFFERENT.has(restField)) continue;
            assert.equal(mine[modelField], executor[restField], `executor ${executor.id} ${restField}`);
          }
          assert.equal(mine.addTime, Date.parse(executor.addTime.replace('GMT', 'Z')), `executor ${executor.id} addTime`);
        }
      }
    });
  }

  for (const endpoint of endpoints) {
    const match = /^applications\/([^/?]+)(?:\/(\d+))?\/stages\/(\d+)(?:\/(\d+))?(\?.*)?$/.exec(endpoint.path);
    if (!match || (match[5] && !match[5].includes('details=true'))) continue;
    const [, appId, attemptId = ''] = match;
    it(`spreads stage tasks over executors as ${endpoint.path}`, () => {
      const builder = builders.get(`${appId}/${attemptId}`);
      assert.ok(builder, `an event log for ${appId}`);
      const answer = readExpectation<RestStage | RestStage[]>(endpoint);
      for (const stage of Array.isArray(answer) ? answer : [answer]) {
        const expected = stageDetailFromRest(stage);
        const mine = builder.stageDetail(stage.stageId, stage.attemptId);
        assert.ok(mine, `stage ${stage.stageId}.${stage.attemptId}`);
        // taskStatus filters tasks, never the executor summary. See the header for executors without tasks.
        const ran = expected.executors.filter((e) => e.succeededTasks + e.failedTasks + e.killedTasks > 0);
        assert.deepEqual(
          [...mine.executors].sort((a, b) => (a.executorId < b.executorId ? -1 : 1)),
          ran.sort((a, b) => (a.executorId < b.executorId ? -1 : 1)),
        );
      }
    });
  }

  it('agrees with the application list on ids, names, users, times and attempts', () => {
    const list = readExpectation<RestApplication[]>(endpoints.find((e) => e.path === 'applications')!);
    let compared = 0;
    for (const application of list) {
      for (const attempt of application.attempts) {
        const snapshot: AppSnapshot | undefined = byApp.get(`${application.id}/${attempt.attemptId ?? ''}`);
        // application_1628109047826_1317105 is listed but its log is not in the fixtures (README).
        if (!snapshot) continue;
        compared++;
        assert.equal(snapshot.app.name, application.name, application.id);
        assert.equal(snapshot.app.startTime, attempt.startTimeEpoch, `${application.id} start`);
        assert.equal(snapshot.app.endTime, attempt.endTimeEpoch, `${application.id} end`);
        assert.equal(snapshot.app.user, attempt.sparkUser, `${application.id} user`);
        if (attempt.appSparkVersion) assert.equal(snapshot.app.sparkVersion, attempt.appSparkVersion, `${application.id} version`);
      }
    }
    assert.ok(compared >= 15, `compared ${compared} attempts`);
  });
});
