// What a Python UDF's body does, to tell apart UDFs that Spark built-ins could replace, UDFs that take an
// element out of an ML Vector, and UDFs doing real custom work (regex libraries, hashing, parsing, ...).
import { type PyNode, SCALAR_LITERALS, type SyntaxTree, field, forEachNode, isBinaryOperator, namedChildren, parameterNames, stringValue, textOf, unparenthesize } from './syntax';

/**
 * vector-element: reads ML Vector elements; builtin: expressible with pyspark.sql.functions;
 * library-work: hashing or regular-expression libraries, real custom work with no better Spark form;
 * custom: anything else (a candidate for pandas_udf).
 */
export type UdfBodyKind = 'vector-element' | 'builtin' | 'library-work' | 'custom';

export interface UdfBodyAnalysis {
  kind: UdfBodyKind;
  /** Built-ins that express the body, for the message (`lower`, `when/otherwise`, `length`, ...). */
  builtins: string[];
  /** For a body that is exactly one built-in applied to the parameter: its pyspark.sql.functions name. */
  exactBuiltin?: string;
  /**
   * For a body that is exactly one Vector read of its one parameter: `v[i]` / `float(v[i])` /
   * `v.toArray()[i]` / `v.array[i]` (index i) or `v.toArray().tolist()` / `list(v.toArray())` (no index),
   * which `vector_to_array(v)[i]` expresses.
   */
  vectorRewrite?: { param: string; returned: PyNode; index?: number };
  /**
   * Names from outside the body that a `builtin` body reads as values (`prefix + s`): it is `builtin`
   * only when each is a module constant, which `lit(...)` expresses; the caller checks (rules/udfAnalysis.ts).
   */
  outerNames?: string[];
  /** The outer names the body adds with `+`: a string among them needs `concat`, not `+`. */
  outerAddends?: string[];
  /** What to heed in the built-ins named, for the message. */
  notes?: string[];
  /** The body slices a value (`s[:3]`): a substring, named with the other built-ins unless an index names it already. */
  slices?: true;
  /** Formats read from outer names (`strptime(s, DAY_FORMAT)`): builtin only when each is a module constant with a Spark pattern. */
  formatNames?: FormatName[];
}

/** A strptime/strftime format held in an outer name, for the caller to translate (rules/udfAnalysis.ts). */
export interface FormatName {
  name: string;
  builtin: string;
  use: 'parse' | 'format';
}

/** What reading a body as built-ins has found so far. */
const COLLECTIONS: ReadonlySet<string> = new Set(['list', 'tuple', 'set']);

interface BodyReading {
  /** The parameters and the names the body assigns. */
  locals: Set<string>;
  /** The locals assigned a list, tuple or set literal (`morning = [5, 6, 7]`): `x in morning` is isin. */
  collections: Set<string>;
  builtins: Set<string>;
  /** Other names read as values. */
  outer: Set<string>;
  /** The ones among them added with `+` (a string constant there makes it `concat`). */
  outerAddends: Set<string>;
  /** What to heed in the built-ins named (`split reads "." as a regular expression`). */
  notes: Set<string>;
  /** Expressions the body slices (strings, then) and those it indexes with a number (string or array). */
  sliced: Set<string>;
  indexed: Set<string>;
  formatNames: FormatName[];
}

/** str methods with a Spark SQL equivalent (Python name -> functions name, or `Column.` and a Column method). */
const STRING_METHODS: Record<string, string> = {
  lower: 'lower', upper: 'upper', strip: 'trim', lstrip: 'ltrim', rstrip: 'rtrim', split: 'split',
  replace: 'regexp_replace', startswith: 'Column.startswith', endswith: 'Column.endswith', title: 'initcap',
  capitalize: 'initcap', zfill: 'lpad', strftime: 'date_format', isoformat: 'date_format', format: 'format_string',
  isdigit: 'Column.rlike', isalpha: 'Column.rlike', find: 'instr', count: 'size/split', join: 'concat_ws', get: 'Column.getItem',
};
const DATETIME_ATTRIBUTES: Record<string, string> = {
  year: 'year', month: 'month', day: 'dayofmonth', hour: 'hour', minute: 'minute', second: 'second',
};
/** Python's builtins and the Spark functions (or Column methods: `cast`) that compute the same. */
const PURE_FUNCTIONS: Record<string, string> = {
  // Python's round() rounds half to even, as bround does (Spark's round rounds half up)
  len: 'length or size', abs: 'abs', round: 'bround', int: 'Column.cast', float: 'Column.cast', str: 'Column.cast', bool: 'Column.cast', min: 'least',
  max: 'greatest',
};
/** Python's reductions of one iterable: Spark's functions of an array. */
const ARRAY_REDUCTIONS: Record<string, string> = { max: 'array_max', min: 'array_min', sum: 'aggregate' };
/** numpy's reductions of one array. */
const NUMPY_REDUCTIONS: Record<string, string> = {
  max: 'array_max', amax: 'array_max', min: 'array_min', amin: 'array_min', sum: 'aggregate', mean: 'aggregate and size',
};
const TIMESTAMP_FROM_EPOCH: ReadonlySet<string> = new Set(['fromtimestamp', 'utcfromtimestamp']);
/** `datetime` (`from datetime import datetime`) or `datetime.datetime`. */
const DATETIME_CLASS = /^(datetime\.)?datetime$/;
/**
 * Methods of a datetime without arguments: `weekday()` is Spark's `weekday` (0 is Monday, where `dayofweek`
 * starts at Sunday = 1), `isoweekday()` is `weekday` + 1, `date()` is `to_date`.
 */
