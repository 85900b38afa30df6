import { type PyNode, SCALAR_LITERALS, endId, field, namedChildren, stringValue, unparenthesize } from '../../analysis/syntax';
import { DELTA_TABLE } from '../../analysis/model';
import { dataLineage, isCachedBefore, isStreaming, reachable } from '../../analysis/valueFlow';
import type { Value } from '../../analysis/values';
import type { Rule, RuleContext } from '../rule';
import { argumentsPassedAt, enclosingLoop, identifiersIn, isInside, methodCall, methodRange, repeatingLoop, singleFor, variableReferencesInScope } from '../ruleHelpers';

const ACTIONS = new Set(['count', 'collect', 'toPandas', 'first', 'head', 'take', 'tail', 'isEmpty', 'show', 'evaluate', 'approxQuantile', 'corr', 'cov']);

export const actionInLoop: Rule = {
  meta: {
    code: 'SPK103',
    name: 'action-in-loop',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for Spark actions (`count`, `collect`, `toPandas`, `first`, `head`, `take`, `tail`, `isEmpty`, `show`, the statistics `approxQuantile`, `corr` and `cov`, and `evaluator.evaluate(df)`) inside a `for`/`while` loop or a comprehension, on a DataFrame whose lineage is not cached.',
      whyIsThisBad: 'Each action runs a full Spark job, re-reading and recomputing the whole lineage. In a loop this multiplies the work by the number of iterations; one aggregated query (`groupBy`, `agg` with several expressions) or a cached input does the same in one pass.',
      example: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\ndf = spark.read.parquet("s3://bucket/events")\nfor c in df.columns:\n    print(c, df.filter(F.col(c).isNull()).count())',
      useInstead: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\ndf = spark.read.parquet("s3://bucket/events")\nnull_counts = df.select([F.count(F.when(F.col(c).isNull(), 1)).alias(c) for c in df.columns]).first()',
      fixSafety: 'No automatic fix: the rewrite depends on what the loop computes.',
      notFlagged: 'Actions on a function\'s parameter when every call of the function in the file passes data cached before (`null_counts(df.cache())`; with a call that does not, or none, the message says the caller may have cached it), actions in a loop over one written-out item (`for day in ["2026-01-01"]`, a copy of one such as `set(["2026-01-01"])`, or a name or dict holding one: it runs once), actions on a DataFrame cached (`.cache()`/`.persist()`) before the loop or derived from a cached one, actions on data the loop reads anew on each pass (`for name in tables: spark.table(name).count()`, or through a helper: `for path in paths: load(path).count()`, or `DeltaTable.forName(spark, name).toDF()`, also with a session the analysis does not know; nothing before the loop to cache or compute once; a read of the same table or file on every pass, named by literals or constants, `f"{ROOT}/ref.csv"`, with the same reader options, is reported unless the loop also writes it, as an iterative job reads what its last pass wrote (also a Delta table it changes through a `DeltaTable` handle: `merge`, `update`, `delete`); a reader option that takes the loop variable, `.option("versionAsOf", v)`, reads other data), or picks by its variable from a collection the analysis cannot follow (`frames[name]`, `dfs[i]` with `dfs` a parameter, in a loop no other loop encloses) or one the file fills with a read per pass (`sources[name] = spark.read.csv(f"{name}.csv")`, `[spark.read.parquet(p) for p in paths]`; also iterated, `for name, df in sources.items()`; a collection of filters of one table is still reported), or either (a table read in one branch of an `if`, picked in the other), actions on the loop variable of a loop over a list of DataFrames that share no lineage (`for name, df in [("trips", trips), ("zones", zones)]`, or such a list held in a name, in a one-`for` comprehension: one job per DataFrame, as the unrolled code would run; not when another loop encloses it), actions on the loop variable of a loop over objects the analysis cannot follow (`for sheet, df in frames.items(): df.toPandas()` with `frames` a parameter) when the steps before the action read no other data, actions on literal DataFrames, `show`/`take`/`head`/`first`/`isEmpty` on a lineage whose every step from a file read (`spark.read.csv(...)`, `format("delta").load(path)`; not `spark.table`, `spark.read.table` or `spark.sql`, which may be queries) keeps every row (`logs.select(*cols[i:i + 3]).show(5)`: the first partition has the rows; a filter, a shuffle, a window function or a select of aggregates before it is reported), actions in a loop that calls `time.sleep` (polling: the data changes between passes, as with a streaming memory sink), actions whose result ends a `while` loop on a lineage made before it (`rows = queue.limit(1000).collect()` then `if not rows: break`, or `while queue.limit(1).count() > 0:`: the loop drains data its body deletes or moves, so each pass must read it again; a lineage filtered anew on each pass, as in keyset pagination, is reported), actions outside loops (the iterable of a `for` runs once), and non-Spark objects with the same method names.',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, ACTIONS);
      if (!call) return;
      const method = call.parts.method!;
      const data = method === 'evaluate' ? (call.receiver?.kind === 'Evaluator' ? context.model.valueOf(call.parts.positional[0]) : undefined) : call.receiver;
      if (data?.kind !== 'DataFrame' || data.bound === 'literal' || isStreaming(data)) return; // a stream: SPK109
      const loop = repeatingLoop(node, context);
      const dataNode = method === 'evaluate' ? call.parts.positional[0] : call.parts.receiver;
      if (!loop || isCachedBefore(data, node.startIndex) || polls(loop, context)) return;
      if (PARTIAL_ACTIONS.has(method) && readsFirstRowsOnly(data)) return;
      let calls: LoopCalls | undefined; // scanned once, for the checks that read it
      const callsOfLoop = () => (calls ??= callsIn(loop, context));
      if (drains(data, node, loop, context, callsOfLoop)) return;
      if (madeAnewEachPass(data, loop, context, callsOfLoop) || passesOverDataFrames(data, loop, context, callsOfLoop) || (dataNode && actsOnLoopVariable(data, dataNode, loop, context))) return;
      const where = loop.type === 'while_statement' ? 'a while loop' : loop.type === 'for_statement' ? 'a for loop' : 'a comprehension';
      // the data a function is given: its caller may have cached it
      const parameters = sourceParameters(data);
      if (parameters && cachedByEveryCaller(parameters, context)) return;
      const over = parameters ? 'over data this code does not cache (unless its caller did)' : 'over an uncached lineage';
      const once = parameters ? 'one aggregation before the loop' : 'one aggregation, or cache the input before the loop';
      context.report({
        range: methodRange(node, call),
        message: method === 'approxQuantile'
          ? `\`.approxQuantile()\` inside ${where} runs a Spark job on every iteration ${over}; it takes a list of columns: compute every column's quantiles in one call before the loop.`
          : `\`.${method}()\` inside ${where} runs a Spark job on every iteration ${over}; compute it once (${once}).`,
      });
    },
  },
};

