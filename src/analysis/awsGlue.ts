// AWS Glue's Python API (awsglue): what its readers and DynamicFrames give, so a Glue job's DataFrames
// are followed like the ones `spark.read` gives. A DynamicFrame is not a DataFrame (the rules never look
// at it); its `toDF()` is one, as large as what the DynamicFrame read.

/** The `op` of the values this module describes (their kind is Unknown: no rule applies to them). */
export const GLUE_CONTEXT = 'GlueContext';
export const DYNAMIC_FRAME = 'DynamicFrame';
/** A DynamicFrameCollection (`Relationalize.apply`, `split_fields`): frames selected by key, as large as what made it. */
export const DYNAMIC_FRAME_COLLECTION = 'DynamicFrameCollection';
const DYNAMIC_FRAME_READER = 'GlueDynamicFrameReader';
const DATA_FRAME_READER = 'GlueDataFrameReader';

/** `glueContext.create_dynamic_frame` / `.create_data_frame`: the reader objects whose `from_*` methods read. */
export function glueContextAttribute(name: string): string | undefined {
  if (name === 'create_dynamic_frame') return DYNAMIC_FRAME_READER;
  if (name === 'create_data_frame') return DATA_FRAME_READER;
  return undefined;
}

/** DynamicFrame methods that give a DynamicFrame (awsglue/dynamicframe.py), as large as the frames it is made of. */
const DYNAMIC_FRAME_TRANSFORMS = new Set([
  'apply_mapping', 'applyMapping', 'drop_fields', 'select_fields', 'rename_field', 'resolveChoice', 'filter', 'map',
  'mapPartitions', 'mapPartitionsWithIndex', 'join', 'union', 'unbox', 'unnest', 'unnest_ddb_json', 'spigot',
  'repartition', 'coalesce', 'mergeDynamicFrame', 'simplify_ddb_json', 'errorsAsDynamicFrame', 'with_frame_schema',
]);

/**
 * What `receiver.method(...)` gives when the receiver is a Glue object: a DynamicFrame, a DataFrame, or
 * undefined when it is not one of Glue's reads and transforms.
 */
export function glueMethodResult(receiverOp: string | undefined, method: string): 'DynamicFrame' | 'DataFrame' | 'DynamicFrameCollection' | undefined {
  switch (receiverOp) {
    case GLUE_CONTEXT:
      // the older spelling: glueContext.create_dynamic_frame_from_catalog(...)
      if (method.startsWith('create_dynamic_frame_from_')) return 'DynamicFrame';
      if (method.startsWith('create_data_frame_from_')) return 'DataFrame';
      return undefined;
    case DYNAMIC_FRAME_READER:
      return method.startsWith('from_') ? 'DynamicFrame' : undefined;
    case DATA_FRAME_READER:
      return method.startsWith('from_') ? 'DataFrame' : undefined;
    case DYNAMIC_FRAME:
      if (method === 'toDF') return 'DataFrame';
      if (COLLECTION_METHODS.has(method)) return 'DynamicFrameCollection';
      return DYNAMIC_FRAME_TRANSFORMS.has(method) ? 'DynamicFrame' : undefined;
    case DYNAMIC_FRAME_COLLECTION:
      return method === 'select' ? 'DynamicFrame' : undefined;
    default:
      return undefined;
  }
}

/** DynamicFrame methods that give a DynamicFrameCollection. */
const COLLECTION_METHODS = new Set(['relationalize', 'split_fields', 'split_rows']);

/** The transform classes of `awsglue.transforms` (what `from awsglue.transforms import *` brings in). */
const GLUE_TRANSFORMS = new Set([
  'ApplyMapping', 'Coalesce', 'DropFields', 'DropNullFields', 'ErrorsAsDynamicFrame', 'Filter', 'FlatMap', 'Join', 'Map',
  'MapToCollection', 'Relationalize', 'RenameField', 'Repartition', 'ResolveChoice', 'SelectFields', 'SelectFromCollection',
  'Spigot', 'SplitFields', 'SplitRows', 'Unbox', 'Union', 'UnnestFrame',
]);

