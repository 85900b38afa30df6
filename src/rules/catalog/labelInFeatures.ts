import { type PyNode, namedChildren, stringValue } from '../../analysis/syntax';
import { ancestors, dataLineage } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { rangeOf } from '../positions';
import { mlParamNode } from '../ruleHelpers';
import type { Rule, RuleContext } from '../rule';
import { mlObjectsNamed, mlObjectsOfKind } from '../modelIndex';

const PREDICTORS_WITHOUT_LABEL = new Set(['KMeans', 'BisectingKMeans', 'GaussianMixture', 'LDA', 'PowerIterationClustering', 'ALS', 'FPGrowth', 'PrefixSpan', 'Pipeline']);
const PREPROCESSORS = new Set([
  'StandardScaler', 'MinMaxScaler', 'MaxAbsScaler', 'RobustScaler', 'Imputer', 'StringIndexer', 'OneHotEncoder',
  'VectorIndexer', 'QuantileDiscretizer', 'PCA', 'IDF', 'CountVectorizer', 'Word2Vec', 'ChiSqSelector',
  'UnivariateFeatureSelector', 'VarianceThresholdSelector', 'TargetEncoder', 'RFormula', 'BucketedRandomProjectionLSH', 'MinHashLSH',
]);

export const labelInFeatures: Rule = {
  meta: {
    code: 'SPK010',
    name: 'label-in-features',
    severity: 'error',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for a `VectorAssembler` whose `inputCols` include the label column of an estimator that reads its output (matched by `featuresCol`/`labelCol`, `"features"`/`"label"` by default), or a column computed from the label with `withColumn`; and the other way round, a label computed with `withColumn` from inputs only (`fullness = when(col("docks_available") == 0, 1)` or `(col("docks_available") == 0).cast("int")` with `docks_available` among the inputs) in the data a fit of the estimator trains on; and a features column made from one column through single-input stages (`Tokenizer(inputCol="text")`, HashingTF, IDF, scalers) whose label, perhaps indexed by a StringIndexer, reads only that column (`when(lower(col("text")).rlike("bad|awful"), "negative")`: keyword rules over the text the features are made from; a warning, as a weak label may be deliberate, and not when the text is made again after the label read it, as distant supervision removes the emoticons it labelled by).',
      whyIsThisBad: 'The model then sees the answer among its inputs: training and test metrics look nearly perfect, and the model is useless on new data where the label is unknown. A label that is a formula of the inputs is the same mistake: the model learns the formula, which the code already knows.',
      example: 'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.feature import VectorAssembler\n\nassembler = VectorAssembler(inputCols=["age", "income", "label"], outputCol="features")\nlr = LogisticRegression(featuresCol="features", labelCol="label")',
      useInstead: 'from pyspark.ml.classification import LogisticRegression\nfrom pyspark.ml.feature import VectorAssembler\n\nassembler = VectorAssembler(inputCols=["age", "income"], outputCol="features")\nlr = LogisticRegression(featuresCol="features", labelCol="label")',
      fixSafety: 'No automatic fix: removing the column is right, but the author should check how it got there.',
      notFlagged: 'An input computed from earlier rows of the label (`lag(col("sales"), 7).over(w)`, `avg("sales").over(w.rowsBetween(-7, -1))`: a forecast\'s lag features; a window over rows that include the current one is reported), input lists that are not written as literals (built at run time; a literal held in a name is read, and once changed by `remove`, `pop`, an item assignment and the like it is no longer known), assemblers whose output no label-using estimator or evaluator reads (an estimator fitted in the file only on another assembler\'s output does not count: a notebook that rebinds `assembler` for its next model is not charged with that model\'s label), a label computed from a column that is not an input, from a value (`when(col("status") == "busy", 1)`) or with a window function (`lead("sales").over(w)`: a forecast of the next value), a label with `rand()` noise (synthetic data made for a model to learn), a label column of a DataFrame no fit of the estimator trains on, an input made again with a window function after the label copied it (`close = lag("close").over(w)`: the previous value), clustering estimators (no label), and RFormula (its formula names the label as the response).',
    },
  },
  finish(context) {
    const labelsByFeatures = labelsByFeaturesColumn(context);
    const fitsOf = fitsByEstimator(context);
    if (!labelsByFeatures.size) return;
    // every withColumn of the file is read for this: only when an assembler feeds a labelled estimator
    let derived: Map<string, ColumnDefinition[]> | undefined;
    for (const assembler of mlObjectsNamed(context.model, 'VectorAssembler')) {
      if (assembler.kind !== 'Transformer' || !assembler.node) continue;
      const parts = context.model.callAt(assembler.node)?.parts;
      const inputs = parts?.keywords.get('inputCols');
      // written in the call, or a list literal held in a name (`feature_cols = ["age", "churn"]`)
      const elements = inputs?.type === 'list' ? namedChildren(inputs).map((node) => ({ node, anchor: node })) : listedElements(context, inputs);
      if (!parts || !elements) continue;
      const output = stringValue(context.tree, parts.keywords.get('outputCol'));
      const users = output === undefined ? undefined : labelsByFeatures.get(output);
      // the estimators reading a "features" column of that name that this assembler can feed
      const feeding = (users ?? []).filter(({ estimator }) => mayFeed(assembler, fitsOf(estimator)));
      const labels = new Set(feeding.map(({ label }) => label));
      if (!labels.size) continue;
      const named = new Map<string, (typeof elements)[number]>();
      for (const element of elements) {
        const name = stringValue(context.tree, element.node);
        if (!name) continue;
        named.set(name, element);
        // not a past value of the label (`lag("sales", 7).over(w)`): the autoregressive feature of a forecast
        const source = labels.has(name) ? name : [...labels].find((label) => (derived ??= columnDefinitions(context)).get(name)?.some(({ mentioned, past }) => !past && mentioned.has(label)));
        if (!source) continue;
        context.report({
          range: rangeOf(element.anchor),
          message: source === name
            ? `The label column "${name}" is an input of the feature vector: the model sees the answer. Remove it from inputCols.`
            : `"${name}" is computed from the label column "${source}" and is an input of the feature vector: the model sees the answer.`,
        });
      }
      // the other way round: the label is a formula of inputs (`fullness = when(col("docks") == 0, 1)`), made
      // in the data a fit of the estimator trains on (not a report's own "label" column)
      for (const label of labels) {
        if (named.has(label)) continue;
        const trainedOn = new Set(feeding.filter((user) => user.label === label).flatMap(({ estimator }) => fitsOf(estimator).flatMap((fit) => [...dataLineage(fit.parents[1] ?? fit)])));
        const definitions = ((derived ??= columnDefinitions(context)).get(label) ?? []).filter((definition) => trainedOn.has(definition.value));
        const sources = labelFormulaInputs(definitions, named, derived, trainedOn);
        if (!sources) continue;
        const names = sources.map((source) => `"${source}"`).join(' and ');
        context.report({
          range: rangeOf(named.get(sources[0]!)!.anchor),
          message: `The label "${label}" is computed from ${names}, ${sources.length > 1 ? 'inputs' : 'an input'} of the feature vector: the model learns that formula, not the target.`,
        });
      }
    }
    reportTextLabels(context, labelsByFeatures, fitsOf, () => (derived ??= columnDefinitions(context)));
  },
};

