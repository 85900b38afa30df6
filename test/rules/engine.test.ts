import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyTree } from '../../src/analysis/syntax';
import { lintSyntax, lintTree } from '../../src/rules/engine';
import { applyFixes } from '../../src/rules/fixes';
import { codesAt, lint, testParser } from './helpers';
import { FIXTURES_DIR, labelledFiles } from './labels';
import { mutate, random } from './mutate';

const job = `from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
df = spark.read.parquet("s3://bucket/events")
rows = df.collect()
`;

describe('engine', () => {
  it('answers a file without pyspark without the model, exactly as the full analysis would', async () => {
    const parser = await testParser();
    const sources = labelledFiles(FIXTURES_DIR).map((file) => file.text.replaceAll('pyspark', 'pandas'));
    const next = random(0xface);
    let withNotices = 0;
    for (let n = 0; n < 400; n++) {
      const text = n < sources.length ? sources[n]! : mutate(sources[n % sources.length]!, next);
      const tree = parser.parse(text)!;
      try {
        const full = lintSyntax(copyTree(tree, text));
        assert.deepEqual(lintTree(tree, text), full, text);
        if (full.notices.length) withNotices++;
      } finally {
        tree.delete();
      }
    }
    assert.ok(withNotices > 50, `the mutations exercise syntax errors (${withNotices} files with notices)`);
  });

  it('reports SPK101 on the .collect of an unbounded DataFrame with its fix', async () => {
    const { findings, notices } = await lint(job);
    assert.deepEqual(notices, []);
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding!.code, 'SPK101');
    assert.equal(finding!.name, 'collect-unbounded');
    assert.equal(finding!.severity, 'warning');
    assert.deepEqual(finding!.range, { start: { line: 4, character: 10 }, end: { line: 4, character: 19 } });
    assert.equal(applyFixes(job, findings).text, job.replace('df.collect()', 'df.limit(1000).collect()'));
  });

  it('leaves out fixes that need a newer Spark than spark-version, and makes them unsafe in a Glue job of unknown version', async () => {
    const body = 'df = spark.read.parquet("s3://bucket/events")\nif df.count() == 0:\n    print("empty")\n';
    const plain = `from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n${body}`;
    const glue = `from awsglue.context import GlueContext\nfrom pyspark.context import SparkContext\nspark = GlueContext(SparkContext.getOrCreate()).spark_session\n${body}`;
    const fixOf = async (code: string, sparkVersion?: string) => (await lint(code, { sparkVersion })).findings.find((finding) => finding.code === 'SPK104')?.fix;
    assert.equal((await fixOf(plain))?.safety, 'safe');
    assert.equal(await fixOf(plain, '3.2'), undefined, 'isEmpty() is Spark 3.3');
    const onGlue = await fixOf(glue);
    assert.equal(onGlue?.safety, 'unsafe', 'Glue 3.0 runs Spark 3.1');
    assert.match(onGlue!.title, /needs Spark 3\.3: AWS Glue 4\.0 or later/);
    assert.equal((await fixOf(glue, '3.5'))?.safety, 'safe', 'spark-version says which Glue');
    // withColumnsRenamed is Spark 3.4: in a Glue job of unknown version no rewrite assumes it
    const renames = 'for c in df.columns:\n    df = df.withColumnRenamed(c, c.lower())\n';
    const renameFix = async (code: string, sparkVersion?: string) => (await lint(code, { sparkVersion })).findings.find((finding) => finding.code === 'SPK301')?.fix;
    assert.ok(await renameFix(plain + renames), 'a job of unknown Spark gets the withColumnsRenamed fix');
    assert.equal(await renameFix(glue + renames), undefined);
    assert.ok(await renameFix(glue + renames, '3.5'));
  });

  it('reads a file that imports an API Spark 3.0 removed as Spark 2: no 3.x renames, fixes or advice', async () => {
    const body = 'spark = SparkSession.builder.config("spark.yarn.access.hadoopFileSystems", "s3a://b").getOrCreate()\ndf = spark.read.parquet("s3://bucket/events")\nif df.count() == 0:\n    print("empty")\n';
    const spark2 = `from pyspark.ml.feature import OneHotEncoderEstimator\nfrom pyspark.sql import SparkSession\n${body}`;
    const spark3 = `from pyspark.ml.feature import OneHotEncoder\nfrom pyspark.sql import SparkSession\n${body}`;
    const on2 = (await lint(spark2)).findings;
    assert.deepEqual(on2.map((finding) => finding.code), ['SPK104'], 'no SPK403: Spark 2.4 reads the old key');
    assert.equal(on2[0]!.fix, undefined, 'isEmpty() is Spark 3.3');
    assert.match(on2[0]!.message, /len\(df\.head\(1\)\) == 0/);
    const on3 = (await lint(spark3)).findings;
    assert.deepEqual(on3.map((finding) => finding.code), ['SPK403', 'SPK104']);
    assert.match(on3[1]!.message, /df\.isEmpty\(\)/);
    assert.deepEqual((await lint(spark2, { sparkVersion: '3.5' })).findings.map((finding) => finding.code), ['SPK403', 'SPK104'], 'spark-version decides');
    // a shim for both versions, and HiveContext (still in Spark 3), say nothing of the version
    const shim = `try:\n    from pyspark.ml.feature import OneHotEncoderEstimator\nexcept ImportError:\n    from pyspark.ml.feature import OneHotEncoder as OneHotEncoderEstimator\nfrom pyspark.sql import HiveContext, SparkSession\n${body}`;
    assert.deepEqual((await lint(shim)).findings.map((finding) => finding.code), ['SPK403', 'SPK104']);
  });

  it('reports a top-level statement indented on its own line as Python does (IndentationError), not one after `;`', async () => {
    const indented = 'from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n\n csv_file = "a.csv"\ndf = spark.read.csv(csv_file)\n';
    const { notices } = await lint(indented);
    assert.deepEqual(notices.map((notice) => [notice.code, notice.message, notice.range.start]), [['syntax-error', 'Syntax error (unexpected indent): the rules still check the code that parses.', { line: 3, character: 1 }]]);
    assert.deepEqual((await lint('from pyspark.sql import SparkSession\na = 1;  b = 2\n')).notices, []);
    assert.equal((await lint(' x = 1\n')).notices.length, 1, 'also in a file without pyspark');
  });

  it('stays quiet in files that do not import pyspark', async () => {
    const { findings } = await lint('df = spark.read.parquet("x")\ndf.collect()\n');
    assert.deepEqual(findings, []);
  });

  it('honours # noqa and # noqa: CODE in ruff form', async () => {
    assert.deepEqual(codesAt(await lint(job.replace('df.collect()', 'df.collect()  # noqa'))), []);
    assert.deepEqual(codesAt(await lint(job.replace('df.collect()', 'df.collect()  # noqa: SPK101'))), []);
    assert.deepEqual(codesAt(await lint(job.replace('df.collect()', 'df.collect()  # noqa:E501,SPK101'))), []);
    assert.deepEqual(codesAt(await lint(job.replace('df.collect()', 'df.collect()  # noqa: SPK102'))), ['SPK101@5']);
  });

  it('reads the # noqa of a line that goes on where it ends: after a backslash continuation or a triple-quoted string', async () => {
    const session = 'from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\n';
    const continued = `${session}rows = spark.read.parquet("s3://a").collect() \\\n    if True else None  # noqa: SPK101\n`;
    assert.deepEqual(codesAt(await lint(continued)), []);
    assert.deepEqual(codesAt(await lint(continued.replace('  # noqa: SPK101', ''))), ['SPK101@3']);
    const query = `${session}rows = spark.read.parquet("s3://a").collect(); note = """\n  every row\n"""  # noqa: SPK101\n`;
    assert.deepEqual(codesAt(await lint(query)), []);
    assert.deepEqual(codesAt(await lint(query.replace('  # noqa: SPK101', ''))), ['SPK101@3']);
    // a comment that ends in a backslash does not continue its line
    const commented = `${session}rows = spark.read.parquet("s3://a").collect()  # C:\\\nother = 1  # noqa: SPK101\n`;
    assert.deepEqual(codesAt(await lint(commented)), ['SPK101@3']);
  });

  it('selects and ignores by prefix, the most specific prefix winning', async () => {
    assert.deepEqual(codesAt(await lint(job, { select: ['SPK1'] })), ['SPK101@5']);
    assert.deepEqual(codesAt(await lint(job, { select: ['SPK2'] })), []);
    assert.deepEqual(codesAt(await lint(job, { ignore: ['SPK'] })), []);
    assert.deepEqual(codesAt(await lint(job, { ignore: ['SPK1'], select: ['SPK101'] })), ['SPK101@5']);
  });

  it('applies severity overrides by code or prefix', async () => {
    const { findings } = await lint(job, { severity: { SPK1: 'info', SPK101: 'error' } });
    assert.equal(findings[0]!.severity, 'error');
  });

  it('reports a syntax notice and still analyses what parses', async () => {
    const broken = job + 'def broken(:\n    pass\nmore = df.collect()\n';
    const { findings, notices } = await lint(broken);
    assert.equal(notices.length, 1);
    assert.equal(notices[0]!.code, 'syntax-error');
    assert.ok(findings.some((finding) => finding.code === 'SPK101' && finding.range.start.line === 4));
  });

  it('puts a syntax notice on the code after the comments an error starts with or follows', async () => {
    // tree-sitter places the MISSING operand of `%pip` right after the header comment, on line 1
    const header = ['# Databricks notebook source', '# M', '# ', '# MAG', '#', '# ', '# ', '# M', '# ', '# MA', '# MAG', '# M', '# MA', '# MAG', '# ', '# ', '# MAG', '# ', '# COMMAND -----', '# Let us start by installing our libraries'];
    const { notices } = await lint([...header, '%p', ''].join('\n'));
    assert.equal(notices.length, 1);
    assert.match(notices[0]!.message, /missing `identifier`/);
    assert.deepEqual(notices[0]!.range, { start: { line: 20, character: 0 }, end: { line: 20, character: 1 } });
    // an ERROR node that starts with comments: a `# %%` cell of SQL
    const { notices: sql } = await lint('# %%\n# %sql\nFROM (\n  SELECT store_id, COUNT(*) AS n\n  unique_id,\nfrom pyspark.sql import SparkSession\n');
    assert.match(sql[0]!.message, /unexpected code/);
    assert.deepEqual(sql[0]!.range.start, { line: 2, character: 0 });
    // a missing token with code right after it stays where it is
    const { notices: inline } = await lint('import pyspark\ndef f(:\n    pass\n');
    assert.deepEqual(inline[0]!.range.start, { line: 1, character: 6 });
  });

  it('skips binary and oversized text with a notice, never an empty silent result', async () => {
    const binary = await lint('import pyspark\n\u0000\u0001');
    assert.equal(binary.notices[0]!.code, 'file-skipped');
    assert.match(binary.notices[0]!.message, /binary/);
    const huge = await lint('# x\n'.repeat(1_400_000));
    assert.match(huge.notices[0]!.message, /larger than 5 MB/);
  });

  it('counts positions in UTF-16 units after non-ASCII text', async () => {
    const text = job.replace('rows = df.collect()', 'é😀 = df.collect()');
    const { findings } = await lint(text);
    // é is one UTF-16 unit, 😀 two: 'é😀 = df.' is 9 units
    assert.equal(findings[0]!.range.start.character, 9);
  });

  it('lints an incrementally re-parsed tree the same as a fresh parse', async () => {
    const parser = await testParser();
    const tree = parser.parse(job)!;
    const edited = job.replace('rows = df.collect()', 'rows = df.limit(5).collect()');
    const start = job.indexOf('.collect');
    tree.edit({
      startIndex: start, oldEndIndex: start, newEndIndex: start + '.limit(5)'.length,
      startPosition: { row: 4, column: 9 }, oldEndPosition: { row: 4, column: 9 }, newEndPosition: { row: 4, column: 18 },
    });
    const reparsed = parser.parse(edited, tree)!;
    assert.deepEqual(lintTree(reparsed, edited).findings, []);
    tree.delete();
    reparsed.delete();
  });
});

