// Creating a spec entry for a Python file that has none (what the editor's quick picks collect, or
// a script): adds the target and the job to the file's content, validates the result, and writes
// it back as formatted JSON. Existing jobs and targets are kept as they are.
import { writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { parseJobSpecFile, type JobSpec, type JobSpecFile, type TargetConfig } from './jobSpec';

export interface NewJobChoices {
  pythonFile: string;
  targetName: string;
  /** Needed when the spec has no target of that name yet. */
  target?: TargetConfig;
  /** Defaults to the file name without .py. */
  name?: string;
  delivery?: JobSpec['delivery'];
  image?: string;
  sparkVersion?: string;
}

/** A job name from a file name that the schema accepts (letters first, then letters, digits, _ . -). */
export function jobNameFor(pythonFile: string): string {
  const stem = basename(pythonFile).replace(/\.py$/, '').replace(/[^A-Za-z0-9_.-]+/g, '-');
  return (/^[A-Za-z]/.test(stem) ? stem : `job-${stem}`).slice(0, 50);
}

/** Returns the new file content (validated); throws JobSpecError when the choices are incomplete. */
export function addJob(existing: JobSpecFile | undefined, specFile: string, choices: NewJobChoices): JobSpecFile {
  const file: JobSpecFile = existing ? structuredClone(existing) : { targets: {}, jobs: [] };
  if (!file.targets[choices.targetName]) {
    if (!choices.target) throw new Error(`target "${choices.targetName}" is not in ${specFile}; choose its type and settings`);
    file.targets[choices.targetName] = choices.target;
  }
  let name = choices.name ?? jobNameFor(choices.pythonFile);
  for (let n = 2; file.jobs.some((job) => job.name === name); n++) name = `${choices.name ?? jobNameFor(choices.pythonFile)}-${n}`;
  const job: JobSpec = {
    name,
    target: choices.targetName,
    mainFile: relative(dirname(resolve(specFile)), resolve(choices.pythonFile)).split('\\').join('/'),
    ...(choices.delivery ? { delivery: choices.delivery } : {}),
    ...(choices.image ? { image: choices.image } : {}),
    ...(choices.sparkVersion ? { sparkVersion: choices.sparkVersion } : {}),
  };
  file.jobs.push(job);
  return parseJobSpecFile(file, specFile);
}

export async function writeJobSpecFile(path: string, file: JobSpecFile): Promise<void> {
  await writeFile(path, JSON.stringify(file, null, 2) + '\n', 'utf8');
}