/** Stages that make one column from one other (`inputCol` to `outputCol`): text features, scalers, projections. */
const CHAIN_STAGES = new Set([
  'Tokenizer', 'RegexTokenizer', 'StopWordsRemover', 'NGram', 'HashingTF', 'CountVectorizer', 'IDF', 'Word2Vec',
  'StandardScaler', 'MinMaxScaler', 'MaxAbsScaler', 'Normalizer', 'PCA',
]);

/**
 * A features column made from one column through a chain of single-input stages (`Tokenizer(inputCol="Text")`,
 * HashingTF, IDF to "features") whose label is a formula of that column (`when(lower(col("Text")).rlike(...),
 * "negative")`, perhaps indexed by a StringIndexer): the model learns the keyword rule, not the target.
 */
function reportTextLabels(
  context: RuleContext,
  labelsByFeatures: ReadonlyMap<string | undefined, ReadonlyArray<{ label: string; estimator: Value }>>,
  fitsOf: (estimator: Value) => Value[],
  derived: () => Map<string, ColumnDefinition[]>,
): void {
  const assembled = new Set(mlObjectsNamed(context.model, 'VectorAssembler').map((assembler) => columnParam(context, assembler, 'outputCol', '')));
  // an assembler's inputs are checked above
  const unassembled = [...labelsByFeatures].filter(([features]) => features && !assembled.has(features));
  if (!unassembled.length) return;
  const made = madeBy(context);
  for (const [features, users] of unassembled) {
    const source = chainSource(context, features!, made);
    // a chain from an assembler's output (`StandardScaler(inputCol="features")`): its inputs are checked above
    if (!source || assembled.has(source.column)) continue;
    for (const label of new Set(users.map((user) => user.label))) {
      const indexer = made.get(label);
      const origin = indexer?.name === 'StringIndexer' ? columnParam(context, indexer, 'inputCol', '') : label;
      if (!origin) continue;
      const trainedOn = new Set(users.filter((user) => user.label === label).flatMap(({ estimator }) => fitsOf(estimator).flatMap((fit) => [...dataLineage(fit.parents[1] ?? fit)])));
      const definitions = (derived().get(origin) ?? []).filter((definition) => trainedOn.has(definition.value));
      // every definition reads that column only (`col("Text")`), whatever values it gives (`"negative"`)
      if (!definitions.length || !definitions.every(({ columns, windowed, noisy }) => !windowed && !noisy && columns.size === 1 && columns.has(source.column))) continue;
      // the text made again after the label read it (`regexp_replace` of the emoticons the label came from): other text
      if (writtenAgainAfter(source.column, definitions, derived(), trainedOn, false)) continue;
      const anchor = mlParamNode(context, source.reader, 'inputCol') ?? source.reader.node!;
      const through = origin === label ? '' : ` (indexed from "${origin}")`;
      context.report({
        range: rangeOf(anchor),
        message: `The label "${label}"${through} is computed from "${source.column}", the column the features "${features}" are made from: the model learns that formula, not the target.`,
        // a keyword rule may be a deliberate weak label; the model still learns the rule
        severity: 'warning',
      });
    }
  }
}

