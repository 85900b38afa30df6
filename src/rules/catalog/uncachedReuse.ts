import type { ActionRecord } from '../../analysis/model';
import { dataLineage, isLineage, isStreaming } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { insertAfter, rangeOf } from '../positions';
import type { Rule } from '../rule';
import { methodRange, mostOnOnePath } from '../ruleHelpers';

const MIN_ACTIONS = 3;
/** Of those, how many must compute the whole lineage: three `show()`s of a plain read cost three partitions. */
const MIN_FULL_ACTIONS = 2;

/** Actions that compute only the partitions they need, unless the lineage has a shuffle. */
const PARTIAL_ACTIONS = new Set(['take', 'head', 'first', 'show', 'isEmpty']);

/** Transformations with a shuffle: everything before it runs in full for any action after it. */
const SHUFFLES = new Set([
  'groupBy', 'groupby', 'rollup', 'cube', 'groupingSets', 'agg', 'describe', 'summary', 'join', 'crossJoin', 'intersect',
  'intersectAll', 'subtract', 'exceptAll', 'distinct', 'dropDuplicates', 'drop_duplicates', 'orderBy', 'sort', 'repartition',
  'repartitionByRange', 'reduceByKey', 'groupByKey', 'aggregateByKey', 'foldByKey', 'combineByKey', 'sortBy', 'sortByKey',
  'leftOuterJoin', 'rightOuterJoin', 'fullOuterJoin', 'cogroup', 'partitionBy', 'subtractByKey', 'intersection', 'cartesian',
]);

function hasShuffle(value: Value): boolean {
  for (const ancestor of dataLineage(value)) if (ancestor.op && SHUFFLES.has(ancestor.op)) return true;
  return false;
}

/**
 * The lineage reads a DataFrame cached before `offset` with no shuffle after the cache (a split, filter
 * or select of cached data): each action reruns only those narrow steps over the cached partitions.
 */
function readsCacheNarrowly(value: Value, offset: number): boolean {
  let current: Value | undefined = value;
  for (let depth = 0; current && isLineage(current) && depth < 100; depth++, current = current.parents[0]) {
    if (current !== value && current.cachedBy && current.cachedBy.startIndex < offset) return true;
    if (current.op && SHUFFLES.has(current.op)) return false;
  }
  return false;
}

export const uncachedReuse: Rule = {
  meta: {
    code: 'SPK105',
    name: 'uncached-reuse',
    severity: 'info',
    fix: 'safe',
    docs: {
      whatItDoes: `Checks for a DataFrame or RDD on which ${MIN_ACTIONS} or more actions run (count, collect, toPandas, writes, evaluate, show, a Delta Lake \`merge\` of it as the source once executed, ...) without \`.cache()\` or \`.persist()\`, at least ${MIN_FULL_ACTIONS} of which compute all of it.`,
      whyIsThisBad: 'Spark does not keep results between actions: every action re-reads the sources and recomputes the whole lineage. Caching a DataFrame that several actions use computes it once.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nclicks = spark.read.json("s3://bucket/clicks").filter("country = \'NL\'")\nprint(clicks.count())\nclicks.show()\nclicks.write.parquet("s3://bucket/clicks_nl")',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nclicks = spark.read.json("s3://bucket/clicks").filter("country = \'NL\'").cache()\nprint(clicks.count())\nclicks.show()\nclicks.write.parquet("s3://bucket/clicks_nl")',
      fixSafety: 'The fix appends `.cache()` to the expression that defines the DataFrame. Results do not change, so it is safe; it uses executor memory (Spark spills to disk when short).',
      notFlagged: '`limit(n)`/`sample` of a lineage without a shuffle, `take`, `head`, `first`, `show` and `isEmpty` beside fewer than two full actions on a lineage without a shuffle (they compute only the partitions they need), DataFrames built from literals, DataFrames cached or persisted anywhere in the file, DataFrames derived without a shuffle from one cached before the actions (a split or filter of cached data reruns only that step), actions in different branches of one `if`/`elif`/`else` (counted once: only one runs), and actions on different DataFrames derived from the same source (only repeated actions on the same value count).',
    },
  },
  finish(context) {
    const byValue = new Map<number, ActionRecord[]>();
    for (const action of context.model.actions) {
      if (action.inline) continue; // a helper's actions are counted where the helper is defined
      const value = action.receiver;
      if ((value.kind !== 'DataFrame' && value.kind !== 'RDD') || value.bound === 'literal' || value.cachedBy || isStreaming(value)) continue; // a stream: SPK109
      const list = byValue.get(value.id) ?? [];
      if (!list.some((other) => other.call === action.call)) list.push(action);
      byValue.set(value.id, list);
    }
    for (const actions of byValue.values()) {
      // actions in different branches of an if/elif/else never run together
      const together = actions.length < MIN_ACTIONS ? 0 : mostOnOnePath(actions.map((action) => action.call));
      if (together < MIN_ACTIONS) continue;
      if (readsCacheNarrowly(actions[0]!.receiver, actions[0]!.call.startIndex)) continue;
      const shuffled = hasShuffle(actions[0]!.receiver);
      if (actions[0]!.receiver.bound === 'limited' && !shuffled) continue; // `df.limit(10)` of a plain read is cheap to recompute
      const full = actions.filter((action) => shuffled || !PARTIAL_ACTIONS.has(action.method));
      if (full.length < MIN_FULL_ACTIONS || mostOnOnePath(full.map((action) => action.call)) < MIN_FULL_ACTIONS) continue;
      const value = actions[0]!.receiver;
      const origin = value.node;
      const [first, ...rest] = actions;
      const firstRecord = context.model.callAt(first!.call);
      const definedByAssignment = origin && origin.parent?.type === 'assignment' && origin.field === 'right';
      context.report({
        range: firstRecord ? methodRange(first!.call, firstRecord) : rangeOf(first!.call),
        message: `${actions.length} actions (${actions.map((action) => action.method).join(', ')}${together < actions.length ? `; up to ${together} in one run` : ''}) recompute the same uncached lineage; cache it once before the first.`,
        related: [
          ...(origin ? [{ range: rangeOf(origin), message: 'defined here' }] : []),
          ...rest.map((action) => ({ range: rangeOf(action.call), message: `action ${action.method}` })),
        ],
        fix: definedByAssignment ? { title: 'Append .cache() to the definition', safety: 'safe', edits: [insertAfter(origin, '.cache()')] } : undefined,
      });
    }
  },
};
