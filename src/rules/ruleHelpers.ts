// Small helpers shared by rules: ranges that anchor on the method of a call, and value questions.
import type { CallRecord, SemanticModel } from '../analysis/model';
import { columnNameOf } from '../analysis/columnNames';
import type { Value } from '../analysis/values';
import { type PyNode, ancestor, commentsWithin, field, identifiersNamed, identifiersNamedWithin, isBinaryOperator, namedChildren, parameterNames, stringValue, unparenthesize } from '../analysis/syntax';
import { endOf, rangeOf, startOf } from './positions';
import type { RuleContext } from './rule';
import type { Range, TextEdit } from './types';
import { mlObjectsNamed } from './modelIndex';

/** `df.collect()` -> the range `collect()`: diagnostics sit on the method, not on the whole chain. */
export function methodRange(call: PyNode, record: CallRecord): Range {
  const method = record.parts.methodNode;
  return method ? { start: startOf(method), end: endOf(call) } : rangeOf(call);
}

/** The evaluated call at `node` when it is `receiver.method(...)` with one of `methods`. */
export function methodCall(node: PyNode, context: RuleContext, methods: ReadonlySet<string> | string): CallRecord | undefined {
  const record = context.model.callAt(node);
  const method = record?.parts.method;
  if (!record || !method || !record.receiver) return undefined;
  if (typeof methods === 'string' ? method !== methods : !methods.has(method)) return undefined;
  return record;
}

/**
 * The node that sets a param of an ML object: its setter (`.setOutputCol("x")`, called after the
 * constructor, so it wins), else its constructor keyword (`outputCol="x"`).
 */
export function mlParamNode(context: RuleContext, value: Value, param: string): PyNode | undefined {
  const setter = value.facts?.[`set${param.charAt(0).toUpperCase()}${param.slice(1)}`] as PyNode | undefined;
  return setter ?? (value.node ? context.model.callAt(value.node)?.parts.keywords.get(param) : undefined);
}

/**
 * A DataFrame of a few rows by construction: literals, or a `limit(n)` upstream (or a `spark.sql` query
 * ending in `LIMIT n`) with nothing that adds rows since (not `sample()`, which keeps a fraction of any size).
 */
export function isLimitedOrLiteral(frame: Value): boolean {
  if (frame.bound === 'literal') return true;
  for (let value: Value | undefined = frame; value?.bound === 'limited'; value = value.parents[0]) {
    if (value.op === 'limit' || (value.op === 'sql' && value.facts?.limitClause)) return true;
  }
  return false;
}

/** Small by construction: literals, a `limit(n)` (isLimitedOrLiteral), or an aggregate (one row per group). */
export function isSmallByConstruction(frame: Value): boolean {
  return frame.bound === 'aggregated' || isLimitedOrLiteral(frame);
}

/**
 * The values a module-level function's parameter is given at every call of the function in the file
 * (`def index_to_word(topic_df)` ... `index_to_word(topics)`): undefined when the function is not called,
 * is used otherwise than called (passed on, decorated, a method), or a call passes `*args`/`**kwargs`.
 */
export function argumentsPassed(parameter: PyNode, context: RuleContext): Value[] | undefined {
  return argumentsPassedAt(parameter, context)?.map(({ value }) => value);
}

/** argumentsPassed, with the argument each value was passed as (where the call gives it). */
export function argumentsPassedAt(parameter: PyNode, context: RuleContext): Array<{ value: Value; argument: PyNode }> | undefined {
  // the answer is the calls': an edit of one of them must visit this statement again
  context.readsOtherStatements();
  const calls = directCalls(parameter, context);
  if (!calls?.length) return undefined;
  const index = namedChildren(parameter.parent!).indexOf(parameter);
  const name = parameterNames(context.tree, parameter.parent!.parent!)[index];
  if (!name) return undefined;
  const passed: Array<{ value: Value; argument: PyNode }> = [];
  for (const call of calls) {
    const argument = call.parts.keywords.get(name) ?? call.parts.positional[index];
    const value = argument && context.model.valueOf(argument);
    if (!value) return undefined;
    passed.push({ value, argument });
  }
  return passed;
}

/**
 * The calls of the module-level function that has `parameter`, when every use of its name in the file is a
 * call of it without `*args`/`**kwargs` (not passed on as a callback, decorated, a method; none when the
 * file does not call it: a library module's callers are elsewhere); undefined when there is another use.
 */
