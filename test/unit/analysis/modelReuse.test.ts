// After an edit, the model takes unchanged top-level statements over from the previous build when what they
// read is unchanged (analysis/moduleState.ts), and the engine keeps their visitor findings. Each case edits
// a file through the incremental path (tree.edit, reparse, lintTree with the previous tree) and checks both
// that the result is exactly a fresh lint's and which statements were evaluated again.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Parser, Point, Tree } from 'web-tree-sitter';
import { generateJob } from '../../../bench/lint/corpus';
import { type SemanticModel, buildModel } from '../../../src/analysis/model';
import { copyTree, type SyntaxTree, topLevelOf } from '../../../src/analysis/syntax';
import type { Value } from '../../../src/analysis/values';
import { lintText, lintTree } from '../../../src/rules/engine';
import { seededRandom } from '../../../src/shared/seededRandom';
import { testParser } from '../testParser';

function pointAt(text: string, offset: number): Point {
  const before = text.slice(0, offset).split('\n');
  return { row: before.length - 1, column: before[before.length - 1]!.length };
}

/** A document edited the way the server does it, keeping tree, copy and model of the last version. */
class Document {
  tree: Tree;
  syntax: SyntaxTree;
  model: SemanticModel;
  constructor(private readonly parser: Parser, public text: string) {
    this.tree = parser.parse(text)!;
    this.syntax = copyTree(this.tree, text);
    this.model = buildModel(this.syntax);
  }

  /** Replaces the first `find` with `replace` and rebuilds from the previous copy and model. */
  edit(find: string, replace: string): void {
    const start = this.text.indexOf(find);
    assert.ok(start >= 0, `no "${find}" in the document`);
    const text = this.text.slice(0, start) + replace + this.text.slice(start + find.length);
    this.tree.edit({
      startIndex: start, oldEndIndex: start + find.length, newEndIndex: start + replace.length,
      startPosition: pointAt(this.text, start), oldEndPosition: pointAt(this.text, start + find.length), newEndPosition: pointAt(text, start + replace.length),
    });
    const tree = this.parser.parse(text, this.tree)!;
    this.syntax = copyTree(tree, text, this.syntax);
    this.model = buildModel(this.syntax, this.model);
    this.tree.delete();
    this.tree = tree;
    this.text = text;
  }

  /** The first lines of the top-level statements evaluated again (not taken over). */
  evaluated(): string[] {
    return this.model.statements.filter((record) => !record.reused).map((record) => this.text.slice(record.node.startIndex).split('\n')[0]!);
  }
}

/** Lints `text` through the incremental path after `edits`, and a fresh parse of the result: both must agree. */
async function relint(parser: Parser, text: string, edits: Array<[string, string]>): Promise<{ codes: string[] }> {
  let tree = parser.parse(text)!;
  lintTree(tree, text);
  for (const [find, replace] of edits) {
    const start = text.indexOf(find);
    const next = text.slice(0, start) + replace + text.slice(start + find.length);
    tree.edit({
      startIndex: start, oldEndIndex: start + find.length, newEndIndex: start + replace.length,
      startPosition: pointAt(text, start), oldEndPosition: pointAt(text, start + find.length), newEndPosition: pointAt(next, start + replace.length),
    });
    const reparsed = parser.parse(next, tree)!;
    const incremental = lintTree(reparsed, next, {}, tree);
    assert.deepEqual(incremental, await lintText(parser, next), `after replacing ${JSON.stringify(find)}`);
    tree.delete();
    tree = reparsed;
    text = next;
  }
  const codes = lintTree(tree, text).findings.map((finding) => `${finding.code}@${finding.range.start.line + 1}`);
  tree.delete();
  return { codes };
}

const HEADER = 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\n';

