// spark.apache.org/v1 SparkApplication for the Apache Spark Kubernetes Operator. Pure.
// This CRD carries most settings as Spark configuration: the image, resources, environment and the
// extra Python files all go into sparkConf; `pyFiles` names the main Python file.
import type { KubernetesTargetConfig } from './jobSpec';
import { compact, runMetadata, type Submission } from './kubeflowManifest';
import type { ResolvedJob } from './resolveJob';
import { baseSparkConf, required } from './sparkConf';

export const APACHE_GROUP = 'spark.apache.org';
export const APACHE_VERSION = 'v1';

export function buildApacheManifest(job: ResolvedJob, submission: Submission): Record<string, unknown> {
  const spec = job.spec;
  const target = job.target as KubernetesTargetConfig;
  const conf: Record<string, string> = {
    'spark.kubernetes.container.image': required(spec.image, 'image', job),
  };
  if (target.serviceAccount) conf['spark.kubernetes.authenticate.driver.serviceAccountName'] = target.serviceAccount;
  if (spec.driver?.cores) conf['spark.driver.cores'] = String(spec.driver.cores);
  if (spec.driver?.memory) conf['spark.driver.memory'] = spec.driver.memory;
  if (spec.executor?.cores) conf['spark.executor.cores'] = String(spec.executor.cores);
  if (spec.executor?.memory) conf['spark.executor.memory'] = spec.executor.memory;
  conf['spark.executor.instances'] = String(spec.executor?.instances ?? 1);
  if (job.pyFileUris.length) conf['spark.submit.pyFiles'] = job.pyFileUris.join(',');
  if (spec.deps?.packages?.length) conf['spark.jars.packages'] = spec.deps.packages.join(',');
  for (const [name, value] of Object.entries(spec.env ?? {})) {
    conf[`spark.kubernetes.driverEnv.${name}`] = value;
    conf[`spark.executorEnv.${name}`] = value;
  }
  const restart = spec.restartPolicy;
  return compact({
    apiVersion: `${APACHE_GROUP}/${APACHE_VERSION}`,
    kind: 'SparkApplication',
    metadata: runMetadata(spec.name, submission),
    spec: {
      pyFiles: job.mainUri,
      driverArgs: spec.arguments?.length ? spec.arguments : undefined,
      files: job.fileUris.length ? job.fileUris.join(',') : undefined,
      jars: job.jarUris.length ? job.jarUris.join(',') : undefined,
      sparkConf: { ...conf, ...baseSparkConf(job) },
      runtimeVersions: { sparkVersion: required(spec.sparkVersion, 'sparkVersion', job) },
      applicationTolerations: {
        restartConfig: restart
          ? {
              restartPolicy: restart.type,
              maxRestartAttempts: restart.onFailureRetries,
              restartBackoffMillis: restart.onFailureRetryInterval !== undefined ? restart.onFailureRetryInterval * 1000 : undefined,
            }
          : { restartPolicy: 'Never' },
        ttlAfterStopMillis: spec.ttlSeconds !== undefined ? spec.ttlSeconds * 1000 : undefined,
      },
    },
  });
}