/** The stage that makes each column (`outputCol`), among the chain stages and StringIndexers; a column two stages make is left out. */
function madeBy(context: RuleContext): Map<string, Value> {
  const made = new Map<string, Value>();
  const twice = new Set<string>();
  for (const stage of context.model.mlObjects) {
    if (!stage.name || (!CHAIN_STAGES.has(stage.name) && stage.name !== 'StringIndexer') || !stage.node) continue;
    const output = columnParam(context, stage, 'outputCol', '');
    if (!output) continue;
    if (made.has(output) && made.get(output) !== stage) twice.add(output);
    made.set(output, stage);
  }
  for (const column of twice) made.delete(column);
  return made;
}

/** The column a chain of single-input stages makes `column` from, and the first stage of the chain (the one reading it). */
function chainSource(context: RuleContext, column: string, made: ReadonlyMap<string, Value>): { column: string; reader: Value } | undefined {
  let reader: Value | undefined;
  for (let depth = 0; depth < 10; depth++) {
    const stage = made.get(column);
    if (!stage || !CHAIN_STAGES.has(stage.name!)) return reader ? { column, reader } : undefined;
    const input = columnParam(context, stage, 'inputCol', '');
    if (!input) return undefined;
    reader = stage;
    column = input;
  }
  return undefined;
}

