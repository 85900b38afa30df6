import type { PyNode } from '../../analysis/syntax';
import { field, namedChildren } from '../../analysis/syntax';
import { endOf, startOf } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { methodCall } from '../ruleHelpers';
import type { Fix } from '../types';

const AGGREGATES = new Set(['sum', 'len', 'max', 'min']);
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
      notFlagged: '`groupByKey().mapValues(list)` and other non-aggregating functions, and lambdas that do more than one aggregate (for example a mean); those are reported without a fix when they use sum/len/max/min.',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, 'mapValues');
      if (!call || call.receiver?.kind !== 'RDD') return;
      const grouped = call.parts.receiver!;
      const groupCall = grouped.type === 'call' ? methodCall(grouped, context, 'groupByKey') : undefined;
      if (!groupCall || groupCall.receiver?.kind !== 'RDD') return;
      const fn = call.parts.positional[0];
      if (!fn) return;
      const aggregate = aggregateOf(fn, context);
      if (!aggregate) return;
      let fix: Fix | undefined;
      if (aggregate.exact && !groupCall.parts.positional.length && !groupCall.parts.keywords.size) {
        fix = {
          title: `Use ${REPLACEMENT[aggregate.name]}`,
          safety: 'unsafe',
          edits: [{ range: { start: startOf(groupCall.parts.methodNode!), end: endOf(node) }, newText: REPLACEMENT[aggregate.name]! }],
        };
      }
      context.report({
        range: { start: startOf(groupCall.parts.methodNode!), end: endOf(node) },
        message: `\`groupByKey().mapValues(${aggregate.name})\` shuffles every value; \`reduceByKey\` combines values before the shuffle.`,
        fix,
      });
    },
  },
};

/** `sum` or `lambda vs: sum(vs)` -> exact; a lambda using an aggregate in a larger expression -> not exact. */
function aggregateOf(fn: PyNode, context: RuleContext): { name: string; exact: boolean } | undefined {
  if (fn.type === 'identifier' && AGGREGATES.has(context.text(fn))) return { name: context.text(fn), exact: true };
  if (fn.type !== 'lambda') return undefined;
  const params = namedChildren(field(fn, 'parameters') ?? fn);
  const body = field(fn, 'body');
  if (params.length !== 1 || !body) return undefined;
  const param = context.text(params[0]!);
  if (body.type === 'call') {
    const callee = field(body, 'function');
    const args = namedChildren(field(body, 'arguments') ?? body);
    if (callee?.type === 'identifier' && AGGREGATES.has(context.text(callee)) && args.length === 1 && context.text(args[0]!) === param) {
      return { name: context.text(callee), exact: true };
    }
  }
  const used = [...AGGREGATES].find((name) => new RegExp(`\\b${name}\\(\\s*${param}\\s*\\)`).test(context.text(body)));
  return used ? { name: used, exact: false } : undefined;
}
