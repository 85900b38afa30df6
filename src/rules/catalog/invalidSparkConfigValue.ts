// SPK404: a configuration value Spark will reject or misread for the key's type.
import { validateSparkConfig } from '../../analysis/sparkConfig/validation';
import { isDatabricksNotebookSource } from '../../analysis/notebookSource';
import { identifiersNamed } from '../../analysis/syntax';
import type { Rule, RuleContext } from '../rule';

export const invalidSparkConfigValue: Rule = {
  meta: {
    code: 'SPK404',
    name: 'invalid-spark-config-value',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks literal values given for documented configuration keys: sizes (`4g`, `512m`), durations (`30s`, `5min`), booleans, integers, numbers and the accepted values of enumerations.',
      whyIsThisBad: 'Spark parses configuration values only when it reads them, often on the cluster: `"4 GB"` for a memory size or `"yes"` for a boolean fails the job at startup or at the first query that reads the key, after the wait for resources.',
      example: 'from pyspark.sql import SparkSession\n\nspark = (\n    SparkSession.builder.config("spark.executor.memory", "4 GB")\n    .config("spark.sql.adaptive.enabled", "yes")\n    .getOrCreate()\n)',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = (\n    SparkSession.builder.config("spark.executor.memory", "4g")\n    .config("spark.sql.adaptive.enabled", "true")\n    .getOrCreate()\n)',
      fixSafety: 'No automatic fix: the intended value is not always clear (is `1.5g` meant as `1536m` or `2g`?).',
      notFlagged: 'Values computed at run time (variables, f-strings, calls), `None`, free-form keys (paths, class names, lists), keys Spark does not document, and the default of `conf.get(key, default)` (handed back to Python when the key is unset: `"not set"`), except a `spark.sql.*` key\'s default in `spark.conf.get`, which SQLConf converts with the key\'s type; and a value only a platform accepts in a file written for it (`spark.sql.shuffle.partitions` = `auto` on Databricks: an exported notebook, Databricks imports, `dbutils` in its code; elsewhere the finding says which platform accepts it).',
    },
  },
  finish(context) {
    let databricks: boolean | undefined;
    for (const problem of validateSparkConfig(context.tree)) {
      if (problem.code !== 'SPK404') continue;
      if (problem.onlyOn === 'Databricks' && (databricks ??= showsDatabricks(context))) continue;
      context.report({ range: problem.range, message: problem.message });
    }
  },
};

/** A file written for Databricks: an exported notebook, or one that imports Databricks' modules or uses `dbutils`. */
function showsDatabricks(context: RuleContext): boolean {
  // in code, not in a comment or a string
  if (isDatabricksNotebookSource(context.tree.text) || identifiersNamed(context.tree, 'dbutils').length) return true;
  return context.model.importsMatching(/^(databricks|pyspark\.dbutils)\b/);
}