const DATETIME_METHODS: Record<string, string> = { weekday: 'weekday', isoweekday: 'weekday', date: 'to_date' };
/** `timedelta` (`from datetime import timedelta`) or `datetime.timedelta`. */
const TIMEDELTA_CLASS = /^(datetime\.)?timedelta$/;
const TIMEDELTA_UNITS: ReadonlySet<string> = new Set(['weeks', 'days', 'hours', 'minutes', 'seconds', 'milliseconds', 'microseconds']);
/** What a timedelta's fields are in arithmetic: `.days` a floored division, `.seconds` one and a modulo, `.microseconds` a modulo. */
const TIMEDELTA_FIELDS: Record<string, string[]> = { days: ['floor'], seconds: ['floor', 'pmod'], microseconds: ['pmod'] };
/**
 * strptime/strftime directives and Spark's datetime pattern letters for them. Parsing uses the shortest
 * numeric letters (`M`, `d`), which read one or two digits as strptime's `%m` and `%d` do (`MM` rejects
 * "3/5/2020"); formatting pads as `%m` does (`MM`). Left out, as Spark reads them otherwise: `%y` when
 * parsing (Python reads 69-99 as 19xx, Spark's `yy` always 20xx), `%a`/`%A` when parsing (Spark refuses
 * `E` in a parse pattern), `%z`/`%Z` (Python's accepts "+01:00" and "Z" where Spark's `Z` does not, and
 * prints nothing for the naive datetimes a UDF makes).
 */
const FORMAT_PATTERN: Record<string, string> = {
  Y: 'yyyy', y: 'yy', m: 'MM', d: 'dd', H: 'HH', I: 'hh', M: 'mm', S: 'ss', f: 'SSSSSS', p: 'a', b: 'MMM', B: 'MMMM', a: 'EEE', A: 'EEEE', j: 'DDD', '%': '%',
};
/** The directives that are numbers (`%b`, `%p` are names). */
const NUMERIC_DIRECTIVES: ReadonlySet<string> = new Set(['Y', 'y', 'm', 'd', 'H', 'I', 'M', 'S', 'f', 'j']);
const PARSE_PATTERN: Record<string, string | undefined> = { ...FORMAT_PATTERN, y: undefined, a: undefined, A: undefined, m: 'M', d: 'd', H: 'H', I: 'h', M: 'm', S: 's', j: 'D' };
const MATH_FUNCTIONS = new Set(['sqrt', 'log', 'log10', 'log2', 'log1p', 'exp', 'pow', 'floor', 'ceil', 'sin', 'cos', 'tan', 'fabs', 'atan', 'asin', 'acos', 'degrees', 'radians', 'hypot', 'isnan']);
const VECTOR_NAME = /vec|feature|prob|raw|embedding|score/i;
/** A bare `v` / `v1` reads as a vector (`lambda v: v[1]`), except beside a key: `lambda k, v: v[0]` is a key and a value. */
const SHORT_VECTOR_NAME = /^v\d*$/;
/** A DenseVector's numpy array of its elements. */
const VECTOR_ARRAYS: ReadonlySet<string> = new Set(['array', 'values']);
/** The one of them that is the elements of a SparseVector too. */
const DENSE_ARRAY: ReadonlySet<string> = new Set(['array']);
const KEY_NAMES = new Set(['k', 'key']);
/**
 * A call into a hashing or regular-expression library, by the callee's text (`hashlib.md5`, `re.sub`,
 * `uuid.uuid5`): per-value work a vectorized rewrite does not speed up.
 */
export const LIBRARY_CALLEE = String.raw`(?:(?:hashlib|hmac|zlib|mmh3|xxhash|re|regex)\.\w+|uuid\.uuid[35])`;
const LIBRARY_WORK = new RegExp(String.raw`\b${LIBRARY_CALLEE}\(`);
/** Characters that make a Python `split`/`replace` argument mean something else as a Spark regular expression. */
const REGEX_SPECIAL = /[.|*+?()[\]{}^$\\]/;
const ALLOWED_STATEMENTS = new Set(['return_statement', 'if_statement', 'expression_statement', 'pass_statement']);

/**
 * The analysis of each implementation asked about. It reads only the implementation's own subtree, and a
 * re-lint after an edit keeps the nodes of unchanged statements (syntax.ts): three rules ask per lint.
 */
const analyses = new WeakMap<PyNode, UdfBodyAnalysis>();

export function analyseUdfBody(tree: SyntaxTree, implementation: PyNode): UdfBodyAnalysis {
  let analysis = analyses.get(implementation);
  if (!analysis) analyses.set(implementation, (analysis = analyse(tree, implementation)));
  return analysis;
}

