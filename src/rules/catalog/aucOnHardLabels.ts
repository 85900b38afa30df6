import { RAW_PREDICTION_SETTERS } from '../../analysis/model';
import { type PyNode, stringValue } from '../../analysis/syntax';
import { dataLineage, scoringOf } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { rangeOf, replaceNode } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { methodRange } from '../ruleHelpers';

export const aucOnHardLabels: Rule = {
  meta: {
    code: 'SPK006',
    name: 'auc-on-hard-labels',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      whatItDoes: 'Checks for a `BinaryClassificationEvaluator` whose raw prediction column is `"prediction"` (`rawPredictionCol="prediction"` or `.setRawPredictionCol("prediction")`), and for pyspark.mllib\'s `BinaryClassificationMetrics` given `select("prediction", ...)` pairs.',
      whyIsThisBad: 'Area under ROC/PR is computed by ranking rows by score. The `prediction` column holds hard 0/1 labels, so the curve has a single threshold and the "AUC" is really a function of one confusion matrix: it under-reports good models and cannot be compared across models.',
      example: 'from pyspark.ml.evaluation import BinaryClassificationEvaluator\n\nevaluator = BinaryClassificationEvaluator(labelCol="label", rawPredictionCol="prediction")',
      useInstead: 'from pyspark.ml.evaluation import BinaryClassificationEvaluator\n\nevaluator = BinaryClassificationEvaluator(labelCol="label", rawPredictionCol="rawPrediction")',
      fixSafety: 'The fix points the evaluator at `rawPrediction` (or `probability` works too). It is unsafe because the reported metric changes (to the correct value). The mllib form has no fix: the score is an element of a vector column, which the pairs have to take apart.',
      notFlagged: 'Evaluators using `rawPrediction`, `probability` or a custom score column; an evaluator on `prediction` whose every evaluation in the file scores a regression model\'s predictions as the model made them (`GeneralizedLinearRegression(family="binomial")`, `GBTRegressor` on 0/1 labels, also tuned by `CrossValidator`: their `prediction` is a continuous score, so the AUC is real; in a helper function, what its callers pass is what is evaluated); and multiclass evaluators (`MulticlassClassificationEvaluator` metrics are computed from hard labels by design).',
    },
  },
  visit: {
    call(node, context) {
      const record = context.model.callAt(node);
      if (record?.result.op !== 'evaluate' || record.callee.name !== 'pyspark.mllib.evaluation.BinaryClassificationMetrics') return;
      const hardLabels = scoresFromPrediction(record.result, context);
      if (!hardLabels) return;
      context.report({
        range: rangeOf(node),
        message: 'AUC computed from hard `prediction` labels is not an AUC; pair the labels with a score (`probability` or `rawPrediction`).',
        related: [{ range: rangeOf(hardLabels), message: 'the scores are the predicted labels' }],
      });
    },
  },
  // an evaluator is decided with the whole file in view: what it evaluates may be written anywhere after it
  finish(context) {
    const evaluations = evaluationsByEvaluator(context);
    for (const evaluator of context.model.mlObjects) {
      if (evaluator.kind !== 'Evaluator' || evaluator.name !== 'BinaryClassificationEvaluator') continue;
      if (evaluator.node && scoresRegressionModelsOnly(evaluations.get(evaluator.node))) continue;
      const constructor = evaluator.node ? context.model.callAt(evaluator.node) : undefined;
      const column = constructor?.parts.keywords.get('rawPredictionCol');
      if (column && stringValue(context.tree, column) === 'prediction') {
        context.report({
          range: rangeOf(constructor!.parts.keywordNodes.get('rawPredictionCol')!),
          message: 'AUC computed from hard `prediction` labels is not an AUC; use `rawPrediction` (or `probability`).',
          fix: { title: 'Use rawPrediction', safety: 'unsafe', edits: [replaceNode(column, context.text(column).replace('prediction', 'rawPrediction'))] },
        });
      }
      // each `evaluator.setRawPredictionCol("prediction")`, kept by the model as a fact of the evaluator
      for (const setter of (evaluator.facts?.[RAW_PREDICTION_SETTERS] as PyNode[] | undefined) ?? []) {
        const setterRecord = context.model.callAt(setter);
        const argument = setterRecord?.parts.positional[0];
        if (!setterRecord || !argument || stringValue(context.tree, argument) !== 'prediction') continue;
        context.report({
          range: methodRange(setter, setterRecord),
          message: 'AUC computed from hard `prediction` labels is not an AUC; use `rawPrediction` (or `probability`).',
          fix: { title: 'Use rawPrediction', safety: 'unsafe', edits: [replaceNode(argument, context.text(argument).replace('prediction', 'rawPrediction'))] },
        });
      }
    }
  },
};

