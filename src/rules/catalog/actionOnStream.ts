import { isStreaming } from '../../analysis/valueFlow';
import type { Rule } from '../rule';
import { methodCall, methodRange } from '../ruleHelpers';

/** Batch actions: on a streaming DataFrame each raises an AnalysisException when it runs. */
const BATCH_ACTIONS = new Set(['collect', 'toPandas', 'count', 'first', 'head', 'take', 'tail', 'show', 'isEmpty', 'toLocalIterator', 'foreach', 'foreachPartition']);

export const actionOnStream: Rule = {
  meta: {
    code: 'SPK109',
    name: 'action-on-stream',
    severity: 'error',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for batch actions (`collect`, `toPandas`, `count`, `first`, `head`, `take`, `tail`, `show`, `isEmpty`, `toLocalIterator`, `foreach`, `foreachPartition`) on a streaming DataFrame: one read with `spark.readStream`, or derived from one (a join with a static DataFrame is a stream too).',
      whyIsThisBad: 'A streaming DataFrame is a query that has not started: Spark refuses a batch action on it when the line runs, with `AnalysisException: Queries with streaming sources must be executed with writeStream.start()`. Limiting, caching or `isEmpty()` (what the batch rules would advise) does not change that.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.readStream.format("rate").load()\nevents.show()',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.readStream.format("rate").load()\nquery = events.writeStream.format("console").start()\nquery.awaitTermination()',
      fixSafety: 'No automatic fix: what the action was for decides the sink (`console` to look at the rows, `foreachBatch` to run batch code on each micro-batch, `memory` for a queryable table in tests).',
      notFlagged: 'Actions inside a `foreachBatch` handler (its DataFrame is a batch: the micro-batch), on static DataFrames, and on a table a stream wrote to (`spark.table(...)` or a `memory` sink read with `spark.sql`). The batch rules (SPK101, SPK102, SPK103, SPK104, SPK105, SPK106) leave streaming DataFrames to this rule.',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, BATCH_ACTIONS);
      if (!call?.receiver || !isStreaming(call.receiver)) return;
      context.report({
        range: methodRange(node, call),
        message: `\`.${call.parts.method}()\` on a streaming DataFrame fails when it runs ("Queries with streaming sources must be executed with writeStream.start()"); start a query with \`writeStream\` instead (\`foreachBatch\` runs batch code on each micro-batch).`,
      });
    },
  },
};
