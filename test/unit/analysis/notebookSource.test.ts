// Files that are PySpark files without importing pyspark: Databricks notebook exports and notebooks of the
// shell's `spark` (the runtime defines it), and files whose session comes from a helper of the project.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDatabricksNotebookSource, isSparkShellNotebookSource, runsOtherNotebook, usesSessionFromHelper } from '../../../src/analysis/notebookSource';
import { copyTree } from '../../../src/analysis/syntax';
import { lintText } from '../../../src/rules/engine';
import { testParser } from '../testParser';

describe('Databricks notebook source', () => {
  it('is recognised by its first line only', () => {
    assert.equal(isDatabricksNotebookSource('# Databricks notebook source\nx = 1\n'), true);
    assert.equal(isDatabricksNotebookSource('\uFEFF# Databricks notebook source\r\nx = 1\r\n'), true);
    assert.equal(isDatabricksNotebookSource('# Databricks notebook source'), true);
    assert.equal(isDatabricksNotebookSource('"""doc"""\n# Databricks notebook source\n'), false);
    assert.equal(isDatabricksNotebookSource('# Databricks notebook source code, copied\n'), false);
  });

  it('is linted as a PySpark file, with the runtime `spark`', async () => {
    const parser = await testParser();
    const body = 'rows = spark.read.table("main.sales.orders").collect()\n';
    const notebook = await lintText(parser, `# Databricks notebook source\n${body}`);
    assert.deepEqual(notebook.findings.map((finding) => `${finding.code}@${finding.range.start.line}`), ['SPK101@1']);
    // the same code in a plain script that never mentions pyspark is not a Spark file to the linter
    assert.deepEqual((await lintText(parser, `# notes\n${body}`)).findings, []);
  });
});

describe('a notebook of # %% cells using the shell\'s spark', () => {
  const body = 'rows = spark.read.table("main.sales.orders").collect()\n';

  it('is a PySpark file without importing pyspark, also when a string names it', async () => {
    const parser = await testParser();
    const cells = `# %%\nspark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")\n\n# %%\n${body}`;
    assert.equal(isSparkShellNotebookSource(cells), true);
    assert.deepEqual((await lintText(parser, cells)).findings.map((finding) => `${finding.code}@${finding.range.start.line}`), ['SPK101@4']);
  });

  it('is not one without cells, with its own pyspark import, or without the shell\'s session', () => {
    assert.equal(isSparkShellNotebookSource(body), false);
    assert.equal(isSparkShellNotebookSource(`# %%\nfrom pyspark.sql import SparkSession\n${body}`), false);
    assert.equal(isSparkShellNotebookSource('# %%\nrows = session.read.table("t").collect()\n'), false);
  });
});

describe('a file whose session comes from a helper of its project', () => {
  it('is a PySpark file without importing pyspark when it binds `spark` from a call and uses it', async () => {
    const job = 'from jobs.common import get_spark\nspark = get_spark("x")\nrows = spark.table("t").collect()\n';
    assert.equal(usesSessionFromHelper(job), true);
    assert.deepEqual((await lintText(await testParser(), job)).findings.map((finding) => `${finding.code}@${finding.range.start.line}`), ['SPK101@2']);
    assert.equal(usesSessionFromHelper('import utils\n\ndef main():\n    spark = utils.session()\n    spark.sql("SELECT 1").show()\n'), true);
  });

  it('is one when the helper gives the session among other values (`spark, sql_context = get_contexts()`)', async () => {
    const job = 'from helpers import get_contexts\nspark, sql_context = get_contexts()\nrows = spark.table("t").collect()\n';
    assert.equal(usesSessionFromHelper(job), true);
    assert.deepEqual((await lintText(await testParser(), job)).findings.map((finding) => `${finding.code}@${finding.range.start.line}`), ['SPK101@2']);
    assert.equal(usesSessionFromHelper('sc, spark = setup()\nspark.read.csv("x")\n'), true);
  });

  it('is not one when `spark` is not bound from a call, or not used as a session', () => {
    assert.equal(usesSessionFromHelper('spark = None\nrows = spark.table("t")\n'), false);
    assert.equal(usesSessionFromHelper('spark = make_engine()\nspark.run()\n'), false);
    assert.equal(usesSessionFromHelper('sparkle = make()\nsparkle.read.csv("x")\n'), false);
  });
});

describe('a notebook that runs another first', () => {
  const tree = async (text: string) => copyTree((await testParser()).parse(text)!, text);

  it('is a Databricks export with `# MAGIC %run`, or a Jupyter notebook\'s joined text with its `%run` kept as `#run`', async () => {
    assert.equal(runsOtherNotebook(await tree('# Databricks notebook source\n# MAGIC %run ./AllImports\n')), true);
    assert.equal(runsOtherNotebook(await tree('# %% cell 1\n#run -i "setup notebook.py"\n')), true);
  });

  it('is not a script of # %% cells with a comment that starts with run, nor `# MAGIC %run` outside a Databricks export', async () => {
    assert.equal(runsOtherNotebook(await tree('# %%\n#run the cells in order\nfrom mylib.transforms import *\n')), false);
    assert.equal(runsOtherNotebook(await tree('# %%\n#run setup.py\n')), false);
    assert.equal(runsOtherNotebook(await tree('# MAGIC %run ./AllImports\nx = 1\n')), false);
  });
});
