// A job that writes nothing besides what it shows is an exploration or a report: its show() is its output,
// not a debugging aid left behind (SPK106). Anything written elsewhere makes the shows debugging aids again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writesOutput } from '../../src/analysis/jobOutput';
import { codesAt, lint } from './helpers';

const job = (...lines: string[]) =>
  ['from pyspark.sql import SparkSession', 'spark = SparkSession.builder.getOrCreate()', 'data = spark.read.parquet("/data/trips")', 'data.groupBy("day").count().show()', ...lines, ''].join('\n');

describe('jobs that write nothing else (SPK106)', () => {
  it('does not report show() in a job whose only output is what it shows', async () => {
    assert.deepEqual(codesAt(await lint(job('print(data.count())'))), []);
  });

  it('reports it once the job writes its result, in any of the ways a job does', async () => {
    const outputs = [
      'data.write.parquet("/data/out")',
      'data.writeStream.format("console").start()',
      'data.rdd.saveAsTextFile("/data/out")',
      'data.limit(10).toPandas().to_csv("out.csv")',
      'spark.sql("INSERT INTO daily SELECT * FROM trips")',
      'spark.sql("create or replace table daily as select 1")',
      'import mlflow\nmlflow.log_metric("rows", 1)',
      'with open("report.txt", "w") as out:\n    out.write("done")',
      'data.foreach(print)',
    ];
    for (const output of outputs) assert.deepEqual(codesAt(await lint(job(output))).filter((code) => code.startsWith('SPK106')), ['SPK106@4'], output);
  });

  it('counts a file read, a temp view and pandas reads as no output', () => {
    for (const text of ['open("in.txt")', 'open("in.bin", "rb")', 'data.createOrReplaceTempView("trips")', 'pd.read_csv("in.csv")', 'spark.sql("SELECT * FROM trips")']) {
      assert.equal(writesOutput(text), false, text);
    }
    for (const text of ['open("out.bin", "wb")', 'open(path, mode="a")', 'df.writeTo("db.t").append()', 'plt.savefig("p.png")']) {
      assert.equal(writesOutput(text), true, text);
    }
  });
});
