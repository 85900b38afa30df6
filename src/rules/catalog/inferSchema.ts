import type { CallRecord } from '../../analysis/model';
import type { PyNode } from '../../analysis/syntax';
import { argument, commentsWithin, field, namedChildren, optionText, stringValue } from '../../analysis/syntax';
import { type ReaderOptions, type Value, writtenString, writtenTrue } from '../../analysis/values';
import { sourceFormat } from '../../analysis/sparkApi';
import { inferCsvSchema } from '../csvSchema';
import { localDataSample } from '../localDataFile';
import { rangeOf, replaceNode } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { methodCall, methodRange } from '../ruleHelpers';
import type { Fix, TextEdit } from '../types';

const INFERRING_FORMATS = new Set(['csv', 'json']);

const READ_METHODS: ReadonlySet<string> = new Set(['csv', 'json', 'load']);

export const inferSchema: Rule = {
  meta: {
    code: 'SPK401',
    name: 'infer-schema',
    severity: 'info',
    fix: 'unsafe',
    docs: {
      whatItDoes: 'Checks for `inferSchema=True` (as a keyword, `.option("inferSchema", "true")` or a `load(path, format="csv", inferSchema="true")` option; the value written or held in a constant, `infer_schema = "true"`) on CSV and JSON reads without an explicit schema.',
      whyIsThisBad: 'Inference reads the data an extra time before the real read, and the types it guesses change when the data changes (a column that was always numeric gets one text value and becomes a string). An explicit schema is faster and stable. JSON has no `inferSchema` option: a JSON read without a schema always infers one, so the option does nothing, and `spark.read.json(path, inferSchema=True)` raises TypeError (`json()` takes no such argument); the finding says so.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ntrips = spark.read.csv("s3://bucket/trips.csv", header=True, inferSchema=True)',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\ntrips = spark.read.csv("s3://bucket/trips.csv", header=True, schema="id BIGINT, start TIMESTAMP, fare DOUBLE")',
      fixSafety: 'When a CSV read names a local file or folder (relative to the job\'s folder or a parent of it, e.g. the project root) the fix replaces `inferSchema` with the schema Spark would infer, as a DDL string: Spark 3.4+ rules (INT, BIGINT, DECIMAL, DOUBLE, DATE, TIMESTAMP, BOOLEAN, else STRING) over the first 256 KB of the file, with the read\'s `header`, `sep`, `quote`, `escape`, `comment` and `nullValue`. It is unsafe: rows after the sample can hold values that do not fit (they become null in the default PERMISSIVE mode), so review the types. Remote paths (`s3a://`, `hdfs://`), globs, compressed files, JSON reads and custom date or timestamp formats get no fix (print `df.schema.simpleString()` once and paste it).',
      notFlagged: 'Reads that also pass a schema (`schema=` or `.schema(...)`), `inferSchema=False`, formats with a stored schema (Parquet, ORC, Delta, tables), reads of an in-memory RDD or list of strings, and reads whose only use is `.schema` (inferring the schema is the point).',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, READ_METHODS);
      const reader = call?.receiver;
      if (!call || reader?.kind !== 'Reader') return;
      const isLoad = call.parts.method === 'load';
      // load(path, format, schema, **options): the format may also be an argument of load itself
      const format = isLoad ? ((reader.facts?.format as string | undefined) ?? sourceFormat(stringValue(context.tree, argument(call.parts, 1, 'format')))) : call.parts.method;
      if (!format || !INFERRING_FORMATS.has(format)) return;
      if (reader.facts?.schema || call.parts.keywords.has('schema') || call.parts.positional[isLoad ? 2 : 1]) return;
      if (inMemorySource(call, context) || onlySchemaRead(node, context)) return;
      const inferred = call.parts.keywords.get('inferSchema');
      const keyword = writtenTrue(context.tree, inferred, context.model.valueOf(inferred)) ? call.parts.keywordNodes.get('inferSchema') : undefined;
      const anchor: PyNode | undefined = keyword ?? (reader.facts?.inferSchemaOption as PyNode | undefined);
      if (!anchor) return;
      const optionCall = anchor.type === 'call' ? context.model.callAt(anchor) : undefined;
      context.report({
        range: optionCall ? methodRange(anchor, optionCall) : rangeOf(anchor),
        message: format === 'csv' ? CSV_MESSAGE : jsonMessage(call.parts.method === 'json' && anchor === keyword),
        fix: format === 'csv' ? schemaFix(call, reader, anchor, optionCall, context) : undefined,
      });
    },
  },
};

