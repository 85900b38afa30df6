import type { CallRecord, SemanticModel } from '../../analysis/model';
import type { PyNode } from '../../analysis/syntax';
import { reachable } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import { field, forEachNode, namedChildren, stringValue, unparenthesize } from '../../analysis/syntax';
import { replaceNode } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { callsGenerator, commentsToKeep, enclosingLoop, identifiersIn, methodCall, methodRange, mostOnOnePath, passCount } from '../ruleHelpers';
import type { Fix } from '../types';

const METHODS = new Set(['withColumn', 'withColumnRenamed']);

export const withcolumnInLoop: Rule = {
  meta: {
    code: 'SPK301',
    name: 'withcolumn-in-loop',
    severity: 'warning',
    fix: 'unsafe',
    minSparkVersionForFix: '3.3',
    docs: {
      whatItDoes: 'Checks for `withColumn`/`withColumnRenamed` called inside a `for`/`while` loop or in the function given to `functools.reduce`. A loop with several such calls is one finding, on the first, with the others as related places (a column rewritten on every pass is reported on its own: its advice differs). A loop whose passes the code shows (`for c in ["a", "b", "c"]`, `range(5)`) and that adds at most 10 projections (passes times calls) adds no more than that many chained calls, which SPK302 hints at: it is reported as a hint too.',
      whyIsThisBad: 'Each call adds a projection to the logical plan. Dozens of them make plans so deep that analysis and optimization take minutes and can end in `StackOverflowError`. `withColumns({...})` (Spark 3.3+) or a single `select` adds them all in one step.',
      example: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\ndf = spark.read.parquet("s3://bucket/wide")\nfor c in df.columns:\n    df = df.withColumn(c, F.trim(F.col(c)))',
      useInstead: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\ndf = spark.read.parquet("s3://bucket/wide")\ndf = df.withColumns({c: F.trim(F.col(c)) for c in df.columns})',
      fixSafety: 'For a loop whose body is exactly `df = df.withColumn(name, expr)`, with a name that changes with the loop variable, the fix writes `df = df.withColumns({name: expr for ... in ...})` (`withColumnsRenamed` for renames, Spark 3.4+). It is unsafe: if an expression reads a column an earlier iteration created, the single step sees the old column.',
      notFlagged: 'A single `withColumn` outside loops, `withColumn` on objects that are not DataFrames, and `withColumn` on a DataFrame that does not carry what the call added in the previous iteration: read or built anew in each iteration (`df = spark.read.csv(path)` in a loop over files, `predictions = model.transform(test)` per model) or the loop variable (`for df in [a, b]: df.withColumn(...)`): its plan does not grow from one iteration to the next. Nor a call under a test that one element passes (`for c in df.columns: if c == "id":`, `for f in df.schema.fields: if f.name == "id":`, `for name, dtype in df.dtypes: if name == "id":`): it runs in one pass only; a test of the type (`if dtype == "string":`) is reported, since many columns pass it. Nor a loop whose body always leaves it in its first pass (an unconditional `return`, `raise`, or `break` when no loop is around it to go on), nor a call followed by a `return`, `raise` or `break` in its own branch (`if found: df = df.withColumnRenamed(...); break`: it runs once). Nor a loop that starts a new plan from the data on every pass (`df = df.localCheckpoint()`, `checkpoint()`, or GraphFrames\' `AM.getCachedDataFrame(vertices)` in an `aggregateMessages` iteration): the plan does not grow. Nor a loop over one or two written-out items (`for c in ["a", "b"]`, a copy of them such as `set(["a"])`, a name still holding them, `for old, new in {"a": "x", "b": "y"}.items()`, `range(2)`) with one such call: two projections, as two chained calls make, which SPK302 leaves alone too (with several calls, a hint). Nor `withColumn` of a generator (`explode`, `posexplode`, `inline`, `stack`, `json_tuple`, also in SQL text): Spark allows one per projection, so a column exploded per pass cannot be one `withColumns` or `select`.',
    },
  },
  visit: {
    call(node, context) {
      const finding = findingAt(node, context);
      if (!finding) return;
      // one finding per loop for the calls that grow the plan: the loop's others are related places of its
      // first; a column rewritten on every pass has its own finding (its advice differs)
      const others = finding.kind === 'grows' ? sameLoopFindings(finding.loop!, node, context) : [];
      // by the method's place (`a.withColumnRenamed(...).withColumnRenamed(...)`: both calls start at `a`)
      const place = (call: PyNode) => context.model.callAt(call)?.parts.methodNode?.startIndex ?? call.startIndex;
      if (others.some((other) => place(other) < place(node))) return;
      // the projections a pass adds: the calls on its longest path (one branch of an `if`/`else`)
      const perPass = others.length ? mostOnOnePath([node, ...others]) : 1;
      const projections = finding.passes === undefined ? undefined : finding.passes * perPass;
      // two projections, as two chained calls make, which SPK302 leaves alone too
      if (finding.kind === 'grows' && projections !== undefined && finding.passes! <= 2 && projections <= 2) return;
      context.report({
        range: methodRange(node, finding.call),
        message: messageOf(finding, others.length + 1, projections),
        severity: finding.kind === 'grows' && projections !== undefined && projections <= FEW_PROJECTIONS ? 'hint' : undefined,
        related: others.length ? others.map((other) => ({ range: methodRange(other, context.model.callAt(other)!), message: 'and here, in the same loop' })) : undefined,
        fix: finding.loop?.type === 'for_statement' && !others.length ? loopFix(finding.loop, node, context) : undefined,
      });
    },
  },
};