/** The parameters of a function the data's lineage starts from, when it starts from nothing else. */
function sourceParameters(data: Value): PyNode[] | undefined {
  const lineage = dataLineage(data);
  const parameters: PyNode[] = [];
  for (const value of lineage) {
    if (value.parents.some((parent) => lineage.has(parent))) continue;
    // the parameter itself (`frame`), or the name of one typed or with a default (`frame: DataFrame`)
    const parameter = value.node?.parent?.type === 'parameters' ? value.node : value.node?.parent?.parent?.type === 'parameters' ? value.node.parent : undefined;
    if (!parameter) return undefined;
    parameters.push(parameter);
  }
  return parameters;
}

/** Every call of the function in the file passes data cached before (`null_counts(df.cache())`). */
function cachedByEveryCaller(parameters: readonly PyNode[], context: RuleContext): boolean {
  return parameters.every((parameter) => argumentsPassedAt(parameter, context)?.every(({ value, argument }) => isCachedBefore(value, argument.endIndex)) ?? false);
}

/** Actions that stop once they have their rows: on a lineage that keeps every row, the first partition's do. */
const PARTIAL_ACTIONS = new Set(['show', 'take', 'head', 'first', 'isEmpty']);

/** Sources read from files, where the first rows are in the first file's first split (`load` without a format reads parquet). */
const FILE_FORMATS = new Set(['parquet', 'csv', 'json', 'orc', 'text', 'avro', 'delta', 'xml', 'binaryFile', 'image', 'libsvm']);

