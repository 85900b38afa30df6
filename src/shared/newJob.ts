// "Spark ML: New Spark ML Job": the files of a training job done right (resources/templates/new-job:
// job.py, Dockerfile, Makefile, sparkml.jobs.json) with the job's name filled in.

export const newJobTemplateFiles = ['job.py', 'Dockerfile', 'Makefile', 'sparkml.jobs.json'] as const;

/**
 * Why a job name cannot be used, or undefined when it can: it names the Kubernetes objects of the
 * runs, so it is a DNS-1035 label short enough to leave room for a run suffix.
 */
export function jobNameProblem(name: string): string | undefined {
  if (!name) return 'Enter a name';
  if (name.length > 40) return 'At most 40 characters (run names add a suffix and must stay under 63)';
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name)) return 'Lower-case letters, digits and "-", starting with a letter (it names Kubernetes objects)';
  return undefined;
}

/** The template files with `{{name}}` replaced; file names are kept. */
export function renderNewJob(templates: Record<string, string>, name: string): Record<string, string> {
  const problem = jobNameProblem(name);
  if (problem) throw new Error(`invalid job name "${name}": ${problem}`);
  return Object.fromEntries(Object.entries(templates).map(([file, text]) => [file, text.split('{{name}}').join(name)]));
}
