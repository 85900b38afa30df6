// A small event log written for the tests (not copied from Spark): one job of two stages on two
// executors, with a failed, a killed and a speculative task, an unknown event, a fully qualified
// SQL event, and an application named like an XSS payload (the model keeps strings raw).

export const XSS_NAME = '<script>alert(1)</script>';
const T0 = 1_700_000_000_000;

function task(stageId: number, taskId: number, executorId: string, launch: number, finish: number, reason: object, extra: { speculative?: boolean; gc?: number; spill?: number; shuffleWrite?: number } = {}): string[] {
  const info = { 'Task ID': taskId, Index: taskId, Attempt: 0, 'Launch Time': launch, 'Executor ID': executorId, Host: `host-${executorId}`, Locality: 'PROCESS_LOCAL', Speculative: extra.speculative ?? false, 'Getting Result Time': 0 };
  const metrics = {
    'Executor Deserialize Time': 10, 'Executor Deserialize CPU Time': 1_000_000, 'Executor Run Time': finish - launch - 30, 'Executor CPU Time': 5_000_000, 'Peak Execution Memory': 0,
    'Result Size': 1000, 'JVM GC Time': extra.gc ?? 5, 'Result Serialization Time': 1, 'Memory Bytes Spilled': extra.spill ?? 0, 'Disk Bytes Spilled': extra.spill ?? 0,
    'Shuffle Read Metrics': { 'Remote Blocks Fetched': 0, 'Local Blocks Fetched': 0, 'Fetch Wait Time': 0, 'Remote Bytes Read': 0, 'Local Bytes Read': stageId === 1 ? 2048 : 0, 'Total Records Read': 0 },
    'Shuffle Write Metrics': { 'Shuffle Bytes Written': extra.shuffleWrite ?? 0, 'Shuffle Write Time': 1000, 'Shuffle Records Written': 10 },
    'Input Metrics': { 'Bytes Read': stageId === 0 ? 4096 : 0, 'Records Read': 100 },
    'Output Metrics': { 'Bytes Written': 0, 'Records Written': 0 },
  };
  return [
    JSON.stringify({ Event: 'SparkListenerTaskStart', 'Stage ID': stageId, 'Stage Attempt ID': 0, 'Task Info': { ...info, 'Finish Time': 0, Failed: false, Killed: false } }),
    JSON.stringify({ Event: 'SparkListenerTaskEnd', 'Stage ID': stageId, 'Stage Attempt ID': 0, 'Task Type': 'ShuffleMapTask', 'Task End Reason': reason, 'Task Info': { ...info, 'Finish Time': finish, Failed: false, Killed: false }, 'Task Metrics': metrics }),
  ];
}

function stageInfo(stageId: number, name: string, tasks: number, extra: object = {}): object {
  return { 'Stage ID': stageId, 'Stage Attempt ID': 0, 'Stage Name': name, 'Number of Tasks': tasks, 'RDD Info': [], 'Parent IDs': [], Details: `org.apache.spark.rdd.RDD.${name}`, Accumulables: [], ...extra };
}

