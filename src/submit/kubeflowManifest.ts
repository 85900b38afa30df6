// sparkoperator.k8s.io/v1beta2 SparkApplication for the kubeflow spark-operator. Pure.
import type { KubernetesTargetConfig } from './jobSpec';
import type { ResolvedJob } from './resolveJob';
import { dns1035Slug } from './runName';
import { baseSparkConf, JOB_LABEL, MANAGED_BY, MANAGED_BY_LABEL, required, SUBMISSION_ANNOTATION } from './sparkConf';

export const KUBEFLOW_GROUP = 'sparkoperator.k8s.io';
export const KUBEFLOW_VERSION = 'v1beta2';

export interface Submission {
  runName: string;
  submissionId: string;
  namespace: string;
}

function envList(env: Record<string, string> | undefined): { name: string; value: string }[] | undefined {
  const entries = Object.entries(env ?? {});
  return entries.length ? entries.map(([name, value]) => ({ name, value })) : undefined;
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length ? list : undefined;
}

/** Drops undefined fields so the manifest reads cleanly and validates against the CRD. */
export function compact<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Name, labels and the submission annotation every SparkApplication we create carries (both operators). */
export function runMetadata(jobName: string, submission: Submission): Record<string, unknown> {
  return {
    name: submission.runName,
    namespace: submission.namespace,
    labels: { [MANAGED_BY_LABEL]: MANAGED_BY, [JOB_LABEL]: dns1035Slug(jobName, 63) },
    annotations: { [SUBMISSION_ANNOTATION]: submission.submissionId },
  };
}

export function buildKubeflowManifest(job: ResolvedJob, submission: Submission): Record<string, unknown> {
  const spec = job.spec;
  const target = job.target as KubernetesTargetConfig;
  const env = envList(spec.env);
  const sparkConf = baseSparkConf(job);
  return compact({
    apiVersion: `${KUBEFLOW_GROUP}/${KUBEFLOW_VERSION}`,
    kind: 'SparkApplication',
    metadata: runMetadata(spec.name, submission),
    spec: {
      type: 'Python',
      pythonVersion: spec.pythonVersion ?? '3',
      mode: 'cluster',
      image: required(spec.image, 'image', job),
      mainApplicationFile: job.mainUri,
      arguments: nonEmpty(spec.arguments),
      sparkVersion: required(spec.sparkVersion, 'sparkVersion', job),
      sparkConf: Object.keys(sparkConf).length ? sparkConf : undefined,
      deps: compactDeps({
        pyFiles: nonEmpty(job.pyFileUris),
        files: nonEmpty(job.fileUris),
        jars: nonEmpty(job.jarUris),
        packages: nonEmpty(spec.deps?.packages),
      }),
      restartPolicy: spec.restartPolicy
        ? { type: spec.restartPolicy.type, onFailureRetries: spec.restartPolicy.onFailureRetries, onFailureRetryInterval: spec.restartPolicy.onFailureRetryInterval }
        : { type: 'Never' },
      timeToLiveSeconds: spec.ttlSeconds,
      driver: {
        cores: spec.driver?.cores ?? 1,
        memory: spec.driver?.memory ?? '1g',
        serviceAccount: target.serviceAccount,
        env,
        labels: { [JOB_LABEL]: dns1035Slug(spec.name, 63) },
      },
      executor: {
        instances: spec.executor?.instances ?? 1,
        cores: spec.executor?.cores ?? 1,
        memory: spec.executor?.memory ?? '1g',
        env,
      },
    },
  });
}

function compactDeps(deps: Record<string, string[] | undefined>): Record<string, string[]> | undefined {
  const kept = Object.entries(deps).filter(([, list]) => list !== undefined);
  return kept.length ? (Object.fromEntries(kept) as Record<string, string[]>) : undefined;
}
