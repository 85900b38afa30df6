import { type PyNode, endId } from '../../analysis/syntax';
import { isCachedBefore } from '../../analysis/valueFlow';
import type { Rule, RuleContext } from '../rule';
import { enclosingLoop, methodCall, methodRange } from '../ruleHelpers';

const ACTIONS = new Set(['count', 'collect', 'toPandas', 'first', 'show', 'evaluate']);

export const actionInLoop: Rule = {
  meta: {
    code: 'SPK103',
    name: 'action-in-loop',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for Spark actions (`count`, `collect`, `toPandas`, `first`, `show`, and `evaluator.evaluate(df)`) inside a `for`/`while` loop or a comprehension, on a DataFrame whose lineage is not cached.',
      whyIsThisBad: 'Each action runs a full Spark job, re-reading and recomputing the whole lineage. In a loop this multiplies the work by the number of iterations; one aggregated query (`groupBy`, `agg` with several expressions) or a cached input does the same in one pass.',
      example: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\ndf = spark.read.parquet("s3://bucket/events")\nfor c in df.columns:\n    print(c, df.filter(F.col(c).isNull()).count())',
      useInstead: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\ndf = spark.read.parquet("s3://bucket/events")\nnull_counts = df.select([F.count(F.when(F.col(c).isNull(), 1)).alias(c) for c in df.columns]).first()',
      fixSafety: 'No automatic fix: the rewrite depends on what the loop computes.',
      notFlagged: 'Actions on a DataFrame cached (`.cache()`/`.persist()`) before the loop or derived from a cached one, actions on literal DataFrames, actions in a loop that calls `time.sleep` (polling: the data changes between passes, as with a streaming memory sink), actions outside loops (the iterable of a `for` runs once), and non-Spark objects with the same method names.',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, ACTIONS);
      if (!call) return;
      const method = call.parts.method!;
      const data = method === 'evaluate' ? (call.receiver?.kind === 'Evaluator' ? context.model.valueOf(call.parts.positional[0]) : undefined) : call.receiver;
      if (data?.kind !== 'DataFrame' || data.bound === 'literal') return;
      const loop = enclosingLoop(node);
      if (!loop || isCachedBefore(data, node.startIndex) || polls(loop, context)) return;
      const where = loop.type === 'while_statement' ? 'a while loop' : loop.type === 'for_statement' ? 'a for loop' : 'a comprehension';
      context.report({
        range: methodRange(node, call),
        message: `\`.${method}()\` inside ${where} runs a Spark job on every iteration over an uncached lineage; compute it once (one aggregation, or cache the input before the loop).`,
      });
    },
  },
};

/** A loop that calls `time.sleep` polls: it waits for the data to change between passes, so each pass must run its action. */
function polls(loop: PyNode, context: RuleContext): boolean {
  const end = endId(loop);
  for (let id = loop.id + 1; id < end; id++) {
    const node = context.tree.nodes[id]!;
    if (node.type === 'call' && context.model.callAt(node)?.callee.name === 'time.sleep') return true;
  }
  return false;
}