interface Finding {
  call: CallRecord;
  method: string;
  loop: PyNode | undefined;
  /** `grows`: a projection per pass; `sameColumn`: one column rewritten on every pass; `reduce`: in a reduce's function. */
  kind: 'grows' | 'sameColumn' | 'reduce';
  /** The loop's passes, when the code shows them (`for c in ["a", "b", "c"]`, `range(8)`), up to FEW_PROJECTIONS. */
  passes?: number;
}

/** Up to this many projections (passes times calls), a loop adds no more than a chain SPK302 hints at. */
const FEW_PROJECTIONS = 10;

function messageOf(finding: Finding, calls: number, projections: number | undefined): string {
  const { method } = finding;
  const one = method === 'withColumn' ? 'withColumns' : 'withColumnsRenamed';
  if (finding.kind === 'sameColumn') return `\`withColumn\` of the same column inside a loop nests one projection per iteration; build the column's expression in the loop (\`expr = f(expr, x)\`) and add it once after it.`;
  if (finding.kind === 'reduce') return `\`${method}\` in a reduce over columns grows the plan one projection per element; use \`${one}({...})\` or one \`select\`.`;
  const inLoop = calls > 1 ? ` (${calls} calls in this loop)` : '';
  if (projections === undefined) return `\`${method}\` inside a loop grows the plan one projection per iteration${inLoop}; use \`${one}({...})\` or one \`select\`.`;
  return `\`${method}\` in a loop of ${finding.passes} passes adds ${projections} projections${inLoop}, as ${projections} chained calls do; \`${one}({...})\` or one \`select\` makes them one.`;
}

/** What is reported for a `withColumn`/`withColumnRenamed` call at `node`, if anything (the loop around it, or a reduce). */
function findingAt(node: PyNode, context: RuleContext): Finding | undefined {
  const call = methodCall(node, context, METHODS);
  if (!call) return undefined;
  const loop = enclosingLoop(node);
  const inReducer = !loop && isInDataFrameReducer(node, context);
  if (!inReducer && (!loop || call.receiver?.kind !== 'DataFrame' || !carriedOver(node, call.receiver, context) || matchesOneElement(node, loop, context) || endsFirstPass(loop) || leavesAfter(node, loop))) return undefined;
  const method = call.parts.method!;
  // Spark allows one generator per projection: `withColumn(c, explode(c))` per column cannot be one step
  const expression = call.parts.positional[1];
  if (method === 'withColumn' && expression && callsGenerator(expression, context)) return undefined;
  if (inReducer) return { call, method, loop: undefined, kind: 'reduce' };
  // `withColumn("answer", f(col("answer"), x))` on every pass: one column rewritten again and again
  const name = stringValue(context.tree, call.parts.positional[0]);
  if (method === 'withColumn' && name !== undefined && readsColumn(call.parts.positional[1], name, context)) {
    // two passes nest two projections, as two chained calls do
    return fewPasses(loop!, context) && !enclosingLoop(loop!) ? undefined : { call, method, loop, kind: 'sameColumn' };
  }
  const passes = loop && !enclosingLoop(loop) ? passCount(loop, context) : undefined;
  return { call, method, loop, kind: 'grows', passes: passes !== undefined && passes <= FEW_PROJECTIONS ? passes : undefined };
}

/** The calls reported in each loop, per lint (each of them asks for its loop's). */
const findingsByLoop = new WeakMap<SemanticModel, Map<PyNode, PyNode[]>>();