/** Steps that keep every row of their input, in its partitions (columns chosen, added, renamed or dropped). */
const ROW_PRESERVING = new Set(['select', 'withColumn', 'withColumns', 'withColumnRenamed', 'withColumnsRenamed', 'drop', 'alias', 'toDF', 'withMetadata', 'hint']);

/**
 * `logs.select(cols).show(5)`: every step from a file read keeps every row, so a partial action reads its
 * rows from the first partition and stops (a filter may skip them all; a shuffle, a window or an aggregate
 * computes everything first; `selectExpr` text may hold an aggregate).
 */
function readsFirstRowsOnly(data: Value): boolean {
  const lineage = dataLineage(data);
  for (const value of lineage) {
    if (!value.parents.some((parent) => lineage.has(parent))) {
      // the source: a file read (`spark.read.parquet`, `format("delta").load(path)`); not `spark.sql`/`spark.table`/
      // `spark.read.table`, which may be a query or a view of one, nor a database or warehouse query (JDBC, Snowflake)
      if (value.parents[0]?.kind !== 'Reader' || !FILE_FORMATS.has(String(value.facts?.format ?? 'parquet'))) return false;
      continue;
    }
    // `select(F.countDistinct(c))`: a select of aggregates reads every row
    const aggregates = value.bound === 'aggregated' && value.parents[0]?.bound !== 'aggregated';
    if (!ROW_PRESERVING.has(value.op ?? '') || aggregates || value.parents.some(isWindowColumn)) return false;
  }
  return true;
}

/** `F.row_number().over(w)`, also inside another expression: a window sorts its partitions in full first. */
function isWindowColumn(value: Value): boolean {
  if (value.kind !== 'Column') return false;
  const columnParts = (part: Value): readonly Value[] => (part.kind === 'Column' ? part.parents : []);
  for (const part of reachable(value, columnParts, 200)) if (part.kind === 'WindowSpec' || part.op === 'over') return true;
  return false;
}

/** A loop that calls `time.sleep` polls: it waits for the data to change between passes, so each pass must run its action. */
function polls(loop: PyNode, context: RuleContext): boolean {
  const end = endId(loop);
  for (let id = loop.id + 1; id < end; id++) {
    const node = context.tree.nodes[id]!;
    if (node.type === 'call' && context.model.callAt(node)?.callee.name === 'time.sleep') return true;
  }
  return false;
}

/**
 * `while ...: rows = queue.limit(1000).collect(); if not rows: break; <drop or delete what rows name>`:
 * a while loop that ends on what the action returns, on a lineage that is the same on every pass (made
 * before the loop, at most limited in it), expects the data to change between passes; its body (or a
 * helper it calls) deletes or moves what the last pass read. Caching the input would make it loop
 * forever, and computing it once is not possible: each pass must run its action.
 */
function drains(data: Value, action: PyNode, loop: PyNode, context: RuleContext, callsOfLoop: () => LoopCalls): boolean {
  if (loop.type !== 'while_statement' || !argumentsSameEachPass(action, loop, context)) return false;
  // made by the loop's calls, also inside a helper it calls (`next_page(events, last_id)`): only a limit of
  // the same size on every pass (`limit((page + 1) * size)` pages through data that does not change)
  const inLoop = madeInLoop(callsOfLoop());
  for (const value of dataLineage(data)) {
    if (!inLoop(value) && !(value.node && isInside(value.node, loop))) continue;
    if (value.op !== 'limit' || !value.node || !argumentsSameEachPass(value.node, loop, context)) return false;
  }
  return endsLoopOn(action, loop, context);
}

/** The loop's condition reads the action's result, or an `if` in the loop that reads it breaks out of the loop. */
function endsLoopOn(action: PyNode, loop: PyNode, context: RuleContext): boolean {
  const condition = field(loop, 'condition');
  if (condition && isInside(action, condition)) return true;
  // the action in an `if` that breaks (`if df.limit(1).count() == 0: break`), or its result held in a name
  // that the loop's condition or such an `if` reads (`rows = ...collect()` then `if not rows: break`)
  let expression = action;
  while (expression.parent && !HOLDERS.has(expression.parent.type)) expression = expression.parent;
  const holder = expression.parent;
  if (holder?.type === 'if_statement' && expression.field === 'condition') return breaksOut(holder, loop, context);
  const target = holder?.type === 'assignment' && expression.field === 'right' ? field(holder, 'left') : undefined;
  if (target?.type !== 'identifier') return false;
  const name = context.text(target);
  const reads = (node: PyNode | undefined) => !!node && identifiersIn(node).some((identifier) => context.text(identifier) === name);
  if (reads(condition)) return true;
  const end = endId(loop);
  for (let id = holder!.id + 1; id < end; id++) {
    const node = context.tree.nodes[id]!;
    if (node.type === 'if_statement' && reads(field(node, 'condition')) && breaksOut(node, loop, context)) return true;
  }
  return false;
}

