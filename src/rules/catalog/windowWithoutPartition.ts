import type { PyNode } from '../../analysis/syntax';
import { rangeOf } from '../positions';
import type { Rule } from '../rule';
import { methodCall, methodRange } from '../ruleHelpers';

export const windowWithoutPartition: Rule = {
  meta: {
    code: 'SPK307',
    name: 'window-without-partition',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for window functions applied (`.over(w)`) with a window spec that has no partition columns: `Window.orderBy(...)`, `Window.rowsBetween(...)`, or `Window.partitionBy()` with no columns.',
      whyIsThisBad: 'Without partition columns Spark moves all rows into a single partition to evaluate the window ("No Partition Defined for Window operation!"), so one task processes the whole dataset.',
      example: 'from pyspark.sql import SparkSession, Window\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.parquet("s3://bucket/events")\nw = Window.orderBy("ts")\nevents = events.withColumn("n", F.row_number().over(w))',
      useInstead: 'from pyspark.sql import SparkSession, Window\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.parquet("s3://bucket/events")\nw = Window.partitionBy("user_id").orderBy("ts")\nevents = events.withColumn("n", F.row_number().over(w))',
      fixSafety: 'No automatic fix: the partition columns depend on what the window computes.',
      notFlagged: 'Window specs that are never used with `.over(...)`, and specs with partition columns added anywhere in the chain (`Window.orderBy("ts").partitionBy("id")`).',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, 'over');
      if (!call) return;
      const spec = context.model.valueOf(call.parts.positional[0] ?? call.parts.keywords.get('window'));
      if (spec?.kind !== 'WindowSpec' || spec.facts?.partitioned) return;
      const origin = spec.facts?.origin as PyNode | undefined;
      const record = origin && context.model.callAt(origin);
      context.report({
        range: origin ? (record ? methodRange(origin, record) : rangeOf(origin)) : rangeOf(node),
        message: 'Window without partition columns: Spark moves all rows to one partition to evaluate it; add `partitionBy(...)`.',
      });
    },
  },
};