/** The other calls reported in the same loop (not in a loop inside it), in document order. */
function sameLoopFindings(loop: PyNode, node: PyNode, context: RuleContext): PyNode[] {
  let byLoop = findingsByLoop.get(context.model);
  if (!byLoop) findingsByLoop.set(context.model, (byLoop = new Map()));
  let found = byLoop.get(loop);
  if (!found) {
    const calls: PyNode[] = [];
    forEachNode(loop, (candidate) => {
      if (candidate.type === 'call' && enclosingLoop(candidate) === loop && findingAt(candidate, context)?.kind === 'grows') calls.push(candidate);
    });
    byLoop.set(loop, (found = calls));
  }
  return found.filter((call) => call !== node);
}

/**
 * Whether the DataFrame this call adds a column to holds what the same call added in an earlier pass
 * (the loop body is evaluated twice: `df = df.withColumn(...)` carries the first pass's result into the
 * second). `predictions = model.transform(test)` then `predictions.withColumn(...)` starts anew each pass.
 * Values of any kind are followed: where another branch of the loop left a value the model could not
 * follow (`df = df.filter(cfg["when"])` on a parameter), the join of the branches still holds this call's.
 */
function carriedOver(call: PyNode, frame: Value, context: RuleContext): boolean {
  // through data (`df.na.fill(...)`, `df.groupBy(...).agg(...)` too) and what the model lost track of, not
  // through columns or collected scalars (a threshold computed from last pass's data filters this pass's
  // fresh read: no plan grows), nor through a step that cuts the plan (`df.localCheckpoint()`)
  const through = (value: Value): readonly Value[] => {
    if (value.kind !== 'DataFrame' && value.kind !== 'Unknown' && value.kind !== 'NaFunctions' && value.kind !== 'GroupedData') return [];
    if (cutsPlan(value, context)) return [];
    const formerly = value.facts?.formerly as Value | undefined;
    return formerly ? [...value.parents, formerly] : value.parents;
  };
  for (const value of reachable(frame, through, 500)) if (value.node === call) return true;
  return false;
}

/**
 * A DataFrame that starts a new plan from its data: `checkpoint()`/`localCheckpoint()`, and GraphFrames'
 * `AggregateMessages.getCachedDataFrame(df)`, which rebuilds the DataFrame from its cached RDD (the
 * documented way to iterate `aggregateMessages`).
 */
function cutsPlan(value: Value, context: RuleContext): boolean {
  if (value.kind === 'DataFrame' && (value.op === 'checkpoint' || value.op === 'localCheckpoint')) return true;
  const callee = value.kind === 'Unknown' && value.node?.type === 'call' ? field(value.node, 'function') : undefined;
  return callee?.type === 'attribute' && context.text(field(callee, 'attribute') ?? callee) === 'getCachedDataFrame';
}

/** The expression reads the column it replaces (`regexp_replace("answer", ...)`, `F.col("answer")`). */
function readsColumn(expression: PyNode | undefined, name: string, context: RuleContext): boolean {
  if (!expression) return false;
  if (expression.type === 'string' && stringValue(context.tree, expression) === name) return true;
  return expression.children.some((child) => readsColumn(child, name, context));
}

/**
 * The loop is left right after the call: a `return`, `raise` or `break` (of this loop, when no loop is
 * around it) follows it in its own block or a block around it (`if found: df = df.withColumnRenamed(...);
 * break`), so it runs once. A `break` of a loop inside another leaves it once per outer pass.
 */
function leavesAfter(call: PyNode, loop: PyNode): boolean {
  const outermost = !enclosingLoop(loop);
  for (let child = call, parent = call.parent; parent && parent !== loop; child = parent, parent = parent.parent) {
    if (parent.type !== 'block') continue;
    const statements = namedChildren(parent);
    if (statements.slice(statements.indexOf(child) + 1).some((statement) => leavesLoop(statement, loop, outermost))) return true;
  }
  return false;
}

/** `return` and `raise` leave the loop; a `break` of it too, when `breakCounts` (no loop around it to go on with). */
function leavesLoop(statement: PyNode, loop: PyNode, breakCounts: boolean): boolean {
  return statement.type === 'return_statement' || statement.type === 'raise_statement' || (breakCounts && statement.type === 'break_statement' && enclosingLoop(statement) === loop);
}

/** The loop's body always leaves it in its first pass (`return`, `raise` or `break` in the body itself, not under a test). */
function endsFirstPass(loop: PyNode): boolean {
  const body = field(loop, 'body');
  // a `break` of a loop inside another leaves it once per outer pass
  return !!body && namedChildren(body).some((statement) => leavesLoop(statement, loop, !enclosingLoop(loop)));
}

