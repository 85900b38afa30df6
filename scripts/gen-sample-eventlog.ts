// Generates the sample Spark event log the walkthrough opens: a Spark ML training job (read,
// VectorAssembler + StandardScaler, randomSplit + cache, RandomForest fit over several jobs,
// evaluation, model save) on Kubernetes-style executors that arrive over time. Written by this
// generator, seeded and deterministic; call sites point at resources/sample-app/job.py.
//
//   node --import tsx scripts/gen-sample-eventlog.ts            writes resources/sample-app/app-20250115090000-0000
//   node --import tsx scripts/gen-sample-eventlog.ts --check    exits 1 if the committed file differs
//
// The bench (bench/monitor) uses the same generator with larger options to make a >= 1 GB log.
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../src/shared/seededRandom';

export interface SampleOptions {
  seed: number;
  /** Tasks of each large stage (the input's partitions). */
  partitions: number;
  /** RandomForest fit jobs (one per tree level batch in Spark ML); each has two stages. */
  forestJobs: number;
  startTime: number;
  appId: string;
}

export const SAMPLE_OPTIONS: SampleOptions = { seed: 20250115, partitions: 24, forestJobs: 5, startTime: Date.UTC(2025, 0, 15, 9, 0, 0), appId: 'app-20250115090000-0000' };
export const SAMPLE_FILE = join(__dirname, '..', 'resources', 'sample-app', SAMPLE_OPTIONS.appId);

const prng = seededRandom;

interface Executor {
  id: string;
  host: string;
  cores: number;
  addTime: number;
  removeTime?: number;
  /** When each core is free again. */
  slots: number[];
}

interface StagePlan {
  name: string;
  tasks: number;
  medianMs: number;
  inputBytes?: number;
  shuffleReadBytes?: number;
  shuffleWriteBytes?: number;
  spillBytes?: number;
  gcShare?: number;
  /** Index of one task that runs this many times longer (skew). */
  skew?: { task: number; factor: number };
}

const FILE = '/app/job.py';

