// The SPK203 quick fix: where it adds the vector_to_array import, how it refers to an existing one, and
// that the fixed job is clean and parses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from '../../src/rules/fixes';
import { lint } from './helpers';

const SPK203 = { select: ['SPK203'] };

async function fixed(text: string): Promise<string> {
  const { findings } = await lint(text, SPK203);
  assert.equal(findings.length, 1, 'one SPK203 finding');
  assert.ok(findings[0]!.fix, 'with a fix');
  assert.equal(findings[0]!.fix.safety, 'unsafe');
  const result = applyFixes(text, findings).text;
  const after = await lint(result);
  assert.deepEqual(after.notices, [], `the fixed text parses:\n${result}`);
  assert.deepEqual(after.findings.filter((finding) => finding.code.startsWith('SPK2')), [], `no UDF finding left:\n${result}`);
  return result;
}

const body = [
  'spark = SparkSession.builder.getOrCreate()',
  'scored = spark.read.parquet("s3://bucket/scored")',
  'positive = F.udf(lambda v: float(v[1]), DoubleType())',
  'scored = scored.withColumn("p1", positive("probability"))',
];

describe('SPK203 quick fix', () => {
  it('adds the import where isort would, before the pyspark imports that sort after it, with the file\'s line endings', async () => {
    const source = [
      'from pyspark.sql import SparkSession',
      'from pyspark.sql import functions as F',
      'from pyspark.sql.types import DoubleType  # types',
      '',
      ...body,
      '',
    ].join('\r\n');
    assert.equal(await fixed(source), [
      'from pyspark.ml.functions import vector_to_array',
      'from pyspark.sql import SparkSession',
      'from pyspark.sql import functions as F',
      'from pyspark.sql.types import DoubleType  # types',
      '',
      'spark = SparkSession.builder.getOrCreate()',
      'scored = spark.read.parquet("s3://bucket/scored")',
      'positive = lambda v: vector_to_array(v)[1]',
      'scored = scored.withColumn("p1", positive("probability"))',
      '',
    ].join('\r\n'));
  });

  it('adds the import after the last top-level import, after its comment, when no pyspark import sorts after it', async () => {
    const source = [
      'import pyspark.sql.functions as F',
      'import pyspark.sql.types as T',
      'from pyspark.ml.feature import VectorAssembler  # features',
      '',
      'scored = spark.read.parquet("s3://bucket/scored")',
      'positive = F.udf(lambda v: float(v[1]), T.DoubleType())',
      'scored = scored.withColumn("p1", positive("probability"))',
      '',
    ].join('\n');
    const result = await fixed(source);
    assert.equal(result.split('\n').slice(0, 5).join('\n'), [
      'import pyspark.sql.functions as F',
      'import pyspark.sql.types as T',
      'from pyspark.ml.feature import VectorAssembler  # features',
      'from pyspark.ml.functions import vector_to_array',
      '',
    ].join('\n'));
  });

  it('uses a module alias the file already imports, and adds no import', async () => {
    const source = ['from pyspark.sql import SparkSession', 'from pyspark.sql import functions as F', 'from pyspark.sql.types import DoubleType', 'import pyspark.ml.functions as MF', '', ...body, ''].join('\n');
    const result = await fixed(source);
    assert.match(result, /^positive = lambda v: MF\.vector_to_array\(v\)\[1\]$/m);
    assert.equal(result.match(/import/g)?.length, 4);
  });

  it('offers no fix when vector_to_array names something else in the file', async () => {
    const source = ['from pyspark.sql import SparkSession', 'from pyspark.sql import functions as F', 'from pyspark.sql.types import DoubleType', 'vector_to_array = None', '', ...body, ''].join('\n');
    const { findings } = await lint(source, SPK203);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.fix, undefined);
  });

  it('offers no fix for a UDF with more than one argument or a body that computes more than one read', async () => {
    const source = [
      'from pyspark.sql import SparkSession',
      'from pyspark.sql import functions as F',
      'from pyspark.sql.types import DoubleType',
      'spark = SparkSession.builder.getOrCreate()',
      'scored = spark.read.parquet("s3://bucket/scored")',
      'margin = F.udf(lambda prob: float(prob[1] - prob[0]), DoubleType())',
      'weighted = F.udf(lambda v, w: float(v[1]) * w, DoubleType())',
      'scored = scored.withColumn("m", margin("probability")).withColumn("w", weighted("probability", "weight"))',
      '',
    ].join('\n');
    const { findings } = await lint(source, SPK203);
    assert.equal(findings.length, 2);
    assert.deepEqual(findings.map((finding) => finding.fix), [undefined, undefined]);
  });
});
