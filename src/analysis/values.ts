// Abstract values of the semantic model: what an expression is (a Spark DataFrame, an RDD, an ML estimator,
// a Python list, ...) and, for data, how big it can be. Values also remember what they were derived from
// (`parents`, `op`), the value flow the ML-leakage rules (SPK0xx) follow from a split to an evaluation.
import { type PyNode, type SyntaxTree, SCALAR_LITERALS, isTrueLiteral, stringValue } from './syntax';

export type ValueKind =
  | 'DataFrame'
  | 'RDD'
  | 'GroupedData'
  | 'SparkSession'
  | 'SparkContext'
  | 'SessionBuilder'
  | 'Reader'
  | 'Writer'
  | 'NaFunctions'
  | 'StatFunctions'
  | 'UDFRegistration'
  | 'Column'
  | 'WindowSpec'
  | 'UDF'
  | 'UDFDecorator'
  | 'Estimator'
  | 'Transformer'
  | 'Model'
  | 'Summary'
  | 'Evaluator'
  | 'Tuning'
  | 'PyList'
  | 'PyTuple'
  | 'PyDict'
  | 'PyScalar'
  | 'PandasDataFrame'
  | 'Row'
  | 'Function'
  | 'Symbol'
  | 'None'
  | 'Unknown';

/**
 * How many rows a dataset can hold, ordered: literal < limited < aggregated < unbounded.
 * literal: built from values written in the program; limited: cut by limit/take/head/sample;
 * aggregated: one row per group (or one row); unbounded: read from storage, a table or SQL.
 */
export type Boundedness = 'literal' | 'limited' | 'aggregated' | 'unbounded';

const boundRank: Record<Boundedness, number> = { literal: 0, limited: 1, aggregated: 2, unbounded: 3 };

/** The larger of two boundedness values; `undefined` (not known) absorbs everything. */
export function maxBound(a: Boundedness | undefined, b: Boundedness | undefined): Boundedness | undefined {
  if (!a || !b) return undefined;
  return boundRank[a] >= boundRank[b] ? a : b;
}

/** The largest size among `bounds` (unknown when one is, or when there are none). */
export function largestBound(bounds: ReadonlyArray<Boundedness | undefined>): Boundedness | undefined {
  return bounds.length ? bounds.reduce((a, b) => maxBound(a, b)) : undefined;
}

/** The smaller of two boundedness values (`limit` on an aggregate stays aggregated-or-less). */
export function minBound(a: Boundedness | undefined, b: Boundedness): Boundedness {
  if (!a) return b;
  return boundRank[a] <= boundRank[b] ? a : b;
}

export interface UdfInfo {
  /** `python`: row-at-a-time `udf`; `pandas`: vectorized `pandas_udf`. */
  flavor: 'python' | 'pandas';
  /** The function_definition or lambda implementing the UDF, when it is in this file. */
  implementation?: PyNode;
  /** Where the UDF is declared: the `@udf` decorator, the `udf(...)` or `register(...)` call. */
  anchor: PyNode;
  /** The `udf(...)` call when the UDF is made by calling udf on a function (the node a fix rewrites). */
  creationCall?: PyNode;
}

export interface FunctionInfo {
  node: PyNode;
  params: string[];
  /** The module or enclosing function environment the body sees. */
  closure: unknown;
}

export interface Value {
  readonly id: number;
  readonly kind: ValueKind;
  bound?: Boundedness;
  /** Where the value was made (the call or literal). */
  readonly node?: PyNode;
  /** The method or constructor that made it (`randomSplit`, `fit`, `transform`, `StandardScaler`, ...). */
  readonly op?: string;
  /** The values it was derived from, receiver first. */
  readonly parents: readonly Value[];
  /** The `.cache()`/`.persist()` call that cached it, if any (a node: its offset moves with edits above it). */
  cachedBy?: PyNode;
  /** Class name for ML objects (`StandardScaler`, `CrossValidatorModel`) or qualified name for symbols. */
  name?: string;
  /** Elements of a tuple or list when they are known (randomSplit results, Pipeline stages). */
  elements?: Value[];
  /** Keys and values of a dict written as a literal (`{"lr": LogisticRegression(), ...}`). */
  entries?: Array<readonly [Value, Value]>;
  /** Index in a randomSplit result. */
  splitIndex?: number;
  fn?: FunctionInfo;
  udf?: UdfInfo;
  /** Free-form facts set by methods (`singlePartition`, `partitioned`, `parallelism`, `inferSchema`). */
  facts?: Record<string, unknown>;
}

/** A reader's options from `.option(k, v)`/`.options(...)` (lower-cased names; null: not a literal). */
export type ReaderOptions = Readonly<Record<string, string | null>>;