/**
 * The UDF read knowing that its parameter `position` receives an ML Vector (a call site passes a vector
 * column, so a parameter named `x` or `row` is one too): the vector-element analysis when the body takes
 * elements out of that parameter, else undefined.
 */
export function analyseVectorParameter(tree: SyntaxTree, implementation: PyNode, position: number): UdfBodyAnalysis | undefined {
  const params = parameterNames(tree, implementation);
  const param = params[position];
  const body = field(implementation, 'body');
  if (!param || !body || !findVectorIndexing(tree, body, params, (name) => name === param)) return undefined;
  return vectorElementAnalysis(tree, implementation, body, params);
}

function analyse(tree: SyntaxTree, implementation: PyNode): UdfBodyAnalysis {
  const params = parameterNames(tree, implementation);
  const body = field(implementation, 'body');
  if (!body) return { kind: 'custom', builtins: [] };
  // a name is only a hint: not for a parameter the body tests as another type (`isinstance(v, list)`)
  const typedOtherwise = testedAsOtherTypes(tree, body);
  if (findVectorIndexing(tree, body, params, (name) => namedLikeVector(name, params) && !typedOtherwise.has(name))) return vectorElementAnalysis(tree, implementation, body, params);
  // `def f(): return path` called as `f()`: the same value on every row, which is `lit(path)`
  if (!params.length && isConstant(singleReturn(body, implementation))) return { kind: 'builtin', builtins: ['lit'] };
  const reading: BodyReading = { locals: new Set(params), collections: new Set(), builtins: new Set(), outer: new Set(), outerAddends: new Set(), notes: new Set(), sliced: new Set(), indexed: new Set(), formatNames: [] };
  const ok = implementation.type === 'lambda' ? expressionMaps(tree, body, reading) : blockMaps(tree, body, reading);
  if (!ok) return { kind: LIBRARY_WORK.test(textOf(tree, body)) ? 'library-work' : 'custom', builtins: [] };
  if (reading.outer.size) reading.builtins.add('lit');
  // `s[0] + s[1:]`: the slice says s is a string, so its index is a substring too
  if (reading.indexed.size && [...reading.indexed].every((indexed) => reading.sliced.has(indexed))) {
    reading.builtins.delete('substring or element_at');
    reading.builtins.add('substring');
  } else if (reading.builtins.has('substring or element_at')) {
    reading.builtins.delete('substring'); // named in the pair already
  }
  const result: UdfBodyAnalysis = { kind: 'builtin', builtins: [...reading.builtins].sort() };
  if (reading.sliced.size) result.slices = true;
  if (reading.notes.size) result.notes = [...reading.notes];
  if (reading.outer.size) Object.assign(result, { outerNames: [...reading.outer], outerAddends: [...reading.outerAddends] });
  if (reading.formatNames.length) result.formatNames = reading.formatNames;
  const single = singleReturn(body, implementation);
  if (single && params.length === 1) {
    const call = unparenthesize(single);
    if (call.type === 'call') {
      const callee = field(call, 'function');
      const args = namedChildren(field(call, 'arguments') ?? call);
      if (callee?.type === 'attribute' && args.length === 0) {
        const object = field(callee, 'object');
        const method = textOf(tree, field(callee, 'attribute') ?? callee);
        if (object && textOf(tree, object) === params[0] && (method === 'lower' || method === 'upper')) result.exactBuiltin = method;
      }
    }
  }
  return result;
}

function vectorElementAnalysis(tree: SyntaxTree, implementation: PyNode, body: PyNode, params: string[]): UdfBodyAnalysis {
  const returned = params.length === 1 ? singleReturn(body, implementation) : undefined;
  const rewrite = returned && exactVectorRead(tree, returned, params[0]!);
  return { kind: 'vector-element', builtins: ['vector_to_array'], ...(rewrite ? { vectorRewrite: { param: params[0]!, returned, ...rewrite } } : {}) };
}

/** `features`, `prob`, or a bare `v` that is not the value beside a key. */
function namedLikeVector(name: string, params: string[]): boolean {
  return VECTOR_NAME.test(name) || (SHORT_VECTOR_NAME.test(name) && !params.some((param) => KEY_NAMES.has(param)));
}

function singleReturn(body: PyNode, implementation: PyNode): PyNode | undefined {
  if (implementation.type === 'lambda') return body;
  const statements = namedChildren(body).filter((s) => !(s.type === 'expression_statement' && namedChildren(s)[0]?.type === 'string'));
  if (statements.length !== 1 || statements[0]!.type !== 'return_statement') return undefined;
  return namedChildren(statements[0]!)[0];
}

