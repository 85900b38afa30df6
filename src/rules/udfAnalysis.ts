// What a Python UDF of this file does (analysis/udfBody.ts), read together with its call sites: a UDF
// whose parameter is named `x` or `row` still reads an ML Vector when a call passes it a vector column
// (`second = udf(lambda x: float(x[1]))` applied to "probability"); and a body of built-ins that reads a
// module constant (`prefix + s`) is still one. SPK201, SPK202 and SPK203 all ask here, so the three agree
// on which one a UDF gets.
import { type FormatName, LIBRARY_CALLEE, type UdfBodyAnalysis, analyseUdfBody, analyseVectorParameter, patternNote, sparkPattern } from '../analysis/udfBody';
import { type PyNode, SCALAR_LITERALS, field, forEachNode, forwardedCallee, identifiersNamedWithin, namedChildren, stringValue, unparenthesize } from '../analysis/syntax';
import { isFunctionsModule } from '../analysis/sparkApi';
import type { SemanticModel } from '../analysis/model';
import type { UdfInfo, Value } from '../analysis/values';
import type { RuleContext } from './rule';
import { columnName } from './ruleHelpers';

/** The column names Spark ML gives vectors (`features`, `probability`, `rawPrediction`, LDA's `topicDistribution`) and names of that shape (not `probability_score`, a number). */
const VECTOR_COLUMN = /features?$|probabilit(?:y|ies)(?!_?score)|rawprediction|vector|embedding|topicdistribution/i;

/** Per model (one lint), the answer for each UDF: three rules ask about every UDF. */
const answers = new WeakMap<SemanticModel, Map<Value, UdfBodyAnalysis | undefined>>();

export function analyseUdf(context: RuleContext, udf: Value): UdfBodyAnalysis | undefined {
  let perUdf = answers.get(context.model);
  if (!perUdf) answers.set(context.model, (perUdf = new Map()));
  if (!perUdf.has(udf)) perUdf.set(udf, analyse(context, udf));
  return perUdf.get(udf);
}

/** Per model (one lint), the function each UDF runs: SPK201, SPK202 and SPK203 ask, some more than once. */
const implementations = new WeakMap<SemanticModel, Map<Value, PyNode | undefined>>();

/** The function a UDF runs: what the model found, or a function of the module defined further down (definedLater). */
export function udfImplementation(context: RuleContext, udf: Value): PyNode | undefined {
  let perUdf = implementations.get(context.model);
  if (!perUdf) implementations.set(context.model, (perUdf = new Map()));
  if (!perUdf.has(udf)) perUdf.set(udf, definedLater(context, udf) ?? udf.udf?.implementation);
  return perUdf.get(udf);
}

function analyse(context: RuleContext, udf: Value): UdfBodyAnalysis | undefined {
  const implementation = udfImplementation(context, udf);
  if (!implementation || buildsColumns(context, implementation)) return undefined;
  const analysis = analyseUdfBody(context.tree, implementation);
  if (analysis.kind === 'vector-element') return analysis;
  if (analysis.kind === 'custom' && reachesLibraryWork(context, implementation)) return { kind: 'library-work', builtins: [] };
  const vectorRead = vectorReadAtCallSites(context, implementation);
  if (vectorRead) return vectorRead;
  const read = analysis.outerNames ? withConstants(context, analysis, analysis.outerNames) : analysis;
  return read.kind === 'builtin' && analysis.formatNames ? withFormatConstants(context, read, analysis.formatNames) : read;
}

/**
 * The function calls pyspark.sql.functions (`F.sin(lat)`, `when(...)`): it builds Column expressions and is
 * meant to be called on Columns, not run per row (as a UDF it would fail on the first value).
 */
function buildsColumns(context: RuleContext, implementation: PyNode): boolean {
  const body = field(implementation, 'body');
  if (!body) return false;
  let found = false;
  forEachNode(body, (node) => {
    if (found || node.type !== 'call') return;
    const callee = field(node, 'function');
    const object = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
    const qualified = callee?.type === 'identifier' ? context.model.imports.get(context.text(callee)) : object?.type === 'identifier' ? context.model.imports.get(context.text(object)) : undefined;
    if (!qualified) return;
    found = callee?.type === 'identifier' ? isFunctionsModule(qualified.slice(0, qualified.lastIndexOf('.'))) : isFunctionsModule(qualified);
  });
  return found;
}

/**
 * A UDF of a function the file defines further down (`udf(is_positive)` in a function that runs later, or
 * `udf(lambda v: is_positive(v))`): Python finds the name when the UDF runs, so its body is that
 * function's, though the analysis met the `udf(...)` call first. Read here, on the file as it is, rather
 * than in the model, whose statements are not evaluated again when a later one changes.
 */
