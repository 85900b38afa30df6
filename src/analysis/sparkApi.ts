// What the PySpark API returns, as tables the semantic model reads. Only names listed here are trusted;
// anything else on a Spark object gives an unknown value, so rules stay quiet rather than guess.
import { isGlueTransformExport } from './awsGlue';

/** DataFrame methods returning a DataFrame of the same size class as the receiver. */
export const DATAFRAME_TRANSFORMS: ReadonlySet<string> = new Set([
  'select', 'selectExpr', 'filter', 'where', 'withColumn', 'withColumns', 'withColumnRenamed', 'withColumnsRenamed',
  'drop', 'dropDuplicates', 'drop_duplicates', 'distinct', 'orderBy', 'sort', 'alias', 'repartition',
  'repartitionByRange', 'coalesce', 'fillna', 'dropna', 'replace', 'sortWithinPartitions', 'hint', 'checkpoint',
  'localCheckpoint', 'toDF', 'withWatermark', 'unpersist', 'transform', 'withMetadata', 'to', 'observe',
  'melt', 'unpivot', 'withColumnsRenamed', 'dropDuplicatesWithinWatermark', 'cache', 'persist', 'mapInPandas', 'mapInArrow',
]);

/** DataFrame methods combining the receiver with another DataFrame (first argument). */
export const DATAFRAME_BINARY: ReadonlySet<string> = new Set([
  'join', 'union', 'unionAll', 'unionByName', 'crossJoin', 'intersect', 'intersectAll', 'subtract', 'exceptAll',
]);

/**
 * DataFrame methods no other common Python object has (pandas, polars and RDDs spell theirs differently):
 * a call of one on a value the model could not follow proves it is a DataFrame.
 */
export const DATAFRAME_ONLY_METHODS: ReadonlySet<string> = new Set([
  'withColumn', 'withColumns', 'withColumnRenamed', 'withColumnsRenamed', 'selectExpr', 'groupBy', 'printSchema',
  'toPandas', 'createTempView', 'createOrReplaceTempView', 'createGlobalTempView', 'createOrReplaceGlobalTempView',
  'registerTempTable', 'dropDuplicates', 'unionByName', 'crossJoin', 'sortWithinPartitions', 'withWatermark',
  'repartitionByRange',
]);

/** DataFrame methods that take Spark Columns: given one, the receiver is a DataFrame. */
export const COLUMN_TAKING_METHODS: ReadonlySet<string> = new Set(['filter', 'where', 'select', 'orderBy', 'sort', 'agg', 'drop', 'join']);

export const DATAFRAME_LIMITING: ReadonlySet<string> = new Set(['limit', 'sample', 'sampleBy']);

export const DATAFRAME_GROUPING: ReadonlySet<string> = new Set(['groupBy', 'groupby', 'rollup', 'cube', 'groupingSets']);

export const DATAFRAME_AGGREGATES: ReadonlySet<string> = new Set(['agg', 'describe', 'summary']);

/**
 * Aggregate functions, by their pyspark.sql.functions and Spark SQL names: a `select` of only these (no
 * window), or a SQL select list with one of them and no GROUP BY, gives one row, like `agg()`.
 */
export const AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'count', 'count_if', 'countDistinct', 'count_distinct', 'approx_count_distinct', 'approxCountDistinct', 'sum',
  'sum_distinct', 'sumDistinct', 'avg', 'mean', 'min', 'max', 'first', 'last', 'first_value', 'last_value', 'any_value',
  'collect_list', 'collect_set', 'array_agg', 'corr', 'covar_pop', 'covar_samp', 'kurtosis', 'skewness', 'stddev',
  'stddev_pop', 'stddev_samp', 'std', 'variance', 'var_pop', 'var_samp', 'percentile', 'percentile_approx',
  'approx_percentile', 'percentile_cont', 'percentile_disc', 'median', 'mode', 'bool_and', 'bool_or', 'every', 'some',
  'any', 'bit_and', 'bit_or', 'bit_xor', 'max_by', 'min_by', 'product', 'histogram_numeric', 'regr_count', 'regr_avgx',
  'regr_avgy', 'regr_r2', 'regr_slope', 'regr_intercept', 'regr_sxx', 'regr_sxy', 'regr_syy', 'listagg', 'string_agg',
  'grouping', 'grouping_id',
]);

/** Functions that give one value of one (not an array or a map): of aggregates, still one value per group. */
export const SINGLE_VALUE_FUNCTIONS: ReadonlySet<string> = new Set([
  'to_date', 'to_timestamp', 'date_format', 'date_add', 'date_sub', 'add_months', 'datediff', 'months_between', 'from_unixtime', 'unix_timestamp',
  'year', 'month', 'dayofmonth', 'hour', 'minute', 'second', 'round', 'bround', 'abs', 'sqrt', 'log', 'log10', 'log2', 'log1p', 'exp', 'pow',
  'floor', 'ceil', 'signum', 'greatest', 'least', 'coalesce', 'nanvl', 'when', 'format_number', 'format_string', 'lower', 'upper', 'trim',
]);

