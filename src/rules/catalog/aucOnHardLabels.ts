import { stringValue } from '../../analysis/syntax';
import { rangeOf, replaceNode } from '../positions';
import type { Rule } from '../rule';
import { methodCall, methodRange } from '../ruleHelpers';

export const aucOnHardLabels: Rule = {
  meta: {
    code: 'SPK006',
    name: 'auc-on-hard-labels',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      whatItDoes: 'Checks for a `BinaryClassificationEvaluator` whose raw prediction column is `"prediction"` (`rawPredictionCol="prediction"` or `.setRawPredictionCol("prediction")`).',
      whyIsThisBad: 'Area under ROC/PR is computed by ranking rows by score. The `prediction` column holds hard 0/1 labels, so the curve has a single threshold and the "AUC" is really a function of one confusion matrix: it under-reports good models and cannot be compared across models.',
      example: 'from pyspark.ml.evaluation import BinaryClassificationEvaluator\n\nevaluator = BinaryClassificationEvaluator(labelCol="label", rawPredictionCol="prediction")',
      useInstead: 'from pyspark.ml.evaluation import BinaryClassificationEvaluator\n\nevaluator = BinaryClassificationEvaluator(labelCol="label", rawPredictionCol="rawPrediction")',
      fixSafety: 'The fix points the evaluator at `rawPrediction` (or `probability` works too). It is unsafe because the reported metric changes (to the correct value).',
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