/** `p[i]`, `float(p.array[i])`, `list(p)[i]` -> { index: i }; `p.toArray().tolist()`, `list(p.toArray())` -> {}; else undefined. */
function exactVectorRead(tree: SyntaxTree, expression: PyNode, param: string): { index?: number } | undefined {
  const node = unparenthesize(expression);
  const call = node.type === 'call' ? { callee: field(node, 'function'), args: namedChildren(field(node, 'arguments') ?? node) } : undefined;
  const isParam = (candidate: PyNode | undefined) => candidate?.type === 'identifier' && textOf(tree, candidate) === param;
  const toArrayOf = (candidate: PyNode | undefined): boolean => {
    if (candidate?.type !== 'call' || namedChildren(field(candidate, 'arguments') ?? candidate).length) return false;
    const callee = field(candidate, 'function');
    return callee?.type === 'attribute' && textOf(tree, field(callee, 'attribute') ?? callee) === 'toArray' && isParam(field(callee, 'object'));
  };
  // the element itself: `p[i]`, `p.toArray()[i]`, `p.array[i]`, `list(p)[i]` (not `p.values[i]`: a
  // SparseVector's values are its non-zero entries, not its elements)
  const elementsOf = (candidate: PyNode | undefined): boolean => {
    const value = candidate && unparenthesize(candidate);
    return isParam(indexedVector(tree, value, DENSE_ARRAY)) || toArrayOf(value);
  };
  if (node.type === 'subscript') {
    const subscripts = node.children.filter((child) => child.field === 'subscript');
    const index = subscripts.length === 1 && subscripts[0]!.type === 'integer' ? Number(textOf(tree, subscripts[0]!)) : undefined;
    return elementsOf(field(node, 'value')) && index !== undefined && Number.isInteger(index) ? { index } : undefined;
  }
  if (!call?.callee) return undefined;
  const calleeText = textOf(tree, call.callee);
  if (calleeText === 'float' && call.args.length === 1 && unparenthesize(call.args[0]!).type === 'subscript') return exactVectorRead(tree, call.args[0]!, param);
  if (calleeText === 'list' && call.args.length === 1 && toArrayOf(unparenthesize(call.args[0]!))) return {};
  if (call.callee.type === 'attribute' && !call.args.length && textOf(tree, field(call.callee, 'attribute') ?? call.callee) === 'tolist' && toArrayOf(field(call.callee, 'object'))) return {};
  return undefined;
}

/** What a subscript's value takes elements of: `v` itself, `v.array` (or another of `arrays`) or `list(v)`. */
function indexedVector(tree: SyntaxTree, value: PyNode | undefined, arrays: ReadonlySet<string>): PyNode | undefined {
  if (value?.type === 'attribute') return arrays.has(textOf(tree, field(value, 'attribute') ?? value)) ? field(value, 'object') : undefined;
  return listOf(tree, value) ?? value;
}

/** `list(v)`: the argument, a vector's elements in a Python list (a SparseVector's too: it iterates by index). */
function listOf(tree: SyntaxTree, node: PyNode | undefined): PyNode | undefined {
  if (node?.type !== 'call') return undefined;
  const callee = field(node, 'function');
  const args = namedChildren(field(node, 'arguments') ?? node);
  return callee?.type === 'identifier' && textOf(tree, callee) === 'list' && args.length === 1 && args[0]!.type === 'identifier' ? args[0] : undefined;
}

/**
 * Whether the body takes elements out of a vector parameter: `p.toArray()` of any parameter (only vectors
 * have it), or `p[i]`, `list(p)[i]`, `p.array[i]`, `p.values[i]` of one that `isVector` accepts (lists,
 * strings and Rows index the same way).
 */
function findVectorIndexing(tree: SyntaxTree, body: PyNode, params: string[], isVector: (param: string) => boolean): { index?: number } | undefined {
  let found: { index?: number } | undefined;
  const visit = (node: PyNode): void => {
    if (found) return;
    if (node.type === 'call') {
      const callee = field(node, 'function');
      if (callee?.type === 'attribute' && textOf(tree, field(callee, 'attribute') ?? callee) === 'toArray') {
        const object = field(callee, 'object');
        if (object && params.includes(textOf(tree, object))) {
          found = {};
          return;
        }
      }
      // `v.values.tolist()`, `v.array.tolist()`: a DenseVector's numpy array as a list (named like a vector)
      const array = callee?.type === 'attribute' && textOf(tree, field(callee, 'attribute') ?? callee) === 'tolist' ? field(callee, 'object') : undefined;
      const vector = array?.type === 'attribute' ? indexedVector(tree, array, VECTOR_ARRAYS) : undefined;
      if (vector?.type === 'identifier' && params.includes(textOf(tree, vector)) && isVector(textOf(tree, vector))) {
        found = {};
        return;
      }
    }
    if (node.type === 'subscript') {
      const value = field(node, 'value');
      const subscript = node.children.find((child) => child.field === 'subscript');
      // `v.array[1]`, `v.values[1]`: a DenseVector's numpy array (named like a vector: a struct's Row can have such fields)
      const vector = indexedVector(tree, value, VECTOR_ARRAYS);
      if (vector?.type === 'identifier' && subscript?.type === 'integer') {
        const name = textOf(tree, vector);
        if (params.includes(name) && isVector(name)) {
          found = { index: Number(textOf(tree, subscript)) };
          return;
        }
      }
    }
    for (const child of node.children) visit(child);
  };
  visit(body);
  return found;
}