describe('statement reuse after an edit', () => {
  let parser: Parser;
  before(async () => (parser = await testParser()));

  it('evaluates only the edited function of a large job', async () => {
    const text = generateJob(seededRandom(3), 'job.py', 800);
    const document = new Document(parser, text);
    const total = document.model.statements.length;
    document.edit('F.countDistinct("user_id").alias("users")', 'F.countDistinct("user_id").alias("buyers")');
    assert.deepEqual(document.evaluated(), [document.text.slice(document.text.lastIndexOf('\ndef ', document.text.indexOf('"buyers"')) + 1).split('\n')[0]]);
    assert.equal(document.model.statements.filter((record) => record.reused).length, total - 1);
    assert.deepEqual(lintTree(parser.parse(document.text)!, document.text).findings, (await lintText(parser, document.text)).findings);
  });

  it('evaluates again the statements that read a changed binding, and those only', async () => {
    const text = `${HEADER}def load():\n    return spark.read.parquet("s3://b/t")\n\n\nother = spark.range(3)\nrows = load().collect()\nsmall = other.collect()\n`;
    const document = new Document(parser, text);
    document.edit('return spark.read.parquet("s3://b/t")', 'return spark.read.parquet("s3://b/t").limit(5)');
    assert.deepEqual(document.evaluated(), ['def load():', 'rows = load().collect()']);
  });

  it('follows a helper whose result changes size', async () => {
    const text = `${HEADER}def load():\n    return spark.read.parquet("s3://b/t")\n\n\nrows = load().collect()\n`;
    assert.deepEqual((await relint(parser, text, [])).codes, ['SPK101@9']);
    const { codes } = await relint(parser, text, [['parquet("s3://b/t")', 'parquet("s3://b/t").limit(5)']]);
    assert.deepEqual(codes, []);
  });

  it('follows a temp view registered in an earlier statement', async () => {
    const text = `${HEADER}small = spark.createDataFrame([(1, "a")], ["id", "v"])\nsmall.createOrReplaceTempView("t")\nrows = spark.sql("SELECT * FROM t").collect()\n`;
    assert.deepEqual((await relint(parser, text, [])).codes, []);
    const { codes } = await relint(parser, text, [['small.createOrReplaceTempView', 'spark.read.parquet("s3://b/t").createOrReplaceTempView']]);
    assert.deepEqual(codes, ['SPK101@7']);
  });

  it('follows a star import added above', async () => {
    const text = `${HEADER}\n@udf("string")\ndef lower(s):\n    return s.lower()\n`;
    assert.deepEqual((await relint(parser, text, [])).codes, []);
    const { codes } = await relint(parser, text, [['\n@udf', 'from pyspark.sql.functions import *\n@udf']]);
    assert.deepEqual(codes, ['SPK201@6']);
  });

  it('evaluates everything again after a statement changed a value made before it', async () => {
    const text = `${HEADER}df = spark.read.parquet("p")\nfor day in range(3):\n    df.count()\n`;
    const document = new Document(parser, text);
    assert.equal(document.model.reusable, true);
    document.edit('for day', 'df.cache()\nfor day');
    // `df.cache()` changes the DataFrame the first statement made: nothing of this build is reused next
    assert.equal(document.model.reusable, false);
    document.edit('range(3)', 'range(4)');
    assert.equal(document.evaluated().length, document.model.statements.length);
    assert.deepEqual((await relint(parser, text, [['for day', 'df.cache()\nfor day'], ['range(3)', 'range(4)']])).codes, []);
    assert.deepEqual((await relint(parser, text, [])).codes, ['SPK103@7']);
  });

  it('keeps reusing statements after a module-level append to a list, and follows the grown list', async () => {
    const text = `${HEADER}from pyspark.ml import Pipeline\nfrom pyspark.ml.feature import StandardScaler\n\nstages = []\nstages.append(StandardScaler(inputCol="raw", outputCol="features"))\ndata = spark.read.parquet("s3://b/t")\nprepared = Pipeline(stages=stages).fit(data).transform(data)\ntrain, test = prepared.randomSplit([0.8, 0.2], seed=1)\n`;
    const document = new Document(parser, text);
    // the append writes `stages` like an assignment: not a change of a value made before it
    assert.equal(document.model.reusable, true);
    document.edit('s3://b/t', 's3://b/u');
    assert.deepEqual(document.evaluated(), ['data = spark.read.parquet("s3://b/u")', 'prepared = Pipeline(stages=stages).fit(data).transform(data)', 'train, test = prepared.randomSplit([0.8, 0.2], seed=1)']);
    const pipeline = document.model.mlObjects.find((value) => value.name === 'Pipeline');
    assert.deepEqual(pipeline?.elements?.map((stage) => stage.name), ['StandardScaler']);
    // an edit of the appended stage reaches the Pipeline
    document.edit('StandardScaler(', 'StandardScaler(withMean=True, ');
    assert.deepEqual(document.model.mlObjects.find((value) => value.name === 'Pipeline')?.elements?.map((stage) => stage.name), ['StandardScaler']);
    assert.ok(document.evaluated().includes('prepared = Pipeline(stages=stages).fit(data).transform(data)'));
  });

  it('keeps reusing statements after a module-level item assignment to a dict, and follows the changed entry', async () => {
    const text = `${HEADER}QUERIES = {"top": "SELECT * FROM t LIMIT 5"}\nQUERIES["top"] = "SELECT * FROM t LIMIT 9"\nother = spark.range(3).collect()\nrows = spark.sql(QUERIES["top"]).collect()\n`;
    const document = new Document(parser, text);
    // the item assignment writes `QUERIES` like an assignment: not a change of a value made before it
    assert.equal(document.model.reusable, true);
    document.edit('LIMIT 9', '');
    assert.deepEqual(document.evaluated(), ['QUERIES["top"] = "SELECT * FROM t "', 'rows = spark.sql(QUERIES["top"]).collect()']);
    assert.deepEqual((await relint(parser, text, [['LIMIT 9', '']])).codes, ['SPK101@8']);
    assert.deepEqual((await relint(parser, text, [])).codes, []);
  });

  it('evaluates an annotated function again when the import its annotation names changes', async () => {
    const text = `${HEADER}from pyspark.sql import DataFrame as Frame\n\n\ndef check(rows: Frame):\n    return rows.count() == 0\n`;
    assert.deepEqual((await relint(parser, text, [])).codes, ['SPK104@9']);
    assert.deepEqual((await relint(parser, text, [['from pyspark.sql import DataFrame as Frame', 'from pandas import DataFrame as Frame']])).codes, []);
  });

  it('evaluates again a statement that read what a deleted or moved statement wrote', async () => {
    const text = `${HEADER}small = spark.range(3)\nbig = spark.read.parquet("p")\nrows = big.collect()\nother = small.collect()\n`;
    assert.deepEqual((await relint(parser, text, [])).codes, ['SPK101@7']);
    // the statement that bound `big` is gone: `rows = big.collect()` reads an unbound name now
    const document = new Document(parser, text);
    document.edit('big = spark.read.parquet("p")\n', '');
    assert.deepEqual(document.evaluated(), ['rows = big.collect()']);
    assert.deepEqual((await relint(parser, text, [['big = spark.read.parquet("p")\n', '']])).codes, []);
    // `big` bound again below its use, and `small` rebound to a table above `other`: order matters
    assert.deepEqual((await relint(parser, text, [
      ['big = spark.read.parquet("p")\nrows = big.collect()\n', 'rows = big.collect()\nbig = spark.read.parquet("p")\n'],
      ['other = small', 'small = spark.table("t")\nother = small'],
    ])).codes, ['SPK101@9']);
  });

  it('keeps the findings of statements below an edit, moved to their new lines', async () => {
    const text = `${HEADER}a = 1\nrows = spark.read.parquet("p").collect()\n`;
    const { codes } = await relint(parser, text, [['a = 1\n', 'a = 1\nb = 2\nc = 3\n']]);
    assert.deepEqual(codes, ['SPK101@8']);
  });
});