function directCalls(parameter: PyNode, context: RuleContext): CallRecord[] | undefined {
  const parameters = parameter.parent?.type === 'parameters' ? parameter.parent : undefined;
  const fn = parameters?.parent;
  const nameNode = fn?.type === 'function_definition' ? field(fn, 'name') : undefined;
  if (!fn || !nameNode) return undefined;
  const inClass = fn.parent?.parent?.type === 'class_definition' || (fn.parent?.type === 'decorated_definition' && fn.parent.parent?.parent?.type === 'class_definition');
  // `__init__`, `__call__`: called through the class or the instance, never by their names
  if (inClass && /^__\w+__$/.test(context.text(nameNode))) return undefined;
  if (inClass || fn.parent?.type === 'decorated_definition') {
    // a method or a decorated function: its calls are not read, but none at all in the file (no `obj.fill`
    // for a method, no use of the name for a function) means the callers are in other modules, as for a plain function
    const name = context.text(nameNode);
    const used = inClass ? identifiersNamed(context.tree, name).some((use) => use.field === 'attribute') : variableReferences(context, name).some((use) => use !== nameNode);
    return used ? undefined : [];
  }
  const uses = variableReferences(context, context.text(nameNode)).filter((use) => use !== nameNode);
  // the name defined again (a notebook's cell copied for a second dataset): its calls are those up to the next definition
  const redefinitions = uses.filter((use) => use.field === 'name' && use.parent?.type === 'function_definition');
  const next = redefinitions.find((definition) => definition.startIndex > nameNode.startIndex)?.startIndex ?? Infinity;
  // a call in a function body runs when that function is called, after the module ran: the last definition's
  const isLast = next === Infinity;
  const own = (use: PyNode) => (ancestor(use, FUNCTIONS) ? isLast : use.startIndex > nameNode.startIndex && use.startIndex < next);
  const calls: CallRecord[] = [];
  for (const use of redefinitions.length ? uses.filter((use) => !redefinitions.includes(use) && own(use)) : uses) {
    const call = use.parent?.type === 'call' && use.field === 'function' ? context.model.callAt(use.parent) : undefined;
    if (!call || call.parts.hasStarArgs) return undefined;
    calls.push(call);
  }
  return calls;
}

/** Every use of `name` is its one definition or `name(x)`: a plain function then serves every use. */
export function onlyCalledWithOneArgument(context: RuleContext, name: string): boolean {
  let definitions = 0;
  for (const node of variableReferences(context, name)) {
    const parent = node.parent;
    if ((parent?.type === 'function_definition' && node.field === 'name') || (parent?.type === 'assignment' && node.field === 'left')) {
      definitions++;
      continue;
    }
    if (parent?.type !== 'call' || node.field !== 'function') return false;
    const args = namedChildren(field(parent, 'arguments') ?? parent);
    if (args.length !== 1 || args[0]!.type === 'keyword_argument' || args[0]!.type === 'list_splat' || args[0]!.type === 'dictionary_splat') return false;
  }
  return definitions === 1;
}

/** pandas' writers of a result brought to the driver (`to_dict`, `to_records` stay in memory). */
const EXPORTS = /^(?:to_csv|to_parquet|to_json|to_excel|to_sql|to_pickle|to_feather|to_orc|to_hdf)$/;

/**
 * The rows an action at `call` brings to the driver are what the code delivers: returned by its function, or
 * exported by pandas (`to_csv`, `to_parquet`, ...), in the statement or through the name they are assigned
 * to. A limit there would cut the output without an error, so no limit fix is offered.
 */
export function deliveredAsIs(call: PyNode, context: RuleContext): boolean {
  const delivers = (node: PyNode): boolean => {
    const parent = node.parent;
    if (parent?.type === 'return_statement') return true;
    const method = parent?.type === 'attribute' && node.field === 'object' ? field(parent, 'attribute') : undefined;
    return method !== undefined && EXPORTS.test(context.text(method)) && parent!.parent?.type === 'call';
  };
  if (delivers(call)) return true;
  const assignment = call.parent?.type === 'assignment' && call.field === 'right' ? call.parent : undefined;
  const target = assignment ? field(assignment, 'left') : undefined;
  if (target?.type !== 'identifier') return false;
  return variableReferencesInScope(context, context.text(target), target).some((use) => use.startIndex > call.endIndex && delivers(use));
}

/** Steps that keep the rows they are given (columns chosen, added, renamed or dropped, rows sorted). */
export const KEEPS_ROWS: ReadonlySet<string> = new Set(['select', 'withColumn', 'withColumns', 'withColumnRenamed', 'withColumnsRenamed', 'drop', 'alias', 'toDF', 'orderBy', 'sort']);

/**
 * Rows a `.collect()`/`.toPandas()` at `node` may bring to the driver that are few after all, though the
 * model calls the DataFrame unbounded: a lookup by a table's own key (readsOneKey), or a query a function
 * is handed whose calls in the file all pass small ones (queryOnlySmallAtCalls).
 */
export function fewRowsAfterAll(node: PyNode, frame: Value, context: RuleContext): boolean {
  return readsOneKey(frame) || queryOnlySmallAtCalls(node, frame, context);
}

/**
 * `def run_sql(sql): return spark.sql(sql).collect()`: the query is the callers'. Each call of the file that
 * ran the body inline recorded the action at `node` with its own query (`run_sql("USE CATALOG main")` is
 * small); unbounded when one of them is, unknown (not reported) when no call ran it.
 */
function queryOnlySmallAtCalls(node: PyNode, frame: Value, context: RuleContext): boolean {
  let value: Value | undefined = frame;
  for (let steps = 0; value && !value.facts?.queryFromCaller; steps++) value = steps < 20 && value.kind === 'DataFrame' ? value.parents[0] : undefined;
  const parameter = value?.facts?.queryFromCaller as PyNode | undefined;
  if (!parameter) return false;
  // the answer is the calls': an edit of one of them must visit this statement again
  context.readsOtherStatements();
  // every use of the helper a call of the file that ran its body (not a callback of `pool.map`, nor a call
  // past the inline budget, whose query is not seen); without a call, its callers and queries are elsewhere
  const calls = directCalls(parameter, context);
  if (!calls?.every((call) => call.callee.kind === 'Function' && !call.bodyNotRun)) return false;
  return !context.model.actions.some((action) => action.inline && action.call === node && action.receiver.bound === 'unbounded');
}

