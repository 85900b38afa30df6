import type { PyNode } from '../../analysis/syntax';
import { field, identifiersNamed, namedChildren, stringValue } from '../../analysis/syntax';
import { ancestors, isEvaluatedData, splitPartsAmong } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { rangeOf } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { isLabelColumn, isRecommenderIdIndexer, methodRange, mlParamNode } from '../ruleHelpers';
import { leakageFix } from './preprocessingLeakageFix';
import { findStatsLeaks, reportStatsLeaks } from './statsLeakage';
import { evaluations, mlObjectsOfKind } from '../modelIndex';

/**
 * Stateful stages that learn only which categories exist and number them: fitted on all rows, the test
 * rows' categories are known, nothing of their values or labels (information, not a warning).
 */
const CATEGORY_INDEXERS = new Set(['StringIndexer', 'OneHotEncoder', 'VectorIndexer']);

/** Estimators that learn statistics from the data they are fitted on. */
const STATEFUL = new Set([
  'StandardScaler', 'MinMaxScaler', 'MaxAbsScaler', 'RobustScaler', 'Imputer', 'StringIndexer', 'OneHotEncoder',
  'VectorIndexer', 'QuantileDiscretizer', 'PCA', 'IDF', 'CountVectorizer', 'Word2Vec', 'ChiSqSelector',
  'UnivariateFeatureSelector', 'VarianceThresholdSelector', 'TargetEncoder', 'RFormula',
  // scikit-learn (pandas data after toPandas())
  'SimpleImputer', 'KNNImputer', 'OrdinalEncoder', 'TfidfVectorizer', 'SelectKBest', 'SelectPercentile',
  'QuantileTransformer', 'PowerTransformer', 'KBinsDiscretizer', 'TruncatedSVD',
]);

