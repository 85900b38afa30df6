import { type PyNode, stringValue } from '../../analysis/syntax';
import { dataLineage } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { rangeOf, replaceNode } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { methodCall, methodRange } from '../ruleHelpers';

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
      notFlagged: 'Evaluators using `rawPrediction`, `probability` or a custom score column, and multiclass evaluators (`MulticlassClassificationEvaluator` metrics are computed from hard labels by design).',
    },
  },
  visit: {
    call(node, context) {
      const record = context.model.callAt(node);
      if (!record) return;
      const result = record.result;
      if (result.kind === 'Evaluator' && result.name === 'BinaryClassificationEvaluator' && result.node === node) {
        const column = record.parts.keywords.get('rawPredictionCol');
        if (column && stringValue(context.tree, column) === 'prediction') {
          context.report({
            range: rangeOf(record.parts.keywordNodes.get('rawPredictionCol')!),
            message: 'AUC computed from hard `prediction` labels is not an AUC; use `rawPrediction` (or `probability`).',
            fix: { title: 'Use rawPrediction', safety: 'unsafe', edits: [replaceNode(column, context.text(column).replace('prediction', 'rawPrediction'))] },
          });
        }
        return;
      }
      if (record.result.op === 'evaluate' && record.callee.name === 'pyspark.mllib.evaluation.BinaryClassificationMetrics') {
        const hardLabels = scoresFromPrediction(record.result, context);
        if (hardLabels) {
          context.report({
            range: rangeOf(node),
            message: 'AUC computed from hard `prediction` labels is not an AUC; pair the labels with a score (`probability` or `rawPrediction`).',
            related: [{ range: rangeOf(hardLabels), message: 'the scores are the predicted labels' }],
          });
        }
        return;
      }
      const setter = methodCall(node, context, 'setRawPredictionCol');
      const argument = setter?.parts.positional[0];
      if (!setter || setter.receiver?.kind !== 'Evaluator' || setter.receiver.name !== 'BinaryClassificationEvaluator' || stringValue(context.tree, argument) !== 'prediction') return;
      context.report({
        range: methodRange(node, setter),
        message: 'AUC computed from hard `prediction` labels is not an AUC; use `rawPrediction` (or `probability`).',
        fix: { title: 'Use rawPrediction', safety: 'unsafe', edits: [replaceNode(argument!, context.text(argument!).replace('prediction', 'rawPrediction'))] },
      });
    },
  },
};

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
