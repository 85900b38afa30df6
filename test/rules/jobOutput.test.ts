// A job that writes nothing besides what it prints is an exploration or a report: its show(), printSchema()
// and explain() are its output, not debugging aids left behind (SPK106). Anything written elsewhere, or
// handed to the project's own modules or to a standard-library module that writes, makes them debugging
// aids again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Point } from 'web-tree-sitter';
import { writesOutput } from '../../src/analysis/jobOutput';
import { lintTree } from '../../src/rules/engine';
import { codesAt, lint, testParser } from './helpers';

const job = (...lines: string[]) =>
  ['from pyspark.sql import SparkSession', 'spark = SparkSession.builder.getOrCreate()', 'data = spark.read.parquet("/data/trips")', 'data.groupBy("day").count().show()', ...lines, ''].join('\n');

const spk106 = (codes: string[]) => codes.filter((code) => code.startsWith('SPK106'));

function pointAt(text: string, index: number): Point {
  const before = text.slice(0, index).split('\n');
  return { row: before.length - 1, column: before[before.length - 1]!.length };
}

describe('jobs that write nothing else (SPK106)', () => {
  it('does not report show() in a job whose only output is what it prints', async () => {
    assert.deepEqual(codesAt(await lint(job('print(data.count())', 'import sys', 'sys.stdout.write("done\\n")'))), []);
  });

  it('does not report printSchema() and explain() there either: the schema and the plan it prints are its output too', async () => {
    assert.deepEqual(codesAt(await lint(job('data.printSchema()', 'data.explain()'))), []);
    assert.deepEqual(spk106(codesAt(await lint(job('data.printSchema()', 'data.write.parquet("/data/out")')))), ['SPK106@4', 'SPK106@5']);
  });

  it('counts the standard library and Glue\'s reader as no output, and the standard library\'s writers as output', async () => {
    const quiet = ['import numbers, atexit, configparser', 'from collections import Counter', 'from awsglue.context import GlueContext'];
    for (const imports of quiet) assert.deepEqual(spk106(codesAt(await lint(job(imports)))), [], imports);
    const writing = ['import shutil', 'import subprocess', 'from urllib.request import urlopen', 'import sqlite3', 'from zipfile import ZipFile', 'import boto3'];
    for (const imports of writing) assert.deepEqual(spk106(codesAt(await lint(job(imports)))), ['SPK106@4'], imports);
  });

  it('counts graph, geospatial, NLP and model libraries as no output, and their saves as output', async () => {
    const quiet = ['from graphframes import GraphFrame', 'from sedona.spark import SedonaContext', 'import h3, networkx as nx', 'import sparknlp', 'from prophet import Prophet', 'import xgboost as xgb', 'from pysparkling import H2OContext\nimport h2o', 'import kagglehub'];
    for (const imports of quiet) assert.deepEqual(spk106(codesAt(await lint(job(imports)))), [], imports);
    assert.deepEqual(spk106(codesAt(await lint(job('from graphframes import GraphFrame', 'GraphFrame(data, data).vertices.write.parquet("/data/v")')))), ['SPK106@4']);
    assert.deepEqual(spk106(codesAt(await lint(job('import xgboost as xgb', 'xgb.XGBClassifier().fit(x, y).save_model("m.json")')))), ['SPK106@4']);
    for (const save of ['h2o.save_model(best, path="/models")', 'best.download_mojo(path="/models")', 'best.save_mojo("/models")', 'h2o.download_csv(frame, "/out/preds.csv")', 'h2o.export_file(frame, "/out/preds.csv")']) {
      assert.deepEqual(spk106(codesAt(await lint(job('import h2o', save)))), ['SPK106@4'], save);
    }
    assert.deepEqual(spk106(codesAt(await lint(job('import kagglehub', 'kagglehub.dataset_upload("me/trips", "/out")')))), ['SPK106@4']);
  });

  it('does not count a write that is commented out', async () => {
    assert.deepEqual(spk106(codesAt(await lint(job('# data.write.parquet("/out")')))), []);
    assert.deepEqual(spk106(codesAt(await lint(job('def report():', '    data.show()', '    # data.write.parquet("/out")', '    return 1')))), []);
    assert.deepEqual(spk106(codesAt(await lint(job('data.write.parquet("/out")  # the daily export')))), ['SPK106@4']);
  });

  it('does not count the console reopened with another encoding as output', async () => {
    assert.deepEqual(spk106(codesAt(await lint(job('import sys', 'sys.stdout = open(sys.stdout.fileno(), mode="w", encoding="utf8", buffering=1)')))), []);
    assert.deepEqual(spk106(codesAt(await lint(job('import sys', 'report = open("report.txt", mode="w")')))), ['SPK106@4']);
  });

  it('counts configuration, command-line and logging libraries as no output', async () => {
    const quiet = ['import dotenv', 'from dotenv import load_dotenv', 'import yaml', 'import click', 'from loguru import logger', 'from pydantic import BaseModel'];
    for (const imports of quiet) assert.deepEqual(spk106(codesAt(await lint(job(imports)))), [], imports);
  });

  it('counts an import of the project\'s session helper only as no output, and Glue\'s other writers as output', async () => {
    const quiet = ['from shared.spark_utils import create_spark_session', 'from .session import (\n    get_spark,\n    SparkSessionManager as Manager,\n)'];
    for (const imports of quiet) assert.deepEqual(spk106(codesAt(await lint(job(imports)))), [], imports);
    const writing = ['from shared.spark_utils import create_spark_session, write_table', 'from jobs.io import write_spark_table', 'from dependencies import spark_pg_utils',
      'from utils import get_spark, \\\n    write_table', 'from requests import Session', 'from etl.sessions import load_sessions_to_postgres', 'from helpers import create_spark_table', 'glueContext.write_from_jdbc_conf(frame_or_dfc=out, catalog_connection="dw")', 'glueContext.write_data_frame_from_catalog(frame=data, database="db", table_name="t")', 'stream.forEachBatch(frame=data, batch_function=process, options={})'];
    for (const output of writing) assert.deepEqual(spk106(codesAt(await lint(job(output)))), ['SPK106@4'], output);
  });

  it('reports show() once the job writes its result, in any of the ways a job does', async () => {
    const outputs = [
      'data.write.parquet("/data/out")',
      'data.writeStream.format("kafka").option("topic", "trips").start()',
      'data.rdd.saveAsTextFile("/data/out")',
      'data.limit(10).toPandas().to_csv("out.csv")',
      'spark.sql("INSERT INTO daily SELECT * FROM trips")',
      'spark.sql("create or replace table daily as select 1")',
      'spark.sql("UPDATE daily SET n = 0")',
      'import mlflow\nmlflow.log_metric("rows", 1)',
      'import os\nwith open(os.path.join("/out", "stats.json"), "w") as out:\n    out.write("done")',
      'from pathlib import Path\nPath("/out/n.txt").write_text("1")',
      'data.foreach(print)',
      'glueContext.write_dynamic_frame.from_options(frame=data, connection_type="s3")',
      'from delta.tables import DeltaTable\nDeltaTable.forPath(spark, "/t").alias("t").merge(data.alias("s"), "t.id = s.id").whenMatchedUpdateAll().execute()',
      'from jobs.io import write_table\nwrite_table(data, "db.out")',
      'from .sinks import publish\npublish(data)',
    ];
    for (const output of outputs) assert.deepEqual(spk106(codesAt(await lint(job(output)))), ['SPK106@4'], output);
  });

  it('counts reads, temp views and printing as no output', () => {
    for (const text of ['open("in.txt")', 'open("in.bin", "rb")', 'data.createOrReplaceTempView("trips")', 'pd.read_csv("in.csv")', 'spark.sql("SELECT * FROM trips")', 'sys.stdout.write("x")', 'import os, sys\nfrom pyspark.sql import functions as F']) {
      assert.equal(writesOutput(text), false, text);
    }
    for (const text of ['open("out.bin", "wb")', 'open(path, mode="a")', 'open(p, "r+")', 'Path(p).open("w")', 'df.writeTo("db.t").append()', 'plt.savefig("p.png")', 'json.dump(stats, out)']) {
      assert.equal(writesOutput(text), true, text);
    }
  });

  it('counts a stream whose sink prints (console, memory, a foreachBatch handler that only shows) as no output', async () => {
    for (const text of [
      'df.writeStream.format("console").start()',
      'q = (df.writeStream\n    .outputMode("append")\n    .format("memory").queryName("t")\n    .start())',
      'df.writeStream.outputMode("append").foreachBatch(show_batch).start()',
      'df.writeStream.foreachBatch(self.process_batch).trigger(processingTime="10 seconds").start()',
    ]) {
      assert.equal(writesOutput(text), false, text);
    }
    for (const text of [
      'df.writeStream.format("parquet").option("path", "/out").start()',
      'df.writeStream.format("delta").toTable("events")',
      'df.writeStream.foreachBatch(lambda batch, _: batch.write.saveAsTable("t")).start()',
      'df.writeStream.format("console").start()\nother.writeStream.format("kafka").start()',
    ]) {
      assert.equal(writesOutput(text), true, text);
    }
    // the handler's own writes count where it is defined
    const handler = (body: string) => job(`def show_batch(batch, epoch_id):\n    ${body}`, 'data.writeStream.foreachBatch(show_batch).start()');
    assert.deepEqual(spk106(codesAt(await lint(handler('batch.show()')))), []);
    assert.deepEqual(spk106(codesAt(await lint(handler('batch.write.mode("append").parquet("/out")')))), ['SPK106@4']);
  });

  it('re-lints the same as a fresh lint when an edit adds or removes the only write', async () => {
    const parser = await testParser();
    const write = 'data.write.parquet("/data/out")\n';
    const withWrite = job(write.trim());
    const without = job();
    for (const [before, after] of [[without, withWrite], [withWrite, without]] as const) {
      const tree = parser.parse(before)!;
      lintTree(tree, before);
      const at = before === withWrite ? before.length - write.length : before.length;
      const [removed, inserted] = before === withWrite ? [write.length, ''] : [0, write];
      tree.edit({
        startIndex: at, oldEndIndex: at + removed, newEndIndex: at + inserted.length,
        startPosition: pointAt(before, at), oldEndPosition: pointAt(before, at + removed), newEndPosition: pointAt(after, at + inserted.length),
      });
      assert.equal(before.slice(0, at) + inserted + before.slice(at + removed), after);
      const next = parser.parse(after, tree)!;
      const incremental = lintTree(next, after, {}, tree);
      const fresh = parser.parse(after)!;
      assert.deepEqual(incremental, lintTree(fresh, after));
      assert.deepEqual(spk106(codesAt(incremental)), after === withWrite ? ['SPK106@4'] : []);
      for (const t of [tree, next, fresh]) t.delete();
    }
  });
});
