import type { PyNode } from '../../analysis/syntax';
import { argument, isTrueLiteral, stringValue } from '../../analysis/syntax';
import { rangeOf } from '../positions';
import type { Rule } from '../rule';
import { methodCall, methodRange } from '../ruleHelpers';

const INFERRING_FORMATS = new Set(['csv', 'json']);

const READ_METHODS: ReadonlySet<string> = new Set(['csv', 'json', 'load']);

export const inferSchema: Rule = {
  meta: {
    code: 'SPK401',
    name: 'infer-schema',
    severity: 'info',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for `inferSchema=True` (as a keyword, `.option("inferSchema", "true")` or a `load(path, format="csv", inferSchema="true")` option) on CSV and JSON reads without an explicit schema.',
      whyIsThisBad: 'Inference reads the data an extra time before the real read, and the types it guesses change when the data changes (a column that was always numeric gets one text value and becomes a string). An explicit schema is faster and stable.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ntrips = spark.read.csv("s3://bucket/trips.csv", header=True, inferSchema=True)',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ntrips = spark.read.csv("s3://bucket/trips.csv", header=True, schema="id BIGINT, start TIMESTAMP, fare DOUBLE")',
      fixSafety: 'No automatic fix: the schema has to come from the data (print `df.schema.simpleString()` once and paste it).',
      notFlagged: 'Reads that also pass a schema (`schema=` or `.schema(...)`), `inferSchema=False`, and formats with a stored schema (Parquet, ORC, Delta, tables).',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, READ_METHODS);
      const reader = call?.receiver;
      if (!call || reader?.kind !== 'Reader') return;
      const isLoad = call.parts.method === 'load';
      // load(path, format, schema, **options): the format may also be an argument of load itself
      const format = isLoad ? ((reader.facts?.format as string | undefined) ?? stringValue(context.tree, argument(call.parts, 1, 'format'))?.toLowerCase()) : call.parts.method;
      if (!format || !INFERRING_FORMATS.has(format)) return;
      if (reader.facts?.schema || call.parts.keywords.has('schema') || call.parts.positional[isLoad ? 2 : 1]) return;
      const keyword = isTrueLiteral(context.tree, call.parts.keywords.get('inferSchema')) ? call.parts.keywordNodes.get('inferSchema') : undefined;
      const anchor: PyNode | undefined = keyword ?? (reader.facts?.inferSchemaOption as PyNode | undefined);
      if (!anchor) return;
      const optionCall = anchor.type === 'call' ? context.model.callAt(anchor) : undefined;
      context.report({
        range: optionCall ? methodRange(anchor, optionCall) : rangeOf(anchor),
        message: `Schema inference on a ${format.toUpperCase()} read scans the data an extra time and guesses types that change with the data; pass an explicit schema.`,
      });
    },
  },
};
