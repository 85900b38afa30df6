import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cellPosition, notebookSource } from '../../../src/rules/notebook';

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
    assert.deepEqual(result.cells, [{ number: 2, firstLine: 1, lineCount: 3 }, { number: 4, firstLine: 5, lineCount: 2 }]);
  });

  it('maps positions to the cell and the line in it; a marker line is the start of its cell', () => {
    const cells = [{ number: 2, firstLine: 1, lineCount: 3 }, { number: 4, firstLine: 5, lineCount: 2 }];
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
