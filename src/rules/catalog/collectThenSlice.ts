import type { PyNode } from '../../analysis/syntax';
import { field } from '../../analysis/syntax';
import type { CallRecord } from '../../analysis/model';
import { replaceNode } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { methodCall, methodRange } from '../ruleHelpers';

export const collectThenSlice: Rule = {
  meta: {
    code: 'SPK108',
    name: 'collect-then-slice',
    severity: 'warning',
    fix: 'safe',
    docs: {
      whatItDoes: 'Checks for `.collect()[:n]` (and `.collect()[0:n]`) on a DataFrame or RDD that is not already small (built from literals, limited or sampled).',
      whyIsThisBad: '`collect()` brings every row to the driver and the slice then throws all but `n` away: the whole result is computed, serialized and held in driver memory for nothing. `take(n)` runs only as many partitions as it needs for `n` rows.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ncounts = spark.read.parquet("s3://bucket/words").groupBy("word").count().orderBy("count", ascending=False)\ntop = counts.collect()[:10]',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ncounts = spark.read.parquet("s3://bucket/words").groupBy("word").count().orderBy("count", ascending=False)\ntop = counts.take(10)',
      fixSafety: 'The fix replaces `x.collect()[:n]` with `x.take(n)`: both return the first `n` rows as a list, in the same order, so it is safe.',
      notFlagged: 'Slices of data that is already small (`createDataFrame([...])`, `limit(n)`, `sample`), indexing a single row (`collect()[0]`, often the one row of a global aggregate), slices with a start other than 0, a step or a computed bound, and `collect()` on non-Spark objects.',
    },
  },
  visit: {
    subscript(node, context) {
      const sliced = slicedCollect(node, context);
      if (!sliced) return;
      const { call, record, count } = sliced;
      const receiver = context.text(record.parts.receiver!);
      context.report({
        range: methodRange(call, record),
        message: `\`.collect()[${context.text(sliced.slice)}]\` brings every row to the driver to keep ${count}; \`take(${count})\` fetches only those.`,
        fix: { title: `Replace with ${receiver}.take(${count})`, safety: 'safe', edits: [replaceNode(node, `${receiver}.take(${count})`)] },
      });
    },
  },
};

/**
 * `x.collect()[:n]` / `x.collect()[0:n]` with a literal n, on Spark data that is not already small: the
 * collect call, its record and n. SPK101 leaves these to this rule, whose fix is exact.
 */
export function slicedCollect(subscript: PyNode, context: RuleContext): { call: PyNode; record: CallRecord; slice: PyNode; count: number } | undefined {
  const value = field(subscript, 'value');
  if (subscript.type !== 'subscript' || value?.type !== 'call') return undefined;
  const record = methodCall(value, context, 'collect');
  const receiver = record?.receiver;
  if (!record || record.parts.positional.length || record.parts.keywords.size || !receiver) return undefined;
  if ((receiver.kind !== 'DataFrame' && receiver.kind !== 'RDD') || receiver.bound === 'literal' || receiver.bound === 'limited') return undefined;
  const subscripts = subscript.children.filter((child) => child.field === 'subscript');
  const slice = subscripts.length === 1 && subscripts[0]!.type === 'slice' ? subscripts[0]! : undefined;
  if (!slice) return undefined;
  // `[:n]` or `[0:n]`: no step, start absent or 0, a literal stop
  const match = /^0?:(\d[\d_]*)$/.exec(context.text(slice).replace(/\s+/g, ''));
  const count = match ? Number(match[1]!.replace(/_/g, '')) : 0;
  if (count <= 0) return undefined;
  return { call: value, record, slice, count };
}