/** Where climbing from the action stops: what holds the expression it is in. */
const HOLDERS = new Set(['assignment', 'if_statement', 'expression_statement', 'return_statement', 'block', 'lambda']);

/** The `if`'s body leaves the loop: a `break` of this loop (not of a loop inside it), or a `return`. */
function breaksOut(statement: PyNode, loop: PyNode, context: RuleContext): boolean {
  const consequence = field(statement, 'consequence');
  if (!consequence) return false;
  const end = endId(consequence);
  for (let id = consequence.id; id < end; id++) {
    const node = context.tree.nodes[id]!;
    if ((node.type === 'break_statement' && enclosingLoop(node) === loop) || node.type === 'return_statement') return true;
  }
  return false;
}

/**
 * Every DataFrame the action's lineage runs through is made in the loop (`spark.table(name).count()` for
 * each name): each pass reads other data, and there is nothing before the loop to cache or to compute once.
 */
function madeAnewEachPass(data: Value, loop: PyNode, context: RuleContext, callsOfLoop: () => LoopCalls): boolean {
  const inLoop = madeInLoop(callsOfLoop());
  const lineage = dataLineage(data);
  for (const value of lineage) {
    if (value.op === 'inferred') {
      // a DataFrame known only from its use: made in the loop when what it was is (`df = ctx.session.sql(f"...
      // {view}")`, `df = frames[name]`), else it came from outside (a parameter)
      const made = value.parents[0];
      if (!made || !madeAnewInLoop(made, loop, context, callsOfLoop)) return false;
      continue;
    }
    if (!inLoop(value)) return false;
    // a source read the same way on each pass (`spark.table("sales")`) is the same data each time
    const isSource = !value.parents.some((parent) => lineage.has(parent));
    if (isSource && readsSameEachPass(value, loop, context) && !writtenInLoop(value, loop, context)) return false;
  }
  return true;
}

/**
 * What a DataFrame known only from its use was, made anew on each pass: a call in the loop that does not
 * read the same data each time (`ctx.session.sql(f"... {view}")`), an element a loop no other loop
 * encloses picks by its variable from a collection the analysis cannot follow (`source_dfs[name]`,
 * `dfs[i]`: another object on each pass, as the loop variable of `for name, df in frames.items()` is), or
 * what each branch of an `if` in the loop gave (a table read in one, an element picked in the other).
 */
function madeAnewInLoop(made: Value, loop: PyNode, context: RuleContext, callsOfLoop: () => LoopCalls, depth = 0): boolean {
  const node = made.node;
  if (!node) return false;
  // made in a helper the loop calls (`read_csv(path)` reading with a session the analysis does not know,
  // `spark` imported from the project): anew when the loop's call of it passes other values on each pass
  const helperCall = isInside(node, loop) ? undefined : callsOfLoop().callMaking(made);
  if (helperCall) return !argumentsSameEachPass(helperCall, loop, context) && !handsInOuterData(helperCall, loop, context);
  if (!isInside(node, loop)) return false;
  if (node.type === 'call') return !readsSameEachPass(made, loop, context);
  if (node.type === 'subscript') return pickedByLoopVariable(node, loop, context);
  const branches = made.parents.length === 2 && (node.type === 'if_statement' || node.type === 'conditional_expression') && depth < 4;
  return branches && made.parents.every((part) => (part.kind === 'DataFrame' ? madeAnewEachPass(part, loop, context, callsOfLoop) : madeAnewInLoop(part, loop, context, callsOfLoop, depth + 1)));
}

