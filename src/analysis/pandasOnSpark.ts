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

/** Koalas (`databricks.koalas`) is the same API under its name before Spark 3.2. */
const MODULES = ['pyspark.pandas.', 'databricks.koalas.'];

/** The function of pyspark.pandas (or Koalas) `qualified` names: `read_parquet` for `pyspark.pandas.read_parquet`. */
export function pandasOnSparkFunction(qualified: string): string | undefined {
  const module = MODULES.find((prefix) => qualified.startsWith(prefix));
  return module ? qualified.slice(module.length) : undefined;
}

/** The function reads data (`ps.read_parquet`, `ps.sql`): as large as what it reads. */
export function isPandasOnSparkRead(name: string): boolean {
  return READERS.has(name);
}

/** Functions whose first argument is SQL text (what they read is as large as the query's result). */
export function takesSqlText(name: string): boolean {
  return name === 'sql' || name === 'read_sql_query' || name === 'read_sql';
}

/** `ps.DataFrame(...)`, `ps.Series(...)`, `ps.from_pandas(pdf)`: made from local data (or a Spark DataFrame). */
export function isPandasOnSparkConstructor(name: string): boolean {
  return name === 'DataFrame' || name === 'Series' || name === 'from_pandas';
}

/** `ps.concat([a, b])`, `ps.merge(a, b)`: as large as the largest frame they are given. */
export function combinesFrames(name: string): boolean {
  return name === 'concat' || name === 'merge';
}

/** Attributes of a pandas-on-Spark frame that are not frames (`values` is a numpy array on the driver). */
export const PANDAS_ON_SPARK_NOT_FRAMES: ReadonlySet<string> = new Set(['shape', 'columns', 'dtypes', 'dtype', 'ndim', 'size', 'empty', 'name', 'values', 'plot', 'str', 'dt']);

/** `psdf.spark`: the accessor whose `frame()` is the Spark DataFrame; any other attribute is as large as the frame. */
export function pandasOnSparkAttribute(name: string): string | undefined {
  if (PANDAS_ON_SPARK_NOT_FRAMES.has(name)) return undefined;
  return name === 'spark' ? SPARK_ACCESSOR : PANDAS_ON_SPARK;
}

/** `psdf.iloc[:100]`, `psdf[:100]`: a slice of rows with an end is a limit; `iloc[100:]`, `iloc[::2]` and `loc[:, cols]` are not. */
export function limitsRows(sliceText: string): boolean {
  const stop = sliceText.split(':')[1];
  return stop !== undefined && stop.trim() !== '';
}

/** Spark DataFrame methods that give its pandas-on-Spark view. */
export const TO_PANDAS_ON_SPARK: ReadonlySet<string> = new Set(['pandas_api', 'to_pandas_on_spark', 'to_koalas']);

/** Methods that bring a pandas-on-Spark object to the driver (what SPK102 reports on an unbounded one). */
export const PANDAS_ON_SPARK_COLLECTS: ReadonlySet<string> = new Set(['to_pandas', 'to_numpy', 'to_list', 'tolist', 'to_dict', 'to_string', 'iterrows', 'itertuples']);

/** `to_csv()` / `to_json()` without a path return the text of all the data, made on the driver. */
export const PANDAS_ON_SPARK_WRITES_TO_TEXT: ReadonlySet<string> = new Set(['to_csv', 'to_json']);

const LIMITING = new Set(['head', 'sample', 'nlargest', 'nsmallest', 'tail']);
/** Reductions of a frame or series: one value per column (or a few rows, `describe()`). */
const AGGREGATES = new Set([
  'describe', 'sum', 'mean', 'count', 'min', 'max', 'std', 'var', 'median', 'size', 'nunique', 'corr', 'cov',
  'quantile', 'agg', 'aggregate', 'prod', 'skew', 'kurt', 'sem', 'mode',
]);
/** A groupby's reductions: one row per group (`first`/`last` of a frame are its first rows by time: `first("3D")`). */
const GROUPBY_AGGREGATES = new Set([...AGGREGATES, 'first', 'last']);
/** Methods that leave pandas-on-Spark: to Spark, to the driver, or to a scalar or plot. */
const LEAVING = new Set(['to_spark', ...PANDAS_ON_SPARK_COLLECTS, ...PANDAS_ON_SPARK_WRITES_TO_TEXT, 'to_records', 'plot', 'info', 'items']);
const SPARK_ACCESSOR = 'PandasOnSparkAccessor';

export type PandasOnSparkResult =
  | { kind: 'PandasOnSpark'; op: string; bound: Boundedness | undefined }
  | { kind: 'DataFrame'; bound: Boundedness | undefined }
  | undefined;

/**
 * What `receiver.method(...)` gives on a pandas-on-Spark object: another one (as large as the receiver,
 * limited, or aggregated), a Spark DataFrame (`to_spark()`), or undefined (to the driver, or unknown).
 */
export function pandasOnSparkMethod(receiverOp: string | undefined, bound: Boundedness | undefined, method: string): PandasOnSparkResult {
  // `psdf.spark.frame()`: the Spark DataFrame under it
  if (receiverOp === SPARK_ACCESSOR) return method === 'frame' ? { kind: 'DataFrame', bound } : undefined;
  if (receiverOp === PANDAS_ON_SPARK_GROUPBY) return { kind: 'PandasOnSpark', op: PANDAS_ON_SPARK, bound: GROUPBY_AGGREGATES.has(method) ? 'aggregated' : undefined };
  if (receiverOp !== PANDAS_ON_SPARK) return undefined;
  if (method === 'to_spark') return { kind: 'DataFrame', bound };
  if (LEAVING.has(method)) return undefined;
  if (method === 'groupby') return { kind: 'PandasOnSpark', op: PANDAS_ON_SPARK_GROUPBY, bound };
  if (LIMITING.has(method)) return { kind: 'PandasOnSpark', op: PANDAS_ON_SPARK, bound: bound === 'literal' ? 'literal' : 'limited' };
  if (AGGREGATES.has(method)) return { kind: 'PandasOnSpark', op: PANDAS_ON_SPARK, bound: bound === 'literal' ? 'literal' : 'aggregated' };
  return { kind: 'PandasOnSpark', op: PANDAS_ON_SPARK, bound };
}
