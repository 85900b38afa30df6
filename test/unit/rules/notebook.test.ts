import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../../../src/rules/engine';
import { cellPosition, notebookSource } from '../../../src/rules/notebook';
import { testParser } from '../testParser';

const notebook = (cells: Array<{ cell_type: string; source: string | string[] }>, metadata: object = {}) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata, cells });

describe('notebook source', () => {
  it('joins the code cells after # %% markers, blanking magics to spaces of the same length', () => {
    const source = notebook([
      { cell_type: 'markdown', source: '# Title' },
      { cell_type: 'code', source: ['%matplotlib inline\n', 'x = 1\n', '!pip list'] },
      { cell_type: 'code', source: '%%bash\necho hi' },
      { cell_type: 'code', source: '%%time\ny = x' },
    ]);
    const result = notebookSource(source);
    assert.ok(!('skipped' in result));
    assert.equal(result.text, `# %% cell 2\n${' '.repeat(18)}\nx = 1\n${' '.repeat(9)}\n# %% cell 4\n${' '.repeat(6)}\ny = x\n`);
    assert.deepEqual(result.cells, [{ number: 2, firstLine: 1 }, { number: 4, firstLine: 5 }]);
    assert.deepEqual(result.brokenCells, []);
  });

  it('blanks magics only where a statement starts, reads `x = !cmd` as None, and leaves out a cell that ends inside a string', () => {
    const result = notebookSource(notebook([
      { cell_type: 'code', source: "msg = ('n=%s'\n       % 3)\nfiles = !ls /data\nt = %timeit -o f()\ns = '''a\n!not a magic\n'''" },
      { cell_type: 'code', source: "doc = '''never closed\nrows = 1" },
      { cell_type: 'code', source: 'after = 2' },
    ]));
    assert.ok(!('skipped' in result));
    assert.deepEqual(result.text.split('\n').slice(1, 7), ["msg = ('n=%s'", '       % 3)', 'files = None     ', 't = None          ', "s = '''a", '!not a magic']);
    assert.deepEqual(result.brokenCells, [{ number: 2, firstLine: 9 }]);
    assert.match(result.text, /# %% cell 2\n {21}\n {8}\n# %% cell 3\nafter = 2\n$/);
  });

  it('reads a one-quote string continued by a backslash as Python does: the cell is whole (audit 28)', () => {
    const result = notebookSource(notebook([{ cell_type: 'code', source: 'q = spark.sql("SELECT a,\\\n    b FROM t")\n!ls\nrows = 1' }]));
    assert.ok(!('skipped' in result));
    assert.deepEqual(result.brokenCells, []);
    assert.deepEqual(result.text.split('\n').slice(2, 6), ['q = spark.sql("SELECT a,\\', '    b FROM t")', '   ', 'rows = 1']);
  });

  it('reads only the %python cells of a Databricks notebook whose default language is SQL (audit 28)', () => {
    const metadata = { 'application/vnd.databricks.v1+notebook': { language: 'sql' }, kernelspec: { name: 'python3', language: 'python' }, language_info: { name: 'sql' } };
    const result = notebookSource(notebook([{ cell_type: 'code', source: 'SHOW TABLES' }, { cell_type: 'code', source: '%python\nrows = 1' }], metadata));
    assert.ok(!('skipped' in result));
    assert.deepEqual(result.cells, [{ number: 2, firstLine: 2 }]);
    assert.deepEqual(result.text.split('\n').slice(1, 4), ['# %% cell 2', '       ', 'rows = 1']);
    assert.deepEqual(notebookSource(notebook([{ cell_type: 'code', source: 'SHOW TABLES' }], metadata)), { skipped: 'not analysed: a sql notebook' });
  });

  it('reads Spark kernels and Synapse %%pyspark cells as PySpark with spark defined', () => {
    const synapse = notebookSource(notebook([{ cell_type: 'code', source: '%%pyspark\ndf = spark.read.parquet("x")' }], { kernelspec: { name: 'synapse_pyspark', language: 'Python' } }));
    assert.ok(!('skipped' in synapse));
    assert.equal(synapse.text, 'import pyspark  # the kernel defines spark and sc\n# %% cell 1\n         \ndf = spark.read.parquet("x")\n');
    const emr = notebookSource(notebook([{ cell_type: 'code', source: 'x = 1' }], { kernelspec: { name: 'pysparkkernel' }, language_info: { name: 'pyspark' } }));
    assert.ok(!('skipped' in emr));
    assert.match(emr.text, /^import pyspark/);
  });

  it('leaves out Databricks cells in other languages, blanks IPython help, and reads the shell\'s spark without an import', () => {
    const result = notebookSource(notebook([
      { cell_type: 'code', source: '%sql\nSELECT * FROM t -- (' },
      { cell_type: 'code', source: 'df = spark.read.parquet("x")\ndf.randomSplit?' },
    ]));
    assert.ok(!('skipped' in result));
    assert.equal(result.text, 'import pyspark  # the kernel defines spark and sc\n# %% cell 2\ndf = spark.read.parquet("x")\n               \n');
    assert.deepEqual(result.cells, [{ number: 2, firstLine: 2 }]);
    // a Spark config key naming pyspark is no import of it
    const arrow = notebookSource(notebook([{ cell_type: 'code', source: 'spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")\ndf = spark.table("t")' }]));
    assert.ok(!('skipped' in arrow));
    assert.match(arrow.text, /^import pyspark {2}# the kernel defines spark and sc/);
  });

  it('blanks `pip install` and `conda install` without `%` (IPython runs them as magics)', () => {
    const result = notebookSource(notebook([{ cell_type: 'code', source: 'pip install pyarrow\nimport pyspark\npipeline = 1' }]));
    assert.ok(!('skipped' in result));
    assert.deepEqual(result.text.split('\n').slice(1, 4), [' '.repeat('pip install pyarrow'.length), 'import pyspark', 'pipeline = 1']);
  });

  it('keeps `%run` as a comment of the same length, and reads the names the notebook it runs imports', async () => {
    const result = notebookSource(notebook([
      { cell_type: 'code', source: '%run ./AllImports' },
      { cell_type: 'code', source: 'data = spark.table("sales")\nscaled = StandardScaler(inputCol="raw").fit(data).transform(data)\ntrain, test = scaled.randomSplit([0.8, 0.2], seed=1)\nmodel = LinearRegression().fit(train)\nprint(RegressionEvaluator().evaluate(model.transform(test)))' },
    ]));
    assert.ok(!('skipped' in result));
    assert.deepEqual(result.text.split('\n').slice(1, 3), ['# %% cell 1', '#run ./AllImports']);
    const codes = (await lintText(await testParser(), result.text)).findings.map((finding) => `${finding.code}@${cellPosition(result.cells, finding.range.start).cell}`);
    assert.deepEqual(codes, ['SPK001@2']);
  });

  it('skips Scala and R notebooks named only by their kernel or Databricks metadata', () => {
    assert.deepEqual(notebookSource(notebook([], { kernelspec: { name: 'sparkkernel', language: '' } })), { skipped: 'not analysed: a Scala notebook' });
    assert.deepEqual(notebookSource(notebook([], { 'application/vnd.databricks.v1+notebook': { language: 'scala' } })), { skipped: 'not analysed: a scala notebook' });
    assert.ok(!('skipped' in notebookSource(notebook([], { language_info: { name: 'pyspark3' } }))));
  });

  it('maps positions to the cell and the line in it; a marker line is the start of its cell', () => {
    const cells = [{ number: 2, firstLine: 1 }, { number: 4, firstLine: 5 }];
    assert.deepEqual(cellPosition(cells, { line: 2, character: 4 }), { cell: 2, line: 1, character: 4 });
    assert.deepEqual(cellPosition(cells, { line: 6, character: 0 }), { cell: 4, line: 1, character: 0 });
    assert.deepEqual(cellPosition(cells, { line: 4, character: 3 }), { cell: 4, line: 0, character: 0 });
  });

  it('reads a Databricks notebook as one (spark without an import is the session), and skips other languages and broken JSON', () => {
    const databricks = notebookSource(notebook([{ cell_type: 'code', source: 'spark.table("t").collect()' }], { 'application/vnd.databricks.v1+notebook': {} }));
    assert.ok(!('skipped' in databricks));
    assert.match(databricks.text, /^# Databricks notebook source\n# %% cell 1\n/);
    assert.deepEqual(notebookSource(notebook([], { kernelspec: { language: 'R' } })), { skipped: 'not analysed: a R notebook' });
    assert.match((notebookSource('{"cells": [') as { skipped: string }).skipped, /not valid JSON/);
    assert.match((notebookSource('{"nbformat": 4}') as { skipped: string }).skipped, /no `cells` list/);
  });

  it('reads nbformat 3 notebooks (cells in worksheets, code in input)', () => {
    const old = notebookSource(JSON.stringify({ nbformat: 3, worksheets: [{ cells: [{ cell_type: 'heading', source: 'Title' }, { cell_type: 'code', input: ['x = 1\n', 'y = 2'], language: 'python' }] }] }));
    assert.ok(!('skipped' in old));
    assert.equal(old.text, '# %% cell 2\nx = 1\ny = 2\n');
  });
});