/**
 * `frames[name]` with `name` a variable of `loop`, which no other loop encloses, from a collection the
 * analysis cannot follow (a parameter) or one the file fills with a DataFrame made anew on each pass of
 * the loop that fills it (`sources[name] = spark.read.csv(f"{name}.csv")`); not `df["c"]`, a column, nor
 * a collection of filters of one table (`segments[c] = events.filter(...)`), which reads it again for each.
 */
function pickedByLoopVariable(subscript: PyNode, loop: PyNode, context: RuleContext): boolean {
  const pass = singleFor(loop);
  const left = pass && field(pass, 'left');
  const index = subscript.children.find((child) => child.field === 'subscript');
  const holder = field(subscript, 'value');
  const collection = context.model.valueOf(holder);
  if (!left || !index || !holder || index.type !== 'identifier' || enclosingLoop(loop) || collection?.kind === 'DataFrame') return false;
  if (!identifiersIn(left).some((target) => context.text(target) === context.text(index))) return false;
  if (collection?.kind !== 'PyDict' && collection?.kind !== 'PyList') return true;
  // a comprehension: its element is made on each of its passes
  const element = collection.op === 'comprehension' ? collection.parents[0] : undefined;
  if (element && collection.node) return element.kind === 'DataFrame' && madeAnewEachPass(element, collection.node, context, () => callsIn(collection.node!, context));
  return holder.type === 'identifier' && filledAnewEachPass(holder, context);
}

/** Every `name[key] = df` that fills the collection is in a loop that makes `df` anew on each pass. */
function filledAnewEachPass(name: PyNode, context: RuleContext): boolean {
  // the answer is the stores': an edit of one of them must visit this statement again
  context.readsOtherStatements();
  const stores = variableReferencesInScope(context, context.text(name), name).filter((use) => use.field === 'value' && use.parent?.type === 'subscript' && use.parent.field === 'left' && use.parent.parent?.type === 'assignment');
  return stores.length > 0 && stores.every((use) => {
    const assignment = use.parent!.parent!;
    const stored = context.model.valueOf(field(assignment, 'right'));
    const filling = enclosingLoop(assignment);
    return !!filling && stored?.kind === 'DataFrame' && madeAnewEachPass(stored, filling, context, () => callsIn(filling, context));
  });
}

/**
 * Whether a pass of the loop makes a value. Values are numbered as they are made: the values the loop's
 * calls make come after every value made before the loop (not a node's place: a value made in the loop's
 * previous pass, carried into this one, holds data from before the loop), and so do the values of the
 * helpers it calls, also when taken over with older numbers (byHelpers).
 */
function madeInLoop({ firstInLoop, byHelpers }: LoopCalls): (value: Value) => boolean {
  return (value) => value.id >= firstInLoop || byHelpers(value);
}

/**
 * What the loop's calls made. `firstInLoop`: the first id they made, a call's result or where the run of
 * a helper it calls started (numbered in this build, even when the run itself was taken over).
 * `byHelpers`: whether a helper called in the loop made a value (`create_df(path)` returning
 * `spark.read.json(path)`), its id in a run of such a call; not told by comparing ids, as after an edit a
 * helper call may take over its run of an earlier build, whose values keep their ids
 * (src/analysis/inlineCalls.ts).
 */
interface LoopCalls {
  firstInLoop: number;
  byHelpers: (value: Value) => boolean;
  /** The loop's call of a helper whose run made the value. */
  callMaking: (value: Value) => PyNode | undefined;
}

function callsIn(loop: PyNode, context: RuleContext): LoopCalls {
  let firstInLoop = Infinity;
  const runs: Array<readonly [number, number, PyNode]> = [];
  const end = endId(loop);
  for (let id = loop.id + 1; id < end; id++) {
    const node = context.tree.nodes[id]!;
    const record = node.type === 'call' ? context.model.callAt(node) : undefined;
    if (!record) continue;
    const made = record.result.node === node ? record.result.id : record.runs?.[0]?.[0];
    if (made !== undefined && made < firstInLoop) firstInLoop = made;
    for (const [first, after] of record.runs ?? []) runs.push([first, after, node]);
  }
  const run = (value: Value) => runs.find(([first, after]) => value.id >= first && value.id < after);
  return { firstInLoop, byHelpers: (value) => run(value) !== undefined, callMaking: (value) => run(value)?.[2] };
}