describe('helper calls taken over after an edit', () => {
  let parser: Parser;
  before(async () => (parser = await testParser()));

  const LOADERS = `${HEADER}${[1, 2, 3, 4].map((n) => `def load_${n}(session, day):\n    return session.read.parquet(f"s3://b/${n}/{day}")\n\n\n`).join('')}`;
  const MAIN = 'def main():\n    session = SparkSession.builder.getOrCreate()\n    day = "2026-01-01"\n' +
    [1, 2, 3, 4].map((n) => `    df_${n} = load_${n}(session, day)\n`).join('') + '    rows = df_1.collect()\n\n\nif __name__ == "__main__":\n    main()\n';

  it('evaluates the body of the edited helper only, where main() calls four', async () => {
    const document = new Document(parser, LOADERS + MAIN);
    document.edit('parquet(f"s3://b/2/{day}")', 'parquet(f"s3://b/2/{day}").limit(3)');
    assert.deepEqual(document.evaluated(), ['def load_2(session, day):', 'def main():', 'if __name__ == "__main__":']);
    // main's body is evaluated where it is defined (`main()` takes that run over): three loaders taken over
    assert.equal(document.model.inlineCallsTakenOver, 3);
    assert.deepEqual((await relint(parser, LOADERS + MAIN, [['s3://b/1/{day}")', 's3://b/1/{day}").limit(3)']])).codes, []);
    assert.deepEqual((await relint(parser, LOADERS + MAIN, [['s3://b/2/{day}")', 's3://b/2/{day}").limit(3)']])).codes, ['SPK101@28']);
  });

  it('takes over the helper calls around an edit inside the function that makes them', async () => {
    // the edit copies all of main anew; the loader calls above and below the edited line are the same calls
    const text = LOADERS + MAIN.replace('    rows = df_1.collect()\n', '    rows = df_1.collect()\n    df_4.write.mode("overwrite").parquet("out")\n');
    const document = new Document(parser, text);
    document.edit('mode("overwrite")', 'mode("append")');
    assert.deepEqual(document.evaluated(), ['def main():', 'if __name__ == "__main__":']);
    assert.equal(document.model.inlineCallsTakenOver, 4);
    // an edit of a call's own argument is not taken over: that call is evaluated again
    document.edit('df_2 = load_2(session, day)', 'df_2 = load_2(session, "2026-01-02")');
    assert.equal(document.model.inlineCallsTakenOver, 3);
    assert.deepEqual((await relint(parser, text, [['mode("overwrite")', 'mode("append")'], ['rows = df_1.collect()', 'rows = df_1.limit(5).collect()']])).codes, []);
  });

  it('keeps no value on an old version of the edited function: its whole old copy would stay alive', async () => {
    // the loaders' results derive from the session main() makes; taken over after edits of main, their
    // lineage must reach main's current nodes, as a fresh evaluation's would (an old copy of main kept
    // alive by one such value was a leak of a copy of main per edit, in a long editing session)
    const document = new Document(parser, generateJob(seededRandom(3), 'job.py', 600));
    for (const [find, replace] of [['"country")', '"countrx")'], ['"countrx")', '"countrz")'], ['"countrz")', '"country")']]) {
      const at = document.text.lastIndexOf(find);
      document.edit(document.text.slice(at, at + 400), document.text.slice(at, at + 400).replace(find, replace));
      assert.ok(document.model.inlineCallsTakenOver > 10);
    }
    const stale: string[] = [];
    const seen = new Set<Value>();
    const visit = (value: Value): void => {
      if (seen.has(value)) return;
      seen.add(value);
      if (value.node && topLevelOf(value.node).parent !== document.syntax.root) stale.push(`${value.kind} ${value.op ?? ''} at line ${value.node.startRow + 1}`);
      value.parents.forEach(visit);
    };
    for (const node of document.syntax.nodes) {
      const value = document.model.valueOf(node);
      if (value) visit(value);
    }
    assert.deepEqual(stale, []);
  });

  it('reads a query a taken-over helper returns at its place in the current copy', async () => {
    // cfg() is taken over after the edit above its call: the string it returns must sit on main's current
    // nodes, or spark.sql reads the query text at the old, shifted offsets (a LIMIT lost: SPK101)
    const text = 'from pyspark.sql import SparkSession\n\n\ndef cfg(q):\n    return q\n\n\ndef main():\n    spark = SparkSession.builder.getOrCreate()\n' +
      '    q = cfg("SELECT id FROM events LIMIT 10")\n    df = spark.sql(q)\n    rows = df.collect()\n    print(rows)\n\n\nmain()\n';
    assert.deepEqual((await relint(parser, text, [['    q = cfg(', '    x = 1\n    q = cfg(']])).codes, []);
  });

  it('tells the DataFrames a taken-over helper makes in a loop by where they are made, not by their old numbers', async () => {
    // load() is taken over after an edit of job(): its values keep the numbers of the build that made them,
    // lower than the loop's; each pass still reads the table anew (no SPK103)
    const text = 'from pyspark.sql import SparkSession\n\n\ndef load(spark, table, n):\n    df = spark.table(table)\n    return df.limit(n) if n else df\n\n\n' +
      'def job(spark):\n    x = "a"\n    for i in range(3):\n        load(spark, "db.x", None).count()\n';
    assert.deepEqual((await relint(parser, text, [['x = "a"', 'x = "b"'], ['x = "b"', 'x = "c"']])).codes, []);
  });

  it('does not take over a call whose result was changed in place after it', async () => {
    // warm() caches the DataFrame load() returned; once warm() stops doing so, the DataFrame kept from the
    // last build is still marked cached and must not be reused: the three counts then recompute it (SPK105)
    const text = `${HEADER}def load():\n    return spark.read.parquet("p")\n\n\ndef warm(df):\n    df.cache()\n\n\n` +
      'def main():\n    df = load()\n    warm(df)\n    df.count()\n    df.count()\n    df.count()\n';
    assert.deepEqual((await relint(parser, text, [])).codes, []);
    const document = new Document(parser, text);
    document.edit('    df.cache()', '    pass');
    assert.deepEqual(document.evaluated(), ['def warm(df):', 'def main():']);
    assert.equal(document.model.inlineCallsTakenOver, 0);
    assert.deepEqual((await relint(parser, text, [['    df.cache()', '    pass']])).codes, ['SPK105@16']);
    assert.deepEqual((await relint(parser, text, [['    df.cache()', '    pass'], ['    pass', '    df.cache()']])).codes, []);
  });

  it('gives each call of a helper its own values when the call around it is evaluated again', async () => {
    // both twice() calls evaluate the same load() call node (twice() itself is evaluated again: its argument
    // is a new DataFrame): each must get its own DataFrame, or the three counts would look like three
    // actions on one lineage (SPK105)
    const text = `${HEADER}def load():\n    return spark.read.parquet("p")\n\n\ndef twice(df):\n    return load()\n\n\nLIMIT = 1\n\n\n` +
      'def main():\n    x = LIMIT\n    a = twice(spark.range(3))\n    b = twice(spark.range(3))\n    a.count()\n    b.count()\n    a.count()\n';
    const document = new Document(parser, text);
    document.edit('LIMIT = 1', 'LIMIT = 2');
    assert.deepEqual(document.evaluated(), ['LIMIT = 2', 'def main():']);
    assert.equal(document.model.inlineCallsTakenOver, 2);
    assert.deepEqual((await relint(parser, text, [['LIMIT = 1', 'LIMIT = 2'], ['LIMIT = 2', 'LIMIT = 3']])).codes, []);
  });
});

