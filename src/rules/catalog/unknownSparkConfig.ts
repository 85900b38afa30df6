// SPK403: a spark.* configuration key Spark does not know, usually a typo that silently does nothing.
import { containsPosition } from '../../analysis/sparkConfig/contexts';
import { validateSparkConfig } from '../../analysis/sparkConfig/validation';
import { runtimeSetOutcome } from '../../analysis/sparkConfig/runtimeSettable';
import { sparkConfigIndex } from '../../analysis/sparkConfig/table';
import { type PyNode, identifiersNamed } from '../../analysis/syntax';
import { rangeOf } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { runtimeConfigKey } from '../ruleHelpers';

export const unknownSparkConfig: Rule = {
  meta: {
    code: 'SPK403',
    name: 'unknown-spark-config',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      whatItDoes: 'Checks the keys given to `SparkSession.builder.config(...)`, `spark.conf.set/get(...)` and `SparkConf().set/setAll(...)` against the Spark configuration documentation, and suggests the closest documented key for a near miss. A deprecated name Spark still reads (`spark.yarn.executor.memoryOverhead`, or the SQL names Spark 3 deprecated for a new key that falls back to them, such as `spark.sql.execution.arrow.enabled`) is reported with its current name (when `spark-version` is not older than the rename), and a name Spark no longer reads with the one that replaced it (`spark.debug.maxToStringFields`, read as `spark.sql.debug.maxToStringFields` since Spark 3.0; not when `spark-version` is older, or, without one, when the file imports `OneHotEncoderEstimator`, which only Spark 2 has, nor when the file also sets the new name: a pair kept for both versions).',
      whyIsThisBad: 'Spark accepts any `spark.*` key without complaint, so a misspelt key (`spark.executor.memroy`) is silently ignored: the job runs with the default and fails or crawls later, far from the cause.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.config("spark.executor.memroy", "8g").getOrCreate()',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.config("spark.executor.memory", "8g").getOrCreate()',
      fixSafety: 'The fix replaces the key with the documented one it most resembles (edit distance); not in `spark.conf.set(...)` when that key is a launch setting a running session refuses or ignores (SPK405), and a deprecated name set there is left to SPK405, which names both. It is unsafe: the setting starts to take effect, which changes how the job runs, and the closest key may not be the one meant.',
      notFlagged: 'Keys outside `spark.*` (your own settings), documented families such as `spark.hadoop.*`, `spark.executorEnv.*` and `spark.kubernetes.driver.label.*`, namespaces of other projects (`spark.databricks.*`, `spark.delta.*`, `spark.rapids.*`, Iceberg\'s `spark.wap.*` and `spark.sql.iceberg.*`, ...), keys Spark reads without documenting them (`spark.storage.blockManagerHeartbeatTimeoutMs` and its older name `spark.storage.blockManagerSlaveTimeoutMs`), a deprecated name read with its current one as the fallback (`conf.get("spark.yarn.principal", conf.get("spark.kerberos.principal"))`), keys built at run time (variables, f-strings), keys under `spark.sql.*`, `spark.kubernetes.*`, `spark.connect.*` and `spark.shuffle.push.*` unless they are a near miss (the docs list those namespaces only in part), and keys the code reads back with `conf.get(...)` or `contains(...)`, such as `spark.mysql.host` passed with `spark-submit --conf` (which forwards only `spark.*` keys) or `spark.app.id`, unless they are within two edits of a documented key.',
    },
  },
  finish(context) {
    let runtimeKeys: PyNode[] | undefined;
    for (const problem of validateSparkConfig(context.tree)) {
      if (problem.code !== 'SPK403') continue;
      // in a Spark older than the rename, the old name is the current one
      if (problem.renamedIn && !context.sparkAtLeast(problem.renamedIn)) continue;
      // the new name is set there too: a pair kept for both versions (and the fix would set it twice)
      if (problem.renamedIn && problem.replacement && setsKey(nearby(context, problem.range.start.line), problem.replacement)) continue;
      // `spark.conf.set` of a launch setting: the new name would be refused or ignored there (SPK405), so no rename
      const newKey = problem.replacement ?? problem.renamedTo;
      const atRuntime = newKey && runtimeSetOutcome(newKey, sparkConfigIndex()) && (runtimeKeys ??= runtimeConfigKeys(context)).some((key) => containsPosition(rangeOf(key), problem.range.start));
      // SPK405 reports it there with both names: set at run time, neither name does anything
      if (atRuntime && problem.renamedIn && context.ruleEnabled('SPK405')) continue;
      context.report({
        range: problem.range,
        message: problem.message,
        fix: problem.replacement && !atRuntime
          ? { title: `Replace with ${problem.replacement}`, safety: 'unsafe', edits: [{ range: problem.range, newText: problem.replacement }] }
          : undefined,
      });
    }
  },
};

/** The key arguments of every `spark.conf.set(...)` on a session in the file. */
function runtimeConfigKeys(context: RuleContext): PyNode[] {
  return identifiersNamed(context.tree, 'set').flatMap((name) => {
    const call = name.parent?.type === 'attribute' && name.field === 'attribute' ? name.parent.parent : undefined;
    const key = call?.type === 'call' ? runtimeConfigKey(call, context) : undefined;
    return key ? [key] : [];
  });
}

/** The text of the top-level statement at `line` and of the statements beside it (a builder chain, `conf.set` calls in a row). */
function nearby(context: RuleContext, line: number): string {
  const statements = context.tree.root.children;
  const at = statements.findIndex((statement) => statement.startRow <= line && line <= statement.endRow);
  if (at < 0) return '';
  return statements.slice(Math.max(0, at - 1), at + 2).map((statement) => context.text(statement)).join('\n');
}

/** The text names `key` as a string (`"spark.sql.debug.maxToStringFields"` or in single quotes). */
function setsKey(text: string, key: string): boolean {
  return text.includes(`"${key}"`) || text.includes(`'${key}'`);
}
