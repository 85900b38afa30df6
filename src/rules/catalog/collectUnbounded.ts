import { isStreaming } from '../../analysis/valueFlow';
import { insertAfter } from '../positions';
import type { Rule } from '../rule';
import { deliveredAsIs, methodCall, methodRange, fewRowsAfterAll, reportUncappedMicroBatch, shortText } from '../ruleHelpers';
import { slicedCollect } from './collectThenSlice';
import { countedRows } from './collectToCount';

const METHODS = new Set(['collect', 'toLocalIterator', 'collectAsMap']);
const FIX_LIMIT = 1000;

export const collectUnbounded: Rule = {
  meta: {
    code: 'SPK101',
    name: 'collect-unbounded',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      whatItDoes: 'Checks for `.collect()` and `.toLocalIterator()` on a DataFrame or RDD (and an RDD\'s `.collectAsMap()`) whose size is not bounded: data read from files or tables, `spark.sql`, `spark.table`, Delta Lake\'s `DeltaTable.forName(spark, name).toDF()` (or `forPath`), or a large `spark.range`; also an ALS model\'s `userFactors`, `itemFactors` and `recommendForAllUsers(k)`/`recommendForAllItems(k)`, a row per user or item of the ratings it was fitted on (filtered to one user or item, `col("user_id") == 42`, a row). In a `foreachBatch` handler, the micro-batch of a Kafka or file stream read without `maxOffsetsPerTrigger`/`maxFilesPerTrigger`, or run with `trigger(once=True)`, which ignores them (not of a stream that aggregates): after a restart or a lag one batch holds every record waiting.',
      whyIsThisBad: 'Collecting copies every row to the driver. On real data this exhausts the driver memory (`OutOfMemoryError`, "Total size of serialized results is bigger than spark.driver.maxResultSize") and the job dies after all the cluster work is done.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.parquet("s3://bucket/events")\nrows = events.collect()',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.parquet("s3://bucket/events")\nrows = events.limit(1000).collect()',
      fixSafety: 'The fix inserts `.limit(1000)` (DataFrames) or turns `collect()` into `take(1000)` (RDDs). It is unsafe: the program then sees only part of the data, which changes its results. It is not offered for rows a function returns (`return df.collect()`), where a limit would cut the caller\'s data without an error.',
      notFlagged: '`collect()` on lists and other non-Spark objects, on DataFrames built from literals (`createDataFrame([...])`, small `spark.range`), after `limit`/`sample` (a sample of a fraction below 1: `sample(fraction=1.0)` keeps every row), on aggregates (`groupBy().agg()`, `agg()`, `describe()`, the distinct values of named columns `select("day").distinct()` (also through a name bound to literal names, `for c in ["sex", "smoker"]: df.select(c).distinct()`) or `.dropDuplicates()` after such a `select`, or of one named field of an RDD\'s rows `rdd.map(lambda lp: lp.label).distinct()`, the top rows of each group by a ranking window (`row_number().over(w)` then `col("rn") <= 5`, or the same in `spark.sql`, also with `QUALIFY`; n up to 1000), a row per key as `groupBy("day").count()` gives (still reported: a distinct of columns with about a value per row, by the column name\'s last word: identifiers such as `user_id`, `customerId` or `userid`, points in time such as `event_time` or `created_at`, text and addresses such as `word` or `url`, measures such as `price` or `lat`, a recommender\'s `user` and `item`; of whole rows `df.distinct()`, `dropDuplicates(["id"])`, of expressions, and of a column name held elsewhere, `select(args.column)`), a `select` of aggregate functions only such as `select(F.max("ts"))` or row-wise functions of them (`F.to_date(F.max("ts"))`, not a generator such as `explode`), the per-key RDD aggregates `reduceByKey`/`aggregateByKey`/`foldByKey`/`combineByKey`, and `groupByKey().mapValues(f)` where `f` summarises each key\'s values as numbers: `sum`, `len`, a mean, `(statistics.mean(vs), statistics.median(vs))`, or a function of the file returning such a tuple, likewise after `rdd.groupBy(k)`, and `groupBy(k).map(lambda kv: (kv[0], len(kv[1])))` that keeps the key with such a summary; and `mapPartitions(f)` where `f` returns a list of at most four rows for its partition), on a JDBC read whose query (`dbtable` or `query` option, `read.jdbc(url, table)`) groups, aggregates or ends in `LIMIT n` (read as `spark.sql` text below), as the bounds of a partitioned read `(SELECT min(id), max(id) FROM orders) bounds`, on a `spark.sql` lookup of one table by its own key (`SELECT * FROM dim_customer WHERE customer_id = 1`, `customer_key`, `customer_sk`: a row, or a few of its history; also as a filter of a read, `orders.filter(orders.order_id == ORDER_ID)` of `spark.read.parquet(".../orders")` or `spark.table("dim_customer")`; not a bare `id`, a column named as the table such as `ratings WHERE rating = 5`, another entity\'s key such as `tenant_id = 7`, a join, a range or an `OR`), on `spark.sql` text (a literal, an f-string, a `"...".format(...)` / `"..." % args` template, or text joined with `+`, written in the call, held in a name, or in a dict of queries read by a constant key such as `QUERIES["daily"]`; in a loop over a literal dict or list of queries, `for name, query in QUERIES.items()`, each of them) that ends in `LIMIT n`, groups (`GROUP BY`), selects the distinct values of categories (`SELECT DISTINCT status`, not of identifiers or times), aggregates without a window (`SELECT count(*) FROM t`) or is a catalog command (`SHOW TABLES`, `DESCRIBE`), a read of `information_schema` views or a Delta Lake maintenance command (`OPTIMIZE`, `RESTORE`, `VACUUM` without `DRY RUN`: a row of metrics), with the common table expressions of a `WITH` query read as views of their own size (`WITH counts AS (SELECT \'a\', count(*) FROM a UNION ALL SELECT \'b\', count(*) FROM b) SELECT * FROM counts`), `spark.sql`/`spark.table` reads of temp views the file registered only from such small DataFrames (`createDataFrame([...]).createOrReplaceTempView("people")`), a join of a limited DataFrame (`limit(3)`) that keeps at most its rows (`left_semi`, `left_anti`) or as many as its keys match (an inner or left join on keys: a lookup of names for the top rows, whose size depends on the other side\'s keys; likewise in `spark.sql` over a temp view the file registered from such a DataFrame, `FROM top_pairs p JOIN zones z ON z.id = p.origin`), `collect()[:n]` when SPK108 is enabled (it reports the slice with the exact `take(n)` fix), `len(x.collect())` when SPK110 is enabled (it reports it with the exact `x.count()` fix), and on DataFrames whose origin the analysis cannot see (a parameter `df`, annotated `DataFrame` or not; `spark.sql` of a query a function is handed, `def run_sql(sql): return spark.sql(sql).collect()`, or a template it fills in, `spark.sql(query.format(table=table))`, also when the file does not call the function (a library module; a decorated function or a method too, when the file never names it), unless a call of it in the file passes a query that is reported, as `run_sql("SELECT * FROM orders")`: calls that pass `USE`, `CREATE` or `DROP` are small; a bare `spark` parameter is taken to be the session, so what it reads is seen).',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, METHODS);
      const receiver = call?.receiver;
      // each micro-batch of an uncapped Kafka or file stream, in its foreachBatch handler
      if (call && reportUncappedMicroBatch(node, call, context, 'brought to the driver', 'write from the executors (`foreachPartition`)')) return;
      if (!call || !receiver || (receiver.kind !== 'DataFrame' && receiver.kind !== 'RDD') || receiver.bound !== 'unbounded' || isStreaming(receiver) || fewRowsAfterAll(node, receiver, context)) return; // a stream: SPK109
      const method = call.parts.method!;
      // `collect()[:n]`: SPK108 reports it with the exact `take(n)` fix
      if (node.parent?.type === 'subscript' && node.field === 'value' && context.ruleEnabled('SPK108') && slicedCollect(node.parent, context)) return;
      // `len(x.collect())`: SPK110 reports it with the exact `x.count()` fix
      if (context.ruleEnabled('SPK110') && countedRows(node, context)) return;
      const what = receiver.kind === 'RDD' ? 'an RDD' : 'a DataFrame';
      let fix;
      // rows the code returns: a limit would cut its output without an error
      if (deliveredAsIs(node, context)) fix = undefined;
      else if (receiver.kind === 'DataFrame') {
        fix = { title: `Insert .limit(${FIX_LIMIT}) before .${method}()`, safety: 'unsafe' as const, edits: [insertAfter(call.parts.receiver!, `.limit(${FIX_LIMIT})`)] };
      } else if (method === 'collect' && call.parts.positional.length === 0) {
        fix = { title: `Replace collect() with take(${FIX_LIMIT})`, safety: 'unsafe' as const, edits: [{ range: methodRange(node, call), newText: `take(${FIX_LIMIT})` }] };
      }
      context.report({
        range: methodRange(node, call),
        message: `\`.${method}()\` on ${what} of unbounded size (\`${shortText(context, call.parts.receiver!)}\`) brings every row to the driver; limit it, aggregate it, or write it out.`,
        fix,
      });
    },
  },
};
