import type { CallRecord } from '../../analysis/model';
import { PANDAS_ON_SPARK, PANDAS_ON_SPARK_COLLECTS, PANDAS_ON_SPARK_WRITES_TO_TEXT } from '../../analysis/pandasOnSpark';
import { type PyNode, field, intValue } from '../../analysis/syntax';
import { isStreaming } from '../../analysis/valueFlow';
import { endOf, insertAfter, startOf } from '../positions';
import type { Rule, RuleContext } from '../rule';
import type { Fix } from '../types';
import { deliveredAsIs, methodCall, methodRange, fewRowsAfterAll, reportUncappedMicroBatch, shortText, variableReferencesInScope } from '../ruleHelpers';
import { countedRows } from './collectToCount';

const FIX_LIMIT = 1000;
const PANDAS_ON_SPARK_TO_DRIVER: ReadonlySet<string> = new Set([...PANDAS_ON_SPARK_COLLECTS, ...PANDAS_ON_SPARK_WRITES_TO_TEXT]);

/**
 * `.limit(1000)` before `.toPandas()`; the pandas rows kept after it (`toPandas().head(20)`) are the number
 * to take: `.limit(20)` brings the same rows, and only them.
 */
function limitFix(node: PyNode, call: CallRecord, context: RuleContext): Fix {
  const head = node.parent?.type === 'attribute' && node.parent.parent?.type === 'call' ? context.model.callAt(node.parent.parent) : undefined;
  const kept = head?.parts.method === 'head' && !head.parts.keywords.size ? intValue(context.tree, head.parts.positional[0]) : undefined;
  const rows = kept !== undefined && kept > 0 ? kept : FIX_LIMIT;
  return { title: `Insert .limit(${rows}) before .toPandas()`, safety: 'unsafe', edits: [insertAfter(call.parts.receiver!, `.limit(${rows})`)] };
}

/**
 * `y = train.select("label").toPandas()` beside `X = train.select(features).toPandas()` (or `train[cols]`):
 * rows of one DataFrame brought over as parts that are used side by side. Two limits of an unordered
 * DataFrame need not pick the same rows, so no limit is offered: features and labels would be misaligned.
 */
function pairedProjection(node: PyNode, call: CallRecord, context: RuleContext): boolean {
  const source = projectedName(call.parts.receiver, context);
  if (!source) return false;
  // the answer reads the other uses of the name: an edit of one must visit this statement again
  context.readsOtherStatements();
  return variableReferencesInScope(context, context.text(source), source).some((use) => {
    if (use === source) return false;
    const projection = use.parent?.type === 'subscript' ? use.parent : use.parent?.type === 'attribute' && use.parent.parent?.type === 'call' ? use.parent.parent : undefined;
    if (!projection || projectedName(projection, context) !== use) return false;
    const toPandas = projection.parent?.type === 'attribute' ? projection.parent.parent : undefined;
    return toPandas?.type === 'call' && toPandas !== node && context.model.callAt(toPandas)?.parts.method === 'toPandas';
  });
}

const PROJECTIONS: ReadonlySet<string> = new Set(['select', 'drop']);

/** `train` of `train.select(...)`, `train.drop(...)` or `train[...]`. */
function projectedName(node: PyNode | undefined, context: RuleContext): PyNode | undefined {
  if (node?.type === 'subscript') {
    const object = field(node, 'value');
    return object?.type === 'identifier' ? object : undefined;
  }
  const callee = node?.type === 'call' ? field(node, 'function') : undefined;
  const method = callee?.type === 'attribute' ? field(callee, 'attribute') : undefined;
  const object = method && PROJECTIONS.has(context.text(method)) ? field(callee!, 'object') : undefined;
  return object?.type === 'identifier' ? object : undefined;
}

