// The pandas API on Spark (`import pyspark.pandas as ps`): a pandas-on-Spark DataFrame or Series is
// distributed like a Spark DataFrame, and `to_pandas()` brings all of it to the driver. Such values are
// Unknown values with op `PandasOnSpark` (the Spark DataFrame rules never look at them) and a size.
import type { Boundedness } from './values';

export const PANDAS_ON_SPARK = 'PandasOnSpark';
const PANDAS_ON_SPARK_GROUPBY = 'PandasOnSparkGroupBy';

/** `ps.read_parquet(...)` and the other readers of pyspark.pandas: as large as what they read. */
const READERS = new Set([
  'read_csv', 'read_parquet', 'read_json', 'read_table', 'read_delta', 'read_orc', 'read_spark_io', 'read_sql',
  'read_sql_table', 'read_sql_query', 'sql',
]);

/** The module function `qualified` names reads data (`pyspark.pandas.read_parquet`). */
export function isPandasOnSparkRead(qualified: string): boolean {
  return qualified.startsWith('pyspark.pandas.') && READERS.has(qualified.slice('pyspark.pandas.'.length));
}

/** `ps.DataFrame(...)`, `ps.Series(...)`, `ps.from_pandas(pdf)`: made from local data (or a Spark DataFrame). */
export function isPandasOnSparkConstructor(qualified: string): boolean {
  return qualified === 'pyspark.pandas.DataFrame' || qualified === 'pyspark.pandas.Series' || qualified === 'pyspark.pandas.from_pandas';
}

/** Attributes of a pandas-on-Spark frame that are not frames (`values` is a numpy array on the driver). */
export const PANDAS_ON_SPARK_NOT_FRAMES: ReadonlySet<string> = new Set(['shape', 'columns', 'dtypes', 'dtype', 'ndim', 'size', 'empty', 'name', 'values', 'spark', 'plot', 'str', 'dt']);

/** Spark DataFrame methods that give its pandas-on-Spark view. */
export const TO_PANDAS_ON_SPARK: ReadonlySet<string> = new Set(['pandas_api', 'to_pandas_on_spark', 'to_koalas']);

/** Methods that bring a pandas-on-Spark object to the driver (what SPK102 reports on an unbounded one). */
export const PANDAS_ON_SPARK_COLLECTS: ReadonlySet<string> = new Set(['to_pandas', 'to_numpy']);

const LIMITING = new Set(['head', 'sample', 'nlargest', 'nsmallest', 'tail']);
const AGGREGATES = new Set([
  'describe', 'sum', 'mean', 'count', 'min', 'max', 'std', 'var', 'median', 'size', 'nunique', 'value_counts', 'corr',
  'cov', 'quantile', 'agg', 'aggregate', 'first', 'last', 'prod', 'skew', 'kurt', 'sem', 'mode', 'unique',
]);
/** Methods that leave pandas-on-Spark: to Spark, to the driver, or to a scalar or plot. */
const LEAVING = new Set(['to_spark', 'spark', ...PANDAS_ON_SPARK_COLLECTS, 'to_dict', 'to_list', 'tolist', 'to_records', 'plot', 'info', 'items', 'iterrows', 'itertuples']);

export type PandasOnSparkResult =
  | { kind: 'PandasOnSpark'; op: string; bound: Boundedness | undefined }
  | { kind: 'DataFrame'; bound: Boundedness | undefined }
  | undefined;

/**
 * What `receiver.method(...)` gives on a pandas-on-Spark object: another one (as large as the receiver,
 * limited, or aggregated), a Spark DataFrame (`to_spark()`), or undefined (to the driver, or unknown).
 */
export function pandasOnSparkMethod(receiverOp: string | undefined, bound: Boundedness | undefined, method: string): PandasOnSparkResult {
  if (receiverOp === PANDAS_ON_SPARK_GROUPBY) return { kind: 'PandasOnSpark', op: PANDAS_ON_SPARK, bound: AGGREGATES.has(method) ? 'aggregated' : undefined };
  if (receiverOp !== PANDAS_ON_SPARK) return undefined;
  if (method === 'to_spark') return { kind: 'DataFrame', bound };
  if (LEAVING.has(method)) return undefined;
  if (method === 'groupby') return { kind: 'PandasOnSpark', op: PANDAS_ON_SPARK_GROUPBY, bound };
  if (LIMITING.has(method)) return { kind: 'PandasOnSpark', op: PANDAS_ON_SPARK, bound: bound === 'literal' ? 'literal' : 'limited' };
  if (AGGREGATES.has(method)) return { kind: 'PandasOnSpark', op: PANDAS_ON_SPARK, bound: bound === 'literal' ? 'literal' : 'aggregated' };
  return { kind: 'PandasOnSpark', op: PANDAS_ON_SPARK, bound };
}