/**
 * The data each evaluator evaluates in the file, by the node that made the evaluator. An evaluation in a
 * helper function is read at its call sites (inline runs) when it has any: its run where it is defined
 * evaluates a parameter, whatever the callers pass.
 */
function evaluationsByEvaluator(context: RuleContext): Map<PyNode, Value[]> {
  const evaluations = context.model.actions.filter((action) => action.method === 'evaluate' && action.evaluator?.kind === 'Evaluator' && action.evaluator.node);
  const calledInline = new Set(evaluations.filter((action) => action.inline).map((action) => action.call));
  const byEvaluator = new Map<PyNode, Value[]>();
  for (const action of evaluations) {
    if (!action.inline && calledInline.has(action.call)) continue;
    const made = action.evaluator!.node!;
    let evaluated = byEvaluator.get(made);
    if (!evaluated) byEvaluator.set(made, (evaluated = []));
    evaluated.push(action.receiver);
  }
  return byEvaluator;
}

/**
 * A regressor's `prediction` is a continuous score (a binomial GLM's is the probability), not a hard label
 * (LogisticRegression, a classifier, is not one of them).
 */
const REGRESSION_ESTIMATOR = /(Regressor|^(Linear|GeneralizedLinear|Isotonic|AFTSurvival)Regression)$/;

/** Steps between a model's `transform` and the evaluation that keep the `prediction` column the model made. */
const KEEPS_PREDICTION = new Set(['filter', 'where', 'limit', 'sample', 'repartition', 'coalesce', 'orderBy', 'sort', 'sortWithinPartitions', 'dropna', 'alias', 'hint', 'checkpoint', 'localCheckpoint']);

/** True when the evaluator evaluates something, and every time a regression model's predictions as it made them. */
function scoresRegressionModelsOnly(evaluated: readonly Value[] | undefined): boolean {
  if (!evaluated?.length) return false;
  return evaluated.every((data) => {
    // `(F.col("prediction") > 0.5)` put in its place would be hard labels again
    for (let value: Value | undefined = data, depth = 0; value?.op !== 'transform'; value = value.parents[0], depth++) {
      if (!value?.op || depth > 50 || !KEEPS_PREDICTION.has(value.op)) return false;
    }
    let estimator = scoringOf(data)?.model.parents[0];
    if (estimator?.kind === 'Tuning') estimator = estimator.parents[0]; // CrossValidator(estimator=GBTRegressor(), ...)
    const last = estimator?.name === 'Pipeline' ? estimator.elements?.[estimator.elements.length - 1] : estimator;
    return !!last?.name && REGRESSION_ESTIMATOR.test(last.name);
  });
}

/** pyspark.mllib's BinaryClassificationMetrics given `select("prediction", ...)`: the argument of that select. */
function scoresFromPrediction(metrics: Value, context: RuleContext): PyNode | undefined {
  for (const value of dataLineage(metrics.parents[0] ?? metrics)) {
    // a select on a value the model could not follow (a parameter) is still a call of select
    const record = value.node?.type === 'call' ? context.model.callAt(value.node) : undefined;
    if (record?.parts.method !== 'select') continue;
    const first = record.parts.positional[0];
    if (stringValue(context.tree, first) === 'prediction') return first;
  }
  return undefined;
}