/**
 * Names the body tests with `isinstance(v, list)`, `isinstance(v, (int, float))`: the author expects a
 * list or a number there, not an ML Vector (which is neither), whichever branch it takes. A test naming a
 * Vector class does not count.
 */
function testedAsOtherTypes(tree: SyntaxTree, body: PyNode): Set<string> {
  const names = new Set<string>();
  forEachNode(body, (node) => {
    if (node.type !== 'call') return;
    const callee = field(node, 'function');
    if (callee?.type !== 'identifier' || textOf(tree, callee) !== 'isinstance') return;
    const [tested, types] = namedChildren(field(node, 'arguments') ?? node);
    if (tested?.type === 'identifier' && types && !/Vector/.test(textOf(tree, types))) names.add(textOf(tree, tested));
  });
  return names;
}

function blockMaps(tree: SyntaxTree, block: PyNode, reading: BodyReading): boolean {
  for (const statement of namedChildren(block)) {
    if (!ALLOWED_STATEMENTS.has(statement.type)) return false;
    if (statement.type === 'pass_statement') continue;
    if (statement.type === 'expression_statement') {
      const inner = namedChildren(statement)[0];
      if (!inner) continue;
      if (inner.type === 'string') continue; // docstring
      if (inner.type !== 'assignment') return false;
      const left = field(inner, 'left');
      const right = field(inner, 'right');
      if (left?.type !== 'identifier' || !right || !expressionMaps(tree, right, reading)) return false;
      reading.locals.add(textOf(tree, left));
      if (COLLECTIONS.has(right.type)) reading.collections.add(textOf(tree, left));
      else reading.collections.delete(textOf(tree, left));
      continue;
    }
    if (statement.type === 'return_statement') {
      const value = namedChildren(statement)[0];
      if (value && !expressionMaps(tree, value, reading)) return false;
      continue;
    }
    // if / elif / else ladder -> when/otherwise
    reading.builtins.add('when/otherwise');
    for (const child of namedChildren(statement)) {
      if (child.type === 'block') {
        if (!blockMaps(tree, child, reading)) return false;
      } else if (child.type === 'elif_clause' || child.type === 'else_clause') {
        for (const part of namedChildren(child)) {
          if (part.type === 'block' ? !blockMaps(tree, part, reading) : !expressionMaps(tree, part, reading)) return false;
        }
      } else if (!expressionMaps(tree, child, reading)) {
        return false;
      }
    }
  }
  return true;
}

/**
 * `[t.lower() for t in tokens if len(t) >= 3]`: one `for` over an array, its element and condition built-ins
 * of the element: Spark's higher-order functions `transform` and `filter` (Spark 3.1+ in Python).
 */
function comprehensionMaps(tree: SyntaxTree, node: PyNode, reading: BodyReading): boolean {
  const clauses = node.children.filter((child) => child.type === 'for_in_clause');
  const conditions = node.children.filter((child) => child.type === 'if_clause');
  const element = field(node, 'body');
  const variable = clauses.length === 1 ? field(clauses[0]!, 'left') : undefined;
  const items = clauses.length === 1 ? field(clauses[0]!, 'right') : undefined;
  if (!element || variable?.type !== 'identifier' || !items || !expressionMaps(tree, items, reading)) return false;
  const name = textOf(tree, variable);
  const shadows = reading.locals.has(name);
  reading.locals.add(name);
  try {
    if (!expressionMaps(tree, element, reading) || !conditions.every((condition) => namedChildren(condition).every((inner) => expressionMaps(tree, inner, reading)))) return false;
  } finally {
    if (!shadows) reading.locals.delete(name);
  }
  if (conditions.length) reading.builtins.add('filter');
  if (element.type !== 'identifier' || textOf(tree, element) !== name) reading.builtins.add('transform');
  return true;
}

