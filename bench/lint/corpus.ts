// A deterministic generator of realistic PySpark job files for the lint benchmark: ETL steps, joins,
// windows, UDFs, ML pipelines with splits and tuning, helpers and loops, in the proportions real jobs
// have them, with a few anti-patterns sprinkled in.
import { seededRandom, type Random } from '../../src/shared/seededRandom';

export interface CorpusFile {
  name: string;
  text: string;
}

export { seededRandom };

const ENTITIES = ['orders', 'customers', 'events', 'sessions', 'payments', 'products', 'clicks', 'devices', 'invoices', 'shipments'];
const COLUMNS = ['amount', 'country', 'status', 'created_at', 'user_id', 'price', 'quantity', 'category', 'channel', 'score', 'region', 'device'];
const FORMATS = ['parquet', 'json', 'orc', 'csv'];

function pick<T>(next: Random, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function header(next: Random, name: string): string[] {
  return [
    `"""${name}: nightly ${pick(next, ENTITIES)} pipeline."""`,
    'import argparse',
    'import logging',
    'from datetime import datetime, timedelta',
    '',
    'from pyspark.sql import DataFrame, SparkSession, Window',
    'from pyspark.sql import functions as F',
    'from pyspark.sql.types import DoubleType, IntegerType, StringType, StructField, StructType',
    'from pyspark.ml import Pipeline',
    'from pyspark.ml.classification import LogisticRegression, RandomForestClassifier',
    'from pyspark.ml.evaluation import BinaryClassificationEvaluator',
    'from pyspark.ml.feature import StandardScaler, StringIndexer, VectorAssembler',
    'from pyspark.ml.tuning import CrossValidator, ParamGridBuilder',
    '',
    'log = logging.getLogger(__name__)',
    '',
  ];
}

function readBlock(next: Random, i: number): string[] {
  const entity = pick(next, ENTITIES);
  const format = pick(next, FORMATS);
  const options = format === 'csv' ? `, header=True${next() < 0.3 ? ', inferSchema=True' : ''}` : '';
  return [
    `def load_${entity}_${i}(spark: SparkSession, day: str) -> DataFrame:`,
    `    """Reads one day of ${entity}."""`,
    `    path = f"s3://lake/${entity}/dt={day}"`,
    `    df = spark.read.${format}(path${options})`,
    `    df = df.filter(F.col("${pick(next, COLUMNS)}").isNotNull())`,
    `    return df.select(${COLUMNS.slice(0, 3 + Math.floor(next() * 6)).map((c) => `"${c}"`).join(', ')})`,
    '',
    '',
  ];
}

function transformBlock(next: Random, i: number): string[] {
  const a = pick(next, COLUMNS);
  const b = pick(next, COLUMNS);
  const lines = [
    `def enrich_${i}(df: DataFrame, ref: DataFrame) -> DataFrame:`,
    `    joined = df.join(ref, on="${a}", how="${pick(next, ['left', 'inner'])}")`,
    `    w = Window.partitionBy("${b}").orderBy(F.col("created_at").desc())`,
    '    joined = joined.withColumn("rank", F.row_number().over(w))',
    '    joined = joined.filter(F.col("rank") == 1).drop("rank")',
    `    totals = joined.groupBy("${b}").agg(`,
    `        F.sum("${a}").alias("total_${a}"),`,
    '        F.countDistinct("user_id").alias("users"),',
    '        F.max("created_at").alias("last_seen"),',
    '    )',
  ];
  if (next() < 0.2) lines.push('    for c in ["amount", "price"]:', '        joined = joined.withColumn(c, F.col(c).cast("double"))');
  else lines.push('    joined = joined.withColumns({c: F.col(c).cast("double") for c in ["amount", "price"]})');
  lines.push(
    `    joined = joined.join(totals, "${b}", how="left")`,
    '    return joined.withColumn("day", F.to_date("created_at"))',
    '',
    '',
  );
  return lines;
}

function udfBlock(next: Random, i: number): string[] {
  if (next() < 0.5) {
    return [
      `@F.udf(returnType=StringType())`,
      `def normalize_${i}(value):`,
      '    if value is None:',
      '        return None',
      '    return value.strip().lower()',
      '',
      '',
    ];
  }
  return [
    `@F.pandas_udf(DoubleType())`,
    `def zscore_${i}(values):`,
    '    return (values - values.mean()) / values.std()',
    '',
    '',
  ];
}

function mlBlock(next: Random, i: number): string[] {
  const fitBeforeSplit = next() < 0.15;
  const lines = [
    `def train_${i}(spark: SparkSession, features: DataFrame):`,
    '    assembler = VectorAssembler(inputCols=["amount", "price", "quantity"], outputCol="raw")',
    '    scaler = StandardScaler(inputCol="raw", outputCol="features")',
    '    indexer = StringIndexer(inputCol="status", outputCol="label")',
    `    lr = LogisticRegression(maxIter=${10 + Math.floor(next() * 90)}, regParam=0.01)`,
  ];
  if (fitBeforeSplit) {
    lines.push(
      '    assembled = assembler.transform(features)',
      '    scaled = scaler.fit(assembled).transform(assembled)',
      '    train, test = scaled.randomSplit([0.8, 0.2], seed=7)',
      '    model = lr.fit(indexer.fit(train).transform(train))',
    );
  } else {
    lines.push(
      '    train, test = features.randomSplit([0.8, 0.2], seed=7)',
      '    pipeline = Pipeline(stages=[indexer, assembler, scaler, lr])',
      '    grid = ParamGridBuilder().addGrid(lr.regParam, [0.01, 0.1]).build()',
      `    cv = CrossValidator(estimator=pipeline, estimatorParamMaps=grid, evaluator=BinaryClassificationEvaluator(), numFolds=3${next() < 0.5 ? ', parallelism=4' : ''})`,
      '    model = cv.fit(train)',
    );
  }
  lines.push(
    '    evaluator = BinaryClassificationEvaluator(labelCol="label")',
    '    auc = evaluator.evaluate(model.transform(test))',
    '    log.info("auc=%.3f", auc)',
    '    return model',
    '',
    '',
  );
  return lines;
}

function mainBlock(next: Random, functions: string[]): string[] {
  const lines = [
    'def main():',
    '    parser = argparse.ArgumentParser()',
    '    parser.add_argument("--day", default=(datetime.utcnow() - timedelta(days=1)).strftime("%Y-%m-%d"))',
    '    args = parser.parse_args()',
    '    spark = SparkSession.builder.appName("nightly").getOrCreate()',
  ];
  for (const fn of functions.filter((name) => name.startsWith('load_'))) lines.push(`    ${fn.replace('load_', 'df_')} = ${fn}(spark, args.day)`);
  const first = functions.find((name) => name.startsWith('load_'));
  if (first) {
    const df = first.replace('load_', 'df_');
    lines.push(`    if ${df}.${next() < 0.3 ? 'count() == 0' : 'isEmpty()'}:`, '        log.warning("nothing to do")', '        return');
    if (next() < 0.2) lines.push(`    sample = ${df}.collect()`, '    log.info("rows: %d", len(sample))');
    lines.push(`    ${df}.write.mode("overwrite").partitionBy("country").parquet(f"s3://lake/out/{args.day}")`);
  }
  lines.push('    spark.stop()', '', '', 'if __name__ == "__main__":', '    main()', '');
  return lines;
}

/** One job file of roughly `targetLines` lines. */
export function generateJob(next: Random, name: string, targetLines: number): string {
  const lines = header(next, name);
  const functions: string[] = [];
  let i = 0;
  while (lines.length < targetLines - 20) {
    const kind = next();
    const block = kind < 0.3 ? readBlock(next, i) : kind < 0.65 ? transformBlock(next, i) : kind < 0.85 ? udfBlock(next, i) : mlBlock(next, i);
    const match = /^def (\w+)/.exec(block.find((line) => line.startsWith('def ')) ?? '');
    if (match) functions.push(match[1]!);
    lines.push(...block);
    i++;
  }
  lines.push(...mainBlock(next, functions));
  return lines.join('\n');
}

export function generateCorpus(seed: number, files: number, linesPerFile: number): CorpusFile[] {
  const next = seededRandom(seed);
  return Array.from({ length: files }, (_, index) => {
    const name = `job_${String(index).padStart(3, '0')}.py`;
    return { name, text: generateJob(next, name, linesPerFile) };
  });
}
