// A large application's snapshot for view benchmarks (issue 6: 2,000 stages / 500 executors /
// 200k tasks), built by feeding synthetic listener events straight into the model (no file).
//
//   node --import tsx bench/monitor/largeApp.ts OUT.json   writes the snapshot as JSON
import { writeFileSync } from 'node:fs';
import { AppModelBuilder } from '../../src/spark/model/AppModelBuilder';
import type { AppSnapshot } from '../../src/spark/model/types';

export interface LargeAppSize {
  stages: number;
  executors: number;
  tasks: number;
}

export const ISSUE_SIZE: LargeAppSize = { stages: 2000, executors: 500, tasks: 200_000 };

export function buildLargeSnapshot(size: LargeAppSize = ISSUE_SIZE): AppSnapshot {
  const builder = new AppModelBuilder();
  const t0 = Date.UTC(2025, 0, 15, 9, 0, 0);
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  builder.onEvent({ Event: 'SparkListenerLogStart', 'Spark Version': '3.5.1' });
  builder.onEvent({ Event: 'SparkListenerApplicationStart', 'App Name': 'large-training-run', 'App ID': 'app-large-0001', Timestamp: t0, User: 'bench' });
  builder.onEvent({ Event: 'SparkListenerEnvironmentUpdate', 'Spark Properties': { 'spark.master': 'k8s://https://kube', 'spark.executor.memory': '8g', 'spark.executor.cores': '4' } });
  for (let e = 1; e <= size.executors; e++) {
    builder.onEvent({ Event: 'SparkListenerExecutorAdded', Timestamp: t0 + 5000 + e * 20, 'Executor ID': String(e), 'Executor Info': { Host: `10.1.${e >> 8}.${e & 255}`, 'Total Cores': 4, 'Log Urls': {} } });
  }
  const stagesPerJob = 5;
  const tasksPerStage = Math.max(1, Math.round(size.tasks / size.stages));
  let now = t0 + 20_000;
  let taskId = 0;
  for (let stageId = 0; stageId < size.stages; stageId++) {
    if (stageId % stagesPerJob === 0) {
      const ids = Array.from({ length: Math.min(stagesPerJob, size.stages - stageId) }, (_, i) => stageId + i);
      builder.onEvent({ Event: 'SparkListenerJobStart', 'Job ID': stageId / stagesPerJob, 'Submission Time': now, 'Stage IDs': ids, 'Stage Infos': ids.map((id) => ({ 'Stage ID': id, 'Stage Attempt ID': 0, 'Stage Name': `fit at /app/train.py:${100 + (id % 50)}`, 'Number of Tasks': tasksPerStage })) });
    }
    const info = { 'Stage ID': stageId, 'Stage Attempt ID': 0, 'Stage Name': `fit at /app/train.py:${100 + (stageId % 50)}`, 'Number of Tasks': tasksPerStage, 'Submission Time': now };
    builder.onEvent({ Event: 'SparkListenerStageSubmitted', 'Stage Info': info });
    let end = now;
    for (let i = 0; i < tasksPerStage; i++) {
      const executor = String(1 + ((stageId * 7 + i) % size.executors));
      const launch = now + 10 + Math.floor(i / (size.executors * 4)) * 400;
      const duration = 100 + Math.round(random() * 600) + (i === 0 && stageId % 97 === 0 ? 9000 : 0);
      const taskInfo = { 'Task ID': taskId, Index: i, Attempt: 0, 'Launch Time': launch, 'Executor ID': executor, Host: 'h', Speculative: false, 'Getting Result Time': 0 };
      builder.onEvent({ Event: 'SparkListenerTaskStart', 'Stage ID': stageId, 'Stage Attempt ID': 0, 'Task Info': taskInfo });
      builder.onEvent({
        Event: 'SparkListenerTaskEnd', 'Stage ID': stageId, 'Stage Attempt ID': 0, 'Task End Reason': { Reason: 'Success' }, 'Task Info': { ...taskInfo, 'Finish Time': launch + duration },
        'Task Metrics': { 'Executor Run Time': duration - 20, 'Executor Deserialize Time': 10, 'JVM GC Time': Math.round(duration * 0.05), 'Result Serialization Time': 1, 'Input Metrics': { 'Bytes Read': 64 << 20 }, 'Shuffle Write Metrics': { 'Shuffle Bytes Written': 4 << 20 }, 'Shuffle Read Metrics': { 'Remote Bytes Read': 3 << 20, 'Local Bytes Read': 1 << 20 } },
      });
      taskId++;
      end = Math.max(end, launch + duration);
    }
    now = end + 30;
    builder.onEvent({ Event: 'SparkListenerStageCompleted', 'Stage Info': { ...info, 'Completion Time': now } });
    if (stageId % stagesPerJob === stagesPerJob - 1 || stageId === size.stages - 1) {
      builder.onEvent({ Event: 'SparkListenerJobEnd', 'Job ID': Math.floor(stageId / stagesPerJob), 'Completion Time': now + 5, 'Job Result': { Result: 'JobSucceeded' } });
      now += 200;
    }
  }
  builder.onEvent({ Event: 'SparkListenerApplicationEnd', Timestamp: now + 1000 });
  return builder.snapshot({ kind: 'eventLog', location: 'synthetic:large-app' });
}

if (require.main === module) {
  const out = process.argv[2];
  const start = Date.now();
  const snapshot = buildLargeSnapshot();
  const json = JSON.stringify(snapshot);
  console.log(`${snapshot.stages.length} stages, ${snapshot.executors.length} executors, ${snapshot.totals.tasks} tasks: ${(json.length / 1e6).toFixed(1)} MB of JSON, built in ${Date.now() - start} ms`);
  if (out) writeFileSync(out, json);
}
