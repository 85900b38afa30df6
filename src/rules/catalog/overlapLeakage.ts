import type { ActionRecord } from '../../analysis/model';
import { type PyNode, field, identifiersNamed } from '../../analysis/syntax';
import { FEATURE_ESTIMATORS, TRANSFORMERS } from '../../analysis/sparkApi';
import { isEvaluatedData, reachable, scoringOf } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { rangeOf } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { methodRange } from '../ruleHelpers';
import { evaluations } from '../modelIndex';

const UNSUPERVISED = new Set(['KMeans', 'BisectingKMeans', 'GaussianMixture', 'LDA', 'PowerIterationClustering']);

/** The evaluator whose evaluate() made this action. */
function evaluatorOf(action: ActionRecord, context: RuleContext): Value | undefined {
  const record = context.model.callAt(action.call);
  return record?.receiver?.kind === 'Evaluator' ? record.receiver : undefined;
}

interface Scored {
  action: ActionRecord;
  model: Value;
  trainingData: Value;
  scoredData: Value;
}

export const overlapLeakage: Rule = {
  meta: {
    code: 'SPK002',
    name: 'overlap-leakage',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for a model evaluated on data it was trained on: `model = est.fit(X)` ... `evaluator.evaluate(model.transform(X))` (or on data derived from X, or on `model.summary.predictions`, the training summary\'s output on X; also a training summary\'s metrics, `model.summary.areaUnderROC`, when the file scores nothing else), and for train and test sets drawn by independent `sample()` calls from the same source (the same DataFrame, or the same filters and projections written in both expressions: `df.filter(c).sample(...)` twice). Several metrics of the same predictions are one finding, on the first, with the others as related places.',
      whyIsThisBad: 'A model scores well on rows it has seen; the metric measures memorization, not generalization. Independent `sample()` calls overlap, so the "test" rows are partly training rows.',
      example: 'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ndata = spark.read.parquet("s3://features/churn")\nmodel = LogisticRegression().fit(data)\nauc = BinaryClassificationEvaluator().evaluate(model.transform(data))',
      useInstead: 'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ndata = spark.read.parquet("s3://features/churn")\ntrain, test = data.randomSplit([0.8, 0.2], seed=42)\nmodel = LogisticRegression().fit(train)\nauc = BinaryClassificationEvaluator().evaluate(model.transform(test))',
      fixSafety: 'No automatic fix: the split has to be introduced by hand.',
      notFlagged: 'A training summary\'s metrics (`model.summary.areaUnderROC`, `r2`, `accuracy`, ...) in a file that also scores data with an evaluator or `model.evaluate(test)`, or saves or logs the model (it may be evaluated elsewhere); Feature pipelines (a scaler, `Pipeline(stages=[assembler, scaler])`: they predict nothing, so what is scored after them was predicted elsewhere; SPK001 judges where they were fitted), clustering models scored on the data they were fitted on (KMeans, GaussianMixture, ... and ClusteringEvaluator: that is how they are evaluated); a training-set evaluation of a model that is also evaluated on held-out data (printing the training metric next to the test metric is a common diagnostic), and evaluations on splits of the data that do not include the training rows.',
    },
  },
  finish(context) {
    reportTrainingSummaryMetrics(context);
    const scored: Scored[] = [];
    for (const action of context.model.actions) {
      if (action.method !== 'evaluate' || !isEvaluatedData(action.receiver)) continue;
      // earlier transforms than the scoring model's are preprocessing (SPK001)
      const scoring = scoringOf(action.receiver);
      if (!scoring) continue;
      const { scored: scoredData, model } = scoring;
      // clustering is evaluated on the data it was fitted on by design
      if (UNSUPERVISED.has(model.parents[0]?.name ?? '')) continue;
      // a fitted feature pipeline (a scaler, `Pipeline([assembler, scaler])`) predicts nothing: what is
      // scored was predicted elsewhere (SPK001 judges where the pipeline was fitted)
      if (model.parents[0] && onlyFeatures(model.parents[0])) continue;
      if (evaluatorOf(action, context)?.name === 'ClusteringEvaluator') continue;
      const trainingData = model.parents[1];
      if (trainingData) scored.push({ action, model, trainingData, scoredData });
    }
    const leaked: Array<Scored & { onTrainingRows: boolean }> = [];
    for (const entry of scored) {
      const scoredAncestry = heldAncestors(entry.scoredData);
      const onTrainingRows = scoredAncestry.has(entry.trainingData);
      const overlappingSamples = !onTrainingRows && independentSamples(entry.trainingData, entry.scoredData, context);
      if (!onTrainingRows && !overlappingSamples) continue;
      // a training metric shown next to a held-out metric is a diagnostic, not leakage
      const alsoHeldOut = scored.some((other) => other.model === entry.model && other !== entry && !heldAncestors(other.scoredData).has(entry.trainingData));
      if (onTrainingRows && alsoHeldOut) continue;
      leaked.push({ ...entry, onTrainingRows });
    }
    // one finding per model and scored data: its other metrics (`rmse`, `mae`, `r2` of one `preds`) are related places
    const groups: Array<typeof leaked> = [];
    for (const entry of leaked) {
      const group = groups.find(([head]) => head!.model === entry.model && head!.scoredData === entry.scoredData);
      if (group) group.push(entry);
      else groups.push([entry]);
    }
    for (const [entry, ...others] of groups) {
      const fitted = entry!.model.node ? [{ range: rangeOf(entry!.model.node), message: 'the model is fitted here' }] : [];
      const alsoEvaluated = others.map((other) => ({ range: evaluationRange(other.action, context), message: 'and evaluated on the same data here' }));
      context.report({
        range: evaluationRange(entry!.action, context),
        message: entry!.onTrainingRows
          ? `The model is evaluated on data it was trained on${others.length ? ` (${others.length + 1} evaluations)` : ''}; the metric measures memorization. Evaluate on a held-out split.`
          : 'Train and test come from independent sample() calls on the same data, so they overlap; use randomSplit.',
        related: fitted.length || alsoEvaluated.length ? [...fitted, ...alsoEvaluated] : undefined,
      });
    }
  },
};