/**
 * The loop takes another DataFrame on each pass (`for name, df in [("trips", trips), ("zones", zones)]`,
 * or a list of them held in a name), DataFrames that share no lineage, the action's lineage runs through
 * nothing else made before the loop, and no outer loop repeats it: one job per DataFrame, as the
 * unrolled code would run, and nothing computed twice.
 */
function passesOverDataFrames(data: Value, loop: PyNode, context: RuleContext, callsOfLoop: () => LoopCalls): boolean {
  // a for statement, or a comprehension with one `for`; inside another loop, each DataFrame is computed
  // again on every pass of the outer one
  const pass = singleFor(loop);
  if (!pass || enclosingLoop(loop)) return false;
  const lineage = dataLineage(data);
  // the loop variable holds each element in turn: the model joins them as the branches of one value; so
  // is an entry picked by the loop variable (`frames[name]` for each name of a dict's keys written out)
  const left = field(pass, 'left');
  const loopNames = new Set(left ? identifiersIn(left).map((target) => context.text(target)) : []);
  const pickedPerPass = (node: PyNode) => {
    const index = node.type === 'subscript' ? node.children.find((child) => child.field === 'subscript') : undefined;
    return index?.type === 'identifier' && loopNames.has(context.text(index)) && isInside(node, loop);
  };
  const element = [...lineage].find((value) => value.op === 'join-branches' && !!value.node && (value.node === pass || pickedPerPass(value.node)));
  if (!element || element.parents.length < 2 || element.parents.some((part) => part.kind !== 'DataFrame')) return false;
  const elementLineage = new Set<Value>();
  for (const part of element.parents) {
    for (const value of dataLineage(part)) {
      if (elementLineage.has(value)) return false; // shared by two elements: computed on both passes
      elementLineage.add(value);
    }
  }
  // what the action reads besides the loop variable: made in the loop, and none of the elements' data
  // (`frame.join(trips)` reads trips again on every pass)
  const besides = new Set<Value>();
  const queue = [data];
  while (queue.length) {
    const value = queue.pop()!;
    if (value === element || besides.has(value)) continue;
    besides.add(value);
    for (const parent of value.parents) if (lineage.has(parent)) queue.push(parent);
  }
  const { byHelpers } = callsOfLoop();
  return [...besides].every((value) => !elementLineage.has(value) && (value.id > element.id || byHelpers(value)));
}

/**
 * The action is on the loop variable, or on steps of it that read no other DataFrame, in a loop no other
 * loop encloses, over objects the model cannot follow (`for sheet, df in frames.items(): df.toPandas()`
 * with `frames` a parameter): each pass acts on another object, once.
 */
function actsOnLoopVariable(data: Value, dataNode: PyNode, loop: PyNode, context: RuleContext): boolean {
  const pass = singleFor(loop);
  const left = pass && field(pass, 'left');
  if (!left || enclosingLoop(loop)) return false;
  // only data the model cannot follow: a DataFrame it knows (made before the loop, or a split of one) is
  // for passesOverDataFrames and madeAnewEachPass to judge; or the DataFrames a dict was filled with, one
  // made anew on each pass of the loop that filled it (`for table, frame in frames.items()`)
  if (!overFilledAnew(pass, context) && ![...dataLineage(data)].every((value) => value.op === 'inferred' || (value.node !== undefined && isInside(value.node, loop)))) return false;
  // the loop variable as the loop bound it, not a name rebound in the body (`df = big.join(df, "k")`)
  const targets = new Map(identifiersIn(left).map((target) => [context.text(target), context.model.valueOf(target)]));
  for (let node: PyNode | undefined = dataNode; node; ) {
    node = unparenthesize(node);
    if (node.type === 'identifier') {
      const name = context.text(node);
      if (!targets.has(name)) return false;
      const bound = targets.get(name);
      const value = context.model.valueOf(node);
      return !!bound && (value === bound || (value?.op === 'inferred' && value.parents[0] === bound));
    }
    if (node.type === 'call') {
      const args = context.model.callAt(node)?.parts;
      const kindOf = (arg: PyNode) => (context.model.valueOf(arg) ?? (arg.type === 'call' ? context.model.callAt(arg)?.result : undefined))?.kind;
      const holdsData = (arg: PyNode): boolean => ['DataFrame', 'RDD'].includes(kindOf(arg) ?? '') || arg.children.some(holdsData);
      const readsData = [...(args?.positional ?? []), ...(args?.keywords.values() ?? [])].some((arg) => {
        // a DataFrame anywhere in it, or what the model could not follow (`other.where(...)` on a parameter)
        const kind = kindOf(arg);
        return kind === 'Unknown' || kind === undefined || holdsData(arg);
      });
      const callee = field(node, 'function');
      if (readsData || callee?.type !== 'attribute') return false;
      node = field(callee, 'object');
    } else if (node.type === 'attribute') {
      node = field(node, 'object');
    } else {
      return false;
    }
  }
  return false;
}

