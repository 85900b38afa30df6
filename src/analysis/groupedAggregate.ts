// `rdd.groupByKey().mapValues(f)` (or `rdd.groupBy(k)` and a `map` of each key's pair, summarizesGroups)
// where `f` reduces each key's values to one: `sum`, `len`, `max`, `min`,
// or a lambda applying them (a mean). Read by the model (the result has one small row per key, like
// `reduceByKey`) and by SPK305 (which suggests `reduceByKey`). The model also knows a wider set of
// per-key summaries (`summarizesValues`): statistics of the values, as a number or a tuple of them.
import { type PyNode, SCALAR_LITERALS, type SyntaxTree, field, namedChildren, textOf, unparenthesize } from './syntax';

export const VALUE_REDUCERS: ReadonlySet<string> = new Set(['sum', 'len', 'max', 'min']);

/** `sum` or `lambda vs: sum(vs)` -> exact; a lambda using an aggregate in a larger expression -> not exact. */
export function groupedAggregateOf(tree: SyntaxTree, fn: PyNode | undefined): { name: string; exact: boolean } | undefined {
  if (!fn) return undefined;
  const text = (node: PyNode) => textOf(tree, node);
  if (fn.type === 'identifier' && VALUE_REDUCERS.has(text(fn))) return { name: text(fn), exact: true };
  if (fn.type !== 'lambda') return undefined;
  const params = namedChildren(field(fn, 'parameters') ?? fn);
  const body = field(fn, 'body');
  if (params.length !== 1 || !body) return undefined;
  const param = text(params[0]!);
  if (body.type === 'call') {
    const callee = field(body, 'function');
    const args = namedChildren(field(body, 'arguments') ?? body);
    if (callee?.type === 'identifier' && VALUE_REDUCERS.has(text(callee)) && args.length === 1 && text(args[0]!) === param) {
      return { name: text(callee), exact: true };
    }
  }
  const used = [...VALUE_REDUCERS].find((name) => new RegExp(`\\b${name}\\(\\s*${param}\\s*\\)`).test(text(body)));
  return used ? { name: used, exact: false } : undefined;
}

/** Calls that reduce a collection to one value (builtins, `statistics`, `math`, numpy). */
const REDUCING_CALLS: ReadonlySet<string> = new Set([
  'sum', 'len', 'max', 'min', 'any', 'all', 'fsum', 'prod', 'mean', 'median', 'median_low', 'median_high', 'mode',
  'stdev', 'pstdev', 'variance', 'pvariance', 'fmean', 'geometric_mean', 'harmonic_mean', 'average', 'std', 'var',
  'percentile', 'quantile', 'count_nonzero', 'nanmean', 'nanmedian', 'nanstd', 'nanmax', 'nanmin', 'nansum',
]);
/** Calls that keep a scalar a scalar: a summary when their arguments are. */
const SCALAR_CALLS: ReadonlySet<string> = new Set(['float', 'int', 'round', 'abs', 'sqrt', 'log', 'exp', 'pow', 'str']);

/**
 * `fn` turns a key's values into a fixed-size summary: a number or a tuple of numbers computed with
 * reducing calls (`lambda vs: (statistics.mean(vs), statistics.median(vs))`, or a function of the file
 * `definition` whose every return is one, through locals assigned once). Not a list, set, sorted copy
 * or the values themselves: those keep every value.
 */
export function summarizesValues(tree: SyntaxTree, fn: PyNode | undefined, definition?: PyNode): boolean {
  if (!fn) return false;
  if (groupedAggregateOf(tree, fn)) return true;
  const body = fn.type === 'lambda' ? field(fn, 'body') : definition ? field(definition, 'body') : undefined;
  if (!body) return false;
  if (fn.type === 'lambda') return isSummary(tree, body, new Map());
  // only returns at the top of the body, through locals assigned there once
  const returns = ownNodes(body, 'return_statement');
  if (!returns.length || returns.some((statement) => statement.parent !== body)) return false;
  const locals = new Map<string, PyNode | null>();
  for (const statement of namedChildren(body)) {
    const inner = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    const left = inner?.type === 'assignment' ? field(inner, 'left') : undefined;
    const right = inner?.type === 'assignment' ? field(inner, 'right') : undefined;
    if (left?.type !== 'identifier' || !right) continue;
    const name = textOf(tree, left);
    locals.set(name, locals.has(name) ? null : right); // assigned twice: not followed
  }
  return returns.every((statement) => {
    const value = namedChildren(statement)[0];
    return !!value && isSummary(tree, value, locals);
  });
}