/**
 * Rows of a lookup by a table's own key (`spark.sql("SELECT * FROM dim_customer WHERE customer_id = 1")`,
 * then at most steps that keep its rows): a row, or a few of its history. Only the rules about bringing
 * rows to the driver (SPK101, SPK102) read it; the query still reads the whole table.
 */
function readsOneKey(frame: Value): boolean {
  let value: Value | undefined = frame;
  for (let steps = 0; value && steps < 20; steps++) {
    if (value.facts?.keyLookup) return true;
    if (!KEEPS_ROWS.has(value.op ?? '') || value.kind !== 'DataFrame') return false;
    value = value.parents[0];
  }
  return false;
}

/**
 * A StringIndexer that only numbers the user or item ids of an ALS (its output is the ALS's userCol or
 * itemCol, `user`/`item` by default): an id is not a feature, so fitting it on every row leaks nothing,
 * and the rows it would skip are the cold-start rows ALS cannot score anyway.
 */
export function isRecommenderIdIndexer(stage: Value, context: RuleContext): boolean {
  if (stage.name !== 'StringIndexer') return false;
  // `outputCol="user_idx"`, or `outputCols=["user_idx", "item_idx"]` (or a tuple) for both
  // `outputCol=c + "_index"` in `[StringIndexer(...) for c in ["user", "item"]]`: each value it takes
  const single = possibleStrings(mlParamNode(context, stage, 'outputCol'), context);
  const list = mlParamNode(context, stage, 'outputCols');
  const outputs = single ?? (list?.type === 'list' || list?.type === 'tuple' ? namedChildren(list).map((item) => stringValue(context.tree, item)) : []);
  if (!outputs.length || outputs.some((output) => !output)) return false;
  const ids = recommenderIdColumns(context);
  return outputs.every((output) => ids.has(output));
}

/**
 * The strings an expression can be: a literal, a `+` or f-string of such parts, or the variable of a
 * `for` (a statement or a comprehension's clause around the expression) over a literal list or tuple of
 * strings (`c + "_index"` for `c in ["user", "item"]` is "user_index" or "item_index"); else undefined.
 */
export function possibleStrings(node: PyNode | undefined, context: RuleContext, depth = 0): string[] | undefined {
  if (!node || depth > 8) return undefined;
  const target = unparenthesize(node);
  const literal = stringValue(context.tree, target);
  if (literal !== undefined) return [literal];
  const product = (parts: Array<string[] | undefined>): string[] | undefined => {
    let values = [''];
    for (const part of parts) {
      if (!part || values.length * part.length > 64) return undefined;
      values = values.flatMap((value) => part.map((next) => value + next));
    }
    return values;
  };
  if (isBinaryOperator(target, '+')) {
    return product([possibleStrings(field(target, 'left'), context, depth + 1), possibleStrings(field(target, 'right'), context, depth + 1)]);
  }
  if (target.type === 'string') {
    // f"{c}_index": its text parts and its interpolations (without a format spec or conversion)
    const parts = target.children.filter((child) => child.type === 'string_content' || child.type === 'interpolation');
    return product(parts.map((part) => (part.type === 'string_content' ? [context.text(part)] : namedChildren(part).length === 1 ? possibleStrings(namedChildren(part)[0], context, depth + 1) : undefined)));
  }
  if (target.type !== 'identifier') return undefined;
  const name = context.text(target);
  for (let around = target.parent; around && !SCOPE_TYPES.has(around.type); around = around.parent) {
    // of a comprehension's clauses that bind the name, the last one's is the value its element sees
    const clauses = around.type === 'for_statement' ? [around] : around.children.filter((child) => child.type === 'for_in_clause').reverse();
    for (const clause of clauses) {
      const variable = field(clause, 'left');
      const items = field(clause, 'right');
      if (!variable || isInside(target, items) || !identifiersIn(variable).some((bound) => context.text(bound) === name)) continue;
      if (variable.type !== 'identifier' || (items?.type !== 'list' && items?.type !== 'tuple')) return undefined;
      const values = namedChildren(items).map((item) => stringValue(context.tree, item));
      return values.every((value) => value !== undefined) ? (values as string[]) : undefined;
    }
  }
  return undefined;
}

const recommenderIds = new WeakMap<SemanticModel, ReadonlySet<string | undefined>>();

/** The user and item columns of every ALS in the file (read once per lint: every stateful stage asks). */
function recommenderIdColumns(context: RuleContext): ReadonlySet<string | undefined> {
  let ids = recommenderIds.get(context.model);
  if (!ids) {
    const column = (als: Value, param: string, fallback: string) => {
      const node = mlParamNode(context, als, param);
      return node ? stringValue(context.tree, node) : fallback;
    };
    ids = new Set(mlObjectsNamed(context.model, 'ALS').flatMap((als) => [column(als, 'userCol', 'user'), column(als, 'itemCol', 'item')]));
    recommenderIds.set(context.model, ids);
  }
  return ids;
}

/**
 * A short display of an expression for messages, on one line and cut at 40 characters: a chain written
 * over several lines (`spark\n    .table(...)\n    .select(...)`) is joined, and outer parentheses dropped.
 */
