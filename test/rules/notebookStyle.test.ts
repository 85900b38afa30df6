// Notebooks kept as Python files (a Databricks export, a script of `# %%` cells) are read cell by cell:
// show() there is the output, not a debugging aid left in a job, even when the file builds its own session.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codesAt, lint } from './helpers';

// the job writes its result: show() is not its output (a job that writes nothing is a report: see jobOutput.test.ts)
const cells = ['from pyspark.sql import SparkSession', 'spark = SparkSession.builder.getOrCreate()', 'data = spark.read.parquet("/data/cruise")', 'data.show()', 'data.write.parquet("/data/out")'];

describe('notebook-style files (SPK106)', () => {
  it('reports show() in a script that builds its own session', async () => {
    assert.deepEqual(codesAt(await lint(`${cells.join('\n')}\n`)), ['SPK106@4']);
  });

  it('does not report it in a script of # %% cells (VS Code interactive window, Jupytext, Spyder)', async () => {
    for (const marker of ['# %%', '#%%', '# %% [markdown]', '# %% Load the data', '# In[1]:', '# In[ ]:']) {
      assert.deepEqual(codesAt(await lint(`${marker}\n${cells.join(`\n${marker}\n`)}\n`)), [], marker);
    }
  });

  it('does not report it in a Databricks notebook export that builds a session', async () => {
    assert.deepEqual(codesAt(await lint(`# Databricks notebook source\n${cells.join('\n\n# COMMAND ----------\n\n')}\n`)), []);
  });

  it('still reports it when %% is not a cell marker (indented, or in the middle of a comment)', async () => {
    assert.deepEqual(codesAt(await lint(`${cells.join('\n')}\nif True:\n    # %% not a cell\n    pass\n# progress: 100%%\n`)), ['SPK106@4']);
  });
});
