import { ancestors, isEvaluatedData, scoringOf, splitPartsAmong } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { rangeOf } from '../positions';
import type { Rule } from '../rule';
import { methodRange } from '../ruleHelpers';
import { statefulStages } from './preprocessingLeakage';

export const preprocessingFitOnTest: Rule = {
  meta: {
    code: 'SPK011',
    name: 'preprocessing-fit-on-test',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for a stateful preprocessing estimator (a scaler, indexer, imputer, encoder, PCA, ... or a Pipeline holding one) fitted on a part of a split that the model is not trained on, when its output is evaluated: `scaled_test = scaler.fit(test).transform(test)` next to a model fitted on the training part.',
      whyIsThisBad: 'The test rows are transformed with statistics of their own (their mean and spread, their category indexes), not with the ones the model learned from: the model sees features on another scale or with other codes than in training. The score then measures neither the model nor what it will do on new data, where only the training statistics exist.',
      example: 'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.ml.feature import StandardScaler\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ntrain, test = spark.read.parquet("s3://ml/features").randomSplit([0.8, 0.2], seed=1)\nscaler = StandardScaler(inputCol="raw", outputCol="features")\nscaled_train = scaler.fit(train).transform(train)\nscaled_test = scaler.fit(test).transform(test)\nmodel = LogisticRegression().fit(scaled_train)\nauc = BinaryClassificationEvaluator().evaluate(model.transform(scaled_test))',
      useInstead: 'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.ml.feature import StandardScaler\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ntrain, test = spark.read.parquet("s3://ml/features").randomSplit([0.8, 0.2], seed=1)\nscaler_model = StandardScaler(inputCol="raw", outputCol="features").fit(train)\nscaled_train = scaler_model.transform(train)\nscaled_test = scaler_model.transform(test)\nmodel = LogisticRegression().fit(scaled_train)\nauc = BinaryClassificationEvaluator().evaluate(model.transform(scaled_test))',
      fixSafety: 'No automatic fix: the training part\'s fitted model has to be kept and reused, which changes more than the one call.',
      notFlagged: 'Preprocessing fitted on the training part, or before the split (SPK001 reports that), a part of a split no model is trained on from a sibling part (no train/test roles), fits whose output no evaluation reads, and stateless transformers (VectorAssembler, Tokenizer, Bucketizer, ...).',
    },
  },
  finish(context) {
    const reported = new Set<Value>();
    for (const action of context.model.actions) {
      if (action.method !== 'evaluate' || !isEvaluatedData(action.receiver)) continue;
      // the preprocessing models come before the scoring model
      const scoring = scoringOf(action.receiver);
      const trainedOn = scoring?.model.parents[1];
      if (!scoring || !trainedOn) continue;
      const { scored, model } = scoring;
      const training = ancestors(trainedOn);
      for (const fitted of ancestors(scored)) {
        if (reported.has(fitted) || fitted.kind !== 'Model' || fitted.op !== 'fit' || !fitted.node) continue;
        const [estimator, data] = fitted.parents;
        if (!estimator || data?.kind !== 'DataFrame' || !statefulStages(estimator).length) continue;
        // fitted on a part of a split whose sibling, not itself, trained the scoring model
        const part = splitPartsAmong(ancestors(data)).find((candidate) => !training.has(candidate) && [...training].some((sibling) => isSiblingPart(sibling, candidate)));
        if (!part) continue;
        reported.add(fitted);
        const record = context.model.callAt(fitted.node);
        const name = estimator.name === 'Pipeline' ? 'The Pipeline' : (estimator.name ?? 'This estimator');
        context.report({
          range: record ? methodRange(fitted.node, record) : rangeOf(fitted.node),
          message: `${name} is fitted on the part of the split the model is evaluated on, not the one it is trained on: these rows are transformed with statistics of their own, so the score does not show how the model does on new data. Fit it on the training part and transform both parts with that fitted model.`,
          related: [
            ...(model.node ? [{ range: rangeOf(model.node), message: 'the model is trained on the other part here' }] : []),
            { range: rangeOf(action.call), message: 'the evaluation reads its output' },
          ],
        });
      }
    }
  },
};

/** Another part of the same randomSplit call. */
function isSiblingPart(value: Value, part: Value): boolean {
  return value.op === 'randomSplit' && value.node === part.node && value.splitIndex !== part.splitIndex;
}