/** The supervised estimators and their label columns, by the features column they train on (read once per file). */
function labelsByFeaturesColumn(context: RuleContext): Map<string | undefined, Array<{ label: string; estimator: Value }>> {
  const labels = new Map<string | undefined, Array<{ label: string; estimator: Value }>>();
  for (const user of mlObjectsOfKind(context.model, 'Estimator')) {
    if (user.name && (PREDICTORS_WITHOUT_LABEL.has(user.name) || PREPROCESSORS.has(user.name))) continue;
    const label = columnParam(context, user, 'labelCol', 'label');
    if (!label) continue;
    const features = columnParam(context, user, 'featuresCol', 'features');
    let list = labels.get(features);
    if (!list) labels.set(features, (list = []));
    list.push({ label, estimator: user });
  }
  return labels;
}

/** The models fitted from each estimator in the file (directly, in a Pipeline or a tuning), found once per estimator. */
function fitsByEstimator(context: RuleContext): (estimator: Value) => Value[] {
  const fitted = mlObjectsOfKind(context.model, 'Model').filter((model) => model.op === 'fit');
  const fits = new Map<Value, Value[]>();
  return (estimator) => {
    let list = fits.get(estimator);
    if (!list) fits.set(estimator, (list = fitted.filter((model) => ancestors(model).has(estimator))));
    return list;
  };
}

/**
 * Whether the assembler can feed an estimator with these fits: one is fitted on data the assembler
 * transformed or with the assembler among the stages, or on data whose features the file does not show
 * being made (read back from a table or a file, a loaded PipelineModel's output), or none is seen
 * (matched by the column names alone). Only another assembler rules it out: a notebook that rebinds
 * `assembler` for its next model does not charge the first with the second's label.
 */
function mayFeed(assembler: Value, fits: readonly Value[]): boolean {
  const otherAssembler = (model: Value) => [...ancestors(model)].some((value) => value !== assembler && value.kind === 'Transformer' && value.name === 'VectorAssembler');
  return !fits.length || fits.some((model) => ancestors(model).has(assembler) || !otherAssembler(model));
}

/** A column parameter of an ML object from its constructor or setter, else the default. */
function columnParam(context: RuleContext, value: Value, param: string, fallback: string): string | undefined {
  const node = mlParamNode(context, value, param);
  if (!node) return fallback;
  return stringValue(context.tree, node);
}

/** What a `withColumn` wrote into a column: the quoted names its expression mentions, and whether it is a window function. */
interface ColumnDefinition {
  /** The DataFrame the `withColumn` made. */
  value: Value;
  mentioned: Set<string>;
  /** The columns it reads by name: `col("x")`, `F.column("x")`, `df["x"]`. */
  columns: Set<string>;
  windowed: boolean;
  /** A window function of earlier rows only: `lag(c, k)` with k >= 1, or a frame ending before the current row (`rowsBetween(-7, -1)`). */
  past: boolean;
  /** It adds `rand()`/`randn()`: synthetic data, a known function plus noise, made for a model to learn. */
  noisy: boolean;
}

