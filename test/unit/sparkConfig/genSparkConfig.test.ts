// The table generator on a docs folder in the layout of Spark's (a fixture we wrote): it takes names,
// defaults and versions from the docs and keeps our meanings, types and values.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { earliestVersion, inferType, mergeTable, parsePropertyTables, readDocs } from '../../../scripts/gen-spark-config';
import type { SparkConfigTableFile } from '../../../src/analysis/sparkConfig/table';

const docs = join(__dirname, 'fixtures', 'docs');
const root = join(__dirname, '..', '..', '..');

describe('gen-spark-config', () => {
  it('reads property tables of Markdown pages and generated SQL tables', () => {
    const keys = readDocs(docs).map(({ name, default: value, since }) => ({ name, default: value, since }));
    assert.deepEqual(keys, [
      { name: 'spark.sql.fixture.partitions', default: '200', since: '1.1.0' },
      { name: 'spark.executor.memory', default: '1g', since: '0.7.0' },
      { name: 'spark.fixture.newFlag', default: 'false', since: '4.1.0' },
      { name: 'spark.fixture.codec', default: 'org.example.Codec', since: '3.0.0' },
      { name: 'spark.fixture.unset', default: null, since: '3.5.0' },
      { name: 'spark.fixture.oldTable.timeout', default: '30s', since: undefined },
    ]);
  });

  it('ignores tables without a property column', () => {
    assert.deepEqual(parsePropertyTables('<table><tr><th>Name</th></tr><tr><td><code>spark.x</code></td></tr></table>', 'p'), []);
  });

  it('takes the earliest version of a key backported to older lines', () => {
    assert.equal(earliestVersion('4.0.0, 3.5.2, 3.4.4'), '3.4.4');
    assert.equal(earliestVersion('3.10.0, 3.9.1'), '3.9.1');
    assert.equal(earliestVersion(''), undefined);
  });

  it('infers a first type from the default and the name', () => {
    assert.equal(inferType('spark.a.enabled', 'true'), 'boolean');
    assert.equal(inferType('spark.a.size', '64m'), 'memory');
    assert.equal(inferType('spark.a.timeout', '5m'), 'duration');
    assert.equal(inferType('spark.a.wait', '3s'), 'duration');
    assert.equal(inferType('spark.a.count', '200'), 'int');
    assert.equal(inferType('spark.a.fraction', '0.6'), 'double');
    assert.equal(inferType('spark.a.impl', 'org.apache.spark.Foo'), 'class');
    assert.equal(inferType('spark.a.name', null), 'string');
  });

  it('keeps our meaning, type and values and takes the facts from the docs', () => {
    const { entries, added, undocumented } = mergeTable(
      [
        { name: 'spark.executor.memory', default: '2g', type: 'memory', meaning: 'Our words.', since: '0.1.0' },
        { name: 'spark.sql.fromSource', default: 'x', type: 'enum', values: ['x', 'y'], meaning: 'Kept.', since: '3.0.0' },
      ],
      readDocs(docs),
    );
    const memory = entries.find((entry) => entry.name === 'spark.executor.memory');
    assert.deepEqual(memory, { name: 'spark.executor.memory', default: '1g', type: 'memory', meaning: 'Our words.', since: '0.7.0' });
    assert.deepEqual(entries.find((entry) => entry.name === 'spark.sql.fromSource')?.values, ['x', 'y']);
    assert.deepEqual(added.sort(), ['spark.fixture.codec', 'spark.fixture.newFlag', 'spark.fixture.oldTable.timeout', 'spark.fixture.unset', 'spark.sql.fixture.partitions']);
    assert.deepEqual(undocumented, ['spark.sql.fromSource']);
    assert.equal(entries.find((entry) => entry.name === 'spark.fixture.newFlag')?.type, 'boolean');
    assert.deepEqual(entries.map((entry) => entry.name), [...entries.map((entry) => entry.name)].sort());
  });

  it('runs as a command and writes the table', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'spark-config-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'table.json');
    writeFileSync(out, JSON.stringify({ source: '', sparkVersion: '', entries: [] }));
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'gen-spark-config.ts'), docs, '--version', '9.9.9', '--out', out], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const written = JSON.parse(readFileSync(out, 'utf8')) as SparkConfigTableFile;
    assert.equal(written.sparkVersion, '9.9.9');
    assert.equal(written.entries.length, 6);
    assert.match(result.stderr, /6 new keys need a meaning/);
  });
});
