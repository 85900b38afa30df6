// A notebook's findings moved from its joined text into its cells (what the editor shows on the cells of
// an open notebook): ranges in the cell's lines, related locations in other cells, fixes only where
// they edit the finding's own cell as written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinNotebookCells, type NotebookSource } from '../../../src/rules/notebook';
import { findingsByCell, findingsNamingCells } from '../../../src/rules/notebookFindings';
import type { Finding, Range } from '../../../src/rules/types';

const cells = [
  '%pip install pyarrow\nfrom pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()',
  undefined, // a markdown cell
  'events = spark.read.parquet("s3a://lake/events")\nrows = events.collect()',
];
const source = joinNotebookCells(cells, {}) as NotebookSource;
const cellTexts = new Map([[1, cells[0]!], [3, cells[2]!]]);
const uri = (number: number) => `cell:${number}`;
const lines = source.text.split('\n');

/** The joined text's range of `text` on the joined line that contains it. */
function rangeOf(text: string): Range {
  const line = lines.findIndex((l) => l.includes(text));
  const character = lines[line]!.indexOf(text);
  return { start: { line, character }, end: { line, character: character + text.length } };
}

const finding = (range: Range, extra: Partial<Finding> = {}): Finding => ({ code: 'SPK101', name: 'collect-unbounded', severity: 'warning', message: 'm', range, ...extra });

describe('findings by notebook cell', () => {
  it('moves a finding into its cell\'s lines, with its fix and related locations in the cells they are in', () => {
    const collect = rangeOf('.collect()');
    const read = rangeOf('spark.read.parquet');
    const byCell = findingsByCell(
      {
        findings: [finding(collect, {
          fix: { title: 'limit', safety: 'unsafe', edits: [{ range: { start: collect.start, end: collect.start }, newText: '.limit(1000)' }] },
          related: [{ range: read, message: 'read here' }, { range: rangeOf('getOrCreate'), message: 'session' }],
        })],
        notices: [],
      },
      source,
      cellTexts,
      uri,
    );
    assert.deepEqual([...byCell.keys()], [1, 3]);
    const [moved] = byCell.get(3)!.findings;
    assert.deepEqual(moved!.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 23 } });
    assert.deepEqual(moved!.fix?.edits[0]?.range, { start: { line: 1, character: 13 }, end: { line: 1, character: 13 } });
    assert.deepEqual(moved!.related?.map((r) => [r.uri, r.range.start.line, r.range.start.character]), [['cell:3', 0, 9], ['cell:1', 2, 29]]);
    assert.deepEqual(byCell.get(1), { findings: [], notices: [] });
  });

  it('names the other cell a fix edits, and drops a fix over a blanked magic line or across cells, keeping the finding', () => {
    const collect = rangeOf('.collect()');
    const magicLine = lines.findIndex((line) => /^ +$/.test(line));
    const intoOtherCell = finding(collect, { fix: { title: 'import', safety: 'safe', edits: [{ range: rangeOf('from pyspark'), newText: 'import pyspark\nfrom pyspark' }, { range: collect, newText: '.limit(5).collect()' }] } });
    const ontoMagic = finding(rangeOf('from pyspark'), { fix: { title: 'over the magic', safety: 'safe', edits: [{ range: { start: { line: magicLine, character: 0 }, end: { line: magicLine, character: 4 } }, newText: 'x' }] } });
    const acrossCells = finding(collect, { fix: { title: 'across', safety: 'safe', edits: [{ range: { start: rangeOf('getOrCreate').start, end: collect.end }, newText: '' }] } });
    const byCell = findingsByCell({ findings: [intoOtherCell, ontoMagic, acrossCells], notices: [] }, source, cellTexts, uri);
    assert.deepEqual(byCell.get(3)!.findings[0]!.fix?.edits, [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 12 } }, newText: 'import pyspark\nfrom pyspark', uri: 'cell:1' },
      { range: { start: { line: 1, character: 13 }, end: { line: 1, character: 23 } }, newText: '.limit(5).collect()' },
    ]);
    assert.equal(byCell.get(3)!.findings[1]!.fix, undefined);
    assert.equal(byCell.get(1)!.findings[0]!.fix, undefined);
    assert.equal(byCell.get(1)!.findings[0]!.range.start.line, 1);
  });

  it('ends a range that runs into a later cell at the end of its own, and puts a notice on a marker line at its cell\'s start', () => {
    const start = rangeOf('spark = SparkSession').start;
    const end = rangeOf('.collect()').end;
    const marker = lines.indexOf('# %% cell 3');
    const byCell = findingsByCell({ findings: [finding({ start, end })], notices: [finding({ start: { line: marker, character: 0 }, end: { line: marker, character: 0 } }, { code: 'syntax-error' })] }, source, cellTexts, uri);
    assert.deepEqual(byCell.get(1)!.findings[0]!.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 42 } });
    assert.deepEqual(byCell.get(3)!.notices[0]!.range.start, { line: 0, character: 0 });
  });

  it('keeps the findings of a notebook nobody opened on the file: ranges in their cells, messages and related locations naming them, no fixes', () => {
    const collect = rangeOf('.collect()');
    const named = findingsNamingCells(
      {
        findings: [finding(collect, {
          fix: { title: 'limit', safety: 'unsafe', edits: [{ range: { start: collect.start, end: collect.start }, newText: '.limit(1000)' }] },
          related: [{ range: rangeOf('getOrCreate'), message: 'session' }],
        })],
        notices: [finding(rangeOf('events = spark'), { code: 'SPK000', message: 'a notice' })],
      },
      source,
    );
    assert.deepEqual(named.map((f) => [f.message, f.range.start.line, f.range.start.character, f.fix]), [
      ['cell 3: m', 1, 'rows = events'.length, undefined],
      ['cell 3: a notice', 0, 0, undefined],
    ]);
    assert.deepEqual(named[0]!.related?.map((r) => [r.message, r.range.start.line, r.range.start.character]), [['cell 1: session', 2, 'spark = SparkSession.builder.'.length]]);
  });
});