export function shortText(context: RuleContext, node: PyNode): string {
  const target = unparenthesize(node);
  // comments inside an expression over several lines are left out (`events  # raw\n .filter(...)`)
  let text = context.text(target);
  const comments: PyNode[] = [];
  const collect = (at: PyNode): void => at.children.forEach((child) => (child.type === 'comment' ? comments.push(child) : collect(child)));
  if (target.startRow !== target.endRow) collect(target);
  for (const comment of comments.reverse()) text = text.slice(0, comment.startIndex - target.startIndex) + text.slice(comment.endIndex - target.startIndex);
  text = text.trim().replace(/\s*[\r\n]+\s*(?=[.)\]])/g, '').replace(/\s*[\r\n]+\s*/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const LOOP_TYPES = new Set(['for_statement', 'while_statement', 'list_comprehension', 'generator_expression', 'set_comprehension', 'dictionary_comprehension']);
const SCOPE_TYPES = new Set(['function_definition', 'lambda', 'class_definition']);

/** The one `for` of a loop: the for statement itself, or a comprehension's only `for` clause (undefined for while or several). */
export function singleFor(loop: PyNode): PyNode | undefined {
  if (loop.type === 'for_statement') return loop;
  const clauses = loop.children.filter((child) => child.type === 'for_in_clause');
  return clauses.length === 1 ? clauses[0] : undefined;
}

/** The identifiers of a loop target or any other expression (`name, (i, df)` -> name, i, df). */
export function identifiersIn(node: PyNode): PyNode[] {
  return node.type === 'identifier' ? [node] : node.children.flatMap(identifiersIn);
}

/** The innermost loop around `node` in the same function (a loop's iterable is not inside it). */
export function enclosingLoop(node: PyNode): PyNode | undefined {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (SCOPE_TYPES.has(current.type)) return undefined;
    if (!LOOP_TYPES.has(current.type)) continue;
    if (current.type === 'for_statement' && child.field === 'right') continue;
    if (current.type !== 'for_statement' && current.type !== 'while_statement') {
      // in a comprehension, only the body and later clauses repeat; the first iterable runs once
      const firstClause = current.children.find((c) => c.type === 'for_in_clause');
      if (child === firstClause && isInside(node, firstClause.children.find((c) => c.field === 'right'))) continue;
    }
    return current;
  }
  return undefined;
}

/** The innermost loop around `node` that may run more than once (passCount): a loop over one item is not one. */
export function repeatingLoop(node: PyNode, context: RuleContext): PyNode | undefined {
  let loop = enclosingLoop(node);
  while (loop && passCount(loop, context) === 1) loop = enclosingLoop(loop);
  return loop;
}

/**
 * How many passes a `for` loop makes when its items are written out: a literal list, tuple, set or dict
 * (`.items()`, `.keys()`, `.values()` of one), in the loop or held in a name that still holds what was
 * written (no `append`, no item changed), or `range(n)` of a literal. Undefined when not known.
 */
export function passCount(loop: PyNode, context: RuleContext): number | undefined {
  let iterable = loop.type === 'for_statement' ? field(loop, 'right') : undefined;
  if (!iterable) return undefined;
  iterable = unparenthesize(iterable);
  if (iterable.type === 'call') {
    const callee = field(iterable, 'function');
    const args = namedChildren(field(iterable, 'arguments') ?? iterable);
    if (callee?.type === 'identifier' && context.text(callee) === 'range' && args.length === 1 && args[0]!.type === 'integer') return Math.max(0, Number(context.text(args[0]!)));
    const copied = copiedCollection(iterable, context);
    if (copied) return writtenItems(copied);
    const method = callee?.type === 'attribute' ? context.text(field(callee, 'attribute') ?? callee) : '';
    if (args.length || !DICT_VIEWS.has(method)) return undefined;
    iterable = unparenthesize(field(callee!, 'object') ?? iterable);
  }
  if (iterable.type === 'identifier') {
    // what the name holds here, still as written (a list that grew or changed has other or unknown items);
    // its uses anywhere in scope decide, so an edit of another statement must visit this one again
    context.readsOtherStatements();
    if (!onlyRead(iterable, context)) return undefined;
    const value = context.model.valueOf(iterable);
    // `set(["OrderDate"])`: a copy of a written collection, as many items
    const copied = value?.node?.type === 'call' && value.op !== 'join-branches' ? copiedCollection(value.node, context) : undefined;
    if (copied) return writtenItems(copied);
    const written = value?.node && WRITTEN_COLLECTIONS.has(value.node.type) && value.op !== 'join-branches' ? value.node : undefined;
    const items = written && writtenItems(written);
    return items && items === (value!.elements ?? value!.entries)?.length ? items : undefined;
  }
  return WRITTEN_COLLECTIONS.has(iterable.type) ? writtenItems(iterable) : undefined;
}

const DICT_VIEWS = new Set(['items', 'keys', 'values']);
const WRITTEN_COLLECTIONS = new Set(['list', 'tuple', 'set', 'dictionary']);
const COPIES = new Set(['set', 'frozenset', 'list', 'tuple', 'sorted']);

