// The whole "submit this job" action without any UI: find the spec and job for a file, upload what
// s3 delivery needs, then create the run. The editor and the CLI both call this.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { JOB_SPEC_FILE_NAME, loadJobSpecFile, type JobSpecFile } from './jobSpec';
import { resolveJob, ResolveError, type ResolvedJob } from './resolveJob';
import { createS3Client, uploadFiles, type UploadOutcome, type UploadProgress } from './s3Uploader';
import type { RunRef, Target } from './target';

export interface LocatedJob {
  specFile: string;
  file: JobSpecFile;
  job: ResolvedJob;
}

/** The nearest sparkml.jobs.json at or above `start` (a file or folder), or undefined. */
export function findSpecFile(start: string): string | undefined {
  let dir = existsSync(start) && !start.endsWith('.py') && !start.endsWith('.json') ? resolve(start) : dirname(resolve(start));
  for (;;) {
    const candidate = join(dir, JOB_SPEC_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Picks the job: by name when given; else the one whose mainFile is `pythonFile`; else the only one.
 * `targetOverride` replaces the job's target (`--target`).
 */
export async function locateJob(options: { specFile: string; pythonFile?: string; jobName?: string; targetOverride?: string }): Promise<LocatedJob> {
  const file = await loadJobSpecFile(options.specFile);
  const specDir = dirname(resolve(options.specFile));
  let name = options.jobName;
  if (!name && options.pythonFile) {
    const wanted = resolve(options.pythonFile);
    name = file.jobs.find((job) => resolve(specDir, job.mainFile) === wanted)?.name;
    if (!name) throw new ResolveError(`no job in ${options.specFile} has mainFile ${wanted}; add one (see docs/submit.md) or pass --job`);
  }
  if (!name) {
    if (file.jobs.length !== 1) throw new ResolveError(`${options.specFile} has ${file.jobs.length} jobs; pick one with --job (${file.jobs.map((j) => j.name).join(', ')})`);
    name = file.jobs[0].name;
  }
  return { specFile: options.specFile, file, job: resolveJob(file, specDir, name, options.targetOverride) };
}

/** Uploads the files s3 delivery needs (nothing for other deliveries). */
export async function uploadForJob(job: ResolvedJob, options: { signal?: AbortSignal; onProgress?: (progress: UploadProgress) => void; env?: NodeJS.ProcessEnv } = {}): Promise<UploadOutcome[]> {
  const delivery = job.delivery;
  if (delivery?.type !== 's3' || !job.uploads.length) return [];
  const client = createS3Client({ region: delivery.region ?? options.env?.AWS_REGION, endpoint: delivery.endpoint, forcePathStyle: delivery.forcePathStyle, profile: delivery.profile });
  try {
    return await uploadFiles(client, job.uploads, { signal: options.signal, onProgress: options.onProgress });
  } finally {
    client.destroy();
  }
}

export async function uploadAndSubmit(
  target: Target,
  job: ResolvedJob,
  options: { submissionId: string; signal?: AbortSignal; onProgress?: (progress: UploadProgress) => void; env?: NodeJS.ProcessEnv },
): Promise<{ run: RunRef; uploads: UploadOutcome[] }> {
  const uploads = await uploadForJob(job, options);
  const run = await target.submit(job, { submissionId: options.submissionId, signal: options.signal });
  return { run, uploads };
}
