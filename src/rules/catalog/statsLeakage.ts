// Part of SPK001 (preprocessing-leakage): statistics of the full data flowing into the data before the split.
import { columnNameOf, isHighCardinalityColumn } from '../../analysis/columnNames';
import type { ActionRecord, SemanticModel } from '../../analysis/model';
import { isBinaryOperator, namedChildren, stringValue } from '../../analysis/syntax';
import { ancestors, splitPartsAmong } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import type { RelatedLocation } from '../types';
import { mlObjectsNamed } from '../modelIndex';
import { rangeOf } from '../positions';
import type { RuleContext } from '../rule';
import { isLabelColumn, methodRange, mlParamNode } from '../ruleHelpers';

const STATISTICS = new Set(['agg', 'describe', 'summary', 'approxQuantile', 'corr', 'cov']);
const IMPUTATIONS = new Set(['fillna', 'fill', 'withColumn', 'withColumns', 'replace', 'select', 'join']);
/** Aggregates of grouped data (`groupBy("zone").avg("price")`): per-group statistics, joined back as features. */
const GROUPED_STATISTICS = new Set(['agg', 'avg', 'mean', 'sum', 'min', 'max', 'count']);

export interface StatsLeak {
  statistic: Value;
  related: RelatedLocation[];
}

/**
 * Statistics (`agg(mean...)`, `select(mean...)`, `approxQuantile`, `describe`/`summary` values) computed on data that is
 * later split, used to fill or derive columns before the split, on the way to an evaluated DataFrame.
 */