/** Column methods that rename or convert: an aggregate column stays an aggregate through them. */
export const COLUMN_PASS_THROUGH: ReadonlySet<string> = new Set(['alias', 'name', 'cast', 'astype']);

/** RDD transformations that combine the values of each key: one row per key, like `groupBy().agg()`. */
export const RDD_AGGREGATES: ReadonlySet<string> = new Set(['reduceByKey', 'aggregateByKey', 'foldByKey', 'combineByKey']);

export const GROUPED_AGGREGATES: ReadonlySet<string> = new Set(['agg', 'count', 'sum', 'avg', 'mean', 'max', 'min']);

/** Actions: they run a Spark job and bring results to the driver or produce side effects. */
export const DATAFRAME_ACTIONS: ReadonlySet<string> = new Set([
  'collect', 'toLocalIterator', 'count', 'first', 'head', 'take', 'tail', 'toPandas', 'show', 'foreach',
  'foreachPartition', 'isEmpty', 'toJSON', 'toArrow',
]);

export const RDD_TRANSFORMS: ReadonlySet<string> = new Set([
  'map', 'flatMap', 'filter', 'mapValues', 'flatMapValues', 'reduceByKey', 'groupByKey', 'sortBy', 'sortByKey',
  'distinct', 'union', 'join', 'leftOuterJoin', 'rightOuterJoin', 'fullOuterJoin', 'cogroup', 'keys', 'values',
  'zip', 'zipWithIndex', 'zipWithUniqueId', 'repartition', 'coalesce', 'mapPartitions', 'mapPartitionsWithIndex',
  'cache', 'persist', 'unpersist', 'aggregateByKey', 'combineByKey', 'foldByKey', 'keyBy', 'glom', 'partitionBy',
  'subtract', 'subtractByKey', 'intersection', 'cartesian', 'pipe', 'sample', 'groupBy',
]);

export const RDD_ACTIONS: ReadonlySet<string> = new Set([
  'collect', 'toLocalIterator', 'count', 'first', 'take', 'takeOrdered', 'top', 'reduce', 'fold', 'aggregate',
  'countByKey', 'countByValue', 'collectAsMap', 'foreach', 'foreachPartition', 'sum', 'mean', 'max', 'min',
  'stats', 'isEmpty', 'saveAsTextFile', 'saveAsPickleFile', 'lookup',
]);

/** DataFrame methods that register the DataFrame under a name `spark.sql` and `spark.table` can read. */
export const TEMP_VIEW_METHODS: ReadonlySet<string> = new Set([
  'createTempView', 'createOrReplaceTempView', 'createGlobalTempView', 'createOrReplaceGlobalTempView', 'registerTempTable',
]);

export const READER_CONFIG: ReadonlySet<string> = new Set(['format', 'option', 'options', 'schema']);
export const READER_LOADS: ReadonlySet<string> = new Set([
  'csv', 'json', 'parquet', 'orc', 'text', 'load', 'table', 'jdbc', 'avro', 'xml', 'delta',
]);
/** DataFrameWriter methods that run the write: a job over the whole DataFrame. */
export const WRITER_SAVES: ReadonlySet<string> = new Set([
  'save', 'saveAsTable', 'insertInto', 'parquet', 'csv', 'json', 'orc', 'text', 'jdbc', 'avro', 'xml', 'delta',
]);

export const WRITER_CONFIG: ReadonlySet<string> = new Set([
  'mode', 'format', 'option', 'options', 'partitionBy', 'bucketBy', 'sortBy', 'outputMode', 'trigger', 'queryName',
]);

/** Estimators that learn features, not predictions (scalers, indexers, encoders, selectors). */
export const FEATURE_ESTIMATORS: ReadonlySet<string> = new Set([
  'StandardScaler', 'MinMaxScaler', 'MaxAbsScaler', 'RobustScaler', 'Imputer', 'StringIndexer', 'OneHotEncoder',
  'VectorIndexer', 'QuantileDiscretizer', 'PCA', 'IDF', 'CountVectorizer', 'Word2Vec', 'ChiSqSelector',
  'UnivariateFeatureSelector', 'VarianceThresholdSelector', 'TargetEncoder', 'RFormula', 'BucketedRandomProjectionLSH',
  'MinHashLSH',
]);