/** A loop over one or two written-out items (`for c in ["a", "b"]`, or a name holding them). */
function fewPasses(loop: PyNode, context: RuleContext): boolean {
  const passes = passCount(loop, context);
  return passes !== undefined && passes <= 2;
}

/**
 * The call runs only in the pass whose element is one constant (`for c in df.columns: if c == "id":`,
 * `for field in schema.fields: if field.name == "CTLG_NAME":`; names are distinct): it adds one
 * projection, not one per pass. A test of another property (`if field["type"] == "array":`) can hold
 * for many elements.
 */
function matchesOneElement(call: PyNode, loop: PyNode, context: RuleContext): boolean {
  const left = loop.type === 'for_statement' ? field(loop, 'left') : undefined;
  // `for c in df.columns`, `for name, dtype in df.dtypes`, `for i, c in enumerate(df.columns)`
  let elements = !left ? [] : left.type === 'identifier' ? [left] : namedChildren(left).filter((part) => part.type === 'identifier');
  // of `df.dtypes`' pairs only the first is a name: `if dtype == "string":` holds for many columns
  const iterable = field(loop, 'right');
  if (iterable?.type === 'attribute' && context.text(field(iterable, 'attribute') ?? iterable) === 'dtypes' && left?.type !== 'identifier') elements = elements.slice(0, 1);
  const names = elements.flatMap((part) => {
    const element = context.text(part);
    return [element, `${element}.name`, `${element}["name"]`, `${element}['name']`];
  });
  for (let child = call, parent = call.parent; parent && parent !== loop; child = parent, parent = parent.parent) {
    if (parent.type !== 'if_statement' || child.field !== 'consequence') continue;
    const condition = unparenthesize(field(parent, 'condition') ?? parent);
    const sides = namedChildren(condition);
    if (condition.type !== 'comparison_operator' || sides.length !== 2 || condition.children.find((part) => !part.named)?.type !== '==') continue;
    const literal = sides.findIndex((side) => stringValue(context.tree, side) !== undefined);
    if (literal >= 0 && names.includes(context.text(sides[1 - literal]!))) return true;
  }
  return false;
}

function isInDataFrameReducer(node: PyNode, context: RuleContext): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'lambda' || current.type === 'function_definition') {
      return !!context.model.valueOf(current)?.facts?.reducer;
    }
  }
  return false;
}

/** `for T in I:\n    df = df.withColumn(N, E)` -> `df = df.withColumns({N: E for T in I})` */
function loopFix(loop: PyNode, call: PyNode, context: RuleContext): Fix | undefined {
  const body = field(loop, 'body');
  const statements = body ? namedChildren(body) : [];
  if (statements.length !== 1 || loop.children.some((c) => c.type === 'else_clause')) return undefined;
  const comments = commentsToKeep(context, loop, loop);
  if (comments === undefined) return undefined;
  const assignment = namedChildren(statements[0]!)[0];
  if (assignment?.type !== 'assignment' || field(assignment, 'right') !== call) return undefined;
  const record = context.model.callAt(call)!;
  const target = field(assignment, 'left');
  const receiver = record.parts.receiver!;
  if (target?.type !== 'identifier' || receiver.type !== 'identifier' || context.text(target) !== context.text(receiver)) return undefined;
  if (record.parts.positional.length !== 2 || record.parts.keywords.size || record.parts.hasStarArgs) return undefined;
  const [name, expression] = record.parts.positional as [PyNode, PyNode];
  const renamed = record.parts.method === 'withColumnRenamed';
  if (renamed && !context.sparkAtLeast('3.4')) return undefined;
  const left = field(loop, 'left');
  const right = field(loop, 'right');
  if (!left || !right) return undefined;
  // the same column on every pass (`withColumn("answer", regexp_replace("answer", a, b))`) folds the passes
  // into one column: a dict of them would keep the last pass only
  const targets = new Set(identifiersIn(left).map((target) => context.text(target)));
  if (!identifiersIn(name).some((identifier) => targets.has(context.text(identifier)))) return undefined;
  const df = context.text(target);
  const bulk = renamed ? 'withColumnsRenamed' : 'withColumns';
  const replacement = `${df} = ${df}.${bulk}({${context.text(name)}: ${context.text(expression)} for ${context.text(left)} in ${context.text(right)}})${comments}`;
  return { title: `Replace the loop with one ${bulk}`, safety: 'unsafe', edits: [replaceNode(loop, replacement)] };
}
