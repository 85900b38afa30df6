// Turns a job from the spec file into what targets need: the URIs the cluster will read (after an
// S3 upload when delivery is s3) and the list of local files to upload. Pure: no I/O.
import { basename, isAbsolute, resolve } from 'node:path';
import type { Delivery, JobSpec, JobSpecFile, TargetConfig } from './jobSpec';
import { joinKey } from './s3Uri';

export interface PlannedUpload {
  localPath: string;
  bucket: string;
  key: string;
}

export interface ResolvedJob {
  spec: JobSpec;
  targetName: string;
  target: TargetConfig;
  /** Absolute path of the main file on this machine. */
  localMainFile: string;
  /** What the cluster runs: local:///..., s3a://..., or a local path for the local target. */
  mainUri: string;
  pyFileUris: string[];
  fileUris: string[];
  jarUris: string[];
  uploads: PlannedUpload[];
  delivery?: Delivery;
}

const URI = /^[a-z][a-z0-9+.-]*:\/\//;

export class ResolveError extends Error {}

export function resolveJob(file: JobSpecFile, specDir: string, jobName: string, targetOverride?: string): ResolvedJob {
  const spec = file.jobs.find((job) => job.name === jobName);
  if (!spec) throw new ResolveError(`no job named "${jobName}" (known: ${file.jobs.map((job) => job.name).join(', ')})`);
  const targetName = targetOverride ?? spec.target;
  const target = file.targets[targetName];
  if (!target) throw new ResolveError(`no target named "${targetName}" (known: ${Object.keys(file.targets).join(', ')})`);
  const local = (path: string) => (isAbsolute(path) ? path : resolve(specDir, path));
  const localMainFile = local(spec.mainFile);
  const delivery = spec.delivery;
  const uploads: PlannedUpload[] = [];

  if (target.type === 'local') {
    const keep = (paths: string[] | undefined) => (paths ?? []).map((path) => (URI.test(path) ? path : local(path)));
    return { spec, targetName, target, localMainFile, mainUri: localMainFile, pyFileUris: keep(spec.deps?.pyFiles), fileUris: keep(spec.deps?.files), jarUris: keep(spec.deps?.jars), uploads, delivery };
  }
  if (!delivery) throw new ResolveError(`job "${spec.name}": target "${targetName}" (${target.type}) needs "delivery" (container or s3)`);

  // Local dependency paths travel the same way as the main file; URIs are passed through.
  const place = (path: string): string => {
    if (URI.test(path)) return path;
    if (delivery.type === 'container') {
      throw new ResolveError(`job "${spec.name}": "${path}" is a local path but delivery is "container"; give a local:// path inside the image`);
    }
    const key = joinKey(delivery.prefix, basename(path));
    uploads.push({ localPath: local(path), bucket: delivery.bucket, key });
    return `s3a://${delivery.bucket}/${key}`;
  };
  const mainUri = delivery.type === 'container' ? delivery.path : place(spec.mainFile);
  return {
    spec,
    targetName,
    target,
    localMainFile,
    mainUri,
    pyFileUris: (spec.deps?.pyFiles ?? []).map(place),
    fileUris: (spec.deps?.files ?? []).map(place),
    jarUris: (spec.deps?.jars ?? []).map(place),
    uploads,
    delivery,
  };
}
