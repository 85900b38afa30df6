// Target: Apache Spark Kubernetes Operator (spark.apache.org/v1 SparkApplication). Its last state is
// ResourceReleased whatever happened; the outcome is the state before it in stateTransitionHistory.
// The driver pod is deleted at the end by default, so logs must be streamed while it runs.
import { APACHE_GROUP, APACHE_VERSION, buildApacheManifest } from './apacheManifest';
import type { KubernetesTargetConfig } from './jobSpec';
import { KubernetesTarget, type KubernetesTargetOptions, type OperatorFlavor } from './kubernetesTarget';
import type { RunPhase, RunState } from './target';
import { state } from './target';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PHASES: Record<string, RunPhase> = {
  Submitted: 'SUBMITTED',
  ScheduledToRestart: 'PENDING',
  DriverRequested: 'PENDING',
  DriverStarted: 'PENDING',
  DriverReady: 'PENDING',
  InitializedBelowThresholdExecutors: 'PENDING',
  RunningHealthy: 'RUNNING',
  RunningWithBelowThresholdExecutors: 'RUNNING',
  RunningWithPartialCapacity: 'RUNNING',
  Succeeded: 'SUCCEEDING',
  Failed: 'FAILING',
  SchedulingFailure: 'FAILING',
  DriverEvicted: 'FAILING',
  DriverStartTimedOut: 'FAILING',
  DriverReadyTimedOut: 'FAILING',
  ExecutorsStartTimedOut: 'FAILING',
};

const RELEASED = new Set(['ResourceReleased', 'TerminatedWithoutReleaseResources']);

/** History entries in transition order (keys are "0", "1", ...). */
function history(app: Obj): Obj[] {
  const entries = Object.entries((app.status?.stateTransitionHistory ?? {}) as Record<string, Obj>);
  return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, entry]) => entry);
}

export function apacheState(app: Obj): RunState {
  const current: string | undefined = app.status?.currentState?.currentStateSummary;
  if (!current) return state('PENDING', 'NEW');
  const message: string | undefined = app.status?.currentState?.message || undefined;
  if (!RELEASED.has(current)) return state(PHASES[current] ?? 'UNKNOWN', current, message);
  const before = history(app)
    .map((entry) => entry.currentStateSummary as string)
    .filter((summary) => !RELEASED.has(summary))
    .pop();
  const outcome: RunPhase = before === 'Succeeded' ? 'COMPLETED' : 'FAILED';
  return state(outcome, `${current} after ${before ?? 'no earlier state'}`, message);
}

export const apacheFlavor: OperatorFlavor = {
  kind: 'apache',
  group: APACHE_GROUP,
  version: APACHE_VERSION,
  plural: 'sparkapplications',
  buildManifest: buildApacheManifest,
  stateOf: apacheState,
  driverSelector: (name) => `spark-role=driver,spark.operator.spark-app-name=${name}`,
  executorSelector: (name) => `spark-role=executor,spark.operator.spark-app-name=${name}`,
  driverPodName: (_app, name) => `${name}-0-driver`,
};

export function createApacheTarget(config: KubernetesTargetConfig, options?: KubernetesTargetOptions): KubernetesTarget {
  return new KubernetesTarget(apacheFlavor, config, options);
}
