import { groupedAggregateOf } from '../../analysis/groupedAggregate';
import type { PyNode } from '../../analysis/syntax';
import { endOf, rangeOf, startOf } from '../positions';
import type { Rule } from '../rule';
import { methodCall, methodRange } from '../ruleHelpers';
import type { Fix } from '../types';
const REPLACEMENT: Record<string, string> = {
  sum: 'reduceByKey(lambda a, b: a + b)',
  max: 'reduceByKey(max)',
  min: 'reduceByKey(min)',
  len: 'mapValues(lambda _: 1).reduceByKey(lambda a, b: a + b)',
};

export const groupbykeyAggregate: Rule = {
  meta: {
    code: 'SPK305',
    name: 'groupbykey-aggregate',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      whatItDoes: 'Checks for `rdd.groupByKey().mapValues(f)` where `f` aggregates the values: `sum`, `len`, `max`, `min`, or a lambda applying them.',
      whyIsThisBad: '`groupByKey` shuffles every value across the network and materializes all values of a key in one executor\'s memory before aggregating. `reduceByKey` combines values on each partition first (map-side combine) and shuffles only one value per key and partition.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nsc = spark.sparkContext\nwords = sc.textFile("s3://bucket/text").flatMap(str.split).map(lambda w: (w, 1))\ncounts = words.groupByKey().mapValues(sum)',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nsc = spark.sparkContext\nwords = sc.textFile("s3://bucket/text").flatMap(str.split).map(lambda w: (w, 1))\ncounts = words.reduceByKey(lambda a, b: a + b)',
      fixSafety: 'The fix rewrites to `reduceByKey` (`len` becomes `mapValues(lambda _: 1).reduceByKey(...)`). It is unsafe for floating-point sums, whose last digits can change with the order of additions.',
      notFlagged: '`groupByKey().mapValues(list)` and other non-aggregating functions. Lambdas that do more than one aggregate (for example a mean), and a `mapValues` on a grouped RDD named in an earlier statement, are reported without a fix.',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, 'mapValues');
      // the grouped RDD may be named first: `grouped = pairs.groupByKey()`, then `grouped.mapValues(sum)`
      const groupNode = call?.receiver?.kind === 'RDD' ? call.receiver.facts?.grouped as PyNode | undefined : undefined;
      const groupCall = groupNode ? methodCall(groupNode, context, 'groupByKey') : undefined;
      if (!call || !groupNode || !groupCall) return;
      const aggregate = groupedAggregateOf(context.tree, call.parts.positional[0]);
      if (!aggregate) return;
      const inline = call.parts.receiver === groupNode;
      let fix: Fix | undefined;
      if (inline && aggregate.exact && !groupCall.parts.positional.length && !groupCall.parts.keywords.size) {
        fix = {
          title: `Use ${REPLACEMENT[aggregate.name]}`,
          safety: 'unsafe',
          edits: [{ range: { start: startOf(groupCall.parts.methodNode!), end: endOf(node) }, newText: REPLACEMENT[aggregate.name]! }],
        };
      }
      const shown = aggregate.exact ? aggregate.name : `a function of ${aggregate.name}(...)`;
      context.report({
        range: inline ? { start: startOf(groupCall.parts.methodNode!), end: endOf(node) } : methodRange(node, call),
        message: `\`groupByKey()\` then \`mapValues(${shown})\` shuffles every value; \`reduceByKey\` (or \`aggregateByKey\` for a mean) combines values before the shuffle.`,
        fix,
        ...(inline ? {} : { related: [{ range: rangeOf(groupNode), message: 'grouped here' }] }),
      });
    },
  },
};