function expressionMaps(tree: SyntaxTree, node: PyNode, reading: BodyReading): boolean {
  if (SCALAR_LITERALS.has(node.type)) return true;
  switch (node.type) {
    case 'identifier': {
      const name = textOf(tree, node);
      if (!reading.locals.has(name) && name !== 'None') reading.outer.add(name);
      return true;
    }
    case 'string': {
      const interpolations = node.children.filter((child) => child.type === 'interpolation');
      if (interpolations.length) reading.builtins.add('concat'); // f"{a}_{b}"
      return interpolations.every((child) => namedChildren(child).every((inner) => expressionMaps(tree, inner, reading)));
    }
    case 'binary_operator':
      // `"x_" + s`: Spark's + on strings casts them to numbers (null); the built-in is concat
      if (isBinaryOperator(node, '+')) {
        const operands = namedChildren(node);
        if (operands.some((child) => child.type === 'string')) reading.builtins.add('concat');
        for (const operand of operands) if (operand.type === 'identifier' && !reading.locals.has(textOf(tree, operand))) reading.outerAddends.add(textOf(tree, operand));
      }
      return namedChildren(node).every((child) => expressionMaps(tree, child, reading));
    case 'comparison_operator': {
      // `x in ("a", "b")` is isin; `x in s` tests a substring or an element: contains, array_contains
      const operands = namedChildren(node);
      if (node.children.some((child) => !child.named && (child.type === 'in' || child.type === 'not in'))) {
        const container = operands[operands.length - 1];
        const literal = container && (COLLECTIONS.has(container.type) || (container.type === 'identifier' && reading.collections.has(textOf(tree, container))));
        reading.builtins.add(literal ? 'Column.isin' : 'contains/array_contains');
      }
      return operands.every((child) => expressionMaps(tree, child, reading));
    }
    case 'parenthesized_expression':
    case 'not_operator':
    case 'unary_operator':
    case 'boolean_operator':
    case 'list':
    case 'tuple':
      return namedChildren(node).every((child) => expressionMaps(tree, child, reading));
    case 'conditional_expression':
      reading.builtins.add('when/otherwise');
      return namedChildren(node).every((child) => expressionMaps(tree, child, reading));
    case 'list_comprehension':
      return comprehensionMaps(tree, node, reading);
    case 'attribute': {
      const attribute = textOf(tree, field(node, 'attribute') ?? node);
      const object = field(node, 'object');
      // `timedelta(milliseconds=ms).days`: arithmetic on the number, `floor(ms / 86400000)`
      if (object && attribute in TIMEDELTA_FIELDS && timedeltaMaps(tree, object, reading)) {
        for (const builtin of TIMEDELTA_FIELDS[attribute]!) reading.builtins.add(builtin);
        return true;
      }
      if (!object || !(attribute in DATETIME_ATTRIBUTES)) return false;
      reading.builtins.add(DATETIME_ATTRIBUTES[attribute]!);
      return expressionMaps(tree, object, reading);
    }
    case 'subscript': {
      const value = field(node, 'value');
      const subscripts = node.children.filter((child) => child.field === 'subscript');
      // `path.rsplit("/", 1)[-1]`, `name.split(".")[0]`: the text after the last or before the first
      // separator is substring_index, which takes the separator as written (split reads a regex)
      const delimited = value && subscripts.length === 1 ? delimitedPart(tree, value, subscripts[0]!) : undefined;
      if (delimited) {
        reading.builtins.add('substring_index');
        return expressionMaps(tree, delimited, reading);
      }
      if (!value || !expressionMaps(tree, value, reading)) return false;
      // `s[0]` is a character of a string (substring) or an element of an array (element_at): unless the
      // key is a string (a map) or the value a split, the body does not say which
      const callee = value.type === 'call' ? field(value, 'function') : undefined;
      const ofList = subscripts.every((s) => s.type === 'string') || (callee?.type === 'attribute' && /^r?split$/.test(textOf(tree, field(callee, 'attribute') ?? callee)));
      const slice = subscripts.some((s) => s.type === 'slice');
      // `s[::-1]` is reverse; a slice with another step has no built-in
      const stepped = subscripts.find((s) => s.type === 'slice' && textOf(tree, s).split(':').length === 3);
      if (stepped) {
        if (subscripts.length !== 1 || !/^\s*:\s*:\s*-\s*1\s*$/.test(textOf(tree, stepped))) return false;
        reading.builtins.add('reverse');
        return true;
      }
      if (slice) reading.sliced.add(textOf(tree, value));
      else if (!ofList) reading.indexed.add(textOf(tree, value));
      reading.builtins.add(slice ? 'substring' : ofList ? 'element_at' : 'substring or element_at');
      return subscripts.every((s) => s.type === 'slice' ? namedChildren(s).every((c) => expressionMaps(tree, c, reading)) : expressionMaps(tree, s, reading));
    }
    case 'call': {
      const callee = field(node, 'function');
      const args = namedChildren(field(node, 'arguments') ?? node);
      // `list(zip(xs, ys))`: pairs of two arrays, arrays_zip
      const zipped = callee?.type === 'identifier' && textOf(tree, callee) === 'list' && args.length === 1 && args[0]!.type === 'call' ? args[0]! : undefined;
      const zipCallee = zipped && field(zipped, 'function');
      if (zipped && zipCallee?.type === 'identifier' && textOf(tree, zipCallee) === 'zip') {
        const zipArgs = namedChildren(field(zipped, 'arguments') ?? zipped);
        reading.builtins.add('arrays_zip');
        return zipArgs.length >= 2 && zipArgs.every((arg) => arg.type !== 'keyword_argument' && expressionMaps(tree, arg, reading));
      }
      const method = callee?.type === 'attribute' ? textOf(tree, field(callee, 'attribute') ?? callee) : undefined;
      const receiver = callee?.type === 'attribute' ? field(callee, 'object') : undefined;
      // `datetime.strptime(s, "%m/%d/%Y")`: to_timestamp with the format as a Spark pattern
      if (method === 'strptime' && receiver && DATETIME_CLASS.test(textOf(tree, receiver))) return parsedDatetimeMaps(tree, args, reading);
      // `timedelta(milliseconds=ms).total_seconds()`: a division
      if (method === 'total_seconds' && receiver && !args.length) return timedeltaMaps(tree, receiver, reading);
      if (method && method in DATETIME_METHODS && receiver && !args.length) {
        reading.builtins.add(DATETIME_METHODS[method]!);
        if (method === 'isoweekday') reading.notes.add('isoweekday() is weekday + 1');
        return expressionMaps(tree, receiver, reading);
      }
      if (!callee || !args.every((arg) => arg.type !== 'keyword_argument' && expressionMaps(tree, arg, reading))) return false;
      if (callee.type === 'identifier') {
        const name = textOf(tree, callee);
        // `max(values)` of one array is array_max; `max(a, b)` is greatest
        if (args.length === 1 && name in ARRAY_REDUCTIONS) {
          reading.builtins.add(ARRAY_REDUCTIONS[name]!);
          return true;
        }
        if (!(name in PURE_FUNCTIONS)) return false;
        // `round(x, step)`: bround takes a literal scale, not one per row
        // (a literal, or a name the UDF does not bind: a module constant, checked with the others)
        const scale = args[1];
        if (name === 'round' && scale && !/^-?\d+$/.test(textOf(tree, scale)) && !(scale.type === 'identifier' && !reading.locals.has(textOf(tree, scale)))) return false;
        reading.builtins.add(PURE_FUNCTIONS[name]!);
        if (name === 'round') reading.notes.add("Python's round() rounds half to even, as bround does, where round rounds half up");
        return true;
      }
      if (method !== undefined) {
        const object = receiver;
        if (object?.type === 'identifier' && textOf(tree, object) === 'math' && MATH_FUNCTIONS.has(method)) {
          reading.builtins.add(method);
          return true;
        }
        // `np.max(arr)`, `numpy.mean(arr)`: reductions of one array
        if (object?.type === 'identifier' && /^(np|numpy)$/.test(textOf(tree, object)) && args.length === 1 && method in NUMPY_REDUCTIONS) {
          reading.builtins.add(NUMPY_REDUCTIONS[method]!);
          return true;
        }
        // `datetime.fromtimestamp(ts / 1000)`: epoch seconds to a timestamp
        if (object && TIMESTAMP_FROM_EPOCH.has(method) && DATETIME_CLASS.test(textOf(tree, object)) && args.length === 1) {
          reading.builtins.add('timestamp_seconds');
          return true;
        }
        if (object?.type === 'identifier' && textOf(tree, object) === 'str' && method in STRING_METHODS) {
          addStringMethod(tree, reading, method, args.slice(1)); // `str.lower(s)`
          return true;
        }
        if (!(method in STRING_METHODS) || !object) return false;
        if (method === 'strftime' && !addPatternNote(tree, reading, 'date_format', args[0], 'format')) return false;
        addStringMethod(tree, reading, method, args);
        return expressionMaps(tree, object, reading);
      }
      return false;
    }
    default:
      return false;
  }
}

