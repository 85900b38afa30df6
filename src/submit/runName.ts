// Run names are Kubernetes object names (DNS-1035 labels, <= 63 chars) derived from the job name
// and a submission id. The same submission always gets the same name, so a create retried after a
// 500 or a dropped connection finds its own object (409) instead of making a second run.
import { createHash, randomUUID } from 'node:crypto';

export const MAX_RUN_NAME_LENGTH = 63;
const SUFFIX_LENGTH = 8;

/** A fresh id for one user action ("submit this job now"); retries reuse it. */
export function newSubmissionId(): string {
  return randomUUID();
}

/** Lower-case letters, digits and '-', starting with a letter, not ending with '-'. */
export function dns1035Slug(text: string, maxLength: number): string {
  let slug = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[^a-z]+/, '');
  slug = slug.slice(0, maxLength).replace(/-+$/, '');
  return slug || 'job';
}

export function runNameFor(jobName: string, submissionId: string): string {
  const suffix = createHash('sha256').update(submissionId).digest('hex').slice(0, SUFFIX_LENGTH);
  // The kubeflow operator appends "-driver" (7) and "-ui-svc" (7) to the name; keep those <= 63 too.
  const room = MAX_RUN_NAME_LENGTH - 7 - SUFFIX_LENGTH - 1;
  return `${dns1035Slug(jobName, room)}-${suffix}`;
}

export function isDns1035Label(name: string): boolean {
  return name.length <= MAX_RUN_NAME_LENGTH && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name);
}
