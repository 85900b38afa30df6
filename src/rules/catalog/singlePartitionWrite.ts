import type { PyNode } from '../../analysis/syntax';
import type { Rule } from '../rule';
import { methodRange } from '../ruleHelpers';
import { field } from '../../analysis/syntax';

export const singlePartitionWrite: Rule = {
  meta: {
    code: 'SPK306',
    name: 'single-partition-write',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for `coalesce(1)` or `repartition(1)` on a DataFrame of unbounded size that is then written (`.write` / `.writeStream`).',
      whyIsThisBad: 'One partition means one task: the whole dataset is funnelled through a single executor core (and for `coalesce(1)` the upstream work too), which is slow and can run out of memory or disk. It is usually done only to get one output file.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.parquet("s3://bucket/events")\nevents.coalesce(1).write.mode("overwrite").parquet("s3://bucket/export")',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.parquet("s3://bucket/events")\nevents.write.mode("overwrite").parquet("s3://bucket/export")',
      fixSafety: 'No automatic fix: if a single file is really required, merge the files after the write or write a small aggregate.',
      notFlagged: 'Single-partition writes of small data: literals, limited or sampled DataFrames and aggregates; and DataFrames whose size the analysis does not know.',
    },
  },
  visit: {
    attribute(node, context) {
      const name = field(node, 'attribute');
      if (!name || (context.text(name) !== 'write' && context.text(name) !== 'writeStream')) return;
      const data = context.model.valueOf(field(node, 'object'));
      const single = data?.facts?.singlePartition as PyNode | undefined;
      if (data?.kind !== 'DataFrame' || !single || data.bound !== 'unbounded') return;
      const record = context.model.callAt(single);
      if (!record) return;
      context.report({
        range: methodRange(single, record),
        message: `\`${record.parts.method}(1)\` before a write funnels all the data through one task; write with the natural partitioning.`,
      });
    },
  },
};