export const topandasUnbounded: Rule = {
  meta: {
    code: 'SPK102',
    name: 'topandas-unbounded',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      whatItDoes: 'Checks for `.toPandas()` on a DataFrame whose size is not bounded (read from storage, a table or SQL; an ALS model\'s factors or recommendations for all users of such ratings), and for `.to_pandas()`/`.to_numpy()`/`.to_list()`/`.to_dict()` (and the `.values` property) on such data in the pandas API on Spark (`ps.read_parquet(...)`, `df.pandas_api()`, Koalas\' `ks.read_parquet(...)`). Databricks Feature Store reads count: `fe.read_table(name=...)` and a training set\'s `load_df()`, as many rows as its labels. In a `foreachBatch` handler, the micro-batch of a Kafka or file stream read without `maxOffsetsPerTrigger`/`maxFilesPerTrigger`, or run with `trigger(once=True)`, which ignores them (not of a stream that aggregates).',
      whyIsThisBad: '`toPandas()` collects every row into the driver and then builds a pandas DataFrame from it, needing several times the data size in driver memory. On production data the driver runs out of memory.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nsales = spark.table("warehouse.sales")\npdf = sales.toPandas()',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nsales = spark.table("warehouse.sales")\npdf = sales.limit(1000).toPandas()',
      fixSafety: 'The fix inserts `.limit(1000)` before `.toPandas()` (`.limit(n)` when pandas keeps `head(n)` of the result: the same rows). It is unsafe: pandas then sees a sample of the data. It is not offered for projections of one DataFrame brought over side by side (`X = train.select(features).toPandas()`, `y = train.select("label").toPandas()`): two limits need not pick the same rows, so features and labels would no longer line up; nor for rows the code delivers as they are, returned by its function or exported (`pdf.to_csv(...)`), where a limit would cut the output without an error. Often the better change is to aggregate in Spark first or to use the pandas API on Spark.',
      notFlagged: 'pandas-on-Spark reads with `nrows=`, `head(n)` and row slices with an end (`iloc[:100]`), groupby aggregations and `describe()`; DataFrames built from literals, limited or sampled ones, aggregates (`groupBy().agg()`, `describe()`, a `select` of aggregate functions only), a `spark.sql` lookup of one table by its own key (`SELECT * FROM dim_customer WHERE customer_id = 1`, `customer_key`, `customer_sk`: a row, or a few of its history; also as a filter of a read, `orders.filter(orders.order_id == ORDER_ID)` of `spark.read.parquet(".../orders")` or `spark.table("dim_customer")`; not a bare `id`, another entity\'s key such as `tenant_id`, nor a join), `spark.sql` text (written as SPK101 reads it: an f-string, a template, or text joined with `+`) that ends in `LIMIT n`, groups (`GROUP BY`) or aggregates without a window, reads of temp views the file registered only from such small DataFrames, `len(x.toPandas())` and `x.toPandas().shape[0]` when SPK110 is enabled (it reports them with the exact `x.count()` fix), and DataFrames whose origin is not visible (a parameter `df`, annotated `DataFrame` or not; `spark.sql(query)` of a query a function is handed or a template it fills in, also when the file does not call the function, unless a call of it in the file passes a query that is reported).',
    },
  },
  visit: {
    call(node, context) {
      const collects = methodCall(node, context, PANDAS_ON_SPARK_TO_DRIVER);
      if (collects) return reportPandasOnSpark(node, collects, context);
      const call = methodCall(node, context, 'toPandas');
      const receiver = call?.receiver;
      // each micro-batch of an uncapped Kafka or file stream, in its foreachBatch handler
      if (call && reportUncappedMicroBatch(node, call, context, 'loaded into driver memory', 'process the batch in Spark')) return;
      if (!call || receiver?.kind !== 'DataFrame' || receiver.bound !== 'unbounded' || isStreaming(receiver) || fewRowsAfterAll(node, receiver, context)) return; // a stream: SPK109
      // `len(x.toPandas())`: SPK110 reports it with the exact `x.count()` fix
      if (context.ruleEnabled('SPK110') && countedRows(node, context)) return;
      context.report({
        range: methodRange(node, call),
        message: `\`.toPandas()\` on a DataFrame of unbounded size (\`${shortText(context, call.parts.receiver!)}\`) loads all of it into driver memory; aggregate or limit it first.`,
        fix: pairedProjection(node, call, context) || deliveredAsIs(node, context) ? undefined : limitFix(node, call, context),
      });
    },
    // `psdf.values` (a property): the data as one numpy array on the driver, like `to_numpy()`
    attribute(node, context) {
      const name = node.children[node.children.length - 1];
      // every attribute of the file comes here: the length is checked before the text is read
      if (name?.field !== 'attribute' || name.endIndex - name.startIndex !== 6 || context.text(name) !== 'values') return;
      const object = field(node, 'object');
      if (!object || (node.parent?.type === 'call' && node.field === 'function') || isTarget(node)) return;
      const value = context.model.valueOf(object);
      if (value?.op !== PANDAS_ON_SPARK || value.bound !== 'unbounded') return;
      context.report({
        range: { start: startOf(name), end: endOf(node) },
        message: `\`.values\` of a pandas-on-Spark object of unbounded size (\`${shortText(context, object)}\`) loads all of it into driver memory as one array; aggregate it, or take \`.head(n)\` first.`,
        fix: { title: `Insert .head(${FIX_LIMIT}) before .values`, safety: 'unsafe', edits: [insertAfter(headTarget(object, context), `.head(${FIX_LIMIT})`)] },
      });
    },
  },
};

/** Where `.head(n)` goes: after the frame of `psdf.index` (an Index has no `head`), else after the receiver. */
function headTarget(receiver: PyNode, context: RuleContext): PyNode {
  const name = receiver.type === 'attribute' ? field(receiver, 'attribute') : undefined;
  const object = receiver.type === 'attribute' ? field(receiver, 'object') : undefined;
  return name && object && context.text(name) === 'index' ? object : receiver;
}

/** True for an assignment's or `del`'s target (`psdf.values = x`, `del psdf.values`): nothing is read there. */
function isTarget(node: PyNode): boolean {
  let at: PyNode = node;
  while (at.parent && ['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list'].includes(at.parent.type)) at = at.parent;
  const parent = at.parent;
  return parent?.type === 'delete_statement' || (!!parent && /assignment$/.test(parent.type) && at.field === 'left');
}

/** `psdf.to_pandas()` / `.to_numpy()` on a pandas-on-Spark frame or series read from storage. */
function reportPandasOnSpark(node: PyNode, call: CallRecord, context: RuleContext): void {
  const receiver = call.receiver;
  if (receiver?.op !== PANDAS_ON_SPARK || receiver.bound !== 'unbounded') return;
  // `to_csv("s3://...")` writes from the executors; without a path it returns all the data as one string
  if (PANDAS_ON_SPARK_WRITES_TO_TEXT.has(call.parts.method!) && (call.parts.positional.length || call.parts.keywords.has('path') || call.parts.hasStarArgs)) return;
  context.report({
    range: methodRange(node, call),
    message: `\`.${call.parts.method}()\` on a pandas-on-Spark object of unbounded size (\`${shortText(context, call.parts.receiver!)}\`) loads all of it into driver memory; aggregate it, or take \`.head(n)\` first.`,
    fix: { title: `Insert .head(${FIX_LIMIT}) before .${call.parts.method}()`, safety: 'unsafe', edits: [insertAfter(headTarget(call.parts.receiver!, context), `.head(${FIX_LIMIT})`)] },
  });
}
