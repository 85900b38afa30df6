// SPK405 and the legacy switch `spark.sql.legacy.setCommandRejectsSparkCoreConfs`: once the code sets it to
// false, a session keeps core keys (unused) instead of refusing them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from './helpers';

const session = ['from pyspark.sql import SparkSession', 'spark = SparkSession.builder.getOrCreate()'];

async function messages(...lines: string[]): Promise<string[]> {
  const result = await lint([...session, ...lines, ''].join('\n'));
  return result.findings.filter((finding) => finding.code === 'SPK405').map((finding) => `${finding.range.start.line + 1}: ${finding.message.includes('raises AnalysisException') ? 'refused' : 'kept'}`);
}

describe('SPK405 and the legacy switch', () => {
  it('reads a core key set before the switch at module level as refused, one set after it as kept', async () => {
    assert.deepEqual(await messages(
      'spark.conf.set("spark.executor.memory", "8g")',
      'spark.conf.set("spark.sql.legacy.setCommandRejectsSparkCoreConfs", "false")',
      'spark.conf.set("spark.executor.cores", "4")',
    ), ['3: refused', '5: kept']);
  });

  it('reads the switch anywhere for a set in a function, which may run after it', async () => {
    assert.deepEqual(await messages(
      'def tune():',
      '    spark.conf.set("spark.executor.memory", "8g")',
      'spark.conf.set("spark.sql.legacy.setCommandRejectsSparkCoreConfs", "false")',
      'tune()',
    ), ['4: kept']);
  });

  it('knows the switch set with SQL SET, and not a commented one', async () => {
    assert.deepEqual(await messages('spark.sql("SET spark.sql.legacy.setCommandRejectsSparkCoreConfs=false")', 'spark.conf.set("spark.executor.memory", "8g")'), ['4: kept']);
    assert.deepEqual(await messages('# spark.conf.set("spark.sql.legacy.setCommandRejectsSparkCoreConfs", "false")', 'spark.conf.set("spark.executor.memory", "8g")'), ['4: refused']);
  });
});
