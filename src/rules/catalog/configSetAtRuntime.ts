// SPK405: a launch or static setting changed in a running session, which Spark 3 refuses (or ignores).
import { currentKeyOf } from '../../analysis/sparkConfig/deprecatedKeys';
import { runtimeSetOutcome } from '../../analysis/sparkConfig/runtimeSettable';
import { sparkConfigIndex } from '../../analysis/sparkConfig/table';
import { type PyNode, ancestor, stringValue } from '../../analysis/syntax';
import { FUNCTIONS, runtimeConfigKey, sessionSqlQuery } from '../ruleHelpers';
import { rangeOf } from '../positions';
import type { Rule, RuleContext } from '../rule';

export const configSetAtRuntime: Rule = {
  meta: {
    code: 'SPK405',
    name: 'config-set-at-runtime',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks `spark.conf.set(key, value)` on a session, and `spark.sql("SET key=value")`, for keys a running session cannot change: static SQL settings (`spark.sql.warehouse.dir`, `spark.sql.extensions`, `spark.sql.catalogImplementation`, ...), core launch settings with a registered entry (`spark.executor.memory`, `spark.driver.memory`, `spark.executor.cores`, `spark.dynamicAllocation.*`, `spark.serializer`, `spark.kryoserializer.*`, `spark.shuffle.*`, `spark.reducer.*`, `spark.io.*`, `spark.jars`, `spark.eventLog.*`, `spark.ui.*`, `spark.network.*`, ...), and launch settings Spark reads only when the application starts (`spark.app.name`, `spark.master`, `spark.default.parallelism`, `spark.driver.defaultJavaOptions`, a deprecated name such as `spark.yarn.executor.memoryOverhead`): those are accepted and change nothing, and so are the core settings before Spark 3.0 or once the code has set `spark.sql.legacy.setCommandRejectsSparkCoreConfs` to false (before, at module level; anywhere, for a set in a function), and keys newer than the configured `spark-version`.',
      whyIsThisBad: 'Since Spark 3.0, setting a static SQL configuration or a core Spark configuration in a running session raises `AnalysisException: Cannot modify the value of a Spark config` (or `... of a static config`), so the job or the test class fails on that line. The values were fixed when the SparkContext started; a setting without a registered entry (`spark.app.name`) is stored and changes nothing.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nspark.conf.set("spark.executor.memory", "8g")',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.config("spark.executor.memory", "8g").getOrCreate()',
      fixSafety: 'No automatic fix: the setting belongs on the session builder before `getOrCreate()`, with `spark-submit --conf`, or in the cluster\'s configuration, and which one depends on how the job is launched.',
      notFlagged: 'Runtime SQL settings (`spark.sql.shuffle.partitions`, `spark.sql.adaptive.enabled`, ...), `spark.hadoop.*` (read into each query\'s Hadoop configuration), keys of other projects (`spark.databricks.*`, `spark.cassandra.*`), keys Spark does not document (SPK403 reports those), keys of the resource managers (`spark.yarn.queue`, `spark.kubernetes.*`, registered only where that module is loaded), keys built at run time, and `SparkConf().set(...)` and `SparkSession.builder.config(...)` (read when the session starts).',
    },
  },
  visit: {
    call(node, context) {
      const record = context.model.callAt(node);
      const method = record?.parts.method;
      if (!record || (method !== 'set' && method !== 'sql')) return;
      if (method === 'set') {
        const keyNode = runtimeConfigKey(node, context);
        const key = stringValue(context.tree, keyNode);
        if (key !== undefined) report(keyNode!, key, '`spark.conf.set`', context);
        return;
      }
      const query = sessionSqlQuery(record);
      const key = setCommandKey(stringValue(context.tree, query));
      if (key !== undefined) report(query!, key, '`SET`', context);
    },
  },
};

/**
 * `spark.sql.legacy.setCommandRejectsSparkCoreConfs` set to false in code (on the builder, with `spark.conf.set`
 * or SQL `SET`): from then on the session keeps core keys, unused. At module level it must come before `node`
 * (set after it, the set was refused first); in a function, which may run later, anywhere in the file.
 */
function switchedOff(node: PyNode, context: RuleContext): boolean {
  // the answer reads other statements: an edit of the switch must visit this one again
  context.readsOtherStatements();
  const inFunction = ancestor(node, FUNCTIONS) !== undefined;
  const code = context.tree.text.slice(0, inFunction ? undefined : node.startIndex).replace(/#[^\n]*/g, '');
  return LEGACY_SWITCH_OFF.test(code);
}

const LEGACY_SWITCH_OFF = /["']spark\.sql\.legacy\.setCommandRejectsSparkCoreConfs["']\s*,\s*["']?false|\bSET\s+`?spark\.sql\.legacy\.setCommandRejectsSparkCoreConfs`?\s*=\s*false/i;

/** The key of `SET key = value` SQL text, also backquoted (not `SET key` alone, which reads it, nor `SET -v`). */
function setCommandKey(sql: string | undefined): string | undefined {
  const match = sql === undefined ? undefined : /^\s*SET\s+(?:`([^`]+)`|([\w.-]+))\s*=/i.exec(sql);
  return match ? (match[1] ?? match[2]) : undefined;
}

function report(node: PyNode, key: string, how: string, context: RuleContext): void {
  const place = 'set it on `SparkSession.builder.config(...)` before the session starts, or with `spark-submit --conf`';
  // a deprecated name (`spark.yarn.executor.memoryOverhead`) has no entry of its own: stored, and read by nothing now
  const current = currentKeyOf(key);
  const outcome = runtimeSetOutcome(current?.key ?? key, sparkConfigIndex());
  if (!outcome) return;
  const named = current ? `"${key}" (now "${current.key}")` : `"${key}"`;
  // the legacy switch turned off earlier in the file (`spark.sql.legacy.setCommandRejectsSparkCoreConfs` = false): core keys are kept, unused
  const coreAccepted = outcome !== 'ignored' && outcome.refused === 'core' && switchedOff(node, context);
  // a static SQL setting is refused before Spark 3.0 too; a core one was kept, unused, by Spark 2
  const older = outcome !== 'ignored' && outcome.refused === 'core' && !context.sparkAtLeast(outcome.since);
  if (outcome === 'ignored' || current || coreAccepted || older) {
    context.report({ range: rangeOf(node), message: `${named} is read when the application starts: ${how} in a running session changes nothing; ${place}.` });
    return;
  }
  const what = outcome.refused === 'static' ? 'a static SQL configuration' : 'a launch setting';
  const error = outcome.refused === 'static' ? 'Cannot modify the value of a static config' : 'Cannot modify the value of a Spark config';
  const since = outcome.refused === 'core' ? `since Spark ${outcome.since}, ` : '';
  context.report({ range: rangeOf(node), message: `${named} is ${what}: ${since}${how} in a running session raises AnalysisException ("${error}"); ${place}.` });
}
