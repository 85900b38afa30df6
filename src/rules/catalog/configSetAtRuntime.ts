// SPK405: a launch or static setting changed in a running session, which Spark 3 refuses (or ignores).
import { runtimeSetOutcome } from '../../analysis/sparkConfig/runtimeSettable';
import { sparkConfigIndex } from '../../analysis/sparkConfig/table';
import { type PyNode, field, stringValue } from '../../analysis/syntax';
import { rangeOf } from '../positions';
import type { Rule, RuleContext } from '../rule';

export const configSetAtRuntime: Rule = {
  meta: {
    code: 'SPK405',
    name: 'config-set-at-runtime',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks `spark.conf.set(key, value)` on a session, and `spark.sql("SET key=value")`, for keys a running session cannot change: static SQL settings (`spark.sql.warehouse.dir`, `spark.sql.extensions`, `spark.sql.catalogImplementation`, ...), core launch settings with a registered entry (`spark.executor.memory`, `spark.driver.memory`, `spark.executor.cores`, `spark.dynamicAllocation.*`, `spark.serializer`, `spark.kryoserializer.*`, `spark.jars`, `spark.eventLog.*`, `spark.ui.*`, `spark.network.*`, ...), and launch settings Spark reads only when the application starts (`spark.app.name`, `spark.master`, `spark.default.parallelism`).',
      whyIsThisBad: 'Since Spark 3.0, setting a static SQL configuration or a core Spark configuration in a running session raises `AnalysisException: Cannot modify the value of a Spark config` (or `... of a static config`), so the job or the test class fails on that line. The values were fixed when the SparkContext started; a setting without a registered entry (`spark.app.name`) is stored and changes nothing.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nspark.conf.set("spark.executor.memory", "8g")',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.config("spark.executor.memory", "8g").getOrCreate()',
      fixSafety: 'No automatic fix: the setting belongs on the session builder before `getOrCreate()`, with `spark-submit --conf`, or in the cluster\'s configuration, and which one depends on how the job is launched.',
      notFlagged: 'Runtime SQL settings (`spark.sql.shuffle.partitions`, `spark.sql.adaptive.enabled`, ...), `spark.hadoop.*` (read into each query\'s Hadoop configuration), keys of other projects (`spark.databricks.*`, `spark.cassandra.*`), keys Spark does not document (SPK403 reports those), keys of the resource managers (`spark.yarn.*`, `spark.kubernetes.*`, registered only where that module is loaded), keys built at run time, `SparkConf().set(...)` and `SparkSession.builder.config(...)` (read when the session starts), and, when `spark-version` is older than 3.0, the core settings Spark 2 accepted (they are reported as having no effect).',
    },
  },
  visit: {
    call(node, context) {
      const record = context.model.callAt(node);
      const method = record?.parts.method;
      if (!record || (method !== 'set' && method !== 'sql')) return;
      const receiver = record.parts.receiver;
      if (method === 'set') {
        // `spark.conf.set(...)`: RuntimeConfig of a session (not SparkConf().set, read at start-up)
        const attribute = receiver?.type === 'attribute' ? field(receiver, 'attribute') : undefined;
        const owner = attribute && context.text(attribute) === 'conf' ? field(receiver!, 'object') : undefined;
        if (!owner || context.model.valueOf(owner)?.kind !== 'SparkSession') return;
        const keyNode = record.parts.positional[0] ?? record.parts.keywords.get('key');
        const key = stringValue(context.tree, keyNode);
        if (key !== undefined) report(keyNode!, key, '`spark.conf.set`', context);
        return;
      }
      if (record.receiver?.kind !== 'SparkSession') return;
      const query = record.parts.positional[0] ?? record.parts.keywords.get('sqlQuery');
      const key = setCommandKey(stringValue(context.tree, query));
      if (key !== undefined) report(query!, key, '`SET`', context);
    },
  },
};

/** The key of `SET key = value` SQL text (not `SET key` alone, which reads it, nor `SET -v`). */
function setCommandKey(sql: string | undefined): string | undefined {
  return sql === undefined ? undefined : /^\s*SET\s+([\w.-]+)\s*=/i.exec(sql)?.[1];
}

function report(node: PyNode, key: string, how: string, context: RuleContext): void {
  const outcome = runtimeSetOutcome(key, sparkConfigIndex());
  if (!outcome) return;
  const place = 'set it on `SparkSession.builder.config(...)` before the session starts, or with `spark-submit --conf`';
  if (outcome === 'static') {
    context.report({ range: rangeOf(node), message: `"${key}" is a static SQL configuration: ${how} in a running session raises AnalysisException ("Cannot modify the value of a static config"); ${place}.` });
    return;
  }
  if (outcome === 'ignored' || !context.sparkAtLeast(outcome.since)) {
    context.report({ range: rangeOf(node), message: `"${key}" is read when the application starts: ${how} in a running session changes nothing; ${place}.` });
    return;
  }
  context.report({ range: rangeOf(node), message: `"${key}" is a launch setting: since Spark ${outcome.since}, ${how} in a running session raises AnalysisException ("Cannot modify the value of a Spark config"); ${place}.` });
}