export const preprocessingLeakage: Rule = {
  meta: {
    code: 'SPK001',
    name: 'preprocessing-leakage',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      whatItDoes: 'Checks for a stateful feature estimator (StandardScaler, MinMaxScaler, Imputer, StringIndexer, OneHotEncoder, PCA, IDF, CountVectorizer, feature selectors, RFormula, ..., or a Pipeline containing one) fitted on data that is later split into training and test sets, when its fitted output reaches the data a model is evaluated on (by an Evaluator, by a model\'s own `evaluate(test)` summary, or by pyspark.mllib\'s metrics, also of predictions collected and made an RDD again with `sc.parallelize`); and for statistics of the full data (`agg(mean/stddev/min/max)`, a `select` of aggregates only such as `select(F.mean("age"))`, `approxQuantile`, `describe`/`summary` values) used in `fillna`/`withColumn` before the split, and for per-group statistics of the full data (`groupBy("zone").agg(F.avg("price"))`, `.avg(...)`, `.count()`) joined in as features before the split (a target encoding when they are of the label), or computed over a window of whole groups (`F.percentile_approx("x", 0.5).over(Window.partitionBy("zone"))` imputing `x`, or a window statistic that is an input of a VectorAssembler).',
      whyIsThisBad: 'The fitted statistics (means, ranges, vocabularies, category orders) were computed with the test rows included, so the test set is no longer unseen: every reported metric is optimistic and will not hold in production. Fit the preprocessing on the training split only, for example by putting it in the Pipeline that is fitted on `train`.',
      example: 'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.ml.feature import MinMaxScaler\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ndata = spark.read.format("libsvm").load("data/sample_libsvm_data.txt")\nscaler = MinMaxScaler(inputCol="features", outputCol="scaled").fit(data)\nscaled = scaler.transform(data)\ntrain, test = scaled.randomSplit([0.7, 0.3], seed=1)\nmodel = LogisticRegression(featuresCol="scaled").fit(train)\nauc = BinaryClassificationEvaluator().evaluate(model.transform(test))',
      useInstead: 'from pyspark.ml import Pipeline\nfrom pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.evaluation import BinaryClassificationEvaluator\nfrom pyspark.ml.feature import MinMaxScaler\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ndata = spark.read.format("libsvm").load("data/sample_libsvm_data.txt")\ntrain, test = data.randomSplit([0.7, 0.3], seed=1)\npipeline = Pipeline(stages=[MinMaxScaler(inputCol="features", outputCol="scaled"), LogisticRegression(featuresCol="scaled")])\nmodel = pipeline.fit(train)\nauc = BinaryClassificationEvaluator().evaluate(model.transform(test))',
      fixSafety: 'Unsafe, and offered only where the shape is simple and the edit exact: when the fitted model is used only as a stage of a Pipeline that is fitted on the training split, the fix drops `.fit(data)` so the Pipeline fits it on the training rows; when the same data (or the fitted model\'s output on it, `scaled = model.transform(data)` or `scaled = Estimator().fit(data).transform(data)`) is split after the fit, the fix moves the split above the fit, fits on the training split and transforms each split; when the split already comes first, the fix fits on the training split. Every metric changes (that is the point), and code between the fit and the split that used the full-data model may need a look. Other shapes (several statements between, splits indexed as `splits[0]`, statistics used in `fillna`) get no fix. After a fix moves a StringIndexer or VectorIndexer to the training rows, a category that appears only in the test rows makes `transform` fail unless `handleInvalid` is "keep" or "skip"; the fix does not add it.',
      notFlagged: 'The same analysis covers scikit-learn code in the job (`fit`/`fit_transform` before `train_test_split`, scored with `score` or `sklearn.metrics`, its `*_score` metrics and reports such as `confusion_matrix` or `classification_report`). Not flagged: a statistic of all rows that only defines the label (`Price_Tier` by the price\'s quartiles, the column a labelCol or the label\'s StringIndexer reads: the classes to predict, not a feature), a Spark stage whose output columns no code reads (`StandardScaler(outputCol="scaled_features")` fitted before the split while the models and the evaluator read `features`: the column is named nowhere else, is not a default column such as `features` or `label`, no code asks for `getOutputCol()`, and every VectorAssembler lists its inputs as literals, since `inputCols=numeric_columns` may take it in unnamed), stateless transformers (VectorAssembler, Tokenizer, HashingTF, Normalizer, Bucketizer, SQLTransformer, ...); estimators fitted on the training split; fitted statistics that are discarded or never reach an evaluated DataFrame; files without an evaluation; statistics that only shift a column by one constant (`datediff(date, lit(first_day))`, `col - mean_value`), from which no model learns anything (scaling by them, `(x - low) / (high - low)`, is reported). Per-group statistics of an entity\'s own rows (grouped or partitioned by an identifier such as `customer_id`), of another table (`logs.groupBy("user")` joined to the rows), joined only to keep some groups\' rows (a semi or anti join, or a join with the keys alone), window values that read the rows before (`lag`, running sums: a window with an order), and window statistics used only to choose rows (`max("ts").over(w)` to keep each device\'s latest row) or as weights. StringIndexers that only number the user and item ids of an ALS (their output is its userCol or itemCol, also when a comprehension or loop over the id columns makes them: `[StringIndexer(inputCol=c, outputCol=c + "_index") for c in ["user", "item"]]`): an id is not a feature. Category indexers (StringIndexer, OneHotEncoder, VectorIndexer, alone or as the only stateful stages of a Pipeline) are reported with information severity: only which categories exist and their indexes leak, and Spark\'s own examples do it on purpose; a StringIndexer on the label column only (its output named `label`, or the `labelCol` of an estimator or evaluator, or a column named so anywhere by `labelCol=` or `setLabelCol`, also after a rename: `withColumnRenamed("ChurnIndex", "label")`, `col("ChurnIndex").alias("label")`) says so.',
    },
  },
  finish(context) {
    const evaluated = evaluations(context.model).filter((action) => isEvaluatedData(action.receiver)).map((action) => ({ action, ancestry: ancestors(action.receiver) }));
    if (!evaluated.length) return;
    reportStatsLeaks(context, findStatsLeaks(context, evaluated));
    const reported = new Set<PyNode>();
    for (const fitted of mlObjectsOfKind(context.model, 'Model')) {
      if (fitted.op !== 'fit' || !fitted.node || reported.has(fitted.node)) continue;
      const [estimator, data] = fitted.parents;
      if (!estimator || !data || (data.kind !== 'DataFrame' && !estimator.facts?.sklearn)) continue;
      const stateful = statefulStages(estimator).filter((stage) => !isRecommenderIdIndexer(stage, context));
      if (!stateful.length) continue;
      // a Spark stage whose output columns nothing reads (`scaled_features` fitted, the models fed `features`)
      const outputs = data.kind === 'DataFrame' ? outputColumns(stateful, context) : undefined;
      let unread: boolean | undefined;
      for (const { action, ancestry } of evaluated) {
        if (!ancestry.has(fitted)) continue;
        // the evaluated rows come from a split of data the estimator was fitted on
        const split = splitPartsAmong(ancestry).find((part) => part !== data && ancestors(part).has(data));
        if (!split) continue;
        if (outputs && action.evaluator?.kind === 'Evaluator' && (unread ??= outputsUnread(outputs, context))) continue;
        const record = context.model.callAt(fitted.node);
        const estimatorName = stateful.length === 1 && estimator.name !== 'Pipeline' ? stateful[0]!.name! : 'the Pipeline';
        const fix = record ? leakageFix(context, { call: fitted.node, record, fitted, data, evaluatedPart: split, estimatorName }) : undefined;
        const labelOnly = stateful.every((stage) => isLabelIndexer(stage, context));
        const indexesOnly = !labelOnly && stateful.every((stage) => stage.name && CATEGORY_INDEXERS.has(stage.name));
        reported.add(fitted.node);
        context.report({
          range: record ? methodRange(fitted.node, record) : rangeOf(fitted.node),
          message: labelOnly
            ? 'StringIndexer on the label column is fitted before the split: only the label categories leak, usually harmless (Spark\'s examples do it); fitting it on the training split is cleaner.'
            : indexesOnly
              ? `${stagesFitted(stateful)} before the split: only which categories exist and their indexes leak, a mild leak Spark's examples accept so every category is known. Fitting ${new Set(stateful.map((stage) => stage.name)).size > 1 ? 'them' : 'it'} on the training split is cleaner; then set handleInvalid="keep" so a category seen only in the test rows does not make transform fail.`
              : `${stagesFitted(stateful)} on data that is split afterwards, and its output${outputs?.length ? ` (${outputs.map((name) => `\`${name}\``).join(', ')})` : ''} reaches the evaluated data: the test rows leak into the preprocessing statistics. Fit ${new Set(stateful.map((stage) => stage.name)).size > 1 ? 'them' : 'it'} on the training split (e.g. inside the Pipeline fitted on train).`,
          related: [
            ...(split.node ? [{ range: rangeOf(split.node), message: 'the split happens here, after the fit' }] : []),
            { range: rangeOf(action.call), message: 'the leaked statistics reach this evaluation' },
          ],
          severity: labelOnly || indexesOnly ? 'info' : undefined,
          fix,
        });
        break;
      }
    }
  },
};