/**
 * `grouped.map(f)` over `(key, values)` pairs (`rdd.groupBy(f)`, `groupByKey()`) where `f` summarizes the
 * values, keeping the key or not: `lambda kv: (kv[0], len(kv[1]))`. One small row per key.
 */
export function summarizesGroups(tree: SyntaxTree, fn: PyNode | undefined): boolean {
  if (fn?.type !== 'lambda') return false;
  const params = namedChildren(field(fn, 'parameters') ?? fn);
  const body = field(fn, 'body');
  if (params.length !== 1 || params[0]!.type !== 'identifier' || !body) return false;
  const pair = textOf(tree, params[0]!);
  const isKey = (node: PyNode) => {
    const value = field(node, 'value');
    const index = field(node, 'subscript');
    return node.type === 'subscript' && !!value && !!index && textOf(tree, value) === pair && textOf(tree, index) === '0';
  };
  const unwrapped = unparenthesize(body);
  const parts = (unwrapped.type === 'tuple' ? namedChildren(unwrapped) : [unwrapped]).map(unparenthesize);
  return parts.some((part) => !isKey(part)) && parts.every((part) => isKey(part) || isSummary(tree, part, new Map()));
}

function isSummary(tree: SyntaxTree, expression: PyNode, locals: ReadonlyMap<string, PyNode | null>, depth = 0): boolean {
  if (depth > 8) return false;
  const node = unparenthesize(expression);
  const summary = (child: PyNode) => isSummary(tree, child, locals, depth + 1);
  if (SCALAR_LITERALS.has(node.type)) return true;
  switch (node.type) {
    case 'tuple':
    case 'binary_operator':
    case 'unary_operator':
    case 'boolean_operator':
    case 'comparison_operator':
    case 'conditional_expression':
      return namedChildren(node).every(summary);
    case 'identifier': {
      const assigned = locals.get(textOf(tree, node));
      return !!assigned && summary(assigned);
    }
    case 'call': {
      const callee = field(node, 'function');
      const name = callee?.type === 'attribute' ? textOf(tree, field(callee, 'attribute') ?? callee) : callee?.type === 'identifier' ? textOf(tree, callee) : undefined;
      // `sum(vs, [])` concatenates the values: a start that is not a number keeps every value
      const args = namedChildren(field(node, 'arguments') ?? node);
      if (name === 'sum' && args.length > 1 && !['integer', 'float'].includes(unparenthesize(args[1]!).type)) return false;
      if (name && REDUCING_CALLS.has(name)) return true;
      return !!name && SCALAR_CALLS.has(name) && namedChildren(field(node, 'arguments') ?? node).every(summary);
    }
    default:
      return false;
  }
}

/** At most this many rows per partition counts as a per-partition summary. */
const PARTITION_SUMMARY_ROWS = 4;

/**
 * `rdd.mapPartitions(f)` where the function `definition` of the file returns a list of a few rows for its
 * partition (`return [(low, high, count)]`): as many rows as partitions, whatever the data. Every return
 * of the body (nested functions aside) must be such a list or tuple literal, and the body must not `yield`.
 */
export function summarizesPartition(definition: PyNode | undefined): boolean {
  const body = definition?.type === 'function_definition' ? field(definition, 'body') : undefined;
  if (!body || ownNodes(body, 'yield').length) return false;
  const returns = ownNodes(body, 'return_statement');
  return returns.length > 0 && returns.every((statement) => {
    const value = namedChildren(statement)[0];
    const rows = value && (value.type === 'list' || value.type === 'tuple') ? namedChildren(value) : undefined;
    return !!rows && rows.length <= PARTITION_SUMMARY_ROWS && !rows.some((row) => row.type === 'list_splat');
  });
}

const NESTED_SCOPES: ReadonlySet<string> = new Set(['function_definition', 'lambda', 'class_definition']);

/** The nodes of `type` in a function body, not in the functions, lambdas or classes defined in it. */
function ownNodes(node: PyNode, type: string, found: PyNode[] = []): PyNode[] {
  if (node.type === type) found.push(node);
  else if (!NESTED_SCOPES.has(node.type)) for (const child of node.children) ownNodes(child, type, found);
  return found;
}