/** A feature estimator or transformer, or a Pipeline of only those. */
function onlyFeatures(estimator: Value): boolean {
  if (estimator.name === 'Pipeline') return !!estimator.elements?.length && estimator.elements.every(onlyFeatures);
  return !!estimator.name && (FEATURE_ESTIMATORS.has(estimator.name) || TRANSFORMERS.has(estimator.name));
}

function evaluationRange(action: ActionRecord, context: RuleContext) {
  const record = context.model.callAt(action.call);
  return record ? methodRange(action.call, record) : rangeOf(action.call);
}

/** Training data and scored data each drawn by a different sample() of the same rows. */
function independentSamples(trainingData: Value, scoredData: Value, context: RuleContext): boolean {
  const trainingSamples = drawnSamples(trainingData);
  const scoredSamples = drawnSamples(scoredData);
  return trainingSamples.some((a) => scoredSamples.some((b) => a !== b && !!a.parents[0] && !!b.parents[0] && sameRows(a.parents[0], b.parents[0], context)));
}

/** Row-wise steps that give the same rows, in the same partitions, when written the same way on the same rows. */
const SAME_ROWS_STEPS = new Set(['filter', 'where', 'select', 'selectExpr', 'drop', 'withColumn', 'withColumns', 'withColumnRenamed', 'dropna', 'fillna', 'cache', 'persist']);

/**
 * The same value, or the same chain written twice (`df.filter(col("label") == 0)` in both the train and
 * the test expression): Spark computes the same rows, so samples of each with one seed pick the same rows.
 */
function sameRows(a: Value, b: Value, context: RuleContext, depth = 0): boolean {
  if (a === b) return true;
  if (depth > 10 || a.kind !== 'DataFrame' || a.op !== b.op || !SAME_ROWS_STEPS.has(a.op ?? '') || a.node?.type !== 'call' || b.node?.type !== 'call') return false;
  const [fromA, fromB] = [a.parents[0], b.parents[0]];
  return !!fromA && !!fromB && argumentsText(a.node, context) === argumentsText(b.node, context) && sameRows(fromA, fromB, context, depth + 1);
}

function argumentsText(call: PyNode, context: RuleContext): string {
  const args = field(call, 'arguments');
  return args ? context.text(args).replace(/\s+/g, '') : '';
}

/** Methods whose argument's rows are taken out: `df.subtract(df.sample(0.8, seed=42))` is the sample's complement. */
const REMOVING = new Set(['subtract', 'exceptAll', 'subtractByKey']);

/**
 * The values whose rows `data` holds: its ancestors, except through what it removes (`subtract`'s
 * argument: `test = df.subtract(train)` holds none of train's rows).
 */
function heldAncestors(data: Value): Set<Value> {
  return reachable(data, (value) => (REMOVING.has(value.op ?? '') ? value.parents.slice(0, 1) : value.parents), 500);
}

function drawnSamples(data: Value): Value[] {
  return [...heldAncestors(data)].filter((value) => value.op === 'sample');
}

/** Metrics of pyspark.ml's training summaries (classification and linear regression), computed on the training rows. */
const SUMMARY_METRICS = [
  'areaUnderROC', 'accuracy', 'weightedPrecision', 'weightedRecall', 'weightedFMeasure', 'fMeasureByLabel', 'precisionByLabel',
  'recallByLabel', 'weightedTruePositiveRate', 'weightedFalsePositiveRate', 'r2', 'r2adj', 'rootMeanSquaredError',
  'meanSquaredError', 'meanAbsoluteError', 'explainedVariance',
];

/**
 * `model.summary.areaUnderROC` in a file that scores no data with an evaluator or `model.evaluate(...)` and does
 * not save the model: the job's only measure of the model is on the rows it was fitted on. One finding per
 * model, on its first metric read.
 */
function reportTrainingSummaryMetrics(context: RuleContext): void {
  const reads: Array<{ access: PyNode; metric: string; model: Value }> = [];
  for (const metric of SUMMARY_METRICS) {
    for (const name of identifiersNamed(context.tree, metric)) {
      const access = name.field === 'attribute' && name.parent?.type === 'attribute' ? name.parent : undefined;
      const summary = access ? context.model.valueOf(field(access, 'object')) : undefined;
      // each `model.summary` is a summary value of its own: the model is what they share
      const model = summary?.kind === 'Summary' && summary.op === 'summary' ? summary.parents[0] : undefined;
      if (model) reads.push({ access: access!, metric, model });
    }
  }
  // a model saved or logged may be evaluated by another job
  if (!reads.length || evaluations(context.model).length > 0 || /\.save\s*\(|\bmlflow\.|\.log_model\s*\(/.test(context.tree.text)) return;
  const reported = new Set<Value>();
  for (const { access, metric, model } of reads.sort((a, b) => a.access.startIndex - b.access.startIndex)) {
    if (reported.has(model)) continue;
    reported.add(model);
    context.report({
      range: rangeOf(access),
      message: `\`summary.${metric}\` is the training summary's metric, computed on the rows the model was fitted on, and nothing else is scored (nor the model saved) in this file: it measures memorization, not how the model does on new data. Evaluate it on a held-out split.`,
    });
  }
}
