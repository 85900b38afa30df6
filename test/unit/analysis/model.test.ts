import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel, type SemanticModel } from '../../../src/analysis/model';
import { type PyNode, copyTree, forEachNode } from '../../../src/analysis/syntax';
import { type Value, maxBound, minBound } from '../../../src/analysis/values';
import { testParser } from '../../rules/helpers';

async function model(code: string): Promise<SemanticModel> {
  const parser = await testParser();
  const tree = parser.parse(code)!;
  const syntax = copyTree(tree, code);
  tree.delete();
  return buildModel(syntax);
}

/** The value of the last binding of `name` (the identifier on the left of its last assignment). */
function last(m: SemanticModel, name: string): Value {
  const bindings = m.bindings.filter((binding) => binding.name === name);
  assert.ok(bindings.length, `${name} is never bound`);
  return bindings[bindings.length - 1]!.value;
}

/** The value of the first expression whose text is exactly `text`. */
function valueOfText(m: SemanticModel, text: string): Value | undefined {
  let found: PyNode | undefined;
  forEachNode(m.tree.root, (node) => {
    if (!found && node.named && m.text(node) === text && m.valueOf(node)) found = node;
  });
  return found && m.valueOf(found);
}

const header = 'import pyspark.sql.functions as F\nfrom pyspark.sql import SparkSession\nfrom pyspark.ml.feature import StandardScaler\nspark = SparkSession.builder.getOrCreate()\n';