/** `datetime.strptime(s, "<literal format>")`: `to_timestamp(s, pattern)` when each directive has a Spark letter. */
function parsedDatetimeMaps(tree: SyntaxTree, args: readonly PyNode[], reading: BodyReading): boolean {
  if (args.length !== 2 || args.some((arg) => arg.type === 'keyword_argument') || !expressionMaps(tree, args[0]!, reading)) return false;
  if (!addPatternNote(tree, reading, 'to_timestamp', args[1], 'parse')) return false;
  reading.builtins.add('to_timestamp');
  return true;
}

/**
 * The note that names the Spark pattern of a strptime/strftime format: a literal that has one, or a name
 * from outside the body (a module constant, checked and translated by the caller). Spark takes the pattern
 * as a literal: a format held in a parameter, a lookup or a column is custom work.
 */
function addPatternNote(tree: SyntaxTree, reading: BodyReading, builtin: string, format: PyNode | undefined, use: 'parse' | 'format'): boolean {
  if (format?.type === 'identifier' && !reading.locals.has(textOf(tree, format))) {
    reading.formatNames.push({ name: textOf(tree, format), builtin, use });
    return true;
  }
  const text = format && stringValue(tree, format);
  const pattern = text === undefined ? undefined : sparkPattern(text, use);
  if (pattern === undefined) return false;
  reading.notes.add(patternNote(builtin, text!, pattern));
  return true;
}

export function patternNote(builtin: string, format: string, pattern: string): string {
  return `${builtin} takes a Spark datetime pattern: "${format}" is "${pattern}"`;
}

