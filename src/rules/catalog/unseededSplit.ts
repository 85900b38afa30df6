import type { PyNode } from '../../analysis/syntax';
import { field, namedChildren } from '../../analysis/syntax';
import { insertAfter } from '../positions';
import type { CallRecord } from '../../analysis/model';
import { ancestors } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { evaluations, mlObjectsOfKind } from '../modelIndex';
import type { Rule, RuleContext } from '../rule';
import { methodCall, methodRange } from '../ruleHelpers';

/** Names of a split's parts: `train_df`, `X_test`, `validation`, `holdout`; and `val` as a word (`val_subset`, `df_val`, `valDf`; not `value`, `interval`). */
const SPLIT_NAME = /train|test|valid|holdout|eval/i;
const VAL_WORD = /(?<![A-Za-z0-9])(?:val(?![a-z])|Val(?![a-z])|VAL(?![A-Za-z]))/;

const SPLIT_METHODS: ReadonlySet<string> = new Set(['randomSplit', 'sample']);

export const unseededSplit: Rule = {
  meta: {
    code: 'SPK008',
    name: 'unseeded-split',
    severity: 'info',
    fix: 'safe',
    docs: {
      whatItDoes: 'Checks for `randomSplit(...)` without `seed`, and for `sample(...)` without `seed` whose result is bound to a train/test/validation name (`val` as a word counts: `val_subset`, `df_val`, `valDf`; not `value`).',
      whyIsThisBad: 'Without a seed every run draws different train and test rows (and Spark may even redraw them when a lineage is recomputed), so metrics move between runs for no reason and results cannot be reproduced or compared.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ndata = spark.read.parquet("s3://features/churn")\ntrain, test = data.randomSplit([0.8, 0.2])',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ndata = spark.read.parquet("s3://features/churn")\ntrain, test = data.randomSplit([0.8, 0.2], seed=42)',
      fixSafety: 'The fix adds `seed=42`. Which rows land in each split changes once and is then stable, which is the point; the fix is safe.',
      notFlagged: '`sample` used for exploration (not bound to a train/test name, or a part thinned under its own name that no model is fitted or scored on: `test_data = test_data.sample(fraction=0.1)` before a plot, or summarised: `train_unique = train.sample(0.01).agg(...)`), splits with a seed (keyword or second argument), and `randomSplit` on objects that are not DataFrames or RDDs.',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, SPLIT_METHODS);
      const receiver = call?.receiver;
      if (!call || (receiver?.kind !== 'DataFrame' && receiver?.kind !== 'RDD') || call.parts.hasStarArgs) return;
      const method = call.parts.method!;
      if (call.parts.keywords.has('seed')) return;
      if (method === 'randomSplit' && call.parts.positional.length >= 2) return;
      if (method === 'sample' && (call.parts.positional.length >= 3 || !boundToSplitName(node, call, context))) return;
      const last = namedChildren(call.parts.argumentList!).at(-1);
      context.report({
        range: methodRange(node, call),
        message: `\`${method}\` without a seed draws different train/test rows on every run; pass \`seed=\` so results can be reproduced.`,
        fix: last ? { title: 'Add seed=42', safety: 'safe', edits: [insertAfter(last, ', seed=42')] } : undefined,
      });
    },
  },
};

/** A model is fitted on the data or evaluated on it (or on what is made from it). */
function trainsOrScores(data: Value, context: RuleContext): boolean {
  const fits = mlObjectsOfKind(context.model, 'Model').some((model) => model.op === 'fit' && !!model.parents[1] && ancestors(model.parents[1]).has(data));
  return fits || evaluations(context.model).some((action) => ancestors(action.receiver).has(data));
}

/** Steps that summarise rows: after one, the sample is no set of rows to train or test on. */
const SUMMARIES: ReadonlySet<string> = new Set(['agg', 'groupBy', 'groupby', 'count', 'describe', 'summary', 'cube', 'rollup', 'pivot', 'approxQuantile', 'corr', 'cov', 'crosstab', 'freqItems']);

/**
 * `train = df.sample(...)` (possibly through further transformations on the same line); not a part thinned
 * under its own name that no model is fitted on or scored on (`test_data = test_data.sample(fraction)` for a plot),
 * nor a summary of the sample: they draw no split.
 */
function boundToSplitName(node: PyNode, call: CallRecord, context: RuleContext): boolean {
  let current: PyNode | null = node;
  while (current && current.type !== 'assignment' && current.type !== 'expression_statement' && current.type !== 'block') current = current.parent;
  if (current?.type !== 'assignment') return false;
  const left = field(current, 'left');
  if (!left) return false;
  // thinned for a plot: a fit or an evaluation of it would differ run to run
  if (call.parts.receiver && context.text(call.parts.receiver) === context.text(left) && !trainsOrScores(call.result, context)) return false;
  // a summary of the sample (`train_df.sample(0.01).agg(countDistinct(...))`): exploration, whatever its name
  const assigned = context.model.valueOf(field(current, 'right'));
  if (assigned && assigned.kind !== 'DataFrame' && assigned.kind !== 'RDD') return false;
  for (let value = assigned, depth = 0; value && value !== call.result && depth < 20; value = value.parents[0], depth++) {
    if (SUMMARIES.has(value.op ?? '')) return false;
  }
  return SPLIT_NAME.test(context.text(left)) || VAL_WORD.test(context.text(left));
}
