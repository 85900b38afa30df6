import { stringValue } from '../../analysis/syntax';
import { ancestors } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { rangeOf } from '../positions';
import { isRecommenderIdIndexer, mlParamNode } from '../ruleHelpers';
import type { Rule } from '../rule';
import { evaluations, mlObjectsNamed } from '../modelIndex';

const SCORED_KINDS: ReadonlySet<string> = new Set(['DataFrame', 'RDD']);
const HANDLES_INVALID = new Set(['StringIndexer', 'VectorIndexer', 'VectorAssembler', 'OneHotEncoder', 'Bucketizer', 'QuantileDiscretizer', 'RFormula', 'TargetEncoder']);

export const skipDropsEvalRows: Rule = {
  meta: {
    code: 'SPK009',
    name: 'skip-drops-eval-rows',
    severity: 'info',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for `handleInvalid="skip"` on an indexer, encoder, bucketizer or assembler whose output reaches data an evaluator scores (a pyspark.ml evaluator, or one of pyspark.mllib\'s metrics classes such as `MulticlassMetrics` on an RDD of the predictions).',
      whyIsThisBad: 'With "skip", test rows with unseen categories, nulls or NaNs are silently dropped before scoring. The metric is then computed on the easy rows only and looks better than the model will do in production, where those rows still arrive.',
      example: 'from pyspark.ml import Pipeline\nfrom pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.ml.feature import StringIndexer, VectorAssembler\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ntrain, test = spark.table("features").randomSplit([0.8, 0.2], seed=1)\nindexer = StringIndexer(inputCol="country", outputCol="country_idx", handleInvalid="skip")\nassembler = VectorAssembler(inputCols=["country_idx", "age"], outputCol="features")\nmodel = Pipeline(stages=[indexer, assembler, LogisticRegression()]).fit(train)\nauc = BinaryClassificationEvaluator().evaluate(model.transform(test))',
      useInstead: 'from pyspark.ml import Pipeline\nfrom pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.ml.feature import StringIndexer, VectorAssembler\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ntrain, test = spark.table("features").randomSplit([0.8, 0.2], seed=1)\nindexer = StringIndexer(inputCol="country", outputCol="country_idx", handleInvalid="keep")\nassembler = VectorAssembler(inputCols=["country_idx", "age"], outputCol="features")\nmodel = Pipeline(stages=[indexer, assembler, LogisticRegression()]).fit(train)\nauc = BinaryClassificationEvaluator().evaluate(model.transform(test))',
      fixSafety: 'No automatic fix: "keep" (an extra bucket) or "error" are the alternatives, and which one fits depends on the feature.',
      notFlagged: '`handleInvalid="skip"` in pipelines that are never evaluated (batch scoring jobs where dropping bad rows may be intended), on a StringIndexer that numbers the user or item ids of an ALS (the rows it drops are the cold-start users and items ALS cannot score either: see SPK007), and "keep"/"error".',
    },
  },
  finish(context) {
    // scored by a pyspark.ml evaluator, or by pyspark.mllib's metrics on an RDD of (prediction, label) pairs
    const evaluated = evaluations(context.model).filter((action) => SCORED_KINDS.has(action.receiver.kind)).map((action) => ancestors(action.receiver));
    if (!evaluated.length) return;
    for (const value of [...HANDLES_INVALID].flatMap((name) => mlObjectsNamed(context.model, name))) {
      if (!value.node || (value.kind !== 'Estimator' && value.kind !== 'Transformer')) continue;
      const keyword = context.model.callAt(value.node)?.parts.keywordNodes.get('handleInvalid');
      const setting = mlParamNode(context, value, 'handleInvalid');
      if (stringValue(context.tree, setting) !== 'skip') continue;
      // skipping users or items the indexer never saw drops the cold-start rows ALS cannot score anyway
      if (isRecommenderIdIndexer(value, context)) continue;
      if (!evaluated.some((ancestry) => reaches(value, ancestry))) continue;
      context.report({
        range: rangeOf(keyword ?? setting!),
        message: `handleInvalid="skip" on ${value.name} silently drops test rows with unseen or invalid values before scoring; the metric covers only the easy rows. Consider "keep".`,
      });
    }
  },
};

/** The stage itself, or a model fitted from it, is among the ancestors of the evaluated data. */
function reaches(stage: Value, ancestry: ReadonlySet<Value>): boolean {
  if (ancestry.has(stage)) return true;
  for (const value of ancestry) if (value.kind === 'Model' && value.parents[0] === stage) return true;
  return false;
}
