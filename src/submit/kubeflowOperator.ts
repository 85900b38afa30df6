// Target: kubeflow spark-operator (sparkoperator.k8s.io/v1beta2 SparkApplication).
import type { KubernetesTargetConfig } from './jobSpec';
import { buildKubeflowManifest, KUBEFLOW_GROUP, KUBEFLOW_VERSION } from './kubeflowManifest';
import { KubernetesTarget, type KubernetesTargetOptions, type OperatorFlavor } from './kubernetesTarget';
import type { RunPhase, RunState } from './target';
import { state } from './target';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** applicationState.state -> normalized phase. Terminal: COMPLETED and FAILED only. */
const PHASES: Record<string, RunPhase> = {
  '': 'PENDING',
  NEW: 'PENDING',
  SUBMITTED: 'SUBMITTED',
  RUNNING: 'RUNNING',
  SUCCEEDING: 'SUCCEEDING',
  COMPLETED: 'COMPLETED',
  FAILING: 'FAILING',
  FAILED: 'FAILED',
  SUBMISSION_FAILED: 'FAILING',
  PENDING_RERUN: 'PENDING',
  INVALIDATING: 'PENDING',
  SUSPENDING: 'PENDING',
  SUSPENDED: 'PENDING',
  RESUMING: 'PENDING',
  UNKNOWN: 'UNKNOWN',
};

export function kubeflowState(app: Obj): RunState {
  const raw: string = app.status?.applicationState?.state ?? '';
  return state(PHASES[raw] ?? 'UNKNOWN', raw || 'NEW', app.status?.applicationState?.errorMessage);
}

export const kubeflowFlavor: OperatorFlavor = {
  kind: 'kubeflow',
  group: KUBEFLOW_GROUP,
  version: KUBEFLOW_VERSION,
  plural: 'sparkapplications',
  buildManifest: buildKubeflowManifest,
  stateOf: kubeflowState,
  driverSelector: (name) => `spark-role=driver,sparkoperator.k8s.io/app-name=${name}`,
  executorSelector: (name) => `spark-role=executor,sparkoperator.k8s.io/app-name=${name}`,
  driverPodName: (app, name) => app?.status?.driverInfo?.podName ?? `${name}-driver`,
};

export function createKubeflowTarget(config: KubernetesTargetConfig, options?: KubernetesTargetOptions): KubernetesTarget {
  return new KubernetesTarget(kubeflowFlavor, config, options);
}
