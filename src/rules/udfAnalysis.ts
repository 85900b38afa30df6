// What a Python UDF of this file does (analysis/udfBody.ts), read together with its call sites: a UDF
// whose parameter is named `x` or `row` still reads an ML Vector when a call passes it a vector column
// (`second = udf(lambda x: float(x[1]))` applied to "probability"). SPK201, SPK202 and SPK203 all ask
// here, so the three agree on which one a UDF gets.
import { analyseUdfBody, analyseVectorParameter, type UdfBodyAnalysis } from '../analysis/udfBody';
import { type PyNode, field, stringValue } from '../analysis/syntax';
import type { Value } from '../analysis/values';
import type { RuleContext } from './rule';

/** The column names Spark ML gives vectors (`features`, `probability`, `rawPrediction`) and names of that shape. */
const VECTOR_COLUMN = /features?$|probability|rawprediction|vector|embedding/i;
const COLUMN_FUNCTIONS = new Set(['pyspark.sql.functions.col', 'pyspark.sql.functions.column']);

export function analyseUdf(context: RuleContext, udf: Value): UdfBodyAnalysis | undefined {
  const implementation = udf.udf?.implementation;
  if (!implementation) return undefined;
  const analysis = analyseUdfBody(context.tree, implementation);
  if (analysis.kind === 'vector-element') return analysis;
  for (const { call, udf: callee } of context.model.udfCalls) {
    if (callee.udf?.implementation !== implementation) continue;
    const positional = context.model.callAt(call)?.parts.positional ?? [];
    for (const [position, argument] of positional.entries()) {
      const column = columnName(context, argument);
      if (column === undefined || !VECTOR_COLUMN.test(column)) continue;
      const read = analyseVectorParameter(context.tree, implementation, position);
      if (read) return read;
    }
  }
  return analysis;
}

/** The column an argument names: `"probability"`, `col("probability")`, `df["probability"]`, `df.probability`. */
function columnName(context: RuleContext, argument: PyNode): string | undefined {
  const literal = stringValue(context.tree, argument);
  if (literal !== undefined) return literal;
  if (argument.type === 'call') {
    const record = context.model.callAt(argument);
    return record && COLUMN_FUNCTIONS.has(record.callee.name ?? '') ? stringValue(context.tree, record.parts.positional[0]) : undefined;
  }
  const frame = context.model.valueOf(field(argument, argument.type === 'subscript' ? 'value' : 'object'))?.kind;
  if (frame !== 'DataFrame') return undefined;
  if (argument.type === 'subscript') return stringValue(context.tree, argument.children.find((child) => child.field === 'subscript'));
  if (argument.type === 'attribute') return context.text(field(argument, 'attribute') ?? argument);
  return undefined;
}