/** Estimators whose `fit` learns from the data (scalers, indexers, models, ...). */
export const ESTIMATORS: ReadonlySet<string> = new Set([
  ...FEATURE_ESTIMATORS,
  // classification / regression / clustering / recommendation / fpm
  'LogisticRegression', 'DecisionTreeClassifier', 'RandomForestClassifier', 'GBTClassifier', 'LinearSVC',
  'NaiveBayes', 'MultilayerPerceptronClassifier', 'OneVsRest', 'FMClassifier', 'LinearRegression',
  'GeneralizedLinearRegression', 'DecisionTreeRegressor', 'RandomForestRegressor', 'GBTRegressor',
  'AFTSurvivalRegression', 'IsotonicRegression', 'FMRegressor', 'KMeans', 'BisectingKMeans', 'GaussianMixture',
  'LDA', 'PowerIterationClustering', 'ALS', 'FPGrowth', 'PrefixSpan',
  'Pipeline',
]);

/** Transformers that learn nothing: applying them before a split is harmless. */
export const TRANSFORMERS: ReadonlySet<string> = new Set([
  'VectorAssembler', 'Tokenizer', 'RegexTokenizer', 'HashingTF', 'Normalizer', 'Bucketizer', 'SQLTransformer',
  'StopWordsRemover', 'NGram', 'Binarizer', 'PolynomialExpansion', 'DCT', 'ElementwiseProduct', 'VectorSlicer',
  'Interaction', 'FeatureHasher', 'IndexToString', 'VectorSizeHint', 'OneHotEncoderModel',
]);

export const EVALUATORS: ReadonlySet<string> = new Set([
  'BinaryClassificationEvaluator', 'MulticlassClassificationEvaluator', 'RegressionEvaluator',
  'ClusteringEvaluator', 'MultilabelClassificationEvaluator', 'RankingEvaluator',
]);

/**
 * pyspark.ml.stat tests and `Correlation.corr`: a DataFrame of one row (or one per feature), the
 * aggregated class, by `Owner.method`.
 */
export const ML_STAT_FUNCTIONS: ReadonlySet<string> = new Set([
  'Correlation.corr', 'ChiSquareTest.test', 'ANOVATest.test', 'FValueTest.test', 'KolmogorovSmirnovTest.test',
]);

/**
 * Model members that are DataFrames of what the model learned, one row per itemset, rule, user, item or
 * topic (the aggregated class): FPGrowth, ALS and LDA models. Attributes and methods.
 */
export const MODEL_DATAFRAME_ATTRIBUTES: ReadonlySet<string> = new Set(['freqItemsets', 'associationRules', 'userFactors', 'itemFactors']);
export const MODEL_DATAFRAME_METHODS: ReadonlySet<string> = new Set([
  'recommendForAllUsers', 'recommendForAllItems', 'recommendForUserSubset', 'recommendForItemSubset', 'describeTopics',
]);

/**
 * Members of a training or evaluation summary (`model.summary`, `model.evaluate(test)`) that are DataFrames:
 * one row per scored row, or one per threshold/bin (aggregated).
 */
export const SUMMARY_ROW_DATAFRAMES: ReadonlySet<string> = new Set(['predictions', 'residuals']);
export const SUMMARY_CURVE_DATAFRAMES: ReadonlySet<string> = new Set([
  'roc', 'pr', 'fMeasureByThreshold', 'precisionByThreshold', 'recallByThreshold', 'cluster',
]);

export const TUNING: ReadonlySet<string> = new Set(['CrossValidator', 'TrainValidationSplit']);

/** `pyspark.sql.functions` members the model distinguishes; every other member gives a Column. */
export const UDF_FACTORIES: ReadonlySet<string> = new Set(['udf', 'pandas_udf']);

/** Names a `from pyspark... import *` brings in that matter to the model, by the modules that export them. */
/** Aggregates of Spark SQL that pyspark.sql.functions does not define. */
const SQL_ONLY_AGGREGATES: ReadonlySet<string> = new Set(['any', 'percentile_cont', 'percentile_disc']);

/**
 * What `from pyspark.sql.functions import *` binds, of the names the model reads: the aggregates (`mean`,
 * `max`, which shadow Python's own there, as they do at run time) and the functions of one value; not
 * the SQL-only names among the aggregates (`any`, which stays Python's).
 */
const SQL_FUNCTIONS_EXPORTS: ReadonlySet<string> = new Set([
  'udf', 'pandas_udf', 'col', 'lit', 'when', 'broadcast',
  ...[...AGGREGATE_FUNCTIONS].filter((name) => !SQL_ONLY_AGGREGATES.has(name)),
  ...SINGLE_VALUE_FUNCTIONS,
]);
const SQL_EXPORTS: ReadonlySet<string> = new Set(['SparkSession', 'Window', 'DataFrame']);
const ML_EXPORTS: ReadonlySet<string> = new Set([...ESTIMATORS, ...TRANSFORMERS, ...EVALUATORS, ...TUNING, 'Pipeline', 'ParamGridBuilder']);

