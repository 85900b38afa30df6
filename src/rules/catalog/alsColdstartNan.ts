import type { PyNode, SyntaxTree } from '../../analysis/syntax';
import { namedChildren, stringValue } from '../../analysis/syntax';
import { ancestors } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { insertAfter, rangeOf, replaceNode } from '../positions';
import type { Rule } from '../rule';
import type { Fix } from '../types';
import { evaluations, mlObjectsNamed, mlObjectsOfKind } from '../modelIndex';

/**
 * The evaluated data holds predictions of a model fitted from `als` (`model.transform(test)`), not only its
 * top-k lists (`recommendForAllUsers`, which never hold NaN), and that model was not set to drop the rows
 * it cannot predict (`model.setColdStartStrategy("drop")`).
 */
function scoresPredictionsOf(als: Value, ancestry: ReadonlySet<Value>, tree: SyntaxTree): boolean {
  for (const value of ancestry) {
    if (value.op !== 'transform') continue;
    const model = value.parents.find((parent) => parent.kind === 'Model');
    if (!model || !ancestors(model).has(als)) continue;
    // scored on the rows it was fitted on (SPK002's mistake): every user and item was seen, no NaN
    const trainedOn = model.op === 'fit' ? model.parents[1] : undefined;
    const scored = value.parents.find((parent) => parent.kind === 'DataFrame');
    if (trainedOn && scored && (scored === trainedOn || ancestors(scored).has(trainedOn))) continue;
    if (stringValue(tree, model.facts?.setColdStartStrategy as PyNode | undefined) !== 'drop') return true;
  }
  return false;
}

export const alsColdstartNan: Rule = {
  meta: {
    code: 'SPK007',
    name: 'als-coldstart-nan',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      whatItDoes: 'Checks for an `ALS` recommender whose model is evaluated (an evaluator scores its predictions) or that is cross-validated, without `coldStartStrategy="drop"`.',
      whyIsThisBad: 'Users or items that appear only in the test data (or in a validation fold) get a `NaN` prediction. One NaN makes RMSE and MAE NaN, so evaluation reports NaN and model selection in CrossValidator picks an arbitrary model.',
      example: 'from pyspark.ml.evaluation import RegressionEvaluator\nfrom pyspark.ml.recommendation import ALS\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nratings = spark.read.parquet("s3://bucket/ratings")\ntrain, test = ratings.randomSplit([0.8, 0.2], seed=1)\nals = ALS(userCol="user", itemCol="item", ratingCol="rating")\nmodel = als.fit(train)\nrmse = RegressionEvaluator(labelCol="rating").evaluate(model.transform(test))',
      useInstead: 'from pyspark.ml.evaluation import RegressionEvaluator\nfrom pyspark.ml.recommendation import ALS\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nratings = spark.read.parquet("s3://bucket/ratings")\ntrain, test = ratings.randomSplit([0.8, 0.2], seed=1)\nals = ALS(userCol="user", itemCol="item", ratingCol="rating", coldStartStrategy="drop")\nmodel = als.fit(train)\nrmse = RegressionEvaluator(labelCol="rating").evaluate(model.transform(test))',
      fixSafety: 'The fix sets `coldStartStrategy="drop"`, which removes rows without a prediction before scoring. It is unsafe: the evaluated row set changes (that is the point).',
      notFlagged: 'ALS models scored on the data they were fitted on (every user and item was seen; SPK002 reports that evaluation), ALS models that are only used to recommend (`recommendForAllUsers`), also when those top-k lists are scored (`RankingEvaluator` on `recommendForAllUsers(k)` joined to the test items: they never hold NaN), and ALS with `coldStartStrategy="drop"` set in the constructor, with `setColdStartStrategy`, or on the fitted model (`model.setColdStartStrategy("drop")`).',
    },
  },
  finish(context) {
    const recommenders = mlObjectsNamed(context.model, 'ALS');
    if (!recommenders.length) return;
    const evaluated: Value[] = evaluations(context.model).map((action) => action.receiver);
    const evaluatedAncestry = evaluated.map((value) => ancestors(value));
    const tuned = new Set<Value>();
    for (const value of mlObjectsOfKind(context.model, 'Tuning')) {
      if (!value.node) continue;
      const estimatorNode = context.model.callAt(value.node)?.parts.keywords.get('estimator');
      const estimator = context.model.valueOf(estimatorNode);
      if (estimator) tuned.add(estimator);
    }
    for (const als of recommenders) {
      if (als.kind !== 'Estimator' || !als.node) continue;
      const record = context.model.callAt(als.node);
      if (!record || record.parts.hasStarArgs) continue;
      const setter = als.facts?.setColdStartStrategy as PyNode | undefined;
      const keyword = record.parts.keywords.get('coldStartStrategy');
      if (stringValue(context.tree, setter ?? keyword) === 'drop') continue;
      const isEvaluated = tuned.has(als) || evaluatedAncestry.some((ancestry) => ancestry.has(als) && scoresPredictionsOf(als, ancestry, context.tree));
      if (!isEvaluated) continue;
      let fix: Fix | undefined;
      if (keyword && !setter) fix = { title: 'Set coldStartStrategy="drop"', safety: 'unsafe', edits: [replaceNode(keyword, '"drop"')] };
      else if (!setter) {
        const last = namedChildren(record.parts.argumentList!).at(-1);
        if (last) fix = { title: 'Add coldStartStrategy="drop"', safety: 'unsafe', edits: [insertAfter(last, ', coldStartStrategy="drop"')] };
      }
      context.report({
        range: rangeOf(record.parts.callee),
        message: 'ALS predicts NaN for users/items unseen in training; evaluation then returns NaN. Set `coldStartStrategy="drop"`.',
        fix,
      });
    }
  },
};
