import { DYNAMIC_FRAME } from '../../analysis/awsGlue';
import { type PyNode, field } from '../../analysis/syntax';
import type { Value } from '../../analysis/values';
import type { Rule, RuleContext } from '../rule';
import { methodRange } from '../ruleHelpers';

export const singlePartitionWrite: Rule = {
  meta: {
    code: 'SPK306',
    name: 'single-partition-write',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for `coalesce(1)` or `repartition(1)` on a DataFrame of unbounded size that is then written (`.write` / `.writeStream`), also after steps that work within each partition (`withColumn`, `select`, `filter`, `drop`, `fillna`, ...), also through AWS Glue: `DynamicFrame.fromDF(df.repartition(1), ...)`, a DynamicFrame\'s `repartition(1)` or `Coalesce.apply(frame, 1)`, followed by row-by-row transforms (`ApplyMapping`, `DropNullFields`, `toDF()`) and `glueContext.write_dynamic_frame.from_options(frame=...)` or another Glue writer.',
      whyIsThisBad: 'One partition means one task: the whole dataset is funnelled through a single executor core (and for `coalesce(1)` the upstream work too), which is slow and can run out of memory or disk. It is usually done only to get one output file.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.parquet("s3://bucket/events")\nevents.coalesce(1).write.mode("overwrite").parquet("s3://bucket/export")',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nevents = spark.read.parquet("s3://bucket/events")\nevents.write.mode("overwrite").parquet("s3://bucket/export")',
      fixSafety: 'No automatic fix: if a single file is really required, merge the files after the write or write a small aggregate.',
      notFlagged: 'Single-partition writes of small data: literals, limited or sampled DataFrames, aggregates and the top rows of each group by a ranking window (`row_number().over(w)` kept `<= 5`, or SQL `ROW_NUMBER() OVER (PARTITION BY ...) AS rn ... WHERE rn <= 5`, `QUALIFY`; n up to 1000); DataFrames whose size the analysis does not know; and a single partition that a join, a union or another repartition changes before the write.',
    },
  },
  visit: {
    attribute(node, context) {
      const name = field(node, 'attribute');
      if (!name || (context.text(name) !== 'write' && context.text(name) !== 'writeStream')) return;
      const data = context.model.valueOf(field(node, 'object'));
      if (data?.kind === 'DataFrame') reportSinglePartition(context, data);
    },
    call(node, context) {
      // Glue's writers: `glueContext.write_dynamic_frame.from_options(frame=...)`, `write_dynamic_frame_from_catalog`,
      // `write_from_options(frame_or_dfc=...)`, `sink.writeFrame(frame)`
      const record = context.model.callAt(node);
      const method = record?.parts.method;
      if (!record || !method || !GLUE_WRITER.test(method)) return;
      if (method.startsWith('from_') && !/\.write_(?:dynamic|data)_frame\s*$/.test(context.text(record.parts.receiver ?? node))) return;
      const frame = record.parts.keywords.get('frame') ?? record.parts.keywords.get('frame_or_dfc') ?? record.parts.positional[0];
      const data = context.model.valueOf(frame);
      if (data && (data.kind === 'DataFrame' || data.op === DYNAMIC_FRAME)) reportSinglePartition(context, data);
    },
  },
};

const GLUE_WRITER = /^(?:write_dynamic_frame_from_\w+|write_data_frame_from_\w+|write_from_options|writeFrame|from_options|from_catalog|from_jdbc_conf)$/;

/** The `coalesce(1)`/`repartition(1)` that left this unbounded data in one partition, reported at its call. */
function reportSinglePartition(context: RuleContext, data: Value): void {
  const single = data.facts?.singlePartition as PyNode | undefined;
  if (!single || data.bound !== 'unbounded') return;
  const record = context.model.callAt(single);
  if (!record) return;
  // Glue's transforms: `Repartition.apply(frame, 1)` is named by its class
  const receiver = record.parts.method === 'apply' && record.parts.receiver ? context.text(record.parts.receiver).split('.').pop() : undefined;
  const call = receiver ? `${receiver}.apply(frame, 1)` : `${record.parts.method}(1)`;
  context.report({
    range: methodRange(single, record),
    message: `\`${call}\` before a write funnels all the data through one task; write with the natural partitioning.`,
  });
}
