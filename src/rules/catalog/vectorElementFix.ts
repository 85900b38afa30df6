// The SPK203 quick fix: a UDF whose body is exactly one read of an ML Vector (`float(v[1])`,
// `v.toArray().tolist()`) becomes a plain function (or lambda) of the column returning
// `vector_to_array(v)[1]`, so every call site `positive("probability")` gets the JVM built-in without
// being rewritten. Offered only where the result is the same column: the declared return type matches
// (DoubleType for an element, ArrayType(DoubleType) for the whole vector) and every use of the UDF in the
// file is a call with one argument.
import type { UdfBodyAnalysis } from '../../analysis/udfBody';
import { type PyNode, commentsWithin, field } from '../../analysis/syntax';
import type { Value } from '../../analysis/values';
import { replaceNode } from '../positions';
import type { RuleContext } from '../rule';
import { importedReference, onlyCalledWithOneArgument } from '../ruleHelpers';
import { declaredReturnType } from '../udfAnalysis';
import type { Fix, TextEdit } from '../types';

const ELEMENT_TYPE = /^((\w+\.)?DoubleType\(\)|["']double["'])$/;
const ARRAY_TYPE = /^((\w+\.)?ArrayType\(\s*(\w+\.)?DoubleType\(\)\s*(,\s*(True|False)\s*)?\)|["']array<double>["'])$/;

export function vectorElementFix(context: RuleContext, udf: Value, analysis: UdfBodyAnalysis): Fix | undefined {
  const rewrite = analysis.vectorRewrite;
  const info = udf.udf;
  if (!rewrite || !info?.implementation || udf.op === 'register') return undefined;
  const returnType = declaredReturnType(context, info);
  if (!returnType || !(rewrite.index === undefined ? ARRAY_TYPE : ELEMENT_TYPE).test(context.text(returnType))) return undefined;
  const name = udfName(context, info.implementation, info.creationCall);
  if (!name || !onlyCalledWithOneArgument(context, name)) return undefined;
  const reference = importedReference(context, 'pyspark.ml.functions', 'vector_to_array');
  if (!reference) return undefined;
  const element = rewrite.index === undefined ? '' : `[${rewrite.index}]`;
  const read = `${reference.text}(${rewrite.param})${element}`;

  const edits: TextEdit[] = [];
  if (info.creationCall) {
    // `positive = F.udf(lambda v: float(v[1]), DoubleType())` -> `positive = lambda v: vector_to_array(v)[1]`
    edits.push(replaceNode(info.creationCall, `lambda ${rewrite.param}: ${read}`));
  } else {
    // `@F.udf(DoubleType())` over `def f(v): return float(v[1])`: drop the decorator, rewrite the return
    const decorated = info.implementation.parent;
    if (decorated?.type !== 'decorated_definition' || decorated.children.filter((child) => child.type === 'decorator').length !== 1) return undefined;
    const comment = commentsWithin(context.tree, info.anchor.startIndex, info.implementation.startIndex)[0];
    const end = comment ?? info.implementation; // a comment after the decorator stays, on its own line
    edits.push({ range: { start: { line: info.anchor.startRow, character: info.anchor.startCol }, end: { line: end.startRow, character: end.startCol } }, newText: '' });
    edits.push(replaceNode(rewrite.returned, read));
  }
  if (reference.importEdit) edits.push(reference.importEdit);
  return { title: `Replace the UDF with ${reference.text}(...)${element}`, safety: 'unsafe', edits };
}

/** The name the UDF is bound to: the decorated function's, or the target of `name = udf(...)`. */
function udfName(context: RuleContext, implementation: PyNode, creationCall: PyNode | undefined): string | undefined {
  if (!creationCall) {
    const name = field(implementation, 'name');
    return name ? context.text(name) : undefined;
  }
  const assignment = creationCall.parent;
  const left = assignment?.type === 'assignment' && creationCall.field === 'right' ? field(assignment, 'left') : undefined;
  return left?.type === 'identifier' ? context.text(left) : undefined;
}
