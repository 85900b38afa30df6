import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyTree } from '../../../src/analysis/syntax';
import { findConfigPairs } from '../../../src/analysis/sparkConfig/contexts';
import { validateSparkConfig } from '../../../src/analysis/sparkConfig/validation';
import { parsePython } from './parse';

async function pairs(source: string) {
  return findConfigPairs(await parsePython(source)).map((pair) => ({
    method: pair.method,
    key: pair.key.value,
    value: pair.value?.value,
  }));
}

describe('findConfigPairs', () => {
  it('finds builder.config with positional and keyword arguments and a map', async () => {
    const found = await pairs(
      [
        'spark = (SparkSession.builder.appName("x")',
        '    .config("spark.executor.memory", "4g")',
        '    .config(key="spark.sql.shuffle.partitions", value=64)',
        '    .config(map={"spark.sql.adaptive.enabled": True})',
        '    .getOrCreate())',
      ].join('\n'),
    );
    assert.deepEqual(found, [
      { method: 'config', key: { kind: 'string', text: 'spark.executor.memory' }, value: { kind: 'string', text: '4g' } },
      { method: 'config', key: { kind: 'string', text: 'spark.sql.shuffle.partitions' }, value: { kind: 'int', text: '64' } },
      { method: 'config', key: { kind: 'string', text: 'spark.sql.adaptive.enabled' }, value: { kind: 'bool', value: true } },
    ]);
  });

  it('finds spark.conf.set/get and SparkConf().set/setAll, and the defaults SQLConf checks', async () => {
    const found = await pairs(
      [
        'spark.conf.set("spark.sql.shuffle.partitions", 8)',
        'spark.conf.get("spark.executor.memory")',
        'conf = SparkConf().setAppName("a").set("spark.executor.cores", "2")',
        'conf.setAll([("spark.memory.fraction", "0.5"), ("spark.network.timeout", "300s")])',
        'sc.getConf().get("spark.master", "local[2]")',
        'spark.conf.get("spark.executor.memory", "not set")',
        'spark.conf.get("spark.sql.shuffle.partitions", "auto")',
      ].join('\n'),
    );
    assert.deepEqual(
      found.map((pair) => [pair.method, pair.key?.kind === 'string' ? pair.key.text : '?', pair.value]),
      [
        ['set', 'spark.sql.shuffle.partitions', { kind: 'int', text: '8' }],
        ['get', 'spark.executor.memory', undefined],
        ['set', 'spark.executor.cores', { kind: 'string', text: '2' }],
        ['setAll', 'spark.memory.fraction', { kind: 'string', text: '0.5' }],
        ['setAll', 'spark.network.timeout', { kind: 'string', text: '300s' }],
        // a default is handed back to Python, except SQLConf's, which converts it with the key's type
        ['get', 'spark.master', undefined],
        ['get', 'spark.executor.memory', undefined],
        ['get', 'spark.sql.shuffle.partitions', { kind: 'string', text: 'auto' }],
      ],
    );
  });

  it('ignores set/config on objects that are not Spark configuration', async () => {
    const found = await pairs(['cache.set("spark.foo", 1)', 'app.config("DEBUG", True)', 'd.get("spark.x")'].join('\n'));
    assert.deepEqual(found, []);
  });

  it('marks an f-string key with a placeholder as computed', async () => {
    const [pair] = findConfigPairs(await parsePython('spark.conf.set(f"spark.{name}", "1")\n'));
    assert.ok(pair);
    assert.equal(pair.key.value, undefined);
    assert.ok(pair.key.contentRange);
  });

  it('reports ranges in UTF-16 columns between the quotes', async () => {
    const source = 'x = "é😀"; spark.conf.set("spark.executor.memory", "4g")\n';
    const [pair] = findConfigPairs(await parsePython(source));
    assert.ok(pair?.key.contentRange);
    const start = source.indexOf('spark.executor');
    assert.deepEqual(pair.key.contentRange, {
      start: { line: 0, character: start },
      end: { line: 0, character: start + 'spark.executor.memory'.length },
    });
  });

  it('reads the rule engine\'s copied tree the same way as the live tree', async () => {
    const source = [
      '# comment',
      'spark = (SparkSession.builder  # the session',
      '    .config("spark.executor.memroy", "4g")',
      '    .config(key="spark.sql.shuffle.partitions", value=-1)',
      '    .config(map={"spark.sql.adaptive.enabled": "yes", "é": f"{x}"})',
      '    .getOrCreate())',
      'SparkConf().setAll([("spark.network.timeout", "5 min")])',
      'spark.conf.get("spark.master", None)',
    ].join('\n');
    const tree = await parsePython(source);
    const copied = copyTree(tree, source);
    assert.deepEqual(findConfigPairs(copied), findConfigPairs(tree));
    const problems = validateSparkConfig(copied);
    assert.deepEqual(problems, validateSparkConfig(tree));
    assert.deepEqual(problems.map((problem) => problem.code), ['SPK403', 'SPK404', 'SPK404']);
  });
});