/** The output columns the stages name with literals (`outputCol="scaled"`, `outputCols=[...]`); undefined when one does not. */
function outputColumns(stages: readonly Value[], context: RuleContext): string[] | undefined {
  const columns: string[] = [];
  for (const stage of stages) {
    const single = stringValue(context.tree, mlParamNode(context, stage, 'outputCol'));
    const list = mlParamNode(context, stage, 'outputCols');
    const several = list?.type === 'list' ? namedChildren(list).map((item) => stringValue(context.tree, item)) : [];
    if (single !== undefined) columns.push(single);
    else if (several.length && several.every((name) => name !== undefined)) columns.push(...(several as string[]));
    else return undefined;
  }
  return columns;
}

/** Columns every Spark estimator and evaluator reads when not told otherwise. */
const DEFAULT_COLUMNS = new Set(['features', 'label', 'prediction', 'rawPrediction', 'probability']);

/**
 * No code reads the columns: each is named only once in the code (where the stage makes it), none is a
 * column read by default, the file asks no stage for its output name (`getOutputCol()`), and every
 * assembler lists its inputs as literals (`inputCols=df.columns` could take the column in unnamed).
 */
function outputsUnread(columns: readonly string[], context: RuleContext): boolean {
  // a name read as an attribute (`df.scaledFeatures`) or in SQL text (`selectExpr("scaledFeatures AS f")`) counts (in a comment too: then it is reported)
  const text = context.tree.text;
  // the cheap tests first: most outputs are named again soon after the stage
  if (columns.some((name) => DEFAULT_COLUMNS.has(name) || !namedOnce(text, name))) return false;
  if (/\bgetOutputCols?\b/.test(text)) return false;
  return context.model.mlObjects.every((object) => {
    if (!object.name || !ASSEMBLERS.has(object.name)) return true;
    const inputs = mlParamNode(context, object, 'inputCols');
    return inputs?.type === 'list' && namedChildren(inputs).every((item) => item.type === 'string');
  });
}