/**
 * Whether `from module import *` brings in `name` (of the names that matter to the model): IDF comes
 * from `pyspark.ml.feature`, never from `pyspark.sql.functions` imported with a star before it.
 */
export function starExports(module: string, name: string): boolean {
  if (isFunctionsModule(module)) return SQL_FUNCTIONS_EXPORTS.has(name);
  if (module === 'pyspark.sql') return SQL_EXPORTS.has(name);
  if (isGlueTransformExport(module, name)) return true;
  return (module === 'pyspark.ml' || module.startsWith('pyspark.ml.')) && ML_EXPORTS.has(name);
}

/** spark.range(n) above this many rows counts as unbounded. */
export const LITERAL_RANGE_LIMIT = 10_000;

/** Spark ML estimators of other libraries (XGBoost, SynapseML's LightGBM, Vowpal Wabbit and deep learning), by module. */
const THIRD_PARTY_ESTIMATORS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['xgboost.spark', new Set(['SparkXGBClassifier', 'SparkXGBRegressor', 'SparkXGBRanker'])],
  ['sparkxgb', new Set(['XGBoostClassifier', 'XGBoostRegressor'])],
  ['synapse.ml.lightgbm', new Set(['LightGBMClassifier', 'LightGBMRegressor', 'LightGBMRanker'])],
  ['mmlspark.lightgbm', new Set(['LightGBMClassifier', 'LightGBMRegressor', 'LightGBMRanker'])],
  ['synapse.ml.vw', new Set(['VowpalWabbitClassifier', 'VowpalWabbitRegressor'])],
  ['synapse.ml.dl', new Set(['DeepTextClassifier', 'DeepVisionClassifier'])],
]);

/**
 * The estimators of THIRD_PARTY_ESTIMATORS whose fit is itself a job across the cluster (XGBoost's barrier
 * stages of `num_workers` tasks, LightGBM's network of every executor): several fits at once wait on each
 * other's task slots.
 */
export const WHOLE_CLUSTER_TRAINERS: ReadonlySet<string> = new Set(
  ['xgboost.spark', 'sparkxgb', 'synapse.ml.lightgbm', 'mmlspark.lightgbm'].flatMap((module) => [...THIRD_PARTY_ESTIMATORS.get(module)!]),
);

/** `xgboost.spark.SparkXGBClassifier` -> `SparkXGBClassifier`: a Spark ML estimator from another library. */
export function thirdPartyEstimator(qualifiedName: string): string | undefined {
  const dot = qualifiedName.lastIndexOf('.');
  const name = qualifiedName.slice(dot + 1);
  for (let module = qualifiedName.slice(0, dot); module; module = module.slice(0, Math.max(0, module.lastIndexOf('.')))) {
    if (THIRD_PARTY_ESTIMATORS.get(module)?.has(name)) return name;
  }
  return undefined;
}

/** The class name at the end of a qualified name when it belongs to pyspark (`pyspark.ml.feature.PCA` -> PCA). */
/** Data source names Spark resolves to its built-in sources (the Spark 1 packages they replaced). */
const SOURCE_ALIASES: Readonly<Record<string, string>> = {
  'com.databricks.spark.csv': 'csv',
  'com.databricks.spark.avro': 'avro',
  'org.apache.spark.sql.csv': 'csv',
  'org.apache.spark.sql.json': 'json',
  'org.apache.spark.sql.parquet': 'parquet',
};

/** The data source a reader's `format("...")` names, lower-cased, by its built-in name (`com.databricks.spark.csv` is csv). */
export function sourceFormat(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const lower = name.toLowerCase();
  return SOURCE_ALIASES[lower] ?? lower;
}

/** Classes Spark renamed, by their old name: code written for both versions imports the old one under the new name. */
const RENAMED: Readonly<Record<string, string>> = {
  // Spark 2.3/2.4's estimator; 3.0 named it OneHotEncoder (2.x's OneHotEncoder was a deprecated transformer)
  OneHotEncoderEstimator: 'OneHotEncoder',
  OneHotEncoderEstimatorModel: 'OneHotEncoderModel',
};

/** The last part of a pyspark name (`pyspark.ml.feature.PCA` -> `PCA`), by its current name; undefined outside pyspark. */
export function pysparkTail(qualifiedName: string): string | undefined {
  if (!qualifiedName.startsWith('pyspark.') && qualifiedName !== 'pyspark') return undefined;
  const tail = qualifiedName.slice(qualifiedName.lastIndexOf('.') + 1);
  return RENAMED[tail] ?? tail;
}

export function isFunctionsModule(qualifiedName: string): boolean {
  return qualifiedName === 'pyspark.sql.functions' || qualifiedName === 'pyspark.sql.connect.functions';
}
