import type { PyNode } from '../../analysis/syntax';
import { forEachNode } from '../../analysis/syntax';
import { rangeOf } from '../positions';
import type { Rule } from '../rule';
import { methodCall } from '../ruleHelpers';

const FILTERS = new Set(['filter', 'where']);

export const udfInFilter: Rule = {
  meta: {
    code: 'SPK204',
    name: 'udf-in-filter',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for a UDF call inside the condition of `filter(...)` or `where(...)` on a DataFrame.',
      whyIsThisBad: 'Spark cannot push a UDF predicate down to the data source (Parquet row-group skipping, partition pruning, JDBC WHERE clauses), so it reads everything and then calls Python for every row just to drop most of them.',
      example: 'from pyspark.sql import SparkSession\nfrom pyspark.sql.functions import udf, col\n\nspark = SparkSession.builder.getOrCreate()\nlogs = spark.read.parquet("s3://bucket/logs")\nis_error = udf(lambda level: level in ("ERROR", "FATAL"), "boolean")\nerrors = logs.filter(is_error(col("level")))',
      useInstead: 'from pyspark.sql import SparkSession\nfrom pyspark.sql.functions import col\n\nspark = SparkSession.builder.getOrCreate()\nlogs = spark.read.parquet("s3://bucket/logs")\nerrors = logs.filter(col("level").isin("ERROR", "FATAL"))',
      fixSafety: 'No automatic fix: the predicate has to be written with column expressions.',
      notFlagged: 'UDFs used in `select`/`withColumn`, and filters whose conditions only use built-in functions.',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, FILTERS);
      if (!call || call.receiver?.kind !== 'DataFrame' || !call.parts.argumentList) return;
      const udfCalls: PyNode[] = [];
      forEachNode(call.parts.argumentList, (inner) => {
        if (inner.type === 'call' && context.model.callAt(inner)?.callee.kind === 'UDF') udfCalls.push(inner);
      });
      for (const udfCall of udfCalls) {
        context.report({
          node: udfCall,
          range: rangeOf(udfCall),
          message: `A UDF in \`${call.parts.method}()\` blocks predicate pushdown and runs Python for every row; express the condition with built-in column functions.`,
        });
      }
    },
  },
};