const CSV_MESSAGE = 'Schema inference on a CSV read scans the data an extra time and guesses types that change with the data; pass an explicit schema.';

/**
 * JSON has no `inferSchema` option: without a schema Spark always infers one (reading the data an extra
 * time), and `DataFrameReader.json()` takes no `**options`, so the keyword fails before anything runs.
 */
function jsonMessage(keywordOfJson: boolean): string {
  const why = 'JSON reads always infer the schema when none is given, scanning the data an extra time; pass an explicit schema.';
  return keywordOfJson ? `\`json()\` has no \`inferSchema\` parameter: this call raises TypeError. ${why}` : `\`inferSchema\` does nothing on a JSON read: ${why}`;
}

/** `spark.read.json(rdd_of_strings)`: the rows are already in memory, inference reads nothing again. */
function inMemorySource(call: CallRecord, context: RuleContext): boolean {
  const source = context.model.valueOf(argument(call.parts, 0, 'path'));
  return source?.kind === 'RDD' || source?.kind === 'PyList';
}

/** `spark.read.csv(path, inferSchema=True).schema`: inferring the schema is the point of the read. */
function onlySchemaRead(node: PyNode, context: RuleContext): boolean {
  const parent = node.parent;
  return parent?.type === 'attribute' && parent.field !== 'function' && context.text(field(parent, 'attribute') ?? parent) === 'schema';
}

const NOT_OPTIONS = new Set(['path', 'format', 'schema', 'inferschema']);

/** The schema Spark would infer from the local file the read names, in place of `inferSchema`. */
function schemaFix(call: CallRecord, reader: Value, anchor: PyNode, optionCall: CallRecord | undefined, context: RuleContext): Fix | undefined {
  const path = literalPath(argument(call.parts, 0, 'path'), context);
  if (path === undefined) return undefined;
  const options: Record<string, string | null> = { ...(reader.facts?.options as ReaderOptions | undefined) };
  for (const [name, value] of call.parts.keywords) if (!NOT_OPTIONS.has(name.toLowerCase())) options[name.toLowerCase()] = optionText(context.tree, value);
  const edit = schemaEdit(anchor, optionCall, context);
  if (!edit) return undefined; // decided before any file is read
  const sample = localDataSample(path, context.options.filePath);
  const schema = sample && inferCsvSchema(sample.text, options);
  if (!schema) return undefined;
  return {
    title: `Pass the schema inferred from ${sample.shown} (${schema.columns} columns, ${schema.rows} rows read)`,
    safety: 'unsafe',
    edits: [edit(schema.ddl)],
  };
}

/** The path a read names: a string literal, or a name bound to one. */
function literalPath(node: PyNode | undefined, context: RuleContext): string | undefined {
  return node && writtenString(context.tree, node, context.model.valueOf(node));
}

/**
 * The edit that puts a DDL schema in place of the inference: `inferSchema=True` -> `schema="..."`;
 * `.option("inferSchema", "true")` or a lone `.options(inferSchema=True)` -> `.schema("...")`;
 * `.options(header="true", inferSchema="true")` -> `.options(header="true").schema("...")`.
 */
function schemaEdit(anchor: PyNode, optionCall: CallRecord | undefined, context: RuleContext): ((ddl: string) => TextEdit) | undefined {
  const literal = (ddl: string) => JSON.stringify(ddl); // a JSON string is a valid Python string literal
  if (optionCall) return (ddl) => ({ range: methodRange(anchor, optionCall), newText: `schema(${literal(ddl)})` });
  const call = anchor.parent?.parent;
  const record = call?.type === 'call' ? context.model.callAt(call) : undefined;
  if (record?.parts.method !== 'options') return (ddl) => replaceNode(anchor, `schema=${literal(ddl)}`);
  const range = methodRange(call!, record);
  const others = namedChildren(anchor.parent!).filter((argument) => argument !== anchor);
  if (!others.length) return (ddl) => ({ range, newText: `schema(${literal(ddl)})` });
  // `**opts` may hold header or sep, which the inference would have to read: no fix
  if (commentsWithin(context.tree, call!.startIndex, call!.endIndex).length || others.some((argument) => argument.type === 'dictionary_splat')) return undefined;
  const kept = others.map((argument) => context.text(argument)).join(', ');
  return (ddl) => ({ range, newText: `options(${kept}).schema(${literal(ddl)})` });
}