let nextValueId = 1;

/**
 * Value ids double as a clock: bindings and environments take a reading when made, so "made before this
 * statement" is a comparison (see moduleState.ts).
 */
export function valueClock(): number {
  return nextValueId;
}

/** Advances the clock: everything made after this call reads above the returned value. */
export function tickValueClock(): number {
  return nextValueId++;
}

/**
 * Every value has every field, in one order: the model and the rules read values of all kinds at the same
 * places, and objects of one shape keep those reads monomorphic (objects spread from their optional fields
 * had a dozen shapes, and each read of a field went through a megamorphic lookup). An object literal, not
 * a class: class fields are defined one by one before a constructor runs, which costs more.
 */
export function makeValue(kind: ValueKind, init: Partial<Omit<Value, 'id' | 'kind'>> = {}): Value {
  return {
    id: nextValueId++,
    kind,
    bound: init.bound,
    node: init.node,
    op: init.op,
    parents: init.parents ?? [],
    cachedBy: init.cachedBy,
    name: init.name,
    elements: init.elements,
    entries: init.entries,
    splitIndex: init.splitIndex,
    fn: init.fn,
    udf: init.udf,
    facts: init.facts,
  };
}

export const UNKNOWN_KINDS: ReadonlySet<ValueKind> = new Set(['Unknown', 'Symbol', 'Function']);

export function isData(value: Value | undefined): value is Value {
  return !!value && (value.kind === 'DataFrame' || value.kind === 'RDD');
}

export function setFact(value: Value, key: string, fact: unknown): void {
  value.facts = { ...value.facts, [key]: fact };
}

/**
 * The literals a scalar may have been written as: its own, or, for a value joined from branches or from a
 * loop's elements (`for name, query in QUERIES.items()`), each branch's; undefined when one was computed.
 */
export function literalNodes(value: Value | undefined, depth = 0): PyNode[] | undefined {
  if (value?.kind !== 'PyScalar' || depth > 8) return undefined;
  if (value.op !== 'join-branches') return value.node && isLiteral(value.node) ? [value.node] : undefined;
  const nodes: PyNode[] = [];
  for (const parent of value.parents) {
    const each = literalNodes(parent, depth + 1);
    if (!each) return undefined;
    nodes.push(...each);
  }
  return nodes;
}

/** A string written at `node`, or held in the name written there (`FORMAT = "csv"` then `format(FORMAT)`). */
export function writtenString(tree: SyntaxTree, node: PyNode | undefined, value: Value | undefined): string | undefined {
  return stringValue(tree, node) ?? (value?.kind === 'PyScalar' ? stringValue(tree, value.node) : undefined);
}

/** `True` or `"true"` written at `node`, or held in the name there (`infer_schema = "true"`). */
export function writtenTrue(tree: SyntaxTree, node: PyNode | undefined, value: Value | undefined): boolean {
  return isTrueLiteral(tree, node) || (value?.kind === 'PyScalar' && isTrueLiteral(tree, value.node));
}

const isLiteral = (node: PyNode) => node.type === 'string' || node.type === 'concatenated_string' || SCALAR_LITERALS.has(node.type);

/** Joins the values two branches give to one name. */
export function joinValues(a: Value, b: Value, node?: PyNode): Value {
  if (a === b) return a;
  if (a.kind !== b.kind) return makeValue('Unknown', { node, parents: [a, b] });
  if (a.kind === 'Unknown') return a;
  const joined = makeValue(a.kind, { node, bound: maxBound(a.bound, b.bound), parents: [a, b], name: a.name === b.name ? a.name : undefined, op: 'join-branches' });
  // what both branches agree on stays known (a window partitioned on both paths is partitioned)
  if (a.facts && b.facts) {
    const shared = Object.entries(a.facts).filter(([key, fact]) => b.facts![key] === fact);
    if (shared.length) joined.facts = Object.fromEntries(shared);
  }
  // `(name, estimator)` pairs: each position joins on its own (a loop over pairs binds both names)
  if (a.kind === 'PyTuple' && a.elements && b.elements?.length === a.elements.length) {
    joined.elements = a.elements.map((element, index) => joinValues(element, b.elements![index]!, node));
  }
  // a list one path grew (`stages += [...]` in a loop body or a branch) may hold all it was given
  if (a.kind === 'PyList' && a.elements && b.elements) {
    const [shorter, longer] = a.elements.length <= b.elements.length ? [a.elements, b.elements] : [b.elements, a.elements];
    if (shorter.every((element, index) => longer[index] === element)) joined.elements = longer;
  }
  return joined;
}