function definedLater(context: RuleContext, udf: Value): PyNode | undefined {
  const given = udf.udf?.implementation;
  const creation = udf.udf?.creationCall;
  let name: PyNode | undefined;
  if (!given && creation) {
    const parts = context.model.callAt(creation)?.parts;
    name = parts?.positional[0] ?? parts?.keywords.get('f');
  } else if (!given && udf.op === 'register' && udf.udf) {
    // `spark.udf.register("clean", clean)`: the function is the second argument, a plain `def` (a decorated
    // one is a UDF already: a `@pandas_udf`, or a `@udf` its decorator reports)
    const parts = context.model.callAt(udf.udf.anchor)?.parts;
    const registered = parts?.positional[1] ?? parts?.keywords.get('f');
    if (registered?.type !== 'identifier' || boundInEnclosingFunction(context, registered)) return undefined;
    return moduleFunction(context, context.text(registered), false);
  } else if (given) {
    // `lambda v: is_positive(v)`, each parameter handed on in order, to a name the model did not know
    name = forwardedCallee(context.tree, given);
  }
  if (name?.type !== 'identifier' || context.model.valueOf(name)?.kind === 'Function' || boundInEnclosingFunction(context, name)) return undefined;
  return moduleFunction(context, context.text(name));
}

/**
 * A function around the name binds it (a parameter, `def clean` nested further down, an assignment): the
 * name is that, not the module's function of the same name.
 */
function boundInEnclosingFunction(context: RuleContext, name: PyNode): boolean {
  const text = context.text(name);
  for (let scope = name.parent; scope; scope = scope.parent) {
    if (scope.type !== 'function_definition' && scope.type !== 'lambda') continue;
    const parameters = field(scope, 'parameters');
    if (parameters && identifiersNamedWithin(context.tree, text, parameters.startIndex, parameters.endIndex).length) return true;
    const body = field(scope, 'body');
    if (!body) continue;
    for (const use of identifiersNamedWithin(context.tree, text, body.startIndex, body.endIndex)) {
      const holder = use.parent;
      if ((holder?.type === 'function_definition' && use.field === 'name') || (holder?.type === 'assignment' && use.field === 'left')) return true;
    }
  }
  return false;
}