/** `for table, frame in frames.items()` (or `values()`) over a dict the file fills with a DataFrame made anew per pass. */
function overFilledAnew(pass: PyNode, context: RuleContext): boolean {
  const iterable = field(pass, 'right');
  const callee = iterable?.type === 'call' ? field(iterable, 'function') : undefined;
  const method = callee?.type === 'attribute' ? field(callee, 'attribute') : undefined;
  const holder = method && ['items', 'values'].includes(context.text(method)) ? field(callee!, 'object') : undefined;
  return holder?.type === 'identifier' && filledAnewEachPass(holder, context);
}

/**
 * `self.distribution(recs, k)`: the helper is handed data bound before the loop (a DataFrame, or what the
 * analysis cannot follow, held in a name the loop does not bind): it derives from the same rows on every
 * pass, however the other arguments vary.
 */
function handsInOuterData(call: PyNode, loop: PyNode, context: RuleContext): boolean {
  const parts = context.model.callAt(call)?.parts;
  return [...(parts?.positional ?? []), ...(parts?.keywords.values() ?? [])].some((argument) => {
    if (argument.type !== 'identifier' || assignedIn(loop, context.text(argument), context)) return false;
    const kind = context.model.valueOf(argument)?.kind;
    return kind === undefined || kind === 'DataFrame' || kind === 'RDD' || kind === 'Unknown';
  });
}

/** Writer methods that name where they write by their first argument. */
const WRITES: ReadonlySet<string> = new Set(['parquet', 'csv', 'json', 'orc', 'text', 'avro', 'delta', 'save', 'saveAsTable', 'insertInto']);

/**
 * The loop writes what the source reads (`ranks = spark.read.parquet(STATE)` ... `.write.mode("overwrite")
 * .parquet(STATE)`, an iterative algorithm): each pass reads what the last one wrote, so it must read again.
 */
function writtenInLoop(source: Value, loop: PyNode, context: RuleContext): boolean {
  // `spark.read.parquet(path)`, `spark.table(name)`; `DeltaTable.forName(spark, name)`
  const handle = deltaHandle(source);
  const read = !handle && source.node ? context.model.callAt(source.node)?.parts : undefined;
  const target = handle ? deltaTarget(handle, context) : (read?.positional[0] ?? read?.keywords.get('path') ?? read?.keywords.get('tableName'));
  if (!target) return false;
  const same = (written: PyNode) => context.text(written) === context.text(target) || (stringValue(context.tree, written) ?? null) === (stringValue(context.tree, target) ?? undefined);
  const end = endId(loop);
  for (let id = loop.id + 1; id < end; id++) {
    const node = context.tree.nodes[id]!;
    const record = node.type === 'call' ? context.model.callAt(node) : undefined;
    // a Delta table changed in place (`merge`, `update`, `delete`) through a handle on the same table
    const changed = record?.receiver?.op === DELTA_TABLE && DELTA_WRITES.has(record.parts.method ?? '') ? deltaTarget(record.receiver, context) : undefined;
    if (changed) {
      if (same(changed)) return true;
      continue;
    }
    if (record?.receiver?.kind !== 'Writer' || !WRITES.has(record.parts.method ?? '')) continue;
    const written = record.parts.positional[0] ?? record.parts.keywords.get('path') ?? record.parts.keywords.get('name') ?? record.parts.keywords.get('tableName');
    if (written && same(written)) return true;
  }
  return false;
}

/** DeltaTable methods that change the table's rows (not `vacuum`/`optimize`, which only compact or clean its files). */
const DELTA_WRITES = new Set(['merge', 'update', 'delete', 'restoreToVersion', 'restoreToTimestamp']);