/** Every `withColumn("x", <expression>)` of the file (chained ones too), by the column it writes. */
function columnDefinitions(context: RuleContext): Map<string, ColumnDefinition[]> {
  const definitions = new Map<string, ColumnDefinition[]>();
  const seen = new Set<Value>();
  const record = (value: Value): void => {
    for (let current: Value | undefined = value; current?.kind === 'DataFrame' && !seen.has(current); current = current.parents[0]) {
      seen.add(current);
      if (current.op !== 'withColumn' || !current.node) continue;
      const parts = context.model.callAt(current.node)?.parts;
      const name = stringValue(context.tree, parts?.positional[0]);
      const expression = parts?.positional[1];
      if (!name || !expression) continue;
      const text = context.text(expression);
      // the quoted words but a type (`.cast("int")`)
      const mentioned = new Set([...text.replace(CAST, '').matchAll(/["'](\w+)["']/g)].map((match) => match[1]!));
      let list = definitions.get(name);
      if (!list) definitions.set(name, (list = []));
      const columns = new Set([...text.matchAll(COLUMN_READS)].map((match) => match[1] ?? match[2]!));
      const windowed = /\.over\s*\(/.test(text);
      const past = windowed && ((LAG.test(text) && !LAG_ZERO.test(text)) || PAST_FRAME.test(text));
      list.push({ value: current, mentioned, columns, windowed, past, noisy: /\brandn?\s*\(/.test(text) });
    }
  };
  for (const binding of context.model.bindings) record(binding.value);
  return definitions;
}

/**
 * The inputs a label is computed from, when every `withColumn` writing it reads only columns among the
 * inputs (and at least one): `when(col("docks") == 0, 1)`. A quoted value that is not an input (`== "yes"`),
 * a window function (`lead("sales").over(w)`: the next value, a forecast) or `rand()` noise (synthetic data
 * made to be learned) keeps it a target.
 */
function labelFormulaInputs(definitions: ColumnDefinition[], inputs: ReadonlyMap<string, unknown>, all: ReadonlyMap<string, ColumnDefinition[]>, trainedOn: ReadonlySet<Value>): string[] | undefined {
  if (!definitions.length) return undefined;
  const sources = new Set<string>();
  for (const { mentioned, windowed, noisy } of definitions) {
    if (windowed || noisy || !mentioned.size || ![...mentioned].every((name) => inputs.has(name))) return undefined;
    for (const name of mentioned) sources.add(name);
  }
  // an input made again with a window function after the label copied it, in the data the fit trains on
  // (`close = lag("close").over(w)` after `label = col("close")`), is the previous value, not the label's
  if ([...sources].some((name) => writtenAgainAfter(name, definitions, all, trainedOn, true))) return undefined;
  return [...sources];
}

/**
 * `name` is written again (by a window function, when `windowed`) in the data the fit trains on, after every
 * one of `definitions`: what they read is not what the features are made from.
 */
function writtenAgainAfter(name: string, definitions: readonly ColumnDefinition[], all: ReadonlyMap<string, ColumnDefinition[]>, trainedOn: ReadonlySet<Value>, windowed: boolean): boolean {
  return all.get(name)?.some((redefinition) =>
    (!windowed || redefinition.windowed) && trainedOn.has(redefinition.value) && definitions.every((definition) => ancestors(redefinition.value).has(definition.value))) ?? false;
}

const LAG = /\blag\s*\(/;
const LAG_ZERO = /\blag\s*\([^()]*(?:\([^()]*\)[^()]*)*,\s*0\s*[,)]/;
const PAST_FRAME = /\b(?:rows|range)Between\s*\([^,()]+,\s*-\s*\d+\s*\)/;
const COLUMN_READS = /\b(?:col|column)\(\s*["'](\w+)["']\s*\)|\w\[\s*["'](\w+)["']\s*\]/g;
const CAST = /\.cast\(\s*["'][^"']*["']\s*\)/g;

/**
 * The elements of a list value, when every one is known (a literal, maybe grown by appends): the node each
 * was written as, and where to report it. An element written as a name (`LABEL`) was made where the name
 * was assigned: the argument stands for it, so the finding stays at the assembler.
 */
function listedElements(context: RuleContext, expression: PyNode | undefined): Array<{ node: PyNode; anchor: PyNode }> | undefined {
  const list = context.model.valueOf(expression);
  if (!expression || list?.kind !== 'PyList' || !list.elements) return undefined;
  const written = list.node;
  const elements: Array<{ node: PyNode; anchor: PyNode }> = [];
  for (const element of list.elements) {
    const node = element.node;
    if (!node) return undefined;
    const inList = !!written && node.startIndex >= written.startIndex && node.endIndex <= written.endIndex;
    elements.push({ node, anchor: inList ? node : expression });
  }
  return elements;
}
