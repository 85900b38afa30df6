import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sparkConfigCompletions } from '../../../src/analysis/sparkConfig/completion';
import { sparkConfigHover } from '../../../src/analysis/sparkConfig/hover';
import { parsePython, positionAfter } from './parse';

describe('sparkConfigCompletions', () => {
  it('offers keys filtered by the typed prefix, with facts and meaning', async () => {
    const source = 'spark = SparkSession.builder.config("spark.executor.me", "4g").getOrCreate()\n';
    const tree = await parsePython(source);
    const items = sparkConfigCompletions(tree, positionAfter(source, '"spark.executor.me'));
    const labels = items.map((item) => item.label);
    assert.ok(labels.includes('spark.executor.memory'), labels.join(', '));
    assert.ok(labels.every((label) => label.startsWith('spark.executor.me')));
    const memory = items.find((item) => item.label === 'spark.executor.memory')!;
    assert.equal(memory.kind, 'key');
    assert.match(memory.detail!, /default 1g · memory/);
    assert.match(memory.documentation!, /executor/i);
    const start = source.indexOf('spark.executor.me');
    assert.deepEqual(memory.range, { start: { line: 0, character: start }, end: { line: 0, character: start + 'spark.executor.me'.length } });
  });

  it('offers the documented families by their prefix', async () => {
    const source = 'spark.conf.set("spark.executorE", "x")\n';
    const items = sparkConfigCompletions(await parsePython(source), positionAfter(source, '"spark.executorE'));
    assert.deepEqual(items.map((item) => [item.label, item.kind]), [['spark.executorEnv.', 'family']]);
  });

  it('offers every key in an empty key string', async () => {
    const source = 'spark.conf.set("", "x")\n';
    const items = sparkConfigCompletions(await parsePython(source), positionAfter(source, '("'));
    assert.ok(items.length >= 10);
  });

  it('offers booleans, enum values and memory examples in value strings', async () => {
    const source = [
      'spark.conf.set("spark.sql.adaptive.enabled", "")',
      'spark.conf.set("spark.submit.deployMode", "")',
      'spark.conf.set("spark.executor.memory", "")',
    ].join('\n');
    const tree = await parsePython(source);
    const at = (line: number) => ({ line, character: source.split('\n')[line]!.lastIndexOf('"') });
    assert.deepEqual(sparkConfigCompletions(tree, at(0)).map((item) => item.label), ['true', 'false']);
    assert.deepEqual(sparkConfigCompletions(tree, at(1)).map((item) => item.label), ['client', 'cluster']);
    const memory = sparkConfigCompletions(tree, at(2)).map((item) => item.label);
    assert.equal(memory[0], '1g');
    assert.ok(memory.includes('4g') && memory.includes('512m'));
  });

  it('completes keys and values on a line that does not parse yet, given the text', async () => {
    const keySource = 'spark = SparkSession.builder.config("spark.executor.mem\nprint(1)\n';
    const keyAt = positionAfter(keySource, 'spark.executor.mem');
    const tree = await parsePython(keySource);
    assert.deepEqual(sparkConfigCompletions(tree, keyAt), [], 'without the text there is nothing to go on');
    const items = sparkConfigCompletions(tree, keyAt, { text: keySource });
    assert.ok(items.some((item) => item.label === 'spark.executor.memory'));
    assert.ok(items.every((item) => item.label.startsWith('spark.executor.mem')));
    assert.deepEqual(items[0]!.range, { start: { line: 0, character: 37 }, end: keyAt });

    const valueSource = 'conf = SparkConf().set("spark.submit.deployMode", "cl\n';
    const valueItems = sparkConfigCompletions(await parsePython(valueSource), positionAfter(valueSource, '"cl'), { text: valueSource });
    assert.deepEqual(valueItems.map((item) => item.label), ['client', 'cluster']);

    const otherSource = 'cache.set("spark.exe\n';
    assert.deepEqual(sparkConfigCompletions(await parsePython(otherSource), positionAfter(otherSource, 'spark.exe'), { text: otherSource }), []);
  });

  it('offers nothing outside configuration strings', async () => {
    const source = 'df = spark.read.csv("data.csv")\nspark.conf.set("spark.executor.memory", "4g")\n';
    const tree = await parsePython(source);
    assert.deepEqual(sparkConfigCompletions(tree, positionAfter(source, '"data')), []);
    assert.deepEqual(sparkConfigCompletions(tree, { line: 1, character: 2 }), []);
  });
});

describe('sparkConfigHover', () => {
  it('describes a key with meaning, default, type and version', async () => {
    const source = 'spark.conf.set("spark.sql.shuffle.partitions", 64)\n';
    const hover = sparkConfigHover(await parsePython(source), positionAfter(source, '"spark.sql.sh'));
    assert.ok(hover);
    assert.match(hover.markdown, /\*\*spark\.sql\.shuffle\.partitions\*\*/);
    assert.match(hover.markdown, /Default: `200`/);
    assert.match(hover.markdown, /Type: int/);
    assert.match(hover.markdown, /Since: Spark \d/);
    assert.match(hover.markdown, /partition/i);
  });

  it('describes a key of a documented family', async () => {
    const source = 'spark.conf.set("spark.executorEnv.PATH", "/x")\n';
    const hover = sparkConfigHover(await parsePython(source), positionAfter(source, '"spark.exec'));
    assert.match(hover?.markdown ?? '', /spark\.executorEnv\.\[EnvironmentVariableName\]/);
  });

  it('says nothing for values, unknown keys and other strings', async () => {
    const source = 'spark.conf.set("spark.executor.memory", "4g")\nspark.conf.set("spark.nope.nope", "1")\nprint("spark.executor.memory")\n';
    const tree = await parsePython(source);
    assert.equal(sparkConfigHover(tree, positionAfter(source, '"4')), undefined);
    assert.equal(sparkConfigHover(tree, positionAfter(source, '"spark.nope')), undefined);
    assert.equal(sparkConfigHover(tree, { line: 2, character: 10 }), undefined);
  });
});
