import { type PyNode, stringValue } from '../../analysis/syntax';
import type { Value } from '../../analysis/values';
import { rangeOf } from '../positions';
import { isStreaming } from '../../analysis/valueFlow';
import { isCategoryColumn } from '../../analysis/columnNames';
import type { Rule, RuleContext } from '../rule';
import { columnName, isLimitedOrLiteral, methodCall, methodRange, sessionSqlQuery } from '../ruleHelpers';

export const windowWithoutPartition: Rule = {
  meta: {
    code: 'SPK307',
    name: 'window-without-partition',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for window functions applied (`.over(w)`) with a window spec that has no partition columns: `Window.orderBy(...)`, `Window.rowsBetween(...)`, or `Window.partitionBy()` with no columns; and `spark.sql` text with such a window (`LAG(value) OVER (ORDER BY ts)`, `OVER ()`) when the query\'s result is not small (no `GROUP BY` in it, no `LIMIT`, not only temp views of small DataFrames).',
      whyIsThisBad: 'Without partition columns Spark moves all rows into a single partition to evaluate the window ("No Partition Defined for Window operation!"), so one task processes the whole dataset. On a streaming DataFrame Spark refuses non-time-based windows altogether, so there the finding advises a time window or `foreachBatch` instead.',
      example: 'from pyspark.sql import SparkSession, Window\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.parquet("s3://bucket/events")\nw = Window.orderBy("ts")\nevents = events.withColumn("n", F.row_number().over(w))',
      useInstead: 'from pyspark.sql import SparkSession, Window\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.parquet("s3://bucket/events")\nw = Window.partitionBy("user_id").orderBy("ts")\nevents = events.withColumn("n", F.row_number().over(w))',
      fixSafety: 'No automatic fix: the partition columns depend on what the window computes.',
      notFlagged: 'A window with partition columns over a streaming DataFrame (Spark refuses non-time-based windows on streams whatever their partitioning; an unpartitioned one is reported with that advice instead of `partitionBy`), window specs that are never used with `.over(...)`, specs with partition columns added anywhere in the chain (`Window.orderBy("ts").partitionBy("id")`), a spec partitioned on every path through an `if` (`w = Window.partitionBy("id")`, then `if ordered: w = w.orderBy("ts")`), and windows over data that has few rows by construction: an aggregate per time bucket (a running total over `groupBy("day").agg(...)`, `groupBy(F.col("day"))` or `groupBy(F.to_date("ts"))`, or the distinct days `select("day").distinct()`, which needs the global order), a global aggregate, `limit(n)` (not `sample()`), or literals. An aggregate per category (a key named like one: `product_category`, `segment`, `status`, `country`, `region`, `channel`, ...) has a few rows too. An aggregate per user, word or class is still reported: it can have millions of rows, all in one partition.',
    },
  },
  visit: {
    call(node, context) {
      const query = sqlWindowQuery(node, context);
      if (query) {
        context.report({ range: rangeOf(query), message: 'Window in SQL without PARTITION BY (`OVER (ORDER BY ...)`): Spark moves all rows to one partition to evaluate it; add `PARTITION BY ...` to the `OVER` clause.' });
        return;
      }
      const call = methodCall(node, context, 'over');
      if (!call) return;
      const spec = context.model.valueOf(call.parts.positional[0] ?? call.parts.keywords.get('window'));
      if (spec?.kind !== 'WindowSpec' || spec.facts?.partitioned) return;
      const origin = originOf(spec);
      const record = origin && context.model.callAt(origin);
      const frame = frameUsing(node, context);
      // a running total over one row per day needs the global order, and one partition holds it easily
      if (frame && fewRows(frame, context)) return;
      const onStream = frame !== undefined && isStreaming(frame);
      context.report({
        range: origin ? (record ? methodRange(origin, record) : rangeOf(origin)) : rangeOf(node),
        message: onStream
          ? 'Window over a streaming DataFrame: Spark refuses non-time-based windows on streams when the query starts, with or without partition columns; aggregate by a time `window(...)` in `groupBy`, or compute it on each micro-batch in `foreachBatch`.'
          : 'Window without partition columns: Spark moves all rows to one partition to evaluate it; add `partitionBy(...)`.',
      });
    },
  },
};

/**
 * `spark.sql(text)` whose text applies a window without partition columns (`LAG(v) OVER (ORDER BY ts)`,
 * `OVER ()`) and whose result may be large: the query argument. Over a few rows (a `GROUP BY`, a `LIMIT`,
 * temp views of small DataFrames) one partition holds them easily.
 */