/** The one function of the module named so (a `def` at the top level, decorated or not unless `decorated` is false). */
function moduleFunction(context: RuleContext, name: string, decorated = true): PyNode | undefined {
  const found = context.tree.root.children
    .map((statement) => (statement.type === 'decorated_definition' ? (decorated ? statement.children.find((child) => child.type === 'function_definition') : statement) : statement))
    .filter((statement): statement is PyNode => statement?.type === 'function_definition' && context.text(field(statement, 'name') ?? statement) === name);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * `strptime(s, DAY_FORMAT)`: the pattern of each format constant (`DAY_FORMAT = "%Y-%m-%d"`) in the
 * notes; a format without one (`"%Y-%U"`) or not a string constant makes it custom work.
 */
function withFormatConstants(context: RuleContext, analysis: UdfBodyAnalysis, formats: FormatName[]): UdfBodyAnalysis {
  const notes = [...(analysis.notes ?? [])];
  for (const { name, builtin, use } of formats) {
    const values = context.model.bindingsNamed(name).map((binding) => binding.value.node && stringValue(context.tree, unparenthesize(binding.value.node)));
    const format = constantType(context, name) === 'string' && values.every((value) => value === values[0]) ? values[0] : undefined;
    const pattern = format === undefined ? undefined : sparkPattern(format, use);
    if (pattern === undefined) return { kind: 'custom', builtins: [] };
    notes.push(patternNote(builtin, format!, pattern));
  }
  return { ...analysis, notes };
}

/** A call into a hashing or regular-expression library (udfBody's list), by its callee's text. */
const LIBRARY_CALL = new RegExp(`^${LIBRARY_CALLEE}$`);

/**
 * The body hashes or matches regular expressions itself (udfBody's text check), or one step away: it calls
 * a function of the file that does (`hashfunc(message)` with `hashlib.md5(...)` called in it, two calls
 * deep at most), or a method of a pattern compiled into a module name (`NUM_PAT.match(x)` with
 * `NUM_PAT = re.compile(...)`). Only calls count: not comments, strings or functions defined inside.
 */
function reachesLibraryWork(context: RuleContext, implementation: PyNode, depth = 0): boolean {
  let found = false;
  const visit = (node: PyNode): void => {
    if (found || (node !== implementation && (node.type === 'function_definition' || node.type === 'lambda'))) return;
    if (node.type === 'call') {
      const callee = field(node, 'function');
      const calleeText = callee ? context.text(callee) : '';
      const object = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
      const pattern = object?.type === 'identifier' ? context.model.valueOf(object) : undefined;
      const helper = callee?.type === 'identifier' ? context.model.valueOf(callee) : undefined;
      if (LIBRARY_CALL.test(calleeText)) found = true;
      else if (pattern?.node?.type === 'call' && /^re\.compile$/.test(context.text(field(pattern.node, 'function') ?? pattern.node))) found = true;
      else if (depth < 2 && helper?.kind === 'Function' && helper.fn && helper.fn.node !== implementation && reachesLibraryWork(context, helper.fn.node, depth + 1)) found = true;
    }
    for (const child of node.children) visit(child);
  };
  visit(implementation);
  return found;
}

/**
 * The returnType of `udf(f, T)` / `udf(f, returnType=T)` / `@udf(T)` / `spark.udf.register("name", f, T)`;
 * undefined for the default (StringType).
 */
export function declaredReturnType(context: RuleContext, info: UdfInfo): PyNode | undefined {
  if (info.creationCall) {
    const parts = context.model.callAt(info.creationCall)?.parts;
    return parts?.positional[1] ?? parts?.keywords.get('returnType');
  }
  if (info.anchor.type === 'call') {
    const parts = context.model.callAt(info.anchor)?.parts;
    return parts?.method === 'register' ? (parts.positional[2] ?? parts.keywords.get('returnType')) : undefined;
  }
  const expression = namedChildren(info.anchor)[0];
  const parts = expression?.type === 'call' ? context.model.callAt(expression)?.parts : undefined;
  return parts?.positional[0] ?? parts?.keywords.get('returnType');
}

/** The vector-element reading of a UDF that a call in the file passes a vector column. */
function vectorReadAtCallSites(context: RuleContext, implementation: PyNode): UdfBodyAnalysis | undefined {
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
  return undefined;
}

/**
 * A body of built-ins that reads names from outside (`prefix + s`) is one only when each name is a
 * module constant (`prefix = "x_"`) or a number computed from numbers: `lit(prefix)`. A string added with
 * `+` needs `concat` (Spark's `+` casts strings to numbers). Anything else (a dict, a parameter, an import)
 * is custom work.
 */
function withConstants(context: RuleContext, analysis: UdfBodyAnalysis, names: string[]): UdfBodyAnalysis {
  const types = names.map((name) => constantType(context, name));
  if (types.includes(undefined)) return { kind: 'custom', builtins: [] };
  const addsString = names.some((name, i) => types[i] === 'string' && analysis.outerAddends?.includes(name));
  return addsString && !analysis.builtins.includes('concat') ? { ...analysis, builtins: [...analysis.builtins, 'concat'].sort() } : analysis;
}

const SCOPES: ReadonlySet<string> = new Set(['function_definition', 'lambda', 'class_definition']);
/** Operands that make a `+` a string concatenation. */
const STRINGS: ReadonlySet<string> = new Set(['string', 'concatenated_string']);

/**
 * `string` or `scalar` when every binding of `name` is a module-level assignment of a literal, or arithmetic of
 * numbers (`ratio = positives.count() / df.count()`, in a function too: `lit(ratio)` takes it), else undefined.
 */
function constantType(context: RuleContext, name: string): 'string' | 'scalar' | undefined {
  const bindings = context.model.bindingsNamed(name);
  let type: 'string' | 'scalar' | undefined;
  for (const binding of bindings) {
    const computed = binding.value.kind === 'PyScalar' && binding.value.node ? unparenthesize(binding.value.node) : undefined;
    if (computed?.type === 'binary_operator' && !namedChildren(computed).some((operand) => STRINGS.has(operand.type)) && (!type || type === 'scalar')) {
      type = 'scalar';
      continue;
    }
    for (let node = binding.node.parent; node; node = node.parent) if (SCOPES.has(node.type)) return undefined;
    const literal = binding.value.node && unparenthesize(binding.value.node);
    if (!literal || binding.value.kind !== 'PyScalar') return undefined;
    const literalType = literal.type === 'string' || literal.type === 'concatenated_string' ? 'string' : SCALAR_LITERALS.has(literal.type) ? 'scalar' : undefined;
    if (!literalType || (type && type !== literalType)) return undefined;
    type = literalType;
  }
  return type;
}