export function findStatsLeaks(context: RuleContext, evaluations: Array<{ action: ActionRecord; ancestry: ReadonlySet<Value> }>): StatsLeak[] {
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
          const windowed = isWindowStatistic(statistic, context) && windowMakesFeature(value, statistic, context);
          if ((!windowed && !isStatistic(statistic)) || !statistic.node || leaks.has(statistic) || rows.has(statistic)) continue;
          // the classes of the target (`Price_Tier` by quartiles of the price, the label to predict): no feature
          if (writesLabel(value, context)) continue;
          // joined in: statistics of groups of the rows themselves (not of another table's, `logs.groupBy("user")`),
          // brought in as columns (not a join that only keeps the rows of some groups)
          if (value.op === 'join' && !(sharesData(mainLine(value.parents[0]), statistic) && (groupKeys(statistic, context)?.length ?? 0) > 0 && addsColumns(value, input, context))) continue;
          // a window's statistic is of the rows themselves
          const source = windowed ? value.parents[0] : statistic.parents[0];
          // the imputation happens before the split, and the statistic saw the rows that become test rows
          const split = parts.find((part) => ancestors(part).has(value) && !!source && ancestors(part).has(source));
          if (!split) continue;
          leaks.set(statistic, {
            statistic,
            related: [
              { range: rangeOf(value.node!), message: value.op === 'join' ? 'the statistics are joined in here, before the split' : 'the statistic fills or derives a column here, before the split' },
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
  if (isGroupedStatistic(value)) return true;
  return STATISTICS.has(value.op) || ((value.op === 'select' || value.op === 'selectExpr') && value.kind === 'DataFrame' && value.bound === 'aggregated');
}

/** `df.groupBy("zone").agg(F.avg("price"))`, `.avg("price")`: a row of statistics per group (one row for `groupBy()`). */
function isGroupedStatistic(value: Value): boolean {
  return value.kind === 'DataFrame' && GROUPED_STATISTICS.has(value.op ?? '') && value.parents[0]?.kind === 'GroupedData';
}

/**
 * The keys of a grouped statistic, when each is a column named in place that groups many rows (`zone`,
 * `country`; not an identifier such as `user_id`, whose group is one entity's own rows: its statistics
 * are that entity's features, not other rows' values); undefined when one is not.
 */
function groupKeys(statistic: Value, context: RuleContext): string[] | undefined {
  // `groupBy("customerID").pivot("unit")`: the groups are the groupBy's
  let grouping = statistic.parents[0];
  while (grouping?.op === 'pivot' && grouping.parents[0]?.kind === 'GroupedData') grouping = grouping.parents[0];
  if (!isGroupedStatistic(statistic) || !grouping?.node) return undefined;
  const parts = context.model.callAt(grouping.node)?.parts;
  if (!parts || parts.hasStarArgs) return undefined;
  const keys = parts.positional.map((key) => stringValue(context.tree, key));
  return keys.every((key): key is string => key !== undefined && !isHighCardinalityColumn(key)) ? keys : undefined;
}

/**
 * The join brings the other side's columns in: not a semi or anti join, nor a join with a `select` of
 * its keys only (`eligible = counts.filter(...).select("user")`, then `df.join(eligible, "user")`: a filter).
 */
function addsColumns(join: Value, other: Value, context: RuleContext): boolean {
  const parts = join.node ? context.model.callAt(join.node)?.parts : undefined;
  if (!parts) return true;
  const how = stringValue(context.tree, parts.positional[2] ?? parts.keywords.get('how'))?.toLowerCase().replace(/_/g, '');
  if (how && ['leftsemi', 'semi', 'leftanti', 'anti'].includes(how)) return false;
  const on = parts.positional[1] ?? parts.keywords.get('on');
  const keys = new Set(on?.type === 'list' || on?.type === 'tuple' ? namedChildren(on).map((key) => stringValue(context.tree, key)) : [stringValue(context.tree, on)]);
  const selected = other.op === 'select' && other.node ? context.model.callAt(other.node)?.parts : undefined;
  if (!selected || selected.hasStarArgs || selected.keywords.size) return true;
  return !selected.positional.every((column) => keys.has(stringValue(context.tree, column)));
}

/**
 * `F.percentile_approx("x", 0.5).over(Window.partitionBy("zone"))`: an aggregate over whole groups of the
 * rows (a window without an order or a frame; a running or a lagged value reads the rows before, not
 * statistics), grouped by categories (not an entity's own id, `partitionBy("user_id")`).
 */
function isWindowStatistic(value: Value, context: RuleContext): boolean {
  const [aggregate, window] = value.parents;
  if (value.kind !== 'Column' || value.op !== 'over' || !aggregate?.facts?.aggregate || window?.kind !== 'WindowSpec') return false;
  for (let spec: Value | undefined = window; spec?.kind === 'WindowSpec'; spec = spec.parents[0]) {
    if (spec.op !== 'partitionBy' || !spec.node) return false;
    const parts = context.model.callAt(spec.node)?.parts;
    if (!parts || parts.hasStarArgs || parts.positional.some((key) => isHighCardinalityColumn(stringValue(context.tree, key) ?? 'id'))) return false;
  }
  return true;
}

/**
 * The window's statistic becomes a feature: it fills the column it is computed from (`coalesce("x",
 * median("x").over(w))` written to `x`), or the column it makes is an input of a VectorAssembler; not a
 * helper column for a filter (`max("ts").over(w)` to keep each device's latest row) or a weight.
 */
function windowMakesFeature(imputation: Value, statistic: Value, context: RuleContext): boolean {
  const parts = imputation.op === 'withColumn' && imputation.node ? context.model.callAt(imputation.node)?.parts : undefined;
  const written = stringValue(context.tree, parts?.positional[0]);
  if (!written) return false;
  if (assembledColumns(context).has(written)) return true;
  // `F.percentile_approx("x", 0.5)`: the column the aggregate reads
  const aggregate = statistic.parents[0]?.node;
  const read = aggregate ? context.model.callAt(aggregate)?.parts.positional[0] : undefined;
  return !!read && columnNameOf(context.model, read) === written;
}

/**
 * A `withColumn` that writes the label: a labelCol of the file (`"label"` by default), or the input of a
 * StringIndexer that makes one (`StringIndexer(inputCol="Price_Tier", outputCol="label")`).
 */
function writesLabel(imputation: Value, context: RuleContext): boolean {
  const parts = imputation.op === 'withColumn' && imputation.node ? context.model.callAt(imputation.node)?.parts : undefined;
  const written = stringValue(context.tree, parts?.positional[0]);
  if (!written) return false;
  if (isLabelColumn(written, context)) return true;
  return mlObjectsNamed(context.model, 'StringIndexer').some((indexer) =>
    stringValue(context.tree, mlParamNode(context, indexer, 'inputCol')) === written && isLabelColumn(stringValue(context.tree, mlParamNode(context, indexer, 'outputCol')), context));
}

const assembled = new WeakMap<SemanticModel, ReadonlySet<string>>();

/** The columns VectorAssemblers of the file take, written as literals (read once per lint). */
function assembledColumns(context: RuleContext): ReadonlySet<string> {
  let columns = assembled.get(context.model);
  if (!columns) {
    const found = new Set<string>();
    for (const assembler of mlObjectsNamed(context.model, 'VectorAssembler')) {
      const inputs = assembler.node ? context.model.callAt(assembler.node)?.parts.keywords.get('inputCols') : undefined;
      for (const input of inputs?.type === 'list' ? namedChildren(inputs) : []) {
        const name = stringValue(context.tree, input);
        if (name) found.add(name);
      }
    }
    assembled.set(context.model, (columns = found));
  }
  return columns;
}

/**
 * The rows' own lineage: the first parent of each step (the left side of a join), not the tables joined in
 * on the way (`trips.join(lga_stats).join(nyc_stats)`: the weather behind `lga_stats` is not the trips').
 */
function mainLine(frame: Value | undefined): Set<Value> {
  const line = new Set<Value>();
  for (let value = frame; value && !line.has(value) && line.size < 500; value = value.parents[0]) line.add(value);
  return line;
}

/** The rows and the statistic's data come from the same DataFrame. */
function sharesData(rows: ReadonlySet<Value>, statistic: Value): boolean {
  for (const value of ancestors(statistic)) if (value.kind === 'DataFrame' && value !== statistic && rows.has(value)) return true;
  return false;
}

export function reportStatsLeaks(context: RuleContext, leaks: StatsLeak[]): void {
  for (const { statistic, related } of leaks) {
    const record = context.model.callAt(statistic.node!);
    context.report({
      range: record ? methodRange(statistic.node!, record) : rangeOf(statistic.node!),
      message: statistic.op === 'over'
        ? `A statistic of groups of the full data (\`${statistic.parents[0]?.op ?? 'aggregate'}(...).over(window)\`) fills or derives features before the train/test split: test rows leak into the training features. Compute it on the training split.`
        : (groupKeys(statistic, context)?.length ?? 0) > 0
        ? `Per-group statistics of the full data (\`groupBy(...).${statistic.op}\`) are joined in as features before the train/test split: test rows leak into the training features (their labels too, when the statistic is of the label: a target encoding). Compute them on the training split and join them to both splits.`
        : `A statistic of the full data (\`${statistic.op}\`) fills or derives features before the train/test split: test rows leak into the training features. Compute it on the training split.`,
      related,
    });
  }
}