/** `name` occurs once in `text` as a whole word (scanned with indexOf: the finish of every lint may ask). */
function namedOnce(text: string, name: string): boolean {
  const word = (at: number) => /\w/.test(text[at] ?? '');
  let found = 0;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    if (!word(at - 1) && !word(at + name.length) && ++found > 1) return false;
  }
  return found === 1;
}

const ASSEMBLERS = new Set(['VectorAssembler', 'RFormula', 'FeatureHasher', 'Interaction']);

/** The stages of `estimator` that learn statistics from their data (itself, or those of a Pipeline). */
export function statefulStages(estimator: Value): Value[] {
  if (estimator.name && STATEFUL.has(estimator.name)) return [estimator];
  if (estimator.name === 'Pipeline' || estimator.name === 'make_pipeline') return (estimator.elements ?? []).filter((stage) => stage.name && STATEFUL.has(stage.name));
  return [];
}

/** A StringIndexer whose output is a label column (named `label`, or the labelCol of an estimator/evaluator). */
function isLabelIndexer(stage: Value, context: RuleContext): boolean {
  if (stage.name !== 'StringIndexer' || !stage.node) return false;
  const output = stringValue(context.tree, mlParamNode(context, stage, 'outputCol'));
  if (!output) return false;
  // `withColumnRenamed("ChurnIndex", "label")`: the output becomes the label under another name
  return isLabelColumn(output, context) || renamesOf(output, context).some((name) => isLabelColumn(name, context));
}

/** The names a column is renamed to in the file: `withColumnRenamed(column, name)`, `col(column).alias(name)`. */
function renamesOf(column: string, context: RuleContext): string[] {
  const names: string[] = [];
  for (const method of identifiersNamed(context.tree, 'withColumnRenamed')) {
    const call = method.parent?.type === 'attribute' && method.field === 'attribute' ? method.parent.parent : undefined;
    const args = call?.type === 'call' ? namedChildren(field(call, 'arguments') ?? call) : [];
    const renamed = args.length === 2 && stringValue(context.tree, args[0]) === column ? stringValue(context.tree, args[1]) : undefined;
    if (renamed) names.push(renamed);
  }
  for (const method of identifiersNamed(context.tree, 'alias')) {
    const call = method.parent?.type === 'attribute' && method.field === 'attribute' ? method.parent.parent : undefined;
    const object = method.parent?.type === 'attribute' ? field(method.parent, 'object') : undefined;
    const picked = object?.type === 'call' ? context.model.callAt(object) : undefined;
    const args = call?.type === 'call' ? namedChildren(field(call, 'arguments') ?? call) : [];
    const isColumn = !!picked && /(^|\.)col(umn)?$/.test(picked.callee.name ?? '') && stringValue(context.tree, picked.parts.positional[0]) === column;
    const renamed = isColumn && args.length === 1 ? stringValue(context.tree, args[0]) : undefined;
    if (renamed) names.push(renamed);
  }
  return names;
}

/** `StandardScaler is fitted`, `StringIndexer and OneHotEncoder are fitted` (each class once: stages added in a loop repeat). */
function stagesFitted(stages: readonly Value[]): string {
  const names = [...new Set(stages.map((stage) => stage.name ?? 'A stage'))];
  if (names.length === 1) return `${names[0]} is fitted`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are fitted`;
}
