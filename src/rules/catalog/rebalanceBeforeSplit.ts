import type { SemanticModel } from '../../analysis/model';
import type { PyNode } from '../../analysis/syntax';
import { isTrueLiteral } from '../../analysis/syntax';
import { ancestors } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { rangeOf } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { methodRange } from '../ruleHelpers';

export const rebalanceBeforeSplit: Rule = {
  meta: {
    code: 'SPK004',
    name: 'rebalance-before-split',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for class rebalancing done before the train/test split: `sampleBy(...)`, `sample(withReplacement=True, ...)`, or a `union` of per-class `filter(...).sample(...)` parts, on data that is then `randomSplit`.',
      whyIsThisBad: 'The test set no longer has the real class distribution, so its metrics describe an artificial population. With oversampling (sampling with replacement) the same row is duplicated, and copies land on both sides of the split: the model is tested on rows it was trained on.',
      example: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\ndata = spark.read.parquet("s3://features/fraud")\nfraud = data.filter(F.col("label") == 1).sample(withReplacement=True, fraction=20.0, seed=1)\nbalanced = data.filter(F.col("label") == 0).union(fraud)\ntrain, test = balanced.randomSplit([0.8, 0.2], seed=1)',
      useInstead: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\ndata = spark.read.parquet("s3://features/fraud")\ntrain, test = data.randomSplit([0.8, 0.2], seed=1)\nfraud = train.filter(F.col("label") == 1).sample(withReplacement=True, fraction=20.0, seed=1)\ntrain = train.filter(F.col("label") == 0).union(fraud)',
      fixSafety: 'No automatic fix: move the rebalancing after the split and apply it to the training part only.',
      notFlagged: 'Rebalancing applied to the training split after the split, plain `sample` without replacement on the whole data (a uniform subsample keeps the distribution), and splits of data that was never rebalanced.',
    },
  },
  finish(context) {
    const seen = new Set<PyNode>();
    for (const { value: split } of context.model.bindings) {
      if (split.op !== 'randomSplit' || split.kind !== 'DataFrame' || !split.node || seen.has(split.node)) continue;
      seen.add(split.node);
      const source = split.parents[0];
      if (!source) continue;
      let rebalancing: ReturnType<typeof classify>;
      for (const ancestor of ancestors(source)) if ((rebalancing = classify(ancestor, context))) break;
      if (!rebalancing) continue;
      const record = context.model.callAt(split.node);
      context.report({
        range: record ? methodRange(split.node, record) : rangeOf(split.node),
        message: rebalancing === 'duplicates'
          ? 'The data is oversampled (rows duplicated) before this split: copies of the same row land in train and test. Rebalance the training split only.'
          : 'The data is rebalanced by class before this split: the test set no longer has the real class distribution. Rebalance the training split only.',
      });
    }
  },
};

function classify(value: Value, context: RuleContext): 'duplicates' | 'distribution' | undefined {
  if (value.kind !== 'DataFrame' || !value.node) return undefined;
  if (value.op === 'sampleBy') return 'distribution';
  if (value.op === 'sample') {
    const parts = context.model.callAt(value.node)?.parts;
    const withReplacement = parts?.keywords.get('withReplacement') ?? (parts?.positional[0]?.type === 'true' || parts?.positional[0]?.type === 'false' ? parts.positional[0] : undefined);
    if (isTrueLiteral(context.tree, withReplacement)) return 'duplicates';
    // a per-class sample (filter(...).sample(...)) that is unioned with other rows is undersampling
    const parent = value.parents[0];
    if (parent?.op === 'filter' || parent?.op === 'where') return isUnioned(value, context) ? 'distribution' : undefined;
  }
  return undefined;
}

function isUnioned(sample: Value, context: RuleContext): boolean {
  return unionsOf(context).some((union) => ancestors(union).has(sample));
}

const UNIONS = new Set(['union', 'unionByName', 'unionAll']);
const unionsByModel = new WeakMap<SemanticModel, readonly Value[]>();

/** The unions bound in the file (found once per lint: every per-class sample asks). */
function unionsOf(context: RuleContext): readonly Value[] {
  let unions = unionsByModel.get(context.model);
  if (!unions) unionsByModel.set(context.model, (unions = context.model.bindings.map((binding) => binding.value).filter((value) => !!value.op && UNIONS.has(value.op))));
  return unions;
}