/** `set(["a"])`, `list(("a", "b"))`, `sorted({...})`: the written collection the builtin copies (one argument). */
function copiedCollection(call: PyNode, context: RuleContext): PyNode | undefined {
  const callee = field(call, 'function');
  const args = namedChildren(field(call, 'arguments') ?? call);
  if (callee?.type !== 'identifier' || !COPIES.has(context.text(callee)) || args.length !== 1) return undefined;
  const copied = unparenthesize(args[0]!);
  return WRITTEN_COLLECTIONS.has(copied.type) ? copied : undefined;
}

/**
 * The name is bound once, by an assignment, and otherwise only read where nothing can change what it holds:
 * iterated, tested with `in`, added to (`cols + more`), unpacked or passed to a method or a class
 * (`df.select(*cols)`, `VectorAssembler(inputCols=cols)`). Not a parameter (a default is one value of
 * many), not `global`, not aliased, not passed to a function (`add_days(days)` may extend it), not a
 * receiver (`cols.add(c)`).
 */
function onlyRead(name: PyNode, context: RuleContext): boolean {
  const text = context.text(name);
  // a name a function only reads is the module's: its bindings and uses are the module's
  const local = bindingsInScope(context, text, name);
  const scope = local.length ? name : context.tree.root;
  const bindings = local.length ? local : bindingsInScope(context, text, scope);
  if (bindings.length !== 1 || bindings[0]!.parent?.type !== 'assignment' || bindings[0]!.field !== 'left') return false;
  return variableReferencesInScope(context, text, scope).every((use) => {
    const parent = use.parent;
    if (use === bindings[0] || use === name || !parent) return true;
    if ((parent.type === 'for_statement' || parent.type === 'for_in_clause') && use.field === 'right') return true;
    if (parent.type === 'comparison_operator' || parent.type === 'binary_operator') return true;
    const argument = parent.type === 'list_splat' || (parent.type === 'keyword_argument' && use.field === 'value') ? parent.parent : parent;
    const call = argument?.type === 'argument_list' ? argument.parent : undefined;
    const callee = call?.type === 'call' ? field(call, 'function') : undefined;
    return callee?.type === 'attribute' || (callee?.type === 'identifier' && /^[A-Z]/.test(context.text(callee)));
  });
}

/** The items of a written-out collection, unless one is unpacked into it (`[*a, b]`, `{**d}`) or made by a comprehension. */
function writtenItems(collection: PyNode): number | undefined {
  const items = namedChildren(collection).filter((item) => item.type !== 'comment');
  return items.some((item) => item.type === 'list_splat' || item.type === 'dictionary_splat') ? undefined : items.length;
}

/** `node` lies within `container`'s text. */
export function isInside(node: PyNode, container: PyNode | undefined): boolean {
  return !!container && node.startIndex >= container.startIndex && node.endIndex <= container.endIndex;
}

/** Identifiers named `name` that read or bind the variable (not `x.name` attributes or `name=` keywords). */
export function variableReferences(context: RuleContext, name: string): PyNode[] {
  return identifiersNamed(context.tree, name).filter(isVariableReference);
}

/** The variable references of `name` that start in [start, end): a binary search, for large files. */
export function variableReferencesWithin(context: RuleContext, name: string, start: number, end: number): PyNode[] {
  return identifiersNamedWithin(context.tree, name, start, end).filter(isVariableReference);
}

/**
 * The variable references of `name` where a variable bound at `at` can be read: inside the function
 * holding `at` (nested functions included), or the whole file at module level or when the function
 * declares the name `global`/`nonlocal`. Scoping keeps a rule's look-ups within one function of a large
 * file, and a local of another function with the same name is another variable.
 */
export function variableReferencesInScope(context: RuleContext, name: string, at: PyNode): PyNode[] {
  const scope = localScopeOf(context, name, at);
  return scope ? variableReferencesWithin(context, name, scope.startIndex, scope.endIndex) : atModuleLevel(context, name, variableReferences(context, name));
}

/** The targets of `name` bound where `at`'s variable lives (see variableReferencesInScope), in document order. */
export function bindingsInScope(context: RuleContext, name: string, at: PyNode): PyNode[] {
  const scope = localScopeOf(context, name, at);
  if (!scope) return atModuleLevel(context, name, context.model.bindingsNamed(name).map((binding) => binding.node));
  return identifiersNamedWithin(context.tree, name, scope.startIndex, scope.endIndex).filter((node) => context.model.bindingAt(node));
}

/** Leaves out the nodes inside a function that binds `name` itself (without `global`): a variable of its own. */
function atModuleLevel(context: RuleContext, name: string, nodes: PyNode[]): PyNode[] {
  const ownsName = new Map<PyNode, boolean>();
  const owns = (fn: PyNode) => {
    let answer = ownsName.get(fn);
    if (answer === undefined) {
      ownsName.set(fn, (answer = !declaresNonLocal(context, name, fn) && identifiersNamedWithin(context.tree, name, fn.startIndex, fn.endIndex).some((node) => context.model.bindingAt(node))));
    }
    return answer;
  };
  return nodes.filter((node) => {
    for (let fn = ancestor(node, FUNCTIONS); fn; fn = ancestor(fn, FUNCTIONS)) if (owns(fn)) return false;
    return true;
  });
}

export const FUNCTIONS: ReadonlySet<string> = new Set(['function_definition']);
const DECLARATIONS: ReadonlySet<string> = new Set(['global_statement', 'nonlocal_statement']);

