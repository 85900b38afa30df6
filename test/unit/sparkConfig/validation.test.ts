import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateSparkConfEntries, validateSparkConfig } from '../../../src/analysis/sparkConfig/validation';
import { parsePython } from './parse';
import { codesAt, lint } from '../../rules/helpers';

async function problems(source: string) {
  return validateSparkConfig(await parsePython(source)).map(({ code, message, replacement }) => ({ code, message, replacement }));
}

describe('validateSparkConfig: SPK403 unknown-spark-config', () => {
  it('suggests the near miss and gives its replacement and range', async () => {
    const source = 'spark.conf.set("spark.executor.memroy", "4g")\n';
    const [problem, ...rest] = validateSparkConfig(await parsePython(source));
    assert.equal(rest.length, 0);
    assert.equal(problem?.code, 'SPK403');
    assert.equal(problem?.name, 'unknown-spark-config');
    assert.match(problem!.message, /Did you mean "spark\.executor\.memory"\?/);
    assert.equal(problem?.replacement, 'spark.executor.memory');
    const start = source.indexOf('spark.executor.memroy');
    assert.deepEqual(problem?.range, { start: { line: 0, character: start }, end: { line: 0, character: start + 21 } });
  });

  it('suggests a key that differs only in case', async () => {
    const [problem] = await problems('spark.conf.set("spark.Executor.Memory", "4g")\n');
    assert.equal(problem?.replacement, 'spark.executor.memory');
  });

  it('reports a spark.* key far from every known key, without a replacement', async () => {
    const [problem] = await problems('SparkConf().set("spark.totally.made.up.setting", "1")\n');
    assert.equal(problem?.code, 'SPK403');
    assert.equal(problem?.replacement, undefined);
  });

  it('leaves user keys, documented families and external namespaces alone', async () => {
    const found = await problems(
      [
        'spark.conf.set("myapp.input.path", "s3://b/x")',
        'spark.conf.set("spark.executorEnv.MY_VAR", "1")',
        'spark.conf.set("spark.hadoop.fs.s3a.endpoint", "http://x")',
        'spark.conf.set("spark.databricks.delta.optimizeWrite.enabled", "true")',
        'spark.sparkContext._conf.set("spark.mlflow.pysparkml.autolog.logModelAllowlistFile", "https://x/allowlist.txt")',
        'spark.conf.set("spark.sql.some.internal.flag.nobody.documents", "true")',
        'spark.conf.set(f"spark.{name}", "true")',
      ].join('\n'),
    );
    assert.deepEqual(found, []);
  });

  it('leaves keys the code reads back alone unless they are within two edits of a documented key', async () => {
    const source = ['sc.getConf().get("spark.mysql.port")', 'spark.conf.get("spark.app.id")', 'builder.config("spark.myjob.env", "x")', 'spark.conf.get("spark.myjob.env")', 'sc.getConf().get("spark.executor.memroy")', ''].join('\n');
    assert.deepEqual((await problems(source)).map((problem) => problem.replacement), ['spark.executor.memory']);
  });

  it('names the key that replaced one Spark stopped reading, with the version that stopped', async () => {
    const [problem, ...rest] = validateSparkConfig(await parsePython('SparkSession.builder.config("spark.debug.maxToStringFields", "100")\n'));
    assert.equal(rest.length, 0);
    assert.equal(problem?.replacement, 'spark.sql.debug.maxToStringFields');
    assert.equal(problem?.renamedIn, '3.0');
  });
});

describe('SPK403 with spark-version', () => {
  it('reports a key Spark stopped reading only for that Spark or a newer one', async () => {
    const source = 'from pyspark.sql import SparkSession\nspark = SparkSession.builder.config("spark.debug.maxToStringFields", "100").getOrCreate()\n';
    const codes = async (sparkVersion?: string) => codesAt(await lint(source, sparkVersion ? { sparkVersion } : {}));
    assert.deepEqual(await codes(), ['SPK403@2']);
    assert.deepEqual(await codes('3.5'), ['SPK403@2']);
    assert.deepEqual(await codes('2.4'), []);
  });

  it('reports a deprecated name only from the Spark version that renamed it', async () => {
    const source = 'from pyspark.sql import SparkSession\nspark = SparkSession.builder.config("spark.yarn.keytab", "/k").getOrCreate()\n';
    const codes = async (sparkVersion: string) => codesAt(await lint(source, { sparkVersion }));
    assert.deepEqual(await codes('3.0'), ['SPK403@2']);
    assert.deepEqual(await codes('2.4'), []);
  });
});

