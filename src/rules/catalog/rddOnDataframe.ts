import { type PyNode, field, namedChildren, parameterNames, stringValue } from '../../analysis/syntax';
import type { Value } from '../../analysis/values';
import type { Rule, RuleContext } from '../rule';
import { argumentsPassed, methodCall, methodRange, variableReferencesInScope } from '../ruleHelpers';

const RDD_METHODS = new Set(['map', 'flatMap', 'foreach', 'filter']);

export const rddOnDataframe: Rule = {
  meta: {
    code: 'SPK107',
    name: 'rdd-on-dataframe',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for `df.rdd.map(...)`, `df.rdd.flatMap(...)`, `df.rdd.foreach(...)` and `df.rdd.filter(...)` on a DataFrame.',
      whyIsThisBad: 'Going through `.rdd` converts every row to a Python `Row` object, ships it to a Python worker and back, and throws away the Catalyst optimizer and Tungsten\'s columnar execution. DataFrame expressions (`select`, `withColumn`, `filter`) are usually several times faster.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\npeople = spark.read.parquet("s3://bucket/people")\nnames = people.rdd.map(lambda row: row.name.upper()).toDF(["name"])',
      useInstead: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\npeople = spark.read.parquet("s3://bucket/people")\nnames = people.select(F.upper("name").alias("name"))',
      fixSafety: 'No automatic fix: the lambda has to be translated by hand. On the lines of `spark.read.text()` the message also names `spark.sparkContext.textFile(path)`, for code that goes on as an RDD algorithm; on `select("prediction", "label")` pairs that are not collected (the input of pyspark.mllib\'s metrics) it names the pyspark.ml evaluators, which compute the same metrics from the DataFrame.',
      notFlagged: 'RDDs created as RDDs (`sc.textFile`, `sc.parallelize`), DataFrames known to be small (built from literals, after `limit`, aggregates, catalog commands such as `spark.sql("SHOW TABLES")`; a helper\'s parameter when every call of the helper in the file passes such a DataFrame, `index_to_word(lda_model.describeTopics())`; for a helper defined again, as in a notebook cell copied for a second dataset, the calls up to the next definition), `df.rdd.getNumPartitions()` and other metadata calls, `mapPartitions` (often used on purpose for per-partition setup), and `.rdd.map(lambda r: r[0]).collect()` (or `collectAsMap()`, `first()`, `take(n)`) that only unpacks rows on their way to the driver (`r.name`, `r["k"]`, a field converted, `bytes(r.model)`, or a key of a map field, `r.scores.get("math", -1)`, a tuple of them, `list(r)`, `tuple(r)`, `r.asDict()`, or `.rdd.flatMap(lambda r: r)` for each row\'s fields; in place, or through a name used only as `labels.collect()`, also rebound step by step: `feature = feature.map(...)` then `feature = feature.collect()`), which costs what `[r[0] for r in df.collect()]` costs (SPK101 judges the collect); nor rows unpacked so for `spark.read.json(rdd)` (or `csv`), in the call or through a name used only there: the way to infer the schema of a column of JSON text.',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, RDD_METHODS);
      const receiver = call?.receiver;
      const frame = receiver?.parents[0];
      if (!call || receiver?.kind !== 'RDD' || receiver.op !== 'rdd' || frame?.kind !== 'DataFrame') return;
      // a few rows (a literal, a limit, an aggregate, `SHOW TABLES`): moving them through Python costs nothing
      if (isFew(frame)) return;
      // a helper's parameter (`def index_to_word(topic_df)`): what every call of the helper passes
      const parameter = frame.op === 'inferred' ? frame.parents[0]?.node : frame.node;
      const passed = parameter && parameter.parent?.type === 'parameters' ? argumentsPassed(parameter, context) : undefined;
      if (passed?.every((value) => value.kind === 'DataFrame' && isFew(value))) return;
      // `.rdd.map(lambda r: r[0]).collect()`: the rows only unpacked on their way to the driver, which
      // `[r[0] for r in df.collect()]` costs as much (SPK101 judges the collect)
      // `spark.read.json(df.rdd.map(lambda r: r[0]))`: the only way to infer the schema of a column of JSON text
      const collected = atEveryUse(node, context, (use) => isCollected(use, context));
      if ((call.parts.method === 'map' || call.parts.method === 'flatMap') && unpacksRows(call.parts.method, call.parts.positional[0], context) && (collected || atEveryUse(node, context, (use) => isReaderArgument(use, context)))) return;
      // `spark.read.text(path).rdd.map(lambda r: r[0])` feeds an RDD algorithm: reading the lines as an RDD skips the Row wrapping
      const lines = frame.facts?.format === 'text';
      context.report({
        range: methodRange(node, call),
        message: lines
          ? `\`.rdd.${call.parts.method}()\` on the lines of \`spark.read.text()\` wraps each line in a Row and moves it through Python; split and aggregate with DataFrame expressions (\`F.split\`, \`F.explode\`), or read an RDD of lines directly with \`spark.sparkContext.textFile(path)\`.`
          : !collected && selectsModelOutput(frame, context)
            ? `\`.rdd.${call.parts.method}()\` of prediction columns (for pyspark.mllib's metrics) moves every row through Python; pyspark.ml.evaluation's evaluators (\`BinaryClassificationEvaluator\`, \`MulticlassClassificationEvaluator\`, \`RegressionEvaluator\`) read the DataFrame's columns directly.`
            : `\`.rdd.${call.parts.method}()\` on a DataFrame moves every row through Python and loses the optimizer; use DataFrame expressions.`,
      });
    },
  },
};