/** Transforms whose `apply` gives a DynamicFrameCollection, not a DynamicFrame. */
const COLLECTION_TRANSFORMS = new Set(['FlatMap', 'Relationalize', 'SplitFields', 'SplitRows', 'MapToCollection']);

/** `create_dynamic_frame.from_rdd(rdd, name)`: as large as the RDD, not a read of a table. */
export function readsItsArgument(method: string): boolean {
  return method.endsWith('from_rdd');
}

export function isGlueTransformExport(module: string, name: string): boolean {
  return module === 'awsglue.transforms' && GLUE_TRANSFORMS.has(name);
}

/**
 * `ApplyMapping.apply(frame=...)`, `Join.apply(frame1, frame2, ...)`, `DynamicFrame.fromDF(df, ...)`,
 * `SelectFromCollection.apply(dfc, key)`: a DynamicFrame made of the frames it is given;
 * `Relationalize.apply(frame=...)`: a collection of them.
 */
export function glueTransformResult(qualified: string): 'DynamicFrame' | 'DynamicFrameCollection' | undefined {
  if (qualified === 'awsglue.dynamicframe.DynamicFrame.fromDF') return 'DynamicFrame';
  const match = /^awsglue\.transforms\.(?:[a-z_]+\.)*([A-Za-z]+)\.apply$/.exec(qualified);
  if (!match || !GLUE_TRANSFORMS.has(match[1]!)) return undefined;
  return COLLECTION_TRANSFORMS.has(match[1]!) ? 'DynamicFrameCollection' : 'DynamicFrame';
}

/** DynamicFrame methods and transforms that work row by row: the frame keeps the partitions of the one it is made of. */
const ROW_BY_ROW = new Set([
  'toDF', 'fromDF', 'apply_mapping', 'applyMapping', 'drop_fields', 'select_fields', 'rename_field', 'resolveChoice', 'filter', 'map',
  'unbox', 'unnest', 'spigot', 'ApplyMapping', 'DropFields', 'DropNullFields', 'Filter', 'Map', 'RenameField', 'ResolveChoice',
  'SelectFields', 'Spigot', 'Unbox', 'UnnestFrame',
]);

/**
 * How a DynamicFrame method or transform (`toDF`, `DynamicFrame.fromDF`, `ApplyMapping.apply`) leaves the
 * partitions of the frame it is given: as they were (`keeps`), in one partition (`repartition(1)`,
 * `Coalesce.apply(frame, 1)`), or undefined (a join, a union, another count).
 */
export function glueSinglePartitionFlow(name: string, partitions: number | undefined): 'keeps' | 'single' | undefined {
  if (ROW_BY_ROW.has(name)) return 'keeps';
  return /^(?:repartition|coalesce|Repartition|Coalesce)$/.test(name) && partitions === 1 ? 'single' : undefined;
}

/** The transform or method a qualified Glue call names: `ApplyMapping` of `awsglue.transforms.ApplyMapping.apply`, `fromDF`. */
export function glueTransformName(qualified: string): string {
  return /\.([A-Za-z]+)\.apply$/.exec(qualified)?.[1] ?? qualified.slice(qualified.lastIndexOf('.') + 1);
}

/** A Glue job script: `Job(glueContext).init(...)` ... `job.commit()`, or `getResolvedOptions(sys.argv, ...)`. */
export function isGlueJobCall(qualified: string): boolean {
  return qualified === 'awsglue.utils.getResolvedOptions' || qualified === 'awsglue.job.Job';
}

/** Connections a Glue job reads as a stream (`create_data_frame.from_options(connection_type="kinesis", ...)`). */
export function isGlueStreamingConnection(connection: string): boolean {
  return connection === 'kinesis' || connection === 'kafka';
}

/** Options only a streaming read takes: where in the stream to start. */
export function isGlueStreamingOption(name: string | undefined): boolean {
  return name === 'startingPosition' || name === 'startingOffsets';
}