/** A strptime/strftime format as a Spark datetime pattern (letters of literal text quoted), or undefined. */
export function sparkPattern(format: string, use: 'parse' | 'format'): string | undefined {
  const letters: Record<string, string | undefined> = use === 'parse' ? PARSE_PATTERN : FORMAT_PATTERN;
  let pattern = '';
  let quoted = '';
  const flushQuoted = (): void => {
    if (quoted) pattern += `'${quoted}'`;
    quoted = '';
  };
  for (let i = 0; i < format.length; i++) {
    const char = format[i]!;
    if (char === '%') {
      // `%Y%m%d`: numbers with no separator between them need their fixed widths (`yyyyMMdd`), or the
      // first reads on into the next (a name, `%b%d`, ends where its letters do)
      const directive = format[i + 1] ?? '';
      const numeric = (at: number) => format[at] === '%' && NUMERIC_DIRECTIVES.has(format[at + 1] ?? '') && format[at - 1] !== '%';
      const adjacent = numeric(i) && (numeric(i + 2) || (i >= 2 && numeric(i - 2)));
      const letter = adjacent && letters[directive] !== undefined ? FORMAT_PATTERN[directive] : letters[directive];
      if (letter === undefined) return undefined; // %U, %c, %z ...: no Spark letter that reads it the same
      flushQuoted();
      pattern += letter;
      i++;
    } else if (/[A-Za-z[\]#{}]/.test(char)) {
      quoted += char;
    } else if (char === "'") {
      quoted += "''"; // a quote inside quoted text: `'o''clock'`
    } else {
      flushQuoted();
      pattern += char;
    }
  }
  flushQuoted();
  return pattern;
}

/** `timedelta(milliseconds=ms)` (keywords of units, or days positionally) whose amounts map. */
function timedeltaMaps(tree: SyntaxTree, node: PyNode, reading: BodyReading): boolean {
  const call = unparenthesize(node);
  const callee = call.type === 'call' ? field(call, 'function') : undefined;
  if (!callee || !TIMEDELTA_CLASS.test(textOf(tree, callee))) return false;
  const args = namedChildren(field(call, 'arguments') ?? call);
  return args.length > 0 && args.every((arg, i) => {
    if (arg.type !== 'keyword_argument') return i === 0 && expressionMaps(tree, arg, reading);
    const name = field(arg, 'name');
    const value = field(arg, 'value');
    return !!name && !!value && TIMEDELTA_UNITS.has(textOf(tree, name)) && expressionMaps(tree, value, reading);
  });
}

/**
 * The built-ins for `s.method(args)`, where Spark's look-alike differs from Python: `strip("$")` strips the
 * given characters (`btrim`; `trim` strips spaces only, and `strip()` all whitespace), `capitalize()` lowers the rest (`initcap`
 * capitalizes every word), and `split`/`regexp_replace` read a regular expression (a "." must be escaped).
 */
function addStringMethod(tree: SyntaxTree, reading: BodyReading, method: string, args: readonly PyNode[]): void {
  if (method === 'capitalize') {
    for (const name of ['concat', 'upper', 'lower', 'substring']) reading.builtins.add(name);
    return;
  }
  if (args.length && (method === 'strip' || method === 'lstrip' || method === 'rstrip')) {
    reading.builtins.add(method === 'strip' ? 'btrim' : 'regexp_replace');
    return;
  }
  const builtin = STRING_METHODS[method]!;
  reading.builtins.add(builtin);
  if (method === 'strip' || method === 'lstrip' || method === 'rstrip') reading.notes.add(`${builtin} removes spaces only, where ${method}() also removes tabs and line breaks`);
  const pattern = (method === 'split' || method === 'replace') && args[0] ? stringValue(tree, args[0]) : undefined;
  if (pattern && REGEX_SPECIAL.test(pattern)) reading.notes.add(`${builtin} reads "${pattern}" as a regular expression: escape it`);
  if (method === 'split' && args[1]) reading.notes.add("split's limit is Python's maxsplit + 1");
}

/**
 * The string `s` of `s.split(sep)[0]`, `s.split(sep, 1)[0]`, `s.split(sep)[-1]`, `s.rsplit(sep)[0 or -1]`,
 * `s.rsplit(sep, 1)[-1]` with `sep` a literal: `substring_index(s, sep, 1)` or `(s, sep, -1)`, also when
 * `sep` is missing from `s` (both give all of it). Not `split(sep, 1)[-1]` (after the first separator).
 */
function delimitedPart(tree: SyntaxTree, value: PyNode, index: PyNode): PyNode | undefined {
  const position = textOf(tree, index).replace(/\s+/g, '');
  if (value.type !== 'call' || (position !== '0' && position !== '-1')) return undefined;
  const callee = field(value, 'function');
  const method = callee?.type === 'attribute' ? textOf(tree, field(callee, 'attribute') ?? callee) : '';
  if (method !== 'split' && method !== 'rsplit') return undefined;
  const args = namedChildren(field(value, 'arguments') ?? value);
  const separator = args[0] && stringValue(tree, args[0]);
  if (!separator || args.length > 2 || (args[1] && textOf(tree, args[1]) !== '1')) return undefined;
  // with maxsplit 1, split keeps the first separator's left part and rsplit the last one's right part
  if (args[1] && (method === 'split' ? position !== '0' : position !== '-1')) return undefined;
  return field(callee!, 'object');
}

/** A literal, or a name or attribute read from the enclosing scope (`path`, `config.bucket`). */
function isConstant(expression: PyNode | undefined): boolean {
  const node = expression && unparenthesize(expression);
  if (!node) return false;
  if (['string', 'integer', 'float', 'true', 'false', 'none', 'identifier'].includes(node.type)) return node.type !== 'string' || !node.children.some((child) => child.type === 'interpolation');
  return node.type === 'attribute' && isConstant(field(node, 'object'));
}