function isFew(frame: Value): boolean {
  return frame.bound === 'literal' || frame.bound === 'limited' || frame.bound === 'aggregated';
}

/** `rdd.map(lambda r: r[0])` (or `r.name`, `r["k"]`, a tuple of them), `rdd.flatMap(lambda r: r)` (each row's fields): rows only unpacked. */
function unpacksRows(method: string, mapper: PyNode | undefined, context: RuleContext): boolean {
  if (mapper?.type !== 'lambda') return false;
  const parameters = parameterNames(context.tree, mapper);
  const body = field(mapper, 'body');
  if (parameters.length !== 1 || !body) return false;
  const row = parameters[0]!;
  if (method === 'flatMap') return body.type === 'identifier' && context.text(body) === row;
  // `list(r)`, `tuple(r)`, `r.asDict()`: the row's fields as a Python list, tuple or dict
  if (body.type === 'call') {
    const callee = field(body, 'function');
    const args = namedChildren(field(body, 'arguments') ?? body);
    if (callee?.type === 'identifier' && (context.text(callee) === 'list' || context.text(callee) === 'tuple') && args.length === 1 && context.text(args[0]!) === row) return true;
    if (callee?.type === 'attribute' && !args.length && context.text(field(callee, 'object') ?? callee) === row && context.text(field(callee, 'attribute') ?? callee) === 'asDict') return true;
  }
  const rowField = (part: PyNode): boolean =>
    (part.type === 'subscript' || part.type === 'attribute') && context.text(field(part, part.type === 'subscript' ? 'value' : 'object') ?? part) === row &&
    (part.type === 'attribute' || namedChildren(part).slice(1).every((index) => index.type === 'integer' || index.type === 'string'));
  // a field as a Python value (`bytes(r.pipeline)`, `float(r[0])`) or a key of a map field (`r.distances.get("a", -1)`)
  const unpacks = (part: PyNode): boolean => {
    if (rowField(part)) return true;
    if (part.type !== 'call') return false;
    const callee = field(part, 'function');
    const args = namedChildren(field(part, 'arguments') ?? part);
    if (callee?.type === 'identifier') return CONVERSIONS.has(context.text(callee)) && args.length === 1 && rowField(args[0]!);
    return callee?.type === 'attribute' && context.text(field(callee, 'attribute') ?? callee) === 'get' && rowField(field(callee, 'object') ?? callee) &&
      args.length >= 1 && args.length <= 2 && args.every((arg) => LITERALS.has(arg.type));
  };
  return body.type === 'tuple' ? namedChildren(body).length > 0 && namedChildren(body).every(unpacks) : unpacks(body);
}

