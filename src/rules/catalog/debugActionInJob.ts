import { DYNAMIC_FRAME } from '../../analysis/awsGlue';
import { isStreaming } from '../../analysis/valueFlow';
import { type PyNode, field } from '../../analysis/syntax';
import type { Rule, RuleContext } from '../rule';
import { methodCall, methodRange } from '../ruleHelpers';

const DEBUG_METHODS = new Set(['show', 'printSchema', 'explain']);
/**
 * A condition that makes the output optional: `if verbose:`, `if args.debug:`, `if displayPrintStatements:`,
 * `if not quiet:`, `if show_samples:`.
 */
const OPT_IN = /verbose|debug|display|print|show|preview|quiet|silent/i;

export const debugActionInJob: Rule = {
  meta: {
    code: 'SPK106',
    name: 'debug-action-in-job',
    severity: 'hint',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for `show()`, `printSchema()` and `explain()` on DataFrames (and `show()`/`printSchema()` on AWS Glue DynamicFrames) in job files: files that build their own SparkSession (`SparkSession.builder...getOrCreate()`), have an `if __name__ == "__main__":` guard, or are Glue jobs (`getResolvedOptions`, `Job(glueContext)`).',
      whyIsThisBad: 'In a scheduled job nobody reads the driver\'s stdout. `show()` still runs a Spark job (often recomputing the lineage) and `explain()`/`printSchema()` add noise to logs. They are debugging aids left behind.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\norders = spark.read.parquet("s3://bucket/orders")\norders.show()\norders.write.parquet("s3://bucket/out")',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\norders = spark.read.parquet("s3://bucket/orders")\norders.write.parquet("s3://bucket/out")',
      fixSafety: 'No automatic fix: deleting the call is easy, but whether the output is wanted is the author\'s decision.',
      notFlagged: 'Notebooks kept as Python files, even when they build their own session: Databricks notebook exports, and scripts of `# %%` cells (VS Code\'s interactive window, Jupytext\'s percent format, Spyder), where each cell\'s output is read; notebook-style files that use the `spark` global without building a session, output a flag asks for (inside `if verbose:`, `if args.debug:`, `if display_output:`, `if not quiet:` or another condition naming verbose, debug, display, print, show, preview, quiet or silent output), any of them in a job that writes nothing besides what it prints (no DataFrame or RDD write, stream, Glue sink, saved model, Delta merge, pandas export, SQL `INSERT`/`CREATE TABLE`/`MERGE`/`UPDATE`, MLflow log or file opened for writing, and no import of modules that may write: the project\'s own modules, except an import of only its session helper such as `from shared.spark_utils import create_spark_session`, or standard-library modules such as `shutil`, `subprocess` or `urllib`; graph, geospatial, NLP and model libraries such as `graphframes`, `sedona`, `sparknlp`, `prophet` or `xgboost` compute, and count only when they save: `.save(...)`, `.save_model(...)`, `.dump_model(...)`, networkx\'s `write_gexf(...)` and other `write_*` functions; configuration, command-line and logging libraries such as `dotenv`, `yaml`, `click` or `loguru` do not write): for such an exploration or report, the rows, schemas and plans on screen are the point; and `show()` on non-DataFrame objects.',
    },
  },
  visit: {
    call(node, context) {
      if (!context.model.isJobFile) return;
      const call = methodCall(node, context, DEBUG_METHODS);
      const receiver = call?.receiver;
      // a Glue DynamicFrame has show() and printSchema() too
      const isFrame = receiver?.kind === 'DataFrame' || (receiver?.op === DYNAMIC_FRAME && call?.parts.method !== 'explain');
      if (!call || !receiver || !isFrame || isStreaming(receiver) || isOptedIn(node, context)) return; // a stream: SPK109
      // a job that writes nothing else is an exploration or a report: the rows and schemas it prints are its output
      if (!context.model.writesOutput) return;
      context.report({
        range: methodRange(node, call),
        message: `\`.${call.parts.method}()\` is a debugging aid; in a job file it only adds work and log noise.`,
      });
    },
  },
};

/** Inside the body of an `if`/`elif` whose condition names an output flag: the user chose to see it. */
function isOptedIn(node: PyNode, context: RuleContext): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((parent.type === 'if_statement' || parent.type === 'elif_clause') && child.field === 'consequence') {
      const condition = field(parent, 'condition');
      if (condition && OPT_IN.test(context.text(condition))) return true;
    }
  }
  return false;
}