function localScopeOf(context: RuleContext, name: string, at: PyNode): PyNode | undefined {
  const scope = ancestor(at, FUNCTIONS);
  if (!scope) return undefined;
  return declaresNonLocal(context, name, scope) ? undefined : scope;
}

/** `fn` declares `name` global or nonlocal: its `name` is not a variable of its own. */
function declaresNonLocal(context: RuleContext, name: string, fn: PyNode): boolean {
  return identifiersNamedWithin(context.tree, name, fn.startIndex, fn.endIndex).some((node) => DECLARATIONS.has(node.parent?.type ?? ''));
}

function isVariableReference(node: PyNode): boolean {
  return !(node.parent?.type === 'attribute' && node.field === 'attribute') && !(node.parent?.type === 'keyword_argument' && node.field === 'name');
}

/**
 * How this file can refer to `<module>.<member>` (`MF.vector_to_array`, `vector_to_array`) and, when it
 * does not import it yet, the edit that adds `from <module> import <member>`: in sorted place among the
 * same package's `from` imports, else after the last top-level import. Undefined when the file has no
 * top-level import to follow, or the name is already used for something else.
 */
export function importedReference(context: RuleContext, module: string, member: string): { text: string; importEdit?: TextEdit } | undefined {
  for (const [local, qualified] of context.model.imports) {
    if (qualified === `${module}.${member}`) return { text: local };
  }
  for (const [local, qualified] of context.model.imports) {
    if (qualified === module) return { text: `${local}.${member}` };
  }
  if (identifiersNamed(context.tree, member).length) return undefined;
  const imports = context.tree.root.children.filter((node) => node.type === 'import_statement' || node.type === 'import_from_statement' || node.type === 'future_import_statement');
  const last = imports[imports.length - 1];
  if (!last) return undefined;
  const { text } = context.tree;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // where isort would put it: before the first `from` import of the same package that sorts after it,
  // on a line of its own
  const fromModule = (node: PyNode) => {
    const name = node.type === 'import_from_statement' ? field(node, 'module_name') : undefined;
    return name ? context.text(name) : undefined;
  };
  const packageName = module.split('.')[0]!;
  const before = imports.find((node) => {
    const name = fromModule(node);
    return name !== undefined && name.split('.')[0] === packageName && name > module && node.startCol === 0;
  });
  if (before) {
    const at = { line: before.startRow, character: 0 };
    return { text: member, importEdit: { range: { start: at, end: at }, newText: `from ${module} import ${member}${eol}` } };
  }
  // after a trailing comment too, and with the file's own line ending
  let lineEnd = text.indexOf('\n', last.endIndex);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const at = { line: last.endRow, character: last.endCol + (lineEnd - last.endIndex) };
  return { text: member, importEdit: { range: { start: at, end: at }, newText: `${eol}from ${module} import ${member}` } };
}

/** How this file can refer to `pyspark.sql.functions.<name>`: `F.lower`, `lower`, or undefined. */
export function functionsReference(context: RuleContext, name: string): string | undefined {
  for (const [local, qualified] of context.model.imports) {
    if (qualified === 'pyspark.sql.functions') return `${local}.${name}`;
  }
  for (const [local, qualified] of context.model.imports) {
    if (qualified === `pyspark.sql.functions.${name}` && local === name) return name;
  }
  return undefined;
}

/**
 * Comments inside [first, last] that a replacement of that range would delete. Returns '' when there are
 * none, the trailing comments joined (to re-append after the replacement) when all of them end a line of
 * code, and undefined when a comment has a line of its own (then a fix would lose it: offer none).
 */
export function commentsToKeep(context: RuleContext, first: PyNode, last: PyNode): string | undefined {
  const inside = commentsWithin(context.tree, first.startIndex, last.endIndex);
  const text = context.tree.text;
  const kept: string[] = [];
  for (const comment of inside) {
    const lineStart = text.lastIndexOf('\n', comment.startIndex - 1) + 1;
    if (!text.slice(lineStart, comment.startIndex).trim()) return undefined;
    kept.push(context.text(comment));
  }
  return kept.length ? `  ${kept.join(' ')}` : '';
}

/**
 * The most of `nodes` one run can reach: nodes in different branches of one `if`/`elif`/`else` never
 * run together (`if mode == "a": df.collect() else: df.collect()` is one action, not two).
 */
export function mostOnOnePath(nodes: readonly PyNode[]): number {
  return mostOf(nodes.map(branchPath), 0);
}

type BranchPath = Array<{ statement: PyNode; branch: PyNode }>;

/** The if-statements around a node, outermost first, with the clause (block, elif or else) it is in. */
function branchPath(node: PyNode): BranchPath {
  const path: BranchPath = [];
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'if_statement' && child !== field(parent, 'condition')) path.unshift({ statement: parent, branch: child });
  }
  return path;
}

function mostOf(paths: BranchPath[], depth: number): number {
  let count = 0;
  const byStatement = new Map<PyNode, Map<PyNode, BranchPath[]>>();
  for (const path of paths) {
    const step = path[depth];
    if (!step) {
      count++; // runs whenever the enclosing branch does
      continue;
    }
    const branches = byStatement.get(step.statement) ?? new Map<PyNode, BranchPath[]>();
    byStatement.set(step.statement, branches);
    branches.set(step.branch, [...(branches.get(step.branch) ?? []), path]);
  }
  for (const branches of byStatement.values()) count += Math.max(...[...branches.values()].map((inBranch) => mostOf(inBranch, depth + 1)));
  return count;
}