const CONVERSIONS: ReadonlySet<string> = new Set(['bytes', 'str', 'int', 'float', 'bool']);
const LITERALS: ReadonlySet<string> = new Set(['string', 'integer', 'float', 'unary_operator', 'none', 'true', 'false']);
/** Actions that bring an RDD's rows (or some of them) to the driver as they are. */
const TO_DRIVER: ReadonlySet<string> = new Set(['collect', 'collectAsMap', 'first', 'take']);

/** `<node>.collect()` (or `collectAsMap()`, `first()`, `take(n)`). */
function isCollected(node: PyNode, context: RuleContext): boolean {
  const access = node.parent;
  return access?.type === 'attribute' && node.field === 'object' && TO_DRIVER.has(context.text(field(access, 'attribute') ?? access)) && access.parent?.type === 'call' && access.field === 'function';
}

/** `spark.read.json(<node>)` or `.csv(<node>)`, which parse an RDD of strings. */
function isReaderArgument(node: PyNode, context: RuleContext): boolean {
  const reading = node.parent?.type === 'argument_list' ? node.parent.parent : undefined;
  const record = reading?.type === 'call' ? context.model.callAt(reading) : undefined;
  return record?.receiver?.kind === 'Reader' && (record.parts.method === 'json' || record.parts.method === 'csv') && record.parts.positional[0] === node;
}

/** What the call makes is used so: in place, or through the name it is assigned to (at every read of the name). */
function atEveryUse(call: PyNode, context: RuleContext, isUse: (node: PyNode) => boolean): boolean {
  // `json_rdd = (df.rdd.map(...))`: the parentheses are the call
  let outer = call;
  while (outer.parent?.type === 'parenthesized_expression') outer = outer.parent;
  if (isUse(outer)) return true;
  const assignment = outer.parent?.type === 'assignment' && outer.field === 'right' ? outer.parent : undefined;
  const target = assignment && field(assignment, 'left');
  if (target?.type !== 'identifier') return false;
  // the answer is the other statements': an edit of one of them must visit this statement again
  context.readsOtherStatements();
  // every read of the name, also one written above it in a function called later; not the assignments
  // that bind it (`labels = ...` at line 3 is another value)
  const rebinds = (use: PyNode) => use.field === 'left' && use.parent?.type === 'assignment';
  // the reads of this binding: not those of the name's other values (`feature = feature.collect()` then
  // `np.asarray(feature)` reads the list), when the analysis knows what each read sees (a read in a
  // function defined before the binding may not: it counts)
  const made = context.model.valueOf(call);
  const ofThisBinding = (use: PyNode) => {
    const seen = context.model.valueOf(use);
    return !made || !seen || seen === made || seen.kind === 'Unknown';
  };
  const uses = variableReferencesInScope(context, context.text(target), target).filter((use) => !rebinds(use) && ofThisBinding(use));
  return uses.length > 0 && uses.every(isUse);
}

const MODEL_OUTPUT_COLUMNS: ReadonlySet<string> = new Set(['prediction', 'probability', 'rawPrediction']);

/** `scored.select("prediction", "label")`: the pairs pyspark.mllib's metrics take, which the ml evaluators compute from the DataFrame. */
function selectsModelOutput(frame: Value, context: RuleContext): boolean {
  // pairs for a metric only when the file has pyspark.mllib's metrics (not columns collected for a plot)
  if (!context.model.importsMatching(/^pyspark\.mllib\.evaluation\b/)) return false;
  const record = frame.node?.type === 'call' ? context.model.callAt(frame.node) : undefined;
  return record?.parts.method === 'select' && record.parts.positional.some((column) => MODEL_OUTPUT_COLUMNS.has(stringValue(context.tree, column) ?? ''));
}