describe('validateSparkConfig: SPK404 invalid-spark-config-value', () => {
  it('accepts valid sizes, booleans, integers, doubles, durations and enums', async () => {
    const found = await problems(
      [
        'SparkSession.builder.config("spark.executor.memory", "4g").config("spark.executor.memory", "512M")',
        'spark.conf.set("spark.executor.memory", 2048)',
        'spark.conf.set("spark.sql.adaptive.enabled", True)',
        'spark.conf.set("spark.sql.adaptive.enabled", "False")',
        'spark.conf.set("spark.sql.shuffle.partitions", 64)',
        'spark.conf.set("spark.sql.shuffle.partitions", "64")',
        'spark.conf.set("spark.memory.fraction", 0.5)',
        'spark.conf.set("spark.network.timeout", "5min")',
        'spark.conf.set("spark.network.timeout", "30s")',
        'spark.conf.set("spark.submit.deployMode", "cluster")',
        'spark.conf.set("spark.executor.memory", memory_setting)',
      ].join('\n'),
    );
    assert.deepEqual(found, []);
  });

  it('rejects bad sizes, booleans, integers, doubles, durations and enums', async () => {
    const found = await problems(
      [
        'spark.conf.set("spark.executor.memory", "4 gigs")',
        'spark.conf.set("spark.executor.memory", "1.5g")',
        'spark.conf.set("spark.sql.adaptive.enabled", "yes")',
        'spark.conf.set("spark.sql.shuffle.partitions", "lots")',
        'spark.conf.set("spark.memory.fraction", "half")',
        'spark.conf.set("spark.network.timeout", "5 minutes")',
        'spark.conf.set("spark.submit.deployMode", "remote")',
        'spark.conf.set("spark.executor.memory", "4 g")',
      ].join('\n'),
    );
    assert.deepEqual(
      found.map((problem) => problem.code),
      ['SPK404', 'SPK404', 'SPK404', 'SPK404', 'SPK404', 'SPK404', 'SPK404', 'SPK404'],
    );
    assert.match(found[0]!.message, /spark\.executor\.memory: expects a size such as 4g or 512m, got "4 gigs"/);
    assert.match(found[1]!.message, /does not accept fractions/);
    assert.match(found[6]!.message, /expects one of client, cluster/);
  });

  it('puts the range on the value', async () => {
    const source = 'spark.conf.set("spark.sql.adaptive.enabled", "yes")\n';
    const [problem] = validateSparkConfig(await parsePython(source));
    const start = source.indexOf('yes');
    assert.deepEqual(problem?.range, { start: { line: 0, character: start }, end: { line: 0, character: start + 3 } });
  });
});

describe('validateSparkConfEntries (job spec sparkConf)', () => {
  const range = (line: number) => ({ start: { line, character: 4 }, end: { line, character: 10 } });
  it('checks keys and JSON values', () => {
    const found = validateSparkConfEntries([
      { key: 'spark.executor.memory', value: '8g', keyRange: range(1), valueRange: range(1) },
      { key: 'spark.executor.memmory', value: '8g', keyRange: range(2), valueRange: range(2) },
      { key: 'spark.dynamicAllocation.enabled', value: 'sometimes', keyRange: range(3), valueRange: range(3) },
      { key: 'spark.dynamicAllocation.enabled', value: true, keyRange: range(4), valueRange: range(4) },
      { key: 'spark.sql.shuffle.partitions', value: 12.5, keyRange: range(5), valueRange: range(5) },
    ]);
    assert.deepEqual(
      found.map((problem) => [problem.code, problem.range.start.line, problem.replacement]),
      [
        ['SPK403', 2, 'spark.executor.memory'],
        ['SPK404', 3, undefined],
        ['SPK404', 5, undefined],
      ],
    );
  });
});