/** The Delta Lake table handle (`DeltaTable.forName(spark, "t")`) a `toDF()` or `history()` reads. */
function deltaHandle(value: Value): Value | undefined {
  return value.parents.find((parent) => parent.op === DELTA_TABLE);
}

/** The table name or path a DeltaTable handle was made for (`DeltaTable.forPath(spark, path)`: `path`). */
function deltaTarget(handle: Value, context: RuleContext): PyNode | undefined {
  const parts = handle.node?.type === 'call' ? context.model.callAt(handle.node)?.parts : undefined;
  return parts?.positional[1] ?? parts?.keywords.get('tableOrViewName') ?? parts?.keywords.get('path');
}

/**
 * A read whose arguments are all constants (`spark.table("sales")`, `spark.sql("SELECT ...")`), written
 * in place or held in a name bound to one before the loop (`spark.table(SALES)`).
 */
function readsSameEachPass(source: Value, loop: PyNode, context: RuleContext): boolean {
  if (!source.node || !argumentsSameEachPass(source.node, loop, context)) return false;
  // and so are the reader's options: `.option("versionAsOf", v).load(path)` reads another snapshot on each pass
  for (let reader = source.parents[0]; reader?.kind === 'Reader'; reader = reader.parents[0]) {
    if (reader.node?.type === 'call' && isInside(reader.node, loop) && !argumentsSameEachPass(reader.node, loop, context)) return false;
  }
  // and the table of a Delta handle made in the loop: `DeltaTable.forName(spark, name).toDF()`
  const handle = deltaHandle(source);
  return !handle?.node || handle.node.type !== 'call' || !isInside(handle.node, loop) || argumentsSameEachPass(handle.node, loop, context);
}

/** Every argument of the call is a constant, written in place or held in a name bound to one before the loop. */
function argumentsSameEachPass(call: PyNode, loop: PyNode, context: RuleContext): boolean {
  const parts = context.model.callAt(call)?.parts;
  if (!parts || parts.hasStarArgs) return false;
  const isLiteral = (node: PyNode) => SCALAR_LITERALS.has(node.type) || stringValue(context.tree, node) !== undefined;
  // a name bound to a literal before the loop and not bound again in it
  const isConstantName = (name: PyNode): boolean => {
    const bound = name.type === 'identifier' ? context.model.valueOf(name) : undefined;
    return bound?.kind === 'PyScalar' && bound.node !== undefined && isLiteral(bound.node) && !isInside(bound.node, loop) && !assignedIn(loop, context.text(name), context);
  };
  // `f"{DATA_ROOT}/reference.csv"`: an f-string of such names
  const isConstantText = (node: PyNode) =>
    node.type === 'string' && node.children.filter((child) => child.type === 'interpolation').every((field) => namedChildren(field).length === 1 && isConstantName(namedChildren(field)[0]!));
  // the session (`DeltaTable.forName(spark, "t")`) is the same on every pass
  const isSession = (node: PyNode) => context.model.valueOf(node)?.kind === 'SparkSession';
  return [...parts.positional, ...parts.keywords.values()].every((argument) => isLiteral(argument) || isConstantText(argument) || isConstantName(argument) || isSession(argument));
}

const BINDING_PARENTS = new Set(['assignment', 'augmented_assignment', 'named_expression', 'for_statement', 'for_in_clause']);

/** The loop binds the name (`k += 5`, `(k := ...)`, a `for k in` inside it): it holds another value on later passes. */
function assignedIn(loop: PyNode, name: string, context: RuleContext): boolean {
  const end = endId(loop);
  for (let id = loop.id + 1; id < end; id++) {
    const node = context.tree.nodes[id]!;
    if (node.type !== 'identifier' || context.text(node) !== name) continue;
    // the target, or a name in a tuple target (`k, page = ...`)
    let target = node;
    while (target.parent && (target.parent.type === 'pattern_list' || target.parent.type === 'tuple_pattern' || target.parent.type === 'tuple' || target.parent.type === 'list_pattern')) target = target.parent;
    const holder = target.parent;
    if (holder && BINDING_PARENTS.has(holder.type) && (target.field === 'left' || target.field === 'name')) return true;
  }
  return false;
}
