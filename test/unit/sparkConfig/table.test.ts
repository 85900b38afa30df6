// The shipped configuration table: well-formed entries, defaults that match their declared type, and
// lookups of exact keys, documented families and near misses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import tableJson from '../../../resources/spark-config/sparkConfig.json';
import {
  indexSparkConfig,
  lookupSparkConfig,
  nearestSparkConfig,
  sparkConfigIndex,
  type SparkConfigTableFile,
} from '../../../src/analysis/sparkConfig/table';
import { invalidValueReason } from '../../../src/analysis/sparkConfig/values';

const table = tableJson as SparkConfigTableFile;
const TYPES = new Set(['memory', 'boolean', 'int', 'double', 'duration', 'string', 'enum', 'list', 'class', 'path', 'url']);

describe('sparkConfig.json', () => {
  it('covers several hundred documented keys across the areas of the docs', () => {
    assert.ok(table.entries.length >= 500, `${table.entries.length} entries`);
    for (const prefix of ['spark.sql.adaptive.', 'spark.kubernetes.', 'spark.dynamicAllocation.', 'spark.shuffle.', 'spark.memory.', 'spark.eventLog.', 'spark.ui.', 'spark.python.', 'spark.kryo']) {
      assert.ok(table.entries.some((entry) => entry.name.startsWith(prefix)), prefix);
    }
  });

  it('has unique names, known types, a meaning, a version and values for every enum', () => {
    const names = new Set<string>();
    for (const entry of table.entries) {
      assert.ok(!names.has(entry.name), `duplicate ${entry.name}`);
      names.add(entry.name);
      assert.match(entry.name, /^spark\./);
      assert.ok(TYPES.has(entry.type), `${entry.name}: type ${entry.type}`);
      assert.ok(entry.meaning.length > 10, `${entry.name}: meaning`);
      if (entry.since !== undefined) assert.match(entry.since, /^\d+\.\d+\.\d+$/, `${entry.name}: since`);
      if (entry.type === 'enum') assert.ok(entry.values?.length, `${entry.name}: enum without values`);
    }
  });

  it('knows the version that added nearly every key', () => {
    const withVersion = table.entries.filter((entry) => entry.since).length;
    assert.ok(withVersion / table.entries.length > 0.95, `${withVersion} of ${table.entries.length}`);
  });

  it('has literal defaults that its own validation accepts', () => {
    const literal = (value: string) => !/^(\(|value of|spark\.|Int\.|Long\.)/i.test(value) && !/[ *]/.test(value.trim());
    const rejected = table.entries
      .filter((entry) => entry.default !== null && literal(entry.default) && ['boolean', 'int', 'double', 'memory', 'duration', 'enum'].includes(entry.type))
      .filter((entry) => entry.default !== 'infinity')
      .map((entry) => [entry.name, invalidValueReason(entry, { kind: 'string', text: entry.default!.replace(/^"|"$/g, '') })])
      .filter(([, reason]) => reason);
    assert.deepEqual(rejected, []);
  });
});

describe('lookupSparkConfig and nearestSparkConfig', () => {
  const index = sparkConfigIndex();

  it('finds exact keys and keys of documented families', () => {
    assert.equal(lookupSparkConfig(index, 'spark.sql.shuffle.partitions')?.type, 'int');
    assert.equal(lookupSparkConfig(index, 'spark.kubernetes.driver.label.app.kubernetes.io/name')?.name, 'spark.kubernetes.driver.label.[LabelName]');
    assert.equal(lookupSparkConfig(index, 'spark.executor.resource.gpu.amount')?.name, 'spark.executor.resource.{resourceName}.amount');
    assert.equal(
      lookupSparkConfig(index, 'spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.claimName')?.name,
      'spark.kubernetes.executor.volumes.[VolumeType].[VolumeName].options.[OptionName]',
    );
    assert.equal(lookupSparkConfig(index, 'spark.network.crypto.config.cipher.classes')?.name, 'spark.network.crypto.config.*');
    assert.equal(lookupSparkConfig(index, 'spark.security.credentials.hive.enabled')?.name, 'spark.security.credentials.${service}.enabled');
    assert.equal(lookupSparkConfig(index, 'spark.executor.memroy'), undefined);
  });

  it('suggests near misses only when they are close', () => {
    assert.equal(nearestSparkConfig(index, 'spark.sql.shufle.partitions'), 'spark.sql.shuffle.partitions');
    assert.equal(nearestSparkConfig(index, 'spark.dynamicallocation.enabled'), 'spark.dynamicAllocation.enabled');
    assert.equal(nearestSparkConfig(index, 'spark.completely.different.thing'), undefined);
  });

  it('names the extra* key for the options written without it (seen in real jobs: -Xss never applied)', () => {
    assert.equal(nearestSparkConfig(index, 'spark.executor.javaOptions'), 'spark.executor.extraJavaOptions');
    assert.equal(nearestSparkConfig(index, 'spark.driver.javaOptions'), 'spark.driver.extraJavaOptions');
    assert.equal(nearestSparkConfig(index, 'spark.driver.classPath'), 'spark.driver.extraClassPath');
    assert.equal(nearestSparkConfig(index, 'spark.executor.libraryPath'), 'spark.executor.extraLibraryPath');
  });

  it('indexes any table given to it', () => {
    const small = indexSparkConfig([{ name: 'spark.a.b', default: null, type: 'string', meaning: 'x' }]);
    assert.equal(lookupSparkConfig(small, 'spark.a.b')?.name, 'spark.a.b');
    assert.equal(nearestSparkConfig(small, 'spark.a.c'), 'spark.a.b');
    assert.equal(nearestSparkConfig(small, 'spark.x.y'), undefined, 'two edits are too many for a short key');
  });
});