describe('semantic model', () => {
  it('resolves imports and aliases', async () => {
    const m = await model('import pyspark.sql.functions as F\nfrom pyspark.sql.functions import udf, col as c\nfrom pyspark.ml.feature import StandardScaler as SS\nimport pyspark.sql\n');
    assert.equal(m.usesPyspark, true);
    assert.equal(m.imports.get('F'), 'pyspark.sql.functions');
    assert.equal(m.imports.get('udf'), 'pyspark.sql.functions.udf');
    assert.equal(m.imports.get('c'), 'pyspark.sql.functions.col');
    assert.equal(m.imports.get('SS'), 'pyspark.ml.feature.StandardScaler');
    assert.equal(m.imports.get('pyspark'), 'pyspark');
    assert.equal((await model('import pandas as pd\n')).usesPyspark, false);
  });

  it('orders boundedness literal < limited < aggregated < unbounded', () => {
    assert.equal(maxBound('literal', 'unbounded'), 'unbounded');
    assert.equal(maxBound('aggregated', 'limited'), 'aggregated');
    assert.equal(maxBound(undefined, 'literal'), undefined);
    assert.equal(minBound('unbounded', 'limited'), 'limited');
    assert.equal(minBound('literal', 'limited'), 'literal');
  });

  it('gives each DataFrame source and transformation its kind and boundedness', async () => {
    const m = await model(`${header}
raw = spark.read.option("header", True).csv("x")
lit = spark.createDataFrame([(1, "a")], ["id", "v"])
small = spark.range(100)
large = spark.range(10**9)
lim = raw.limit(10)
agg = raw.groupBy("k").agg(F.count("*"))
one = raw.agg(F.max("x"))
joined = lit.join(raw, "id")
table = spark.table("t").select("a")
rdd = raw.rdd.map(lambda r: r)
rows = raw.collect()
`);
    const expect: Record<string, [string, string | undefined]> = {
      raw: ['DataFrame', 'unbounded'], lit: ['DataFrame', 'literal'], small: ['DataFrame', 'literal'],
      large: ['DataFrame', 'unbounded'], lim: ['DataFrame', 'limited'], agg: ['DataFrame', 'aggregated'],
      one: ['DataFrame', 'aggregated'], joined: ['DataFrame', 'unbounded'], table: ['DataFrame', 'unbounded'],
      rdd: ['RDD', 'unbounded'], rows: ['PyList', 'unbounded'], spark: ['SparkSession', undefined],
    };
    for (const [name, [kind, bound]] of Object.entries(expect)) {
      const value = last(m, name);
      assert.deepEqual([value.kind, value.bound], [kind, bound], name);
    }
  });

  it('versions reassigned names and keeps earlier values at their uses', async () => {
    const m = await model(`${header}
df = spark.createDataFrame([(1,)], ["a"])
a = df.collect()
df = spark.read.parquet("p")
b = df.collect()
`);
    const versions = m.bindings.filter((binding) => binding.name === 'df');
    assert.deepEqual(versions.map((binding) => [binding.version, binding.value.bound]), [[1, 'literal'], [2, 'unbounded']]);
    const actions = m.actions.map((action) => action.receiver.bound);
    assert.deepEqual(actions, ['literal', 'unbounded']);
  });

  it('unpacks randomSplit into one DataFrame per weight, with its index and parent', async () => {
    const m = await model(`${header}
data = spark.read.parquet("p")
train, valid, test = data.randomSplit([0.8, 0.1, 0.1], seed=1)
splits = data.randomSplit([0.5, 0.5])
first = splits[0]
`);
    const data = last(m, 'data');
    for (const [name, index] of [['train', 0], ['valid', 1], ['test', 2]] as const) {
      const value = last(m, name);
      assert.equal(value.kind, 'DataFrame');
      assert.equal(value.splitIndex, index);
      assert.equal(value.parents[0], data);
    }
    assert.equal(last(m, 'first').splitIndex, 0);
  });

  it('summarises helper functions at their call sites', async () => {
    const m = await model(`${header}
def load(path):
    return spark.read.json(path).dropna()

def clean(df):
    return df.filter("x > 0")

loaded = load("s3://x")
cleaned = clean(spark.createDataFrame([(1,)], ["x"]))
unknown = clean(42)
`);
    assert.deepEqual([last(m, 'loaded').kind, last(m, 'loaded').bound], ['DataFrame', 'unbounded']);
    assert.deepEqual([last(m, 'cleaned').kind, last(m, 'cleaned').bound], ['DataFrame', 'literal']);
    assert.equal(last(m, 'unknown').kind, 'Unknown');
  });

  it('lets main() take the run of its body where it was defined, unless the module it reads changed since', async () => {
    const body = 'def main():\n    df = spark.read.parquet("p")\n    df.collect()\n    ESTIMATOR.fit(df)\n\n\n';
    // the run where main is defined recorded the action and the fitted model: the call adds neither again
    const same = await model(`${header}ESTIMATOR = StandardScaler(inputCol="x")\n${body}if __name__ == "__main__":\n    main()\n`);
    assert.deepEqual(same.actions.map((action) => [action.method, action.inline]), [['collect', false]]);
    assert.deepEqual(same.mlObjects.map((value) => value.kind), ['Estimator', 'Model']);
    // bound only after main is defined: the call runs the body again and sees the estimator
    const later = await model(`${header}${body}ESTIMATOR = StandardScaler(inputCol="x")\nmain()\n`);
    assert.deepEqual(later.actions.map((action) => [action.method, action.inline]), [['collect', false], ['collect', true]]);
    assert.deepEqual(later.mlObjects.map((value) => value.kind), ['Estimator', 'Model']);
    // a body that changes what the module holds is run again by each call
    const changing = await model(`${header}DATA = spark.read.parquet("p")\n\n\ndef main():\n    DATA.cache()\n    DATA.count()\n\n\nmain()\n`);
    assert.deepEqual(changing.actions.map((action) => action.inline), [false, true]);
  });

  it('carries values around loops and joins branches', async () => {
    const m = await model(`${header}
df = spark.read.parquet("p")
for c in ["a", "b"]:
    df = df.withColumn(c, F.lit(1))
if df.columns:
    x = df
else:
    x = df.limit(5)
after = x
`);
    const inLoop = valueOfText(m, 'df.withColumn(c, F.lit(1))');
    assert.deepEqual([inLoop?.kind, inLoop?.bound], ['DataFrame', 'unbounded']);
    // after the if/else, x is the join of both branches: the larger bound wins
    assert.deepEqual([last(m, 'after').kind, last(m, 'after').bound], ['DataFrame', 'unbounded']);
  });

  it('tracks caching, estimators, models and UDFs for the rules', async () => {
    const m = await model(`${header}
from pyspark.ml.feature import StandardScaler
from pyspark.sql.functions import udf
df = spark.read.parquet("p")
df.cache()
scaler = StandardScaler(inputCol="f", outputCol="s")
model = scaler.fit(df)
out = model.transform(df)
up = udf(lambda s: s.upper())

@udf("string")
def low(s):
    return s.lower()
`);
    assert.notEqual(last(m, 'df').cachedBy, undefined);
    assert.deepEqual([last(m, 'scaler').kind, last(m, 'scaler').name], ['Estimator', 'StandardScaler']);
    const fitted = last(m, 'model');
    assert.deepEqual([fitted.kind, fitted.name, fitted.op], ['Model', 'StandardScalerModel', 'fit']);
    assert.equal(fitted.parents[1], last(m, 'df'));
    assert.deepEqual([last(m, 'out').kind, last(m, 'out').op], ['DataFrame', 'transform']);
    assert.equal(m.udfs.length, 2);
    assert.equal(last(m, 'low').kind, 'UDF');
  });

  it('does not throw on broken code and keeps what parses', async () => {
    const m = await model(`${header}
df = spark.read.parquet("p")
def broken(:
    pass
rows = df.collect()
`);
    assert.ok(m.actions.some((action) => action.method === 'collect' && action.receiver.bound === 'unbounded'));
  });

  it('infers a DataFrame from a method only DataFrames have, or a Spark Column argument, and narrows the name', async () => {
    const m = await model(`${header}def clean(frame, rows, pdf):
    first = frame
    renamed = frame.withColumnRenamed("a", "b")
    again = frame
    kept = rows.filter(lambda r: r > 0)
    chosen = pdf.filter(F.col("x") > 1)
    plain = pdf.filter(items=["x"])
    return renamed
`);
    assert.equal(last(m, 'renamed').kind, 'DataFrame');
    assert.equal(last(m, 'again').kind, 'DataFrame', 'the parameter is a DataFrame after withColumnRenamed');
    assert.equal(last(m, 'first').kind, 'Unknown', 'what was read before the evidence stays unknown');
    assert.equal(last(m, 'kept').kind, 'Unknown', 'filter with a function is an RDD or anything else');
    assert.equal(last(m, 'chosen').kind, 'DataFrame', 'filter with a Spark Column');
    assert.equal(last(m, 'renamed').bound, undefined, 'of unknown size');
  });

  it('takes an annotated assignment of a value it cannot follow as the annotation says', async () => {
    const m = await model(`${header}from pyspark.sql import DataFrame
import pandas as pd
from lib.transformations import apply_header
events: DataFrame = apply_header(spark)
frame: pd.DataFrame = apply_header(spark)
known: DataFrame = spark.read.parquet("s3://bucket/events")
`);
    assert.equal(last(m, 'events').kind, 'DataFrame');
    assert.equal(last(m, 'events').bound, undefined, 'of unknown size');
    assert.equal(last(m, 'frame').kind, 'Unknown', "pandas' DataFrame");
    assert.equal(last(m, 'known').bound, 'unbounded', 'a value the model follows keeps what it knows');
  });

  it('follows self attributes within a method, and forgets them at a call that may set them', async () => {
    const m = await model(`${header}class Job:
    def run(self):
        self.events = spark.read.parquet("s3://bucket/events")
        read_back = self.events
        self.events = self.events.limit(10)
        limited = self.events
        self.reload()
        after_call = self.events

    def report(self):
        elsewhere = self.events
        self.frame.withColumnRenamed("a", "b")
        narrowed = self.frame


def outside(job):
    job.events = spark.read.parquet("s3://bucket/events")
    other = job.events
`);
    assert.equal(last(m, 'read_back').kind, 'DataFrame');
    assert.equal(last(m, 'read_back').bound, 'unbounded');
    assert.equal(last(m, 'limited').bound, 'limited', 'the last assignment in the method wins');
    assert.equal(last(m, 'after_call').kind, 'Unknown', 'self.reload() may set self.events');
    assert.equal(last(m, 'elsewhere').kind, 'Unknown', 'another method may run before or after run()');
    assert.equal(last(m, 'narrowed').kind, 'DataFrame', 'withColumnRenamed proves self.frame a DataFrame');
    assert.equal(last(m, 'other').kind, 'Unknown', 'only self is followed');
  });

  it('keeps self attributes to the function that set them, until self is rebound or super() is called', async () => {
    const m = await model(`${header}class Job(Base):
    def run(self, other):
        self.events = spark.read.parquet("s3://bucket/events")
        def inner(self):
            in_def = self.events
        self = other
        rebound = self.events

    def shrink(self):
        self.events = spark.read.parquet("s3://bucket/events")
        super().shrink()
        after_super = self.events
`);
    assert.equal(last(m, 'in_def').kind, 'Unknown', 'a nested def has its own self');
    assert.equal(last(m, 'rebound').kind, 'Unknown', 'self is another object after self = other');
    assert.equal(last(m, 'after_super').kind, 'Unknown', 'super().shrink() may set self.events');
  });

  it('follows into other methods the self attributes only __init__ assigns (another method may del them)', async () => {
    const m = await model(`${header}class Job:
    def __init__(self, spark):
        self.events = spark.read.parquet("s3://bucket/events")
        self.current = spark.read.parquet("s3://bucket/current")

    def count_events(self):
        from_init = self.events
        current = self.current

    def refresh(self):
        self.current = self.current.limit(10)

    def release(self):
        del self.events

    def replace(self, other):
        self = other
        rebound = self.events
`);
    assert.equal(last(m, 'from_init').kind, 'DataFrame');
    assert.equal(last(m, 'from_init').bound, 'unbounded', 'a del in another method drops the attribute, it does not change it');
    assert.equal(last(m, 'current').kind, 'Unknown', 'refresh() assigns self.current too: which value it holds depends on the calls');
    assert.equal(last(m, 'rebound').kind, 'Unknown', 'self is another object');
  });

  it('grows a self attribute list with += and forgets one after del', async () => {
    const m = await model(`${header}from pyspark.ml.classification import LogisticRegression
class Trainer:
    def build(self):
        self.stages = [StandardScaler()]
        self.stages += [LogisticRegression()]
        grown = self.stages
        self.events = spark.read.parquet("s3://bucket/events")
        del self.events
        deleted = self.events
`);
    assert.equal(last(m, 'grown').elements?.length, 2);
    assert.equal(last(m, 'deleted').kind, 'Unknown');
  });

  it('infers nothing in a file that does not use pyspark', async () => {
    const m = await model('def clean(frame):\n    return frame.withColumnRenamed("a", "b")\nout = clean(1)\n');
    assert.equal(last(m, 'out').kind, 'Unknown');
  });
});