/** Generator functions (one row in, many out), of which a projection may hold only one. */
const GENERATORS = new Set(['explode', 'explode_outer', 'posexplode', 'posexplode_outer', 'inline', 'inline_outer', 'stack', 'json_tuple']);
const GENERATOR_IN_SQL = /\b(?:(?:pos)?explode(?:_outer)?|inline(?:_outer)?|stack|json_tuple)\s*\(/i;

/** The expression calls a generator: a pyspark function however imported (`ex = F.explode`), or one in SQL text (`expr("EXPLODE(tags)")`). */
export function callsGenerator(expression: PyNode, context: RuleContext): boolean {
  let found = false;
  const visit = (node: PyNode): void => {
    if (found) return;
    if (node.type === 'call') {
      const name = context.model.callAt(node)?.callee.name;
      if (name?.startsWith('pyspark.') && GENERATORS.has(name.slice(name.lastIndexOf('.') + 1))) found = true;
      // `explode(...)` from `from pyspark.sql.functions import *`, or `F.explode` with F from a notebook's %run:
      // the name is not resolved, and a call named like a generator in a pyspark file is taken for one
      const callee = field(node, 'function');
      const called = callee?.type === 'attribute' ? field(callee, 'attribute') : callee;
      const resolved = context.model.callAt(node)?.callee.kind === 'Function'; // a function of the file named `stack`
      if (!name?.includes('.') && !resolved && called?.type === 'identifier' && GENERATORS.has(context.text(called))) found = true;
    } else if (node.type === 'string' && GENERATOR_IN_SQL.test(context.text(node))) {
      found = true;
    }
    for (const child of node.children) visit(child);
  };
  visit(expression);
  return found;
}

/** The column an argument names: `"probability"`, `col("probability")`, `df["probability"]`, `df.probability`. */
export function columnName(context: RuleContext, argument: PyNode): string | undefined {
  return columnNameOf(context.model, argument);
}

/** Streaming sources whose micro-batch holds all the input waiting unless a read option caps it: the option. */
const BATCH_CAPS: Readonly<Record<string, { source: string; option: string }>> = {
  kafka: { source: 'a Kafka stream', option: 'maxOffsetsPerTrigger' },
  csv: { source: 'a file stream', option: 'maxFilesPerTrigger' },
  json: { source: 'a file stream', option: 'maxFilesPerTrigger' },
  parquet: { source: 'a file stream', option: 'maxFilesPerTrigger' },
  orc: { source: 'a file stream', option: 'maxFilesPerTrigger' },
  text: { source: 'a file stream', option: 'maxFilesPerTrigger' },
  avro: { source: 'a file stream', option: 'maxFilesPerTrigger' },
};

/**
 * `def handle(batch_df, epoch_id): rows = batch_df.collect()` given to `stream.writeStream.foreachBatch(handle)`:
 * each micro-batch of a Kafka or file stream read without a cap (`maxOffsetsPerTrigger`, `maxFilesPerTrigger`)
 * holds every record waiting, after a restart or a lag all of them. The source and the missing option, when
 * `frame` is such a batch or rows of it (a stream that aggregates gives a batch of its groups: not reported).
 */
function uncappedMicroBatch(frame: Value, context: RuleContext): { source: string; option: string; once?: true } | undefined {
  let batch: Value | undefined = frame;
  for (let depth = 0; batch && batch.op !== 'foreachBatch'; depth++) {
    if (depth > 20 || batch.kind !== 'DataFrame' || !(KEEPS_ROWS.has(batch.op ?? '') || batch.op === 'filter' || batch.op === 'where')) return undefined;
    batch = batch.parents[0];
  }
  const handler = batch?.node ? ancestor(batch.node, FUNCTIONS) : undefined;
  const name = handler && field(handler, 'name');
  if (!name) return undefined;
  // the answer is the foreachBatch calls': an edit of one must visit this statement again
  context.readsOtherStatements();
  for (const use of identifiersNamed(context.tree, context.text(name))) {
    const call = use.parent?.type === 'argument_list' ? use.parent.parent : undefined;
    const record = call?.type === 'call' ? context.model.callAt(call) : undefined;
    if (record?.parts.method !== 'foreachBatch' || record.parts.positional[0] !== use) continue;
    let stream: Value | undefined = record.receiver;
    while (stream && stream.kind === 'Writer') stream = stream.parents[0];
    if (stream?.kind !== 'DataFrame' || stream.bound !== 'unbounded') continue;
    let source: Value | undefined = stream;
    for (let depth = 0; source && !source.facts?.format && depth < 50; depth++) source = source.parents[0];
    const cap = typeof source?.facts?.format === 'string' ? BATCH_CAPS[source.facts.format] : undefined;
    const options = source?.facts?.options as Record<string, string | null> | undefined;
    // options the analysis cannot read (`options(**kafka_options)`) may set the cap
    const unread = source?.node ? /\.options\(\s*\*\*/.test(context.text(source.node)) : true;
    if (!source?.facts?.streaming || !cap || unread) continue;
    // `trigger(once=True)` runs one batch of everything waiting, whatever the cap (`availableNow` keeps it)
    if (triggersOnce(call!, context)) return { ...cap, once: true };
    if (!(cap.option.toLowerCase() in (options ?? {}))) return cap;
  }
  return undefined;
}

/**
 * The stream writer of this `foreachBatch(...)` call is given `trigger(once=True)`: in its statement, or in a
 * later one that reads the name the writer is assigned to (`writer = writer.trigger(once=True)`).
 */
function triggersOnce(call: PyNode, context: RuleContext): boolean {
  const statement = statementOf(call);
  const statements = [statement];
  const assignment = namedChildren(statement)[0];
  const target = assignment?.type === 'assignment' ? field(assignment, 'left') : undefined;
  if (target?.type === 'identifier') {
    for (const use of variableReferencesInScope(context, context.text(target), target)) {
      if (use.startIndex > call.endIndex) statements.push(statementOf(use));
    }
  }
  return statements.some((each) => TRIGGER_ONCE.test(context.text(each).replace(/#[^\n]*/g, '')));
}

/** The statement a node is in: the child of a block or of the module (a whole `if` for a node of its condition). */
function statementOf(node: PyNode): PyNode {
  let statement = node;
  while (statement.parent && statement.parent.type !== 'block' && statement.parent.type !== 'module') statement = statement.parent;
  return statement;
}

const TRIGGER_ONCE = /\.trigger\(\s*once\s*=\s*True\b/;

/**
 * `spark.conf.set(key, value)` on a session's RuntimeConfig (not `SparkConf().set`, read at start-up): the
 * key argument. Such a set cannot change what the application read when it started (SPK405).
 */
export function runtimeConfigKey(call: PyNode, context: RuleContext): PyNode | undefined {
  const record = context.model.callAt(call);
  if (record?.parts.method !== 'set') return undefined;
  const receiver = record.parts.receiver;
  const attribute = receiver?.type === 'attribute' ? field(receiver, 'attribute') : undefined;
  const owner = attribute && context.text(attribute) === 'conf' ? field(receiver!, 'object') : undefined;
  if (!owner || context.model.valueOf(owner)?.kind !== 'SparkSession') return undefined;
  return record.parts.positional[0] ?? record.parts.keywords.get('key');
}

/**
 * Reports `.collect()`/`.toPandas()` (`call`) of a foreachBatch micro-batch that may hold everything waiting
 * (uncappedMicroBatch), saying what it costs (`brought to the driver`) and what to do instead; true when reported.
 */
export function reportUncappedMicroBatch(node: PyNode, call: CallRecord, context: RuleContext, cost: string, instead: string): boolean {
  const receiver = call.receiver;
  const batch = receiver?.kind === 'DataFrame' && receiver.bound === undefined ? uncappedMicroBatch(receiver, context) : undefined;
  if (!batch) return false;
  context.report({
    range: methodRange(node, call),
    message: batch.once
      ? `\`.${call.parts.method}()\` of the micro-batch of ${batch.source} run with \`trigger(once=True)\`, which ignores \`${batch.option}\`: the one batch holds every record waiting, all ${cost}; use \`trigger(availableNow=True)\` (Spark 3.3) with \`${batch.option}\` set, which splits it into capped batches, or ${instead}.`
      : `\`.${call.parts.method}()\` of each micro-batch of ${batch.source} read without \`${batch.option}\`: after a restart or a lag one batch holds every record waiting, all ${cost}; set \`${batch.option}\` on the read, or ${instead}.`,
  });
  return true;
}

const labelColumnsByModel = new WeakMap<SemanticModel, Set<string | undefined>>();

/**
 * The labelCol of every estimator and evaluator in the file, and every column named so anywhere
 * (`labelCol="y"`, `.setLabelCol("y")`, also on an estimator the analysis cannot see, such as one a class
 * is given: `self.predictor.setLabelCol("indexedLabel")`). Read once per lint: every StringIndexer asks.
 */
export function labelColumns(context: RuleContext): ReadonlySet<string | undefined> {
  let columns = labelColumnsByModel.get(context.model);
  if (!columns) {
    columns = new Set(context.model.mlObjects.map((other) => stringValue(context.tree, mlParamNode(context, other, 'labelCol'))));
    for (const name of identifiersNamed(context.tree, 'labelCol')) {
      if (name.parent?.type === 'keyword_argument' && name.field === 'name') columns.add(stringValue(context.tree, field(name.parent, 'value')));
    }
    for (const name of identifiersNamed(context.tree, 'setLabelCol')) {
      const call = name.parent?.type === 'attribute' && name.field === 'attribute' ? name.parent.parent : undefined;
      const argument = call?.type === 'call' ? field(call, 'arguments') : undefined;
      if (argument) columns.add(stringValue(context.tree, namedChildren(argument)[0]));
    }
    labelColumnsByModel.set(context.model, columns);
  }
  return columns;
}

/** The query argument of `spark.sql(query)` on a session (`record`: the call's record). */
export function sessionSqlQuery(record: CallRecord): PyNode | undefined {
  if (record.parts.method !== 'sql' || record.receiver?.kind !== 'SparkSession') return undefined;
  return record.parts.positional[0] ?? record.parts.keywords.get('sqlQuery');
}

/** The column is a label: `label` (every estimator's default) or a labelCol of the file (labelColumns). */
export function isLabelColumn(name: string | undefined, context: RuleContext): boolean {
  return name === 'label' || labelColumns(context).has(name);
}
