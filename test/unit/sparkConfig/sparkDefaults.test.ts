import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sparkDefaultsCompletions, sparkDefaultsEntries, validateSparkDefaults } from '../../../src/analysis/sparkConfig/sparkDefaults';

const conf = [
  '# Defaults for every job',
  'spark.master                     k8s://https://api:6443',
  'spark.executor.memory            4g',
  'spark.executor.memroy=8g',
  'spark.sql.adaptive.enabled: maybe',
  '  ! comment',
  'spark.eventLog.enabled',
].join('\n');

describe('spark-defaults.conf', () => {
  it('reads key/value lines with whitespace, = or : separators and skips comments', () => {
    assert.deepEqual(
      sparkDefaultsEntries(conf).map((entry) => [entry.key, entry.value, entry.keyRange.start.line, entry.valueRange.start.character]),
      [
        ['spark.master', 'k8s://https://api:6443', 1, 33],
        ['spark.executor.memory', '4g', 2, 33],
        ['spark.executor.memroy', '8g', 3, 22],
        ['spark.sql.adaptive.enabled', 'maybe', 4, 28],
      ],
    );
  });

  it('reports near misses and invalid values', () => {
    assert.deepEqual(
      validateSparkDefaults(conf).map((problem) => [problem.code, problem.range.start.line, problem.replacement]),
      [
        ['SPK403', 3, 'spark.executor.memory'],
        ['SPK404', 4, undefined],
      ],
    );
  });

  it('completes keys at the start of a line and values after the key', () => {
    const text = 'spark.dynamicAllocation.ena\nspark.submit.deployMode  \n\n';
    const keys = sparkDefaultsCompletions(text, { line: 0, character: 27 });
    assert.deepEqual(keys.map((item) => item.label), ['spark.dynamicAllocation.enabled']);
    assert.deepEqual(keys[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 27 } });
    assert.deepEqual(sparkDefaultsCompletions(text, { line: 1, character: 25 }).map((item) => item.label), ['client', 'cluster']);
    assert.ok(sparkDefaultsCompletions(text, { line: 2, character: 0 }).length > 500, 'an empty line offers every key');
  });
});
