// Part of SPK001 (preprocessing-leakage): statistics of the full data flowing into the data before the split.
import type { ActionRecord } from '../../analysis/model';
import { isBinaryOperator } from '../../analysis/syntax';
import { ancestors, splitPartsAmong } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import type { RelatedLocation } from '../types';
import { rangeOf } from '../positions';
import type { RuleContext } from '../rule';
import { methodRange } from '../ruleHelpers';

const STATISTICS = new Set(['agg', 'describe', 'summary', 'approxQuantile', 'corr', 'cov']);
const IMPUTATIONS = new Set(['fillna', 'fill', 'withColumn', 'withColumns', 'replace', 'select']);

export interface StatsLeak {
  statistic: Value;
  related: RelatedLocation[];
}

/**
 * Statistics (`agg(mean...)`, `select(mean...)`, `approxQuantile`, `describe`/`summary` values) computed on data that is
 * later split, used to fill or derive columns before the split, on the way to an evaluated DataFrame.
 */
export function findStatsLeaks(evaluations: Array<{ action: ActionRecord; ancestry: ReadonlySet<Value> }>): StatsLeak[] {
  const leaks = new Map<Value, StatsLeak>();
  for (const { action, ancestry } of evaluations) {
    const parts = splitPartsAmong(ancestry);
    if (!parts.length) continue;
    for (const value of ancestry) {
      if (value.kind !== 'DataFrame' || !value.op || !IMPUTATIONS.has(value.op)) continue;
      // the rows being filled: a column of their own (`users.songs / users.sessions` on a per-user
      // aggregate) is row-wise arithmetic, not a statistic brought in from elsewhere
      const rows = value.parents[0] ? ancestors(value.parents[0]) : new Set<Value>();
      for (const input of value.parents.slice(1)) {
        for (const statistic of computedFrom(input)) {
          if (!isStatistic(statistic) || !statistic.node || leaks.has(statistic) || rows.has(statistic)) continue;
          const source = statistic.parents[0];
          // the imputation happens before the split, and the statistic saw the rows that become test rows
          const split = parts.find((part) => ancestors(part).has(value) && !!source && ancestors(part).has(source));
          if (!split) continue;
          leaks.set(statistic, {
            statistic,
            related: [
              { range: rangeOf(value.node!), message: 'the statistic fills or derives a column here, before the split' },
              ...(split.node ? [{ range: rangeOf(split.node), message: 'the split happens here' }] : []),
              { range: rangeOf(action.call), message: 'the leaked statistic reaches this evaluation' },
            ],
          });
        }
      }
    }
  }
  return [...leaks.values()];
}

/**
 * What a column is computed from, leaving out what only anchors it: a column that is `datediff(date,
 * lit(first_day))` or `col - min_value` (renamed or cast at most) shifts every row by one constant, from
 * which no model learns anything (trees and linear models are invariant to it). A shift inside another
 * expression keeps its anchor: `abs(x - mean)`, `(x - mean) ** 2`, `x - mean > 0` and a scale
 * `(x - low) / (high - low)` depend on where the anchor is.
 */
function computedFrom(column: Value): ReadonlySet<Value> {
  let top = column;
  while (top.kind === 'Column' && RENAMES.has(top.op ?? '') && top.parents[0]) top = top.parents[0];
  return isShift(top) ? ancestors(top.parents[0]!) : ancestors(column);
}

const RENAMES: ReadonlySet<string> = new Set(['alias', 'name', 'cast', 'astype']);

/** `datediff(x, anchor)` or `x - anchor` of a column. */
function isShift(value: Value): boolean {
  if (value.kind !== 'Column' || value.parents.length !== 2 || value.parents[0]!.kind !== 'Column') return false;
  return value.op === 'datediff' || (value.node !== undefined && isBinaryOperator(value.node, '-'));
}

/** `agg(...)`, `describe()`, ..., or a `select`/`selectExpr` of aggregates only (`select(F.mean("age"))`: one row, like agg). */
function isStatistic(value: Value): boolean {
  if (!value.op) return false;
  return STATISTICS.has(value.op) || ((value.op === 'select' || value.op === 'selectExpr') && value.kind === 'DataFrame' && value.bound === 'aggregated');
}

export function reportStatsLeaks(context: RuleContext, leaks: StatsLeak[]): void {
  for (const { statistic, related } of leaks) {
    const record = context.model.callAt(statistic.node!);
    context.report({
      range: record ? methodRange(statistic.node!, record) : rangeOf(statistic.node!),
      message: `A statistic of the full data (\`${statistic.op}\`) fills or derives features before the train/test split: test rows leak into the training features. Compute it on the training split.`,
      related,
    });
  }
}
