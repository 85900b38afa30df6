import { RAW_PREDICTION_SETTERS, type SemanticModel } from '../../analysis/model';
import { type PyNode, field, namedChildren, stringValue, unparenthesize } from '../../analysis/syntax';
import { dataLineage, scoringOf } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { insertBefore, rangeOf, replaceNode } from '../positions';
import type { Rule, RuleContext } from '../rule';
import type { Fix, TextEdit } from '../types';
import { identifiersIn, methodRange, variableReferencesInScope } from '../ruleHelpers';
import { evaluations, mlObjectsNamed } from '../modelIndex';

export const aucOnHardLabels: Rule = {
  meta: {
    code: 'SPK006',
    name: 'auc-on-hard-labels',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      whatItDoes: 'Checks for a `BinaryClassificationEvaluator` whose raw prediction column is `"prediction"` (`rawPredictionCol="prediction"` or `.setRawPredictionCol("prediction")`), and for pyspark.mllib\'s `BinaryClassificationMetrics` given hard labels as scores: `select("prediction", ...)` pairs, or the `predict` of an mllib classifier (`LogisticRegressionWithLBFGS`, `SVMWithSGD`, their `Model.load`, unless the file calls `clearThreshold()` on the model; NaiveBayes and tree classifiers trained in the file always), zipped with the labels or paired in a `map` lambda, followed back through the names the scores are built from and through maps that pick the pair apart again (`pairs.map(lambda x: (float(x[0]), x[1]))`, or `(t[1], t[0])` after a label-first `zip`).',
      whyIsThisBad: 'Area under ROC/PR is computed by ranking rows by score. The `prediction` column holds hard 0/1 labels, so the curve has a single threshold and the "AUC" is really a function of one confusion matrix: it under-reports good models and cannot be compared across models.',
      example: 'from pyspark.ml.evaluation import BinaryClassificationEvaluator\n\nevaluator = BinaryClassificationEvaluator(labelCol="label", rawPredictionCol="prediction")',
      useInstead: 'from pyspark.ml.evaluation import BinaryClassificationEvaluator\n\nevaluator = BinaryClassificationEvaluator(labelCol="label", rawPredictionCol="rawPrediction")',
      fixSafety: 'The fix points the evaluator at `rawPrediction` (or `probability` works too), and adds `"rawPrediction"` to a `select` of column names that picks the predictions\' columns before the evaluation (`select("prediction", "label")`) when only evaluations read what it selects; it is kept through steps that keep every column (`filter`, `fillna`, `dropDuplicates` of a subset, `cache`, a split, `withColumn`, a join, ..., chained or in statements of their own) and withheld when a step may drop or rename columns otherwise (`drop`, `selectExpr`, `toDF`, `withColumnRenamed`, a select of expressions) `distinct()` after the select (the added column would change which rows are kept), or the data is read back from a table (which may not have kept `rawPrediction`) or the selected columns are also used elsewhere (a CSV write cannot take the vector column). It is unsafe because the reported metric changes (to the correct value). The mllib forms have no fix: the score is an element of a vector column, which the pairs have to take apart, or the model has to have its threshold cleared (`model.clearThreshold()`), and tree and NaiveBayes models of pyspark.mllib give no score at all.',
      notFlagged: 'Evaluators using `rawPrediction`, `probability` or a custom score column; an evaluator on `prediction` whose every evaluation in the file scores a regression model\'s predictions as the model made them (`GeneralizedLinearRegression(family="binomial")`, `GBTRegressor` on 0/1 labels, also tuned by `CrossValidator`: their `prediction` is a continuous score, so the AUC is real; in a helper function, what its callers pass is what is evaluated); an mllib linear model whose threshold the file clears anywhere (or when it clears one on a model it cannot follow, such as a helper\'s parameter); a tree model loaded from storage (the same classes hold regressors, whose predictions are scores); a `predict` outside the scores (filtering the data, the labels), which includes pairs in label-first order `(p.label, model.predict(...))` (the metrics then take the labels as scores); and multiclass evaluators and `MulticlassMetrics` (computed from hard labels by design).',
    },
  },
  visit: {
    call(node, context) {
      const record = context.model.callAt(node);
      if (record?.result.op !== 'evaluate' || record.callee.name !== 'pyspark.mllib.evaluation.BinaryClassificationMetrics') return;
      const hardLabels = scoresFromPrediction(record.result, context);
      if (hardLabels) {
        context.report({
          range: rangeOf(node),
          message: 'AUC computed from hard `prediction` labels is not an AUC; pair the labels with a score (`probability` or `rawPrediction`).',
          related: [{ range: rangeOf(hardLabels), message: 'the scores are the predicted labels' }],
        });
        return;
      }
      const predict = mllibLabelPrediction(record.parts.positional[0] ?? record.parts.keywords.get('scoreAndLabels'), context);
      if (!predict) return;
      context.report({
        range: rangeOf(node),
        message: predict.thresholded
          ? `AUC computed from hard labels is not an AUC: this mllib model's \`predict\` returns 0/1 until \`${predict.model}.clearThreshold()\` is called, which makes it return scores.`
          : 'AUC computed from hard labels is not an AUC: this mllib model\'s `predict` returns class labels and it has no score; train pyspark.ml\'s classifier and evaluate its `rawPrediction`.',
        related: [{ range: rangeOf(predict.call), message: 'the scores are the predicted labels' }],
      });
    },
  },
  // an evaluator is decided with the whole file in view: what it evaluates may be written anywhere after it
  finish(context) {
    const evaluations = evaluationsByEvaluator(context);
    for (const evaluator of mlObjectsNamed(context.model, 'BinaryClassificationEvaluator')) {
      if (evaluator.kind !== 'Evaluator') continue;
      if (evaluator.node && scoresRegressionModelsOnly(evaluations.get(evaluator.node))) continue;
      // the fix also keeps `rawPrediction` in the columns a `select` before the evaluation picks
      const keep = keepRawPrediction(evaluator.node ? evaluations.get(evaluator.node) : undefined, context);
      const fix = (argument: PyNode): Fix | undefined => keep && { title: 'Use rawPrediction', safety: 'unsafe', edits: [replaceNode(argument, context.text(argument).replace('prediction', 'rawPrediction')), ...keep] };
      const constructor = evaluator.node ? context.model.callAt(evaluator.node) : undefined;
      const column = constructor?.parts.keywords.get('rawPredictionCol');
      if (column && stringValue(context.tree, column) === 'prediction') {
        context.report({
          range: rangeOf(constructor!.parts.keywordNodes.get('rawPredictionCol')!),
          message: 'AUC computed from hard `prediction` labels is not an AUC; use `rawPrediction` (or `probability`).',
          fix: fix(column),
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
          fix: fix(argument),
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
  const evaluated = evaluations(context.model).filter((action) => action.evaluator?.kind === 'Evaluator' && action.evaluator.node);
  const calledInline = new Set(evaluated.filter((action) => action.inline).map((action) => action.call));
  const byEvaluator = new Map<PyNode, Value[]>();
  for (const action of evaluated) {
    if (!action.inline && calledInline.has(action.call)) continue;
    const made = action.evaluator!.node!;
    let data = byEvaluator.get(made);
    if (!data) byEvaluator.set(made, (data = []));
    data.push(action.receiver);
  }
  return byEvaluator;
}

/** Steps between a model's `transform` and the evaluation that keep the `prediction` column the model made. */
const KEEPS_PREDICTION_STEPS = new Set(['filter', 'where', 'limit', 'sample', 'repartition', 'coalesce', 'orderBy', 'sort', 'sortWithinPartitions', 'dropna', 'alias', 'hint', 'checkpoint', 'localCheckpoint']);

/** Steps between the model's `transform` and the evaluation that keep every column (`rawPrediction` too). */
const KEEPS_COLUMNS: ReadonlySet<string> = new Set([
  ...KEEPS_PREDICTION_STEPS, 'withColumn', 'withColumns', 'join', 'crossJoin', 'union', 'unionByName', 'fillna', 'fill', 'replace',
  'cache', 'persist', 'randomSplit', 'repartitionByRange',
]);

/** `dropDuplicates(["id"])` keeps every column; without a subset (or `distinct()`) a column added before it changes which rows are kept. */
function keepsColumns(value: Value, context: RuleContext): boolean {
  if (KEEPS_COLUMNS.has(value.op!)) return true;
  if ((value.op !== 'dropDuplicates' && value.op !== 'drop_duplicates') || !value.node) return false;
  const parts = context.model.callAt(value.node)?.parts;
  return !!parts && (parts.positional.length > 0 || parts.keywords.has('subset'));
}

/**
 * Edits that keep the model's `rawPrediction` column up to each evaluation: `"rawPrediction"` added to a
 * `select("prediction", "label")` of column names between the model's `transform` and the evaluation,
 * when only evaluations read what it selects (a CSV write of it would get a vector column). Undefined, so
 * the fix is withheld, when another step may drop or rename it (`drop`, `selectExpr`, `toDF`, a select of
 * expressions) or the select has other readers.
 */
function keepRawPrediction(evaluated: readonly Value[] | undefined, context: RuleContext): TextEdit[] | undefined {
  const edits = new Map<PyNode, TextEdit>();
  for (const data of evaluated ?? []) {
    const path: Value[] = [];
    for (let value: Value | undefined = data, depth = 0; value && value.op !== 'transform'; value = value.parents[0], depth++) {
      // where the data came from is not known (a parameter): what the model made is assumed
      if (depth > 50 || value.op === undefined || value.op === 'inferred') break;
      path.push(value);
      if (keepsColumns(value, context)) continue;
      if (value.op !== 'select' || !value.node) return undefined;
      const columns = context.model.callAt(value.node)?.parts.positional ?? [];
      const names = columns.map((column) => stringValue(context.tree, column));
      if (!columns.length || names.some((name) => name === undefined)) return undefined;
      if (names.includes('rawPrediction')) continue;
      if (!onlyEvaluated(path, context)) return undefined;
      edits.set(columns[0]!, insertBefore(columns[0]!, '"rawPrediction", '));
    }
  }
  return [...edits.values()];
}

/** Every name bound to one of `values` is read only as the data of an `evaluate(...)` call. */
function onlyEvaluated(values: readonly Value[], context: RuleContext): boolean {
  const held = new Set(values);
  // `preds = preds.dropDuplicates(["id"])`, `a, b = preds.randomSplit(...)`: read by the next step on the way to the evaluation
  const feedsNextStep = (use: PyNode): boolean => {
    const call = use.parent?.type === 'attribute' && use.field === 'object' ? use.parent.parent : undefined;
    const result = call?.type === 'call' ? context.model.callAt(call)?.result : undefined;
    return !!result && (held.has(result) || (result.elements ?? []).some((element) => held.has(element)));
  };
  return context.model.bindings.filter((binding) => held.has(binding.value)).every((binding) =>
    variableReferencesInScope(context, binding.name, binding.node).every((use) => use === binding.node || !!context.model.bindingAt(use) || inEvaluation(use, context) || feedsNextStep(use)));
}

function inEvaluation(use: PyNode, context: RuleContext): boolean {
  for (let at = use.parent; at && at.type !== 'block' && at.type !== 'module'; at = at.parent) {
    if (at.type === 'call' && context.model.callAt(at)?.parts.method === 'evaluate') return true;
  }
  return false;
}

/**
 * A regressor's `prediction` is a continuous score (a binomial GLM's is the probability), not a hard label
 * (LogisticRegression, a classifier, is not one of them).
 */
const REGRESSION_ESTIMATOR = /(Regressor|^(Linear|GeneralizedLinear|Isotonic|AFTSurvival)Regression)$/;


/** True when the evaluator evaluates something, and every time a regression model's predictions as it made them. */
function scoresRegressionModelsOnly(evaluated: readonly Value[] | undefined): boolean {
  if (!evaluated?.length) return false;
  return evaluated.every((data) => {
    // `(F.col("prediction") > 0.5)` put in its place would be hard labels again
    for (let value: Value | undefined = data, depth = 0; value?.op !== 'transform'; value = value.parents[0], depth++) {
      if (!value?.op || depth > 50 || !KEEPS_PREDICTION_STEPS.has(value.op)) return false;
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

/** pyspark.mllib classifiers whose `predict` returns 0/1 labels until `clearThreshold()`, by what makes the model. */
const THRESHOLDED_MODEL = /^pyspark\.mllib\.classification\.((LogisticRegressionWithLBFGS|LogisticRegressionWithSGD|SVMWithSGD)\.train|(LogisticRegressionModel|SVMModel)\.load)$/;
/**
 * pyspark.mllib classifiers whose `predict` only ever returns labels (no score to clear a threshold for).
 * Not a tree model's `load`: the same classes hold regressors, whose predictions are scores.
 */
const LABEL_MODEL = /^pyspark\.mllib\.(classification\.(NaiveBayes\.train|NaiveBayesModel\.load)|tree\.(DecisionTree|RandomForest|GradientBoostedTrees)\.trainClassifier)$/;
/** How many names back the pairs are followed (`pairs = scores.zip(labels)`, `scores = model.predict(...)`). */
const MAX_NAME_STEPS = 8;

interface MllibPrediction {
  /** The `model.predict(...)` call. */
  call: PyNode;
  /** The text of its receiver (`svm`), for the message. */
  model: string;
  /** A linear model, whose predictions are scores once its threshold is cleared. */
  thresholded: boolean;
}

/**
 * The `model.predict(...)` call that makes the scores a BinaryClassificationMetrics is given, read back
 * through the names they are built from, when the model is a pyspark.mllib classifier whose predictions
 * are labels: a linear one whose threshold the file does not clear, a tree or NaiveBayes classifier always.
 * Only the score side is read (the `slot` of the pairs that holds it): the receiver of `scores.zip(labels)`,
 * the argument of `labels.zip(scores)` once a map swapped the pair (`lambda t: (t[1], t[0])`), the
 * element of `data.map(lambda p: (score, label))`; not what filters or gates the data.
 */
function mllibLabelPrediction(argument: PyNode | undefined, context: RuleContext): MllibPrediction | undefined {
  const seen = new Set<string>();
  let found: MllibPrediction | undefined;
  const visit = (node: PyNode, steps: number, slot: number): void => {
    const key = `${node.id}:${slot}`;
    if (found || seen.has(key)) return;
    seen.add(key);
    if (node.type === 'identifier') {
      const madeAt = steps < MAX_NAME_STEPS ? context.model.valueOf(node)?.node : undefined;
      if (madeAt && madeAt !== node) visit(madeAt, steps + 1, slot);
      return;
    }
    const record = node.type === 'call' ? context.model.callAt(node) : undefined;
    const method = record?.parts.method;
    if (record && method === 'predict') {
      const made = record.receiver?.node;
      const maker = made?.type === 'call' ? context.model.callAt(made)?.callee.name : undefined;
      const model = context.text(record.parts.receiver ?? node);
      if (made && maker && LABEL_MODEL.test(maker)) found = { call: node, model, thresholded: false };
      else if (made && maker && THRESHOLDED_MODEL.test(maker) && !thresholdMayBeCleared(made, context)) found = { call: node, model, thresholded: true };
      return;
    }
    // `scores.zip(labels)`: the first of each pair is the receiver's, the second the argument's
    if (record && method === 'zip') {
      const side = slot === 0 ? record.parts.receiver : slot === 1 ? record.parts.positional[0] : undefined;
      if (side) visit(side, steps, 0);
      return;
    }
    // `data.map(lambda p: (score, label))`: the element in the slot; `p[1]` there is the data's own slot 1
    const element = record && method === 'map' ? pairElement(record.parts.positional[0], slot, context) : undefined;
    if (record && element) {
      const index = indexOfParameter(element.returned, element.parameter, context);
      if (index !== undefined) {
        if (record.parts.receiver) visit(record.parts.receiver, steps, index);
      } else if (!readsOnlyParameter(element.returned, element.parameter, context)) {
        visit(element.returned, steps, 0);
      }
      return;
    }
    for (const child of node.children) visit(child, steps, slot);
  };
  if (argument) visit(argument, 0, 0);
  return found;
}

/**
 * The element `slot` of the tuple a `lambda p: (score, label)`, or a function of the file with one
 * `return (score, label)`, returns, with the function's one parameter.
 */
function pairElement(fn: PyNode | undefined, slot: number, context: RuleContext): { returned: PyNode; parameter: string | undefined } | undefined {
  const definition = fn?.type === 'identifier' ? context.model.valueOf(fn)?.fn?.node : fn;
  let returned: PyNode | undefined;
  if (definition?.type === 'lambda') {
    returned = field(definition, 'body');
  } else if (definition?.type === 'function_definition') {
    const returns = namedChildren(field(definition, 'body') ?? definition).filter((statement) => statement.type === 'return_statement');
    returned = returns.length === 1 ? namedChildren(returns[0]!)[0] : undefined;
  }
  const tuple = returned && unparenthesize(returned);
  const element = tuple?.type === 'tuple' ? namedChildren(tuple)[slot] : undefined;
  const parameters = definition ? namedChildren(field(definition, 'parameters') ?? definition).filter((param) => param.type === 'identifier') : [];
  return element && { returned: element, parameter: parameters.length === 1 ? context.text(parameters[0]!) : undefined };
}

/** Casts that leave a score a score (`float(p[0])`). */
const CASTS = /^(float|int)$/;

/** `p[1]`, `float(p[1])`: the index of the parameter's element the expression is. */
function indexOfParameter(expression: PyNode, parameter: string | undefined, context: RuleContext): number | undefined {
  let node = unparenthesize(expression);
  if (node.type === 'call' && CASTS.test(context.text(field(node, 'function') ?? node))) node = unparenthesize(namedChildren(field(node, 'arguments') ?? node)[0] ?? node);
  if (node.type !== 'subscript' || !parameter || context.text(field(node, 'value') ?? node) !== parameter) return undefined;
  const index = node.children.filter((child) => child.field === 'subscript');
  return index.length === 1 && index[0]!.type === 'integer' ? Number(context.text(index[0]!)) : undefined;
}

/** `p.label`, `float(p.label)`: an expression that reads nothing but the parameter (the data, not a model). */
function readsOnlyParameter(expression: PyNode, parameter: string | undefined, context: RuleContext): boolean {
  return !!parameter && identifiersIn(expression).every((identifier) => identifier.field === 'attribute' || context.text(identifier) === parameter || CASTS.test(context.text(identifier)));
}

/**
 * The models whose threshold the file clears, by the node that made them (indexed once per lint), and
 * whether it clears one on a receiver it cannot follow (a helper's parameter): then any model's may be.
 */
const clearedThresholds = new WeakMap<SemanticModel, { made: Set<PyNode>; unknown: boolean }>();

function thresholdMayBeCleared(made: PyNode, context: RuleContext): boolean {
  let cleared = clearedThresholds.get(context.model);
  if (!cleared) {
    cleared = { made: new Set(), unknown: false };
    for (const node of context.tree.nodes) {
      const record = node.type === 'call' ? context.model.callAt(node) : undefined;
      if (record?.parts.method !== 'clearThreshold') continue;
      const receiver = record.receiver?.node;
      if (receiver?.type === 'call' && THRESHOLDED_MODEL.test(context.model.callAt(receiver)?.callee.name ?? '')) cleared.made.add(receiver);
      else cleared.unknown = true;
    }
    clearedThresholds.set(context.model, cleared);
  }
  return cleared.unknown || cleared.made.has(made);
}
