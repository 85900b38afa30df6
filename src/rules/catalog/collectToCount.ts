import type { CallRecord } from '../../analysis/model';
import { type PyNode, field, namedChildren, unparenthesize } from '../../analysis/syntax';
import { isStreaming } from '../../analysis/valueFlow';
import { endOf, rangeOf, replaceNode } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { methodCall, methodRange, shortText } from '../ruleHelpers';
import type { TextEdit } from '../types';

/** `describe()` and `summary()`: a handful of rows of statistics. */
const SUMMARIES: ReadonlySet<string> = new Set(['describe', 'summary']);

export const collectToCount: Rule = {
  meta: {
    code: 'SPK110',
    name: 'collect-to-count',
    severity: 'warning',
    fix: 'safe',
    docs: {
      whatItDoes: 'Checks for rows brought to the driver only to be counted: `len(x.collect())`, `len(x.toPandas())` and `x.toPandas().shape[0]` on a DataFrame or RDD that is not already small (built from literals, limited or sampled), aggregates included.',
      whyIsThisBad: 'Every row is computed, serialized, sent to the driver and held in its memory, and then only their number is kept. `count()` counts on the executors and sends back one number. A `groupBy(...).agg(...)` result has a row per key, which can be millions.',
      example: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.json("s3://bucket/events")\nchurned = events.groupBy("userId").agg(F.max("churn").alias("c")).filter("c > 0")\nprint("churned users:", len(churned.collect()))',
      useInstead: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.json("s3://bucket/events")\nchurned = events.groupBy("userId").agg(F.max("churn").alias("c")).filter("c > 0")\nprint("churned users:", churned.count())',
      fixSafety: 'The fix replaces `len(x.collect())` (or the `toPandas()` forms) with `x.count()`: both give the number of rows as an int, so it is safe; over several lines it keeps the brackets and comments (`(x ... .count())`). In a file that reads with `mode="DROPMALFORMED"` it is unsafe: Spark counts a CSV or JSON read without parsing its rows, so malformed rows a collect drops are counted (SPARK-28058).',
      notFlagged: 'Data that is already small (`createDataFrame([...])`, `limit(n)`, `sample`, `describe()`, `summary()`), streams (SPK109), a `len` the file defines itself, and `collect()` whose rows are used beyond their number (`rows = x.collect()` then `len(rows)` and a loop over them). SPK101 and SPK102 leave these calls to this rule while it is enabled.',
    },
  },
  visit: {
    call(node, context) {
      const counted = countedRows(node, context);
      if (!counted) return;
      const { outer, record } = counted;
      const receiver = record.parts.receiver!;
      // Spark counts a CSV/JSON read without parsing its rows: malformed ones dropped by a collect are counted (SPARK-28058)
      const safety = /DROPMALFORMED/i.test(context.tree.text) ? 'unsafe' : 'safe';
      context.report({
        range: rangeOf(outer),
        message: `\`${shortText(context, outer)}\` brings every row to the driver only to count them; \`${shortText(context, receiver)}.count()\` counts on the executors.`,
        fix: { title: `Replace with ${shortText(context, receiver)}.count()`, safety, edits: countEdits(outer, node, record, context) },
      });
    },
  },
};

/**
 * `x.count()` in place of the counting expression. On one line it is rewritten whole; an expression over
 * several lines keeps its brackets and comments (the line breaks inside `len(...)` need them): `len` is
 * dropped, `collect()` becomes `count()`, `.shape[0]` goes.
 */
function countEdits(outer: PyNode, call: PyNode, record: CallRecord, context: RuleContext): TextEdit[] {
  const receiver = record.parts.receiver!;
  if (outer.startRow === outer.endRow) return [replaceNode(outer, `${context.text(receiver)}.count()`)];
  const edits: TextEdit[] = [{ range: methodRange(call, record), newText: 'count()' }];
  if (outer.type === 'call') edits.unshift(replaceNode(field(outer, 'function')!, ''));
  else edits.push({ range: { start: endOf(call), end: endOf(outer) }, newText: '' });
  return edits;
}

/**
 * For a `collect()`/`toPandas()` call whose rows are only counted (`len(x.collect())`, `len(x.toPandas())`,
 * `x.toPandas().shape[0]`) on Spark data that is not already small: the counting expression and the call's record.
 */
export function countedRows(call: PyNode, context: RuleContext): { outer: PyNode; record: CallRecord } | undefined {
  const record = methodCall(call, context, 'collect') ?? methodCall(call, context, 'toPandas');
  const receiver = record?.receiver;
  if (!record || record.parts.positional.length || record.parts.keywords.size || !receiver) return undefined;
  if ((receiver.kind !== 'DataFrame' && (receiver.kind !== 'RDD' || record.parts.method !== 'collect')) || isStreaming(receiver)) return undefined;
  // small by construction: literals, a limit or sample, a summary of statistics
  if (receiver.bound === 'literal' || receiver.bound === 'limited' || SUMMARIES.has(receiver.op ?? '')) return undefined;
  const outer = lenOf(call, context) ?? (record.parts.method === 'toPandas' ? rowCountOf(call, context) : undefined);
  return outer && { outer, record };
}

/** `len(call)`, with Python's `len` (not a name the file binds). */
function lenOf(call: PyNode, context: RuleContext): PyNode | undefined {
  let argument = call;
  while (argument.parent?.type === 'parenthesized_expression') argument = argument.parent;
  const lenCall = argument.parent?.type === 'argument_list' ? (argument.parent.parent ?? undefined) : undefined;
  const callee = lenCall?.type === 'call' ? field(lenCall, 'function') : undefined;
  if (callee?.type !== 'identifier' || context.text(callee) !== 'len' || context.model.bindingsNamed('len').length) return undefined;
  const args = namedChildren(argument.parent!);
  return args.length === 1 && unparenthesize(args[0]!) === call ? lenCall : undefined;
}

/** `call.shape[0]` (a pandas DataFrame's number of rows). */
function rowCountOf(call: PyNode, context: RuleContext): PyNode | undefined {
  const shape = call.parent;
  if (shape?.type !== 'attribute' || call.field !== 'object' || context.text(field(shape, 'attribute') ?? shape) !== 'shape') return undefined;
  const subscript = shape.parent;
  if (subscript?.type !== 'subscript' || shape.field !== 'value') return undefined;
  const index = subscript.children.filter((child) => child.field === 'subscript');
  return index.length === 1 && index[0]!.type === 'integer' && context.text(index[0]!) === '0' ? subscript : undefined;
}
