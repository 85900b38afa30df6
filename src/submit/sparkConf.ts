// Spark configuration every target derives from a job: the user's sparkConf plus what delivery
// needs (S3A endpoint and path-style access for self-hosted S3). User entries always win.
import type { ResolvedJob } from './resolveJob';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'sparkml-toolkit';
export const JOB_LABEL = 'sparkml.dev/job';
export const SUBMISSION_ANNOTATION = 'sparkml.dev/submission-id';

export function deliverySparkConf(job: ResolvedJob): Record<string, string> {
  const delivery = job.delivery;
  if (delivery?.type !== 's3' || !delivery.endpoint) return {};
  return {
    'spark.hadoop.fs.s3a.endpoint': delivery.endpoint,
    'spark.hadoop.fs.s3a.path.style.access': 'true',
  };
}

export function baseSparkConf(job: ResolvedJob): Record<string, string> {
  return { ...deliverySparkConf(job), ...(job.spec.sparkConf ?? {}) };
}

/** Thrown by buildManifest when the job lacks a field this target cannot do without. */
export class ManifestError extends Error {}

export function required<T>(value: T | undefined, what: string, job: ResolvedJob): T {
  if (value === undefined || value === '') throw new ManifestError(`job "${job.spec.name}": target "${job.targetName}" (${job.target.type}) needs "${what}"`);
  return value;
}