function sqlWindowQuery(node: PyNode, context: RuleContext): PyNode | undefined {
  const record = context.model.callAt(node);
  if (!record) return undefined;
  const query = sessionSqlQuery(record);
  const text = stringValue(context.tree, query);
  if (text === undefined || !UNPARTITIONED_OVER.test(text) || record.result.bound !== 'unbounded') return undefined;
  // a window over the rows of an aggregate in a subquery (`FROM (SELECT day, SUM(v) ... GROUP BY day)`): few rows
  return /\bgroup\s+by\b/i.test(text) ? undefined : query;
}

/** `OVER (ORDER BY ...)`, `OVER (ROWS ...)`, `OVER ()`: a window clause that does not start with PARTITION BY. */
const UNPARTITIONED_OVER = /\bover\s*\(\s*(?:order\s+by\b|rows\b|range\b|\))/i;

/** The DataFrame a window column is used on: the receiver of the nearest enclosing DataFrame method (`withColumn`, `select`). */
function frameUsing(node: PyNode, context: RuleContext): Value | undefined {
  for (let at = node.parent; at && at.type !== 'block' && at.type !== 'module'; at = at.parent) {
    const receiver = at.type === 'call' ? context.model.callAt(at)?.receiver : undefined;
    if (receiver?.kind === 'DataFrame') return receiver;
  }
  return undefined;
}

/** A time bucket as a grouping key: a column named like one (`day`, `trip_date`, `month`) or a date function of one. */
const TIME_COLUMN = /(?:^|_)(?:date|day|days|week|month|year|quarter|hour|minute|period|dt|ts|time|timestamp)$/i;
const TIME_FUNCTIONS: ReadonlySet<string> = new Set(['to_date', 'date_trunc', 'trunc', 'window', 'year', 'quarter', 'month', 'weekofyear', 'dayofmonth', 'dayofweek', 'dayofyear', 'hour', 'minute', 'date_format']);
const TIME_FUNCTION = new RegExp(`\\b(?:${[...TIME_FUNCTIONS].join('|')})\\s*\\(`);

const RENAMING: ReadonlySet<string> = new Set(['alias', 'name', 'cast', 'astype']);

/** A column made by a date function, held in a name (`grain = F.date_trunc("hour", "ts").alias("grain")`). */
function madeByTimeFunction(column: Value | undefined): boolean {
  for (let value = column, depth = 0; value?.kind === 'Column' && depth < 5; value = value.parents[0], depth++) {
    if (TIME_FUNCTIONS.has(value.op ?? '')) return true;
    // through a rename or a cast only: `F.hour("ts") + F.col("user_id")` is no time bucket
    if (!RENAMING.has(value.op ?? '')) return false;
  }
  return false;
}

/**
 * Few rows by construction: literals, `limit(n)`, a global aggregate (one row), or an aggregate per time
 * bucket (one row per day or month: a running total over it needs the global order). An aggregate per
 * user or word can still have millions of rows, all in the window's one partition.
 */
function fewRows(frame: Value, context: RuleContext): boolean {
  if (isLimitedOrLiteral(frame)) return true;
  // a time bucket, or a category (`product_category`: tens of rows), per key
  const timeBuckets = (keys: readonly PyNode[]) => keys.length > 0 && keys.every((key) => TIME_COLUMN.test(columnName(context, key) ?? '') || isCategoryColumn(columnName(context, key) ?? '') || TIME_FUNCTION.test(context.text(key)) || madeByTimeFunction(context.model.valueOf(key)));
  for (let value: Value | undefined = frame; value?.kind === 'DataFrame' && value.bound === 'aggregated'; value = value.parents[0]) {
    const from = value.parents[0];
    // `select("product").distinct()`: a row per key, as `groupBy("product")` has; of an aggregate, at most its rows
    if (value.op && DISTINCT.has(value.op) && from?.op === 'select' && from.node?.type === 'call') {
      if (timeBuckets(context.model.callAt(from.node)?.parts.positional ?? [])) return true;
      if (from.bound !== 'aggregated') return false;
    }
    if (from?.kind === 'DataFrame' && from.bound === 'unbounded') return true; // `df.agg(...)`, `select(F.max(...))`
    if (from?.kind !== 'GroupedData' || from.node?.type !== 'call') continue;
    return timeBuckets(context.model.callAt(from.node)?.parts.positional ?? []);
  }
  return false;
}

const DISTINCT = new Set(['distinct', 'dropDuplicates', 'drop_duplicates']);

/** Where the unpartitioned window was made: through an `if` whose branches differ, the branch without partition. */
function originOf(spec: Value): PyNode | undefined {
  if (spec.facts?.origin) return spec.facts.origin as PyNode;
  if (spec.op !== 'join-branches') return undefined;
  for (const branch of spec.parents) if (branch.kind === 'WindowSpec' && !branch.facts?.partitioned) return originOf(branch);
  return undefined;
}
