import type { PyNode } from '../../analysis/syntax';
import { intValue, namedChildren } from '../../analysis/syntax';
import { insertAfter, rangeOf, replaceNode } from '../positions';
import { WHOLE_CLUSTER_TRAINERS } from '../../analysis/sparkApi';
import type { Value } from '../../analysis/values';
import type { Rule, RuleContext } from '../rule';
import type { Fix } from '../types';
import { mlObjectsOfKind } from '../modelIndex';

const PARALLELISM = 4;

export const serialModelSearch: Rule = {
  meta: {
    code: 'SPK402',
    name: 'serial-model-search',
    severity: 'hint',
    fix: 'safe',
    docs: {
      whatItDoes: '`CrossValidator` and `TrainValidationSplit` without `parallelism` greater than 1 (neither in the constructor nor through `setParallelism`).',
      whyIsThisBad: 'By default the candidate models of the parameter grid are fitted one after the other. Each fit is a separate set of Spark jobs that rarely uses the whole cluster; fitting several at once (`parallelism=4`) shortens the search several times.',
      example: 'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.ml.tuning import CrossValidator, ParamGridBuilder\n\nlr = LogisticRegression()\ngrid = ParamGridBuilder().addGrid(lr.regParam, [0.01, 0.1]).build()\ncv = CrossValidator(estimator=lr, estimatorParamMaps=grid, evaluator=BinaryClassificationEvaluator(), numFolds=3)',
      useInstead: 'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.ml.tuning import CrossValidator, ParamGridBuilder\n\nlr = LogisticRegression()\ngrid = ParamGridBuilder().addGrid(lr.regParam, [0.01, 0.1]).build()\ncv = CrossValidator(estimator=lr, estimatorParamMaps=grid, evaluator=BinaryClassificationEvaluator(), numFolds=3, parallelism=4)',
      fixSafety: `The fix sets \`parallelism=${PARALLELISM}\`. The fitted models and the chosen one are the same, so it is safe; it uses more driver threads and cluster slots at once.`,
      notFlagged: 'Searches with `parallelism` > 1 in the constructor or set later with `setParallelism`, searches whose parallelism is a variable, and searches over XGBoost (`xgboost.spark`, `sparkxgb`) or LightGBM (SynapseML) estimators, alone or in a Pipeline, or among the estimators a name may hold (`models[name]` in a loop over names): each fit is a distributed job that takes the task slots (GPUs) of many executors, and concurrent fits compete for them and can hang; XGBoost\'s maintainers say to run them one at a time. Also searches of one candidate (`ParamGridBuilder().build()` without `addGrid`, or `[{}]`: CrossValidator used for the k-fold metrics of one model), which fit one model per fold whatever `parallelism` says.',
    },
  },
  finish(context) {
    for (const value of mlObjectsOfKind(context.model, 'Tuning')) {
      if (!value.node) continue;
      const call = value.node;
      const record = context.model.callAt(call);
      if (!record || record.parts.hasStarArgs) continue;
      const estimator = context.model.valueOf(record.parts.keywords.get('estimator'));
      if (estimator && trainsOnWholeCluster(estimator)) continue;
      if (oneParamMap(record.parts.keywords.get('estimatorParamMaps'), context)) continue;
      const configured = (value.facts?.setParallelism as PyNode | undefined) ?? record.parts.keywords.get('parallelism');
      const parallelism = configured && intValue(context.tree, configured);
      if (configured && (parallelism === undefined || parallelism > 1)) continue;
      let fix: Fix | undefined;
      const keyword = record.parts.keywords.get('parallelism');
      if (keyword) fix = { title: `Set parallelism=${PARALLELISM}`, safety: 'safe', edits: [replaceNode(keyword, String(PARALLELISM))] };
      else if (!value.facts?.setParallelism) {
        const last = namedChildren(record.parts.argumentList!).at(-1);
        const edit = last ? insertAfter(last, `, parallelism=${PARALLELISM}`) : { range: { start: { line: record.parts.argumentList!.startRow, character: record.parts.argumentList!.startCol + 1 }, end: { line: record.parts.argumentList!.startRow, character: record.parts.argumentList!.startCol + 1 } }, newText: `parallelism=${PARALLELISM}` };
        fix = { title: `Add parallelism=${PARALLELISM}`, safety: 'safe', edits: [edit] };
      }
      context.report({
        range: rangeOf(record.parts.callee),
        message: `${value.name} fits the candidate models one at a time; set \`parallelism\` (e.g. ${PARALLELISM}) to fit several at once.`,
        fix,
      });
    }
  },
};

/**
 * `ParamGridBuilder().build()` without `addGrid` (or `[{}]`): one candidate per fold, which Spark fits one
 * at a time whatever `parallelism` says (CrossValidator used for the k-fold metrics of one model).
 */
function oneParamMap(maps: PyNode | undefined, context: RuleContext): boolean {
  const node = maps && (context.model.valueOf(maps)?.node ?? maps);
  const text = node ? context.text(node).replace(/\s+/g, '') : '';
  return /(^|\.)ParamGridBuilder\(\)\.build\(\)$/.test(text) || text === '[{}]';
}

/** An XGBoost or LightGBM estimator, or a Pipeline with one; one of the estimators a name may hold (`models[name]`). */
function trainsOnWholeCluster(estimator: Value, depth = 0): boolean {
  if (estimator.op === 'join-branches' && depth < 8) return estimator.parents.some((each) => trainsOnWholeCluster(each, depth + 1));
  if (estimator.name && WHOLE_CLUSTER_TRAINERS.has(estimator.name)) return true;
  return estimator.name === 'Pipeline' && !!estimator.elements?.some((stage) => !!stage.name && WHOLE_CLUSTER_TRAINERS.has(stage.name));
}
