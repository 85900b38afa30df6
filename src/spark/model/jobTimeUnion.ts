// Time covered by at least one job: the rest of a run is driver-only time.
import type { JobInfo } from './types';

/** Length of the union of job intervals inside [start, end]. */
export function jobTimeUnion(jobs: JobInfo[], start: number, end: number): number {
  const intervals = jobs
    .filter((job) => job.submissionTime !== undefined)
    .map((job) => [Math.max(start, job.submissionTime as number), Math.min(end, job.completionTime ?? end)] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let currentStart = -Infinity;
  let currentEnd = -Infinity;
  for (const [from, to] of intervals) {
    if (from > currentEnd) {
      if (currentEnd > currentStart) total += currentEnd - currentStart;
      currentStart = from;
      currentEnd = to;
    } else if (to > currentEnd) {
      currentEnd = to;
    }
  }
  if (currentEnd > currentStart) total += currentEnd - currentStart;
  return total;
}