export function miniEventLogLines(): string[] {
  const success = { Reason: 'Success' };
  const lines = [
    JSON.stringify({ Event: 'SparkListenerLogStart', 'Spark Version': '3.5.1' }),
    JSON.stringify({ Event: 'SparkListenerApplicationStart', 'App Name': XSS_NAME, 'App ID': 'app-mini-0001', Timestamp: T0, User: 'tester' }),
    JSON.stringify({ Event: 'SparkListenerEnvironmentUpdate', 'JVM Information': {}, 'Spark Properties': { 'spark.master': 'k8s://https://kube', 'spark.executor.memory': '1g' }, 'System Properties': {}, 'Classpath Entries': {} }),
    JSON.stringify({ Event: 'SparkListenerExecutorAdded', Timestamp: T0 + 2000, 'Executor ID': '1', 'Executor Info': { Host: 'host-1', 'Total Cores': 2, 'Log Urls': { stdout: 'http://host-1/stdout' } } }),
    JSON.stringify({ Event: 'SparkListenerExecutorAdded', Timestamp: T0 + 3000, 'Executor ID': '2', 'Executor Info': { Host: 'host-2', 'Total Cores': 2, 'Log Urls': {} } }),
    JSON.stringify({ Event: 'SparkListenerBlockManagerAdded', 'Block Manager ID': { 'Executor ID': '1', Host: 'host-1', Port: 7000 }, 'Maximum Memory': 500_000_000, Timestamp: T0 + 2100 }),
    JSON.stringify({ Event: 'com.example.listener.MyCustomEvent', payload: 1 }),
    JSON.stringify({ Event: 'org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart', executionId: 0, description: XSS_NAME, time: T0 + 3500 }),
    JSON.stringify({
      Event: 'SparkListenerJobStart', 'Job ID': 0, 'Submission Time': T0 + 4000, 'Stage IDs': [0, 1],
      'Stage Infos': [stageInfo(0, 'mapPartitions at /app/job.py:12', 4), stageInfo(1, `collect at /app/job.py:42`, 2)], Properties: { 'spark.job.description': XSS_NAME },
    }),
    JSON.stringify({ Event: 'SparkListenerStageSubmitted', 'Stage Info': stageInfo(0, 'mapPartitions at /app/job.py:12', 4, { 'Submission Time': T0 + 4000 }), Properties: {} }),
    ...task(0, 0, '1', T0 + 4100, T0 + 5100, success, { shuffleWrite: 1000 }),
    ...task(0, 1, '2', T0 + 4100, T0 + 5200, success, { shuffleWrite: 1000 }),
    ...task(0, 2, '1', T0 + 4150, T0 + 4600, { Reason: 'ExceptionFailure', 'Class Name': 'java.lang.RuntimeException', Description: XSS_NAME, 'Stack Trace': [] }),
    ...task(0, 3, '1', T0 + 4700, T0 + 5900, success, { shuffleWrite: 1000, spill: 1_000_000 }),
    ...task(0, 4, '2', T0 + 5300, T0 + 5800, { Reason: 'TaskKilled', 'Kill Reason': 'another attempt succeeded' }, { speculative: true }),
    ...task(0, 5, '2', T0 + 5300, T0 + 5700, success, { shuffleWrite: 1000 }),
    JSON.stringify({ Event: 'SparkListenerStageCompleted', 'Stage Info': stageInfo(0, 'mapPartitions at /app/job.py:12', 4, { 'Submission Time': T0 + 4000, 'Completion Time': T0 + 6000 }) }),
    JSON.stringify({ Event: 'SparkListenerStageSubmitted', 'Stage Info': stageInfo(1, 'collect at /app/job.py:42', 2, { 'Submission Time': T0 + 6000 }), Properties: {} }),
    ...task(1, 6, '1', T0 + 6100, T0 + 7100, success, { gc: 400 }),
    ...task(1, 7, '2', T0 + 6100, T0 + 7000, success, { gc: 400 }),
    JSON.stringify({ Event: 'SparkListenerStageCompleted', 'Stage Info': stageInfo(1, 'collect at /app/job.py:42', 2, { 'Submission Time': T0 + 6000, 'Completion Time': T0 + 7200 }) }),
    JSON.stringify({ Event: 'SparkListenerJobEnd', 'Job ID': 0, 'Completion Time': T0 + 7300, 'Job Result': { Result: 'JobSucceeded' } }),
    JSON.stringify({ Event: 'SparkListenerExecutorRemoved', Timestamp: T0 + 8000, 'Executor ID': '2', 'Removed Reason': 'Executor killed by driver (idle).' }),
    JSON.stringify({ Event: 'SparkListenerApplicationEnd', Timestamp: T0 + 10_000 }),
  ];
  return lines;
}

export function miniEventLog(): string {
  return miniEventLogLines().join('\n') + '\n';
}

export const MINI_APP_START = T0;
