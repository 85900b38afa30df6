import { namedChildren } from '../../analysis/syntax';
import { insertAfter } from '../positions';
import type { Rule } from '../rule';
import { methodCall, methodRange } from '../ruleHelpers';

export const joinWithoutHow: Rule = {
  meta: {
    code: 'SPK304',
    name: 'join-without-how',
    severity: 'hint',
    fix: 'safe',
    docs: {
      whatItDoes: 'Checks for `df.join(other, on)` between DataFrames without `how=`.',
      whyIsThisBad: 'The default is an inner join, which silently drops rows without a match. Readers cannot tell whether that was intended or whether a left join was meant; spelling out `how` documents the decision.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\norders = spark.table("orders")\ncustomers = spark.table("customers")\nenriched = orders.join(customers, "customer_id")',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\norders = spark.table("orders")\ncustomers = spark.table("customers")\nenriched = orders.join(customers, "customer_id", how="inner")',
      fixSafety: 'The fix adds `how="inner"`, the default, so the result is the same: safe.',
      notFlagged: 'Joins that pass `how` (by keyword or as the third argument), joins without keys (SPK303), and `join` on non-DataFrame objects such as strings.',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, 'join');
      if (!call || call.receiver?.kind !== 'DataFrame' || call.parts.hasStarArgs) return;
      const other = context.model.valueOf(call.parts.positional[0] ?? call.parts.keywords.get('other'));
      if (other?.kind !== 'DataFrame') return;
      const on = call.parts.positional[1] ?? call.parts.keywords.get('on');
      if (!on || on.type === 'none' || call.parts.positional[2] || call.parts.keywords.has('how')) return;
      const lastArgument = namedChildren(call.parts.argumentList!).at(-1)!;
      context.report({
        range: methodRange(node, call),
        message: '`join` without `how` is an inner join that drops unmatched rows; say `how="inner"` (or the join you mean).',
        fix: { title: 'Add how="inner"', safety: 'safe', edits: [insertAfter(lastArgument, ', how="inner"')] },
      });
    },
  },
};
