// Parses Spark's short call site, the stage name: `collect at /app/job.py:42`, `count at <console>:17`.
import type { Alert, CallSite, CallSiteCost, StageInfo } from './types';

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

/** Groups stage cost by source line; PENDING/SKIPPED stages cost nothing. Sorted by task time, largest first. */
export function callSiteCosts(stages: StageInfo[], alerts: Alert[], totalTaskTime: number): CallSiteCost[] {
  const byKey = new Map<string, CallSiteCost>();
  for (const stage of stages) {
    if (stage.status === 'PENDING' || stage.status === 'SKIPPED') continue;
    const callSite = stage.callSite ?? parseCallSite(stage.name);
    const key = callSiteKey(callSite, stage.name);
    let cost = byKey.get(key);
    if (!cost) {
      cost = { key, callSite, stages: [], stageDurationMs: 0, taskTimeMs: 0, shareOfTaskTime: 0, alertIds: [] };
      byKey.set(key, cost);
    }
    cost.stages.push({ stageId: stage.stageId, attemptId: stage.attemptId });
    cost.stageDurationMs += stage.durationMs ?? 0;
    cost.taskTimeMs += stage.metrics.taskDurationMs;
    for (const alert of alerts) {
      if (alert.stage && alert.stage.stageId === stage.stageId && alert.stage.attemptId === stage.attemptId) cost.alertIds.push(alert.id);
    }
  }
  const costs = [...byKey.values()];
  for (const cost of costs) cost.shareOfTaskTime = totalTaskTime > 0 ? cost.taskTimeMs / totalTaskTime : 0;
  return costs.sort((a, b) => b.taskTimeMs - a.taskTimeMs);
}