/** Yields the event log's lines (without newlines), in the order Spark writes them. */
export function* generateEventLog(options: SampleOptions): Generator<string> {
  const random = prng(options.seed);
  const T0 = options.startTime;
  let now = T0;
  let nextStageId = 0;
  let nextTaskId = 0;
  const executors: Executor[] = [];

  const jitter = (median: number) => Math.max(5, Math.round(median * Math.exp((random() - 0.5) * 0.8)));
  const line = (event: object) => JSON.stringify(event);

  yield line({ Event: 'SparkListenerLogStart', 'Spark Version': '3.5.1' });
  yield line({ Event: 'SparkListenerResourceProfileAdded', 'Resource Profile Id': 0, 'Executor Resource Requests': { cores: { 'Resource Name': 'cores', Amount: 2, 'Discovery Script': '', Vendor: '' }, memory: { 'Resource Name': 'memory', Amount: 4096, 'Discovery Script': '', Vendor: '' } }, 'Task Resource Requests': { cpus: { 'Resource Name': 'cpus', Amount: 1 } } });
  yield line({ Event: 'SparkListenerBlockManagerAdded', 'Block Manager ID': { 'Executor ID': 'driver', Host: 'churn-driver-svc', Port: 7079 }, 'Maximum Memory': 2_147_483_648 * 0.6, Timestamp: T0 + 900, 'Maximum Onheap Memory': 1_288_490_188, 'Maximum Offheap Memory': 0 });
  yield line({
    Event: 'SparkListenerEnvironmentUpdate', 'JVM Information': { 'Java Version': '17.0.13 (Eclipse Adoptium)', 'Java Home': '/opt/java/openjdk', 'Scala Version': 'version 2.12.18' },
    'Spark Properties': {
      'spark.app.name': 'churn-random-forest', 'spark.app.id': options.appId, 'spark.master': 'k8s://https://kubernetes.default.svc:443', 'spark.submit.deployMode': 'cluster',
      'spark.executor.memory': '4g', 'spark.executor.cores': '2', 'spark.driver.memory': '2g', 'spark.dynamicAllocation.enabled': 'true',
      'spark.dynamicAllocation.minExecutors': '2', 'spark.dynamicAllocation.maxExecutors': '4', 'spark.kubernetes.container.image': 'registry.example.com/ml/churn:1.4.0',
      'spark.sql.shuffle.partitions': String(Math.max(8, Math.round(options.partitions / 3))), 'spark.eventLog.enabled': 'true',
    },
    'Hadoop Properties': {}, 'System Properties': { 'java.version': '17.0.13' }, 'Metrics Properties': {}, 'Classpath Entries': {},
  });
  yield line({ Event: 'SparkListenerApplicationStart', 'App Name': 'churn-random-forest', 'App ID': options.appId, Timestamp: T0, User: 'spark', 'Driver Logs': { stdout: 'http://churn-driver-svc:4040/logs/stdout' } });

  function* addExecutor(id: number, at: number): Generator<string> {
    const executor: Executor = { id: String(id), host: `10.42.0.${10 + id}`, cores: 2, addTime: at, slots: [at, at] };
    executors.push(executor);
    yield line({ Event: 'SparkListenerExecutorAdded', Timestamp: at, 'Executor ID': executor.id, 'Executor Info': { Host: executor.host, 'Total Cores': executor.cores, 'Log Urls': { stdout: `http://${executor.host}:8081/logs/stdout`, stderr: `http://${executor.host}:8081/logs/stderr` }, Attributes: {}, Resources: {}, 'Resource Profile Id': 0 } });
    yield line({ Event: 'SparkListenerBlockManagerAdded', 'Block Manager ID': { 'Executor ID': executor.id, Host: executor.host, Port: 40_000 + id }, 'Maximum Memory': 2_388_236_697, Timestamp: at + 150, 'Maximum Onheap Memory': 2_388_236_697, 'Maximum Offheap Memory': 0 });
  }

  function stageInfo(stageId: number, plan: StagePlan, parents: number[], extra: object = {}): object {
    const op = plan.name.split(' ')[0];
    return {
      'Stage ID': stageId, 'Stage Attempt ID': 0, 'Stage Name': plan.name, 'Number of Tasks': plan.tasks, 'RDD Info': [], 'Parent IDs': parents,
      Details: `org.apache.spark.api.python.PythonRDD.${op}(PythonRDD.scala:181)\npy4j.GatewayConnection.run(GatewayConnection.java:238)\n${FILE}`, 'Resource Profile Id': 0, Accumulables: [], ...extra,
    };
  }

  /** Runs one stage's tasks on the free cores, earliest free core first; returns the completion time. */
  function* runStage(stageId: number, plan: StagePlan, parents: number[], jobProperties: object): Generator<string, number> {
    const submitted = now;
    yield line({ Event: 'SparkListenerStageSubmitted', 'Stage Info': stageInfo(stageId, plan, parents, { 'Submission Time': submitted }), Properties: jobProperties });
    let completion = submitted;
    const alive = executors.filter((e) => e.removeTime === undefined);
    const events: string[] = [];
    for (let index = 0; index < plan.tasks; index++) {
      let best = alive[0];
      let bestSlot = 0;
      for (const executor of alive) {
        for (let s = 0; s < executor.slots.length; s++) if (executor.slots[s] < best.slots[bestSlot]) [best, bestSlot] = [executor, s];
      }
      const launch = Math.max(submitted + 15, best.slots[bestSlot]) + Math.round(random() * 8);
      let runTime = jitter(plan.medianMs);
      if (plan.skew && plan.skew.task === index) runTime *= plan.skew.factor;
      const deserialize = 8 + Math.round(random() * 20);
      const resultSerialization = Math.round(random() * 2);
      const duration = runTime + deserialize + resultSerialization + 3 + Math.round(random() * 10);
      const finish = launch + duration;
      best.slots[bestSlot] = finish;
      completion = Math.max(completion, finish);
      const taskId = nextTaskId++;
      const info = { 'Task ID': taskId, Index: index, Attempt: 0, 'Partition ID': index, 'Launch Time': launch, 'Executor ID': best.id, Host: best.host, Locality: plan.shuffleReadBytes ? 'NODE_LOCAL' : 'PROCESS_LOCAL', Speculative: false, 'Getting Result Time': 0 };
      // Events are written in time order: starts as tasks launch, ends as they finish (sorted below).
      events.push(String(launch).padStart(16, '0') + '0' + line({ Event: 'SparkListenerTaskStart', 'Stage ID': stageId, 'Stage Attempt ID': 0, 'Task Info': { ...info, 'Finish Time': 0, Failed: false, Killed: false, Accumulables: [] } }));
      const per = (total: number | undefined) => (total ? Math.round((total / plan.tasks) * (0.7 + random() * 0.6)) : 0);
      const spill = plan.spillBytes && index % 3 === 0 ? per(plan.spillBytes * 3) : 0;
      const shuffleRead = per(plan.shuffleReadBytes);
      const heap = 900_000_000 + Math.round(random() * 500_000_000);
      events.push(String(finish).padStart(16, '0') + '1' + line({
        Event: 'SparkListenerTaskEnd', 'Stage ID': stageId, 'Stage Attempt ID': 0, 'Task Type': plan.shuffleWriteBytes ? 'ShuffleMapTask' : 'ResultTask', 'Task End Reason': { Reason: 'Success' },
        'Task Info': { ...info, 'Finish Time': finish, Failed: false, Killed: false, Accumulables: [] },
        'Task Executor Metrics': { JVMHeapMemory: heap, JVMOffHeapMemory: 120_000_000, OnHeapExecutionMemory: spill ? 400_000_000 : 50_000_000, OffHeapExecutionMemory: 0, OnHeapStorageMemory: 80_000_000, OffHeapStorageMemory: 0, OnHeapUnifiedMemory: 130_000_000, OffHeapUnifiedMemory: 0, DirectPoolMemory: 4_000_000, MappedPoolMemory: 0, ProcessTreeJVMVMemory: 0, ProcessTreeJVMRSSMemory: 0, ProcessTreePythonVMemory: 0, ProcessTreePythonRSSMemory: 0, ProcessTreeOtherVMemory: 0, ProcessTreeOtherRSSMemory: 0, MinorGCCount: 20, MinorGCTime: 300, MajorGCCount: 1, MajorGCTime: 80, TotalGCTime: 380 },
        'Task Metrics': {
          'Executor Deserialize Time': deserialize, 'Executor Deserialize CPU Time': deserialize * 900_000, 'Executor Run Time': runTime, 'Executor CPU Time': Math.round(runTime * 850_000),
          'Peak Execution Memory': spill ? 400_000_000 : 20_000_000, 'Result Size': 2400, 'JVM GC Time': Math.round(runTime * (plan.gcShare ?? 0.03)), 'Result Serialization Time': resultSerialization,
          'Memory Bytes Spilled': spill * 3, 'Disk Bytes Spilled': spill,
          'Shuffle Read Metrics': { 'Remote Blocks Fetched': shuffleRead ? 6 : 0, 'Local Blocks Fetched': shuffleRead ? 2 : 0, 'Fetch Wait Time': shuffleRead ? Math.round(random() * 30) : 0, 'Remote Bytes Read': Math.round(shuffleRead * 0.75), 'Remote Bytes Read To Disk': 0, 'Local Bytes Read': shuffleRead - Math.round(shuffleRead * 0.75), 'Total Records Read': Math.round(shuffleRead / 120) },
          'Shuffle Write Metrics': { 'Shuffle Bytes Written': per(plan.shuffleWriteBytes), 'Shuffle Write Time': plan.shuffleWriteBytes ? 2_000_000 + Math.round(random() * 4_000_000) : 0, 'Shuffle Records Written': Math.round(per(plan.shuffleWriteBytes) / 120) },
          'Input Metrics': { 'Bytes Read': per(plan.inputBytes), 'Records Read': Math.round(per(plan.inputBytes) / 90) },
          'Output Metrics': { 'Bytes Written': 0, 'Records Written': 0 },
          'Updated Blocks': [],
        },
      }));
    }
    events.sort();
    for (const event of events) yield event.slice(17);
    completion += 12;
    yield line({ Event: 'SparkListenerStageCompleted', 'Stage Info': stageInfo(stageId, plan, parents, { 'Submission Time': submitted, 'Completion Time': completion }) });
    return completion;
  }

  let nextJobId = 0;
  function* runJob(description: string, plans: StagePlan[]): Generator<string> {
    const jobId = nextJobId++;
    const stageIds = plans.map(() => nextStageId++);
    const properties = { 'spark.job.description': description, 'callSite.short': plans[plans.length - 1].name, 'spark.scheduler.pool': 'default', 'spark.rdd.scope': '{"id":"' + jobId + '","name":"' + description + '"}' };
    yield line({ Event: 'SparkListenerJobStart', 'Job ID': jobId, 'Submission Time': now, 'Stage Infos': plans.map((plan, i) => stageInfo(stageIds[i], plan, i ? [stageIds[i - 1]] : [])), 'Stage IDs': stageIds, Properties: properties });
    for (let i = 0; i < plans.length; i++) {
      now = yield* runStage(stageIds[i], plans[i], i ? [stageIds[i - 1]] : [], properties);
      now += 5;
    }
    now += 8;
    yield line({ Event: 'SparkListenerJobEnd', 'Job ID': jobId, 'Completion Time': now, 'Job Result': { Result: 'JobSucceeded' } });
    // Driver-side Python between actions.
    now += 300 + Math.round(random() * 1200);
  }

  const P = options.partitions;
  const MB = 1024 * 1024;
  // The driver starts its session and plans the read while Kubernetes schedules executor pods.
  now = T0 + 3_800;
  yield* addExecutor(1, T0 + 6_400);
  yield* addExecutor(2, T0 + 7_100);
  yield* runJob('parquet at /app/job.py:13', [{ name: `parquet at ${FILE}:13`, tasks: 1, medianMs: 900, inputBytes: 60_000 }]);
  yield* runJob('count at /app/job.py:14', [
    { name: `count at ${FILE}:14`, tasks: P, medianMs: 1_400, inputBytes: P * 64 * MB, shuffleWriteBytes: P * 60 },
    { name: `count at ${FILE}:14`, tasks: 1, medianMs: 40, shuffleReadBytes: P * 60 },
  ]);
  yield* runJob('fit at /app/job.py:21', [{ name: `fit at ${FILE}:21`, tasks: P, medianMs: 2_100, inputBytes: P * 64 * MB, gcShare: 0.06 }]);
  yield* runJob('count at /app/job.py:25', [
    { name: `count at ${FILE}:25`, tasks: P, medianMs: 2_600, inputBytes: P * 64 * MB, shuffleWriteBytes: P * 60, gcShare: 0.05 },
    { name: `count at ${FILE}:25`, tasks: 1, medianMs: 35, shuffleReadBytes: P * 60 },
  ]);
  // Dynamic allocation asks for two more executors once the forest's backlog builds up.
  yield* addExecutor(3, now + 2_500);
  yield* addExecutor(4, now + 2_900);
  const levelWidth = Math.max(4, Math.round(P / 3));
  for (let level = 0; level < options.forestJobs; level++) {
    yield* runJob(`fit at /app/job.py:28`, [
      { name: `fit at ${FILE}:28`, tasks: P, medianMs: 900 + level * 150, shuffleWriteBytes: P * (6 + level) * MB, gcShare: level >= 3 ? 0.14 : 0.05, spillBytes: level === options.forestJobs - 1 ? P * 40 * MB : undefined, skew: level === 1 ? { task: 7 % P, factor: 14 } : undefined },
      { name: `fit at ${FILE}:28`, tasks: levelWidth, medianMs: 700 + level * 100, shuffleReadBytes: P * (6 + level) * MB },
    ]);
  }
  const executor4 = executors.find((e) => e.id === '4');
  if (executor4) {
    executor4.removeTime = now + 200;
    yield line({ Event: 'SparkListenerExecutorRemoved', Timestamp: executor4.removeTime, 'Executor ID': '4', 'Removed Reason': 'Executor killed by driver (idle timeout, dynamic allocation).' });
  }
  yield* runJob('evaluate at /app/job.py:32', [
    { name: `evaluate at ${FILE}:32`, tasks: Math.max(1, Math.round(P / 4)), medianMs: 800, shuffleWriteBytes: P * 2 * MB },
    { name: `evaluate at ${FILE}:32`, tasks: 1, medianMs: 120, shuffleReadBytes: P * 2 * MB },
  ]);
  yield* runJob('save at /app/job.py:34', [{ name: `save at ${FILE}:34`, tasks: 1, medianMs: 1_600 }]);
  now += 600;
  for (const executor of executors) {
    if (executor.removeTime !== undefined) continue;
    yield line({ Event: 'SparkListenerExecutorRemoved', Timestamp: now, 'Executor ID': executor.id, 'Removed Reason': 'Application finished: the driver stopped the executor.' });
  }
  yield line({ Event: 'SparkListenerApplicationEnd', Timestamp: now + 150 });
}

/** Writes the log to a file in 1 MiB writes (the bench's logs do not fit in a string). Returns bytes written. */
export function writeEventLog(path: string, options: SampleOptions): number {
  const fd = openSync(path, 'w');
  let buffer = '';
  let bytes = 0;
  try {
    for (const text of generateEventLog(options)) {
      buffer += text + '\n';
      if (buffer.length >= 1 << 20) {
        bytes += writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer) bytes += writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

export function sampleText(): string {
  return [...generateEventLog(SAMPLE_OPTIONS)].join('\n') + '\n';
}

if (require.main === module) {
  if (process.argv.includes('--check')) {
    const same = existsSync(SAMPLE_FILE) && readFileSync(SAMPLE_FILE, 'utf8') === sampleText();
    console.log(same ? `${SAMPLE_FILE} is up to date` : `${SAMPLE_FILE} differs from the generator's output: run scripts/gen-sample-eventlog.ts`);
    process.exit(same ? 0 : 1);
  }
  const bytes = writeEventLog(SAMPLE_FILE, SAMPLE_OPTIONS);
  console.log(`wrote ${SAMPLE_FILE} (${bytes} bytes)`);
}