describe('engine robustness', () => {
  it('turns an exception in a rule into an internal-error notice and keeps the other rules', async () => {
    const { rules } = await import('../../src/rules/registry');
    const rule = rules.find((candidate) => candidate.meta.code === 'SPK102')!;
    const original = rule.visit!.call!;
    rule.visit!.call = () => {
      throw new Error('boom');
    };
    try {
      const { findings, notices } = await lint(job);
      assert.deepEqual(findings.map((finding) => finding.code), ['SPK101']);
      assert.equal(notices.length, 1);
      assert.equal(notices[0]!.code, 'internal-error');
      assert.match(notices[0]!.message, /SPK102 topandas-unbounded failed on this file \(boom\); please report it\. The other rules still ran\.$/);
    } finally {
      rule.visit!.call = original;
    }
  });
});

describe('incremental lint', () => {
  it('gives the same findings when the previous tree is passed after an edit', async () => {
    const parser = await testParser();
    const text = job + 'later = spark.table("t")\nmore = later.collect()\n';
    const tree = parser.parse(text)!;
    assert.deepEqual(codesAt(lintTree(tree, text)), ['SPK101@5', 'SPK101@7']);
    const at = text.indexOf('rows = df.collect()');
    const edited = text.slice(0, at) + 'rows = df.limit(3).collect()' + text.slice(at + 'rows = df.collect()'.length);
    tree.edit({
      startIndex: at, oldEndIndex: at + 19, newEndIndex: at + 28,
      startPosition: { row: 4, column: 0 }, oldEndPosition: { row: 4, column: 19 }, newEndPosition: { row: 4, column: 28 },
    });
    const next = parser.parse(edited, tree)!;
    const incremental = lintTree(next, edited, {}, tree);
    const fresh = parser.parse(edited)!;
    assert.deepEqual(incremental, lintTree(fresh, edited));
    assert.deepEqual(codesAt(incremental), ['SPK101@7']);
    for (const t of [tree, next, fresh]) t.delete();
  });

  it('reads names anew when a `%run` line comes or goes, also past a star import the edit left alone', async () => {
    const parser = await testParser();
    const run = '# MAGIC %run ./AllImports\n';
    const body = [
      '', '# COMMAND ----------', '', 'from pyspark.sql.functions import *', '', '# COMMAND ----------', '',
      'sales = spark.table("features.sales")',
      'scaled = StandardScaler(inputCol="raw", outputCol="features").fit(sales).transform(sales)',
      'train, test = scaled.randomSplit([0.8, 0.2], seed=1)',
      'print(RegressionEvaluator().evaluate(LinearRegression().fit(train).transform(test)))', '',
    ].join('\n');
    const withRun = `# Databricks notebook source\n${run}${body}`;
    const without = `# Databricks notebook source\n${body}`;
    const at = withRun.indexOf(run);
    for (const [before, after] of [[withRun, without], [without, withRun]] as const) {
      const tree = parser.parse(before)!;
      const first = lintTree(tree, before);
      const removing = before === withRun;
      const end = { row: removing ? 2 : 1, column: 0 };
      tree.edit({
        startIndex: at, oldEndIndex: at + (removing ? run.length : 0), newEndIndex: at + (removing ? 0 : run.length),
        startPosition: { row: 1, column: 0 }, oldEndPosition: removing ? end : { row: 1, column: 0 }, newEndPosition: removing ? { row: 1, column: 0 } : end,
      });
      const next = parser.parse(after, tree)!;
      const incremental = lintTree(next, after, {}, tree);
      const fresh = parser.parse(after)!;
      assert.deepEqual(incremental, lintTree(fresh, after));
      // with `%run`, the setup notebook's ML classes are pyspark's: the scaler's leak is seen
      assert.deepEqual(codesAt(removing ? first : incremental), ['SPK001@11']);
      assert.deepEqual(codesAt(removing ? incremental : first), []);
      for (const t of [tree, next, fresh]) t.delete();
    }
  });
});
