// Parses Spark's short call site, the stage name: `collect at /app/job.py:42`, `count at <console>:17`.
import type { CallSite } from './types';

const CALL_SITE = /^(.*?) at (.+?):(\d+)\s*$/;

export function parseCallSite(stageName: string): CallSite {
  const match = CALL_SITE.exec(stageName);
  if (!match) return { operation: stageName.trim() };
  return { operation: match[1].trim(), file: match[2], line: Number(match[3]) };
}

/** Python source lines are the ones a workspace can show; Scala/Java frames and `<console>` are not. */
export function isPythonCallSite(callSite: CallSite): boolean {
  return callSite.file !== undefined && callSite.file.endsWith('.py');
}

export function callSiteKey(callSite: CallSite, stageName: string): string {
  return callSite.file !== undefined && callSite.line !== undefined ? `${callSite.file}:${callSite.line}` : stageName;
}