describe('branches that bind nothing', () => {
  let parser: Parser;
  before(async () => (parser = await testParser()));

  it('do not pin the bindings they saw when a later edit changes them', async () => {
    // `if DEBUG: pass` binds nothing; it must not write `main` back when it is taken over after `main` was
    // edited, or `main()` below would keep running the old body (its nodes no longer in the tree)
    const text = 'from pyspark.ml.feature import StandardScaler\nfrom pyspark.ml.regression import LinearRegression\n' +
      'from pyspark.ml.evaluation import RegressionEvaluator\nfrom pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nDEBUG = False\n\n\n' +
      'def main():\n    df = spark.read.parquet("p")  # input\n    scaled = StandardScaler(inputCol="raw", outputCol="features").fit(df).transform(df)\n' +
      '    train, test = scaled.randomSplit([0.8, 0.2], seed=1)\n    model = LinearRegression(labelCol="y").fit(train)\n' +
      '    print(RegressionEvaluator(labelCol="y").evaluate(model.transform(test)))\n\n\nif DEBUG:\n    pass\n\nmain()\n';
    const { codes } = await relint(parser, text, [['# input', '# input data'], ['from pyspark.sql import SparkSession', '# the session\nfrom pyspark.sql import SparkSession']]);
    assert.deepEqual(codes, ['SPK001@13']);
  });
});
