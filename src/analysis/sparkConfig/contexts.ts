// Finds where Python code names a Spark configuration key and value:
//   SparkSession.builder.config("k", "v")   .config(key="k", value="v")   .config(map={"k": "v"})
//   spark.conf.set("k", v)   spark.conf.get("k")   spark.conf.unset("k")   spark.conf.isModifiable("k")
//   SparkConf().set("k", "v")   .setIfMissing("k", "v")   .setAll([("k", "v"), ...])   conf.get("k", "default")
// Only receivers that look like a session builder or a configuration object count, so a `.set()` on
// anything else is left alone.
import { callNodes, type ConfigSource, type Position, type Range, type SyntaxView } from './syntaxView';
import type { ConfigValue } from './values';

export type { ConfigSource, Position, Range } from './syntaxView';

/** One argument of a configuration call. */
export interface ConfigArgument {
  /** The whole argument as written (with quotes for a string). */
  readonly range: Range;
  /** For a string literal: the text between the quotes. */
  readonly contentRange?: Range;
  /** The literal value, or undefined when it is computed (a variable, an f-string with `{}`, a call). */
  readonly value?: ConfigValue;
}

export interface ConfigPair {
  readonly key: ConfigArgument;
  /** Absent for calls that only name a key (`get`, `unset`, `isModifiable`). */
  readonly value?: ConfigArgument;
  /** The method that names the pair: config, set, setIfMissing, setAll, get, ... */
  readonly method: string;
}

const BUILDER_METHODS = new Set(['config', 'appName', 'master', 'remote', 'enableHiveSupport', 'getOrCreate', 'create']);
const SPARK_CONF_CHAIN = new Set(['set', 'setAll', 'setIfMissing', 'setAppName', 'setMaster', 'setSparkHome', 'setExecutorEnv']);
const PAIR_METHODS = new Set(['set', 'setIfMissing']);
const KEY_METHODS = new Set(['get', 'unset', 'isModifiable', 'contains']);
/** Every method pairsOfCall reads pairs from: other calls are not looked at. */
const CONFIG_METHODS: ReadonlySet<string> = new Set(['config', 'setAll', ...PAIR_METHODS, ...KEY_METHODS]);

function namedArgs(call: SyntaxView): { positional: SyntaxView[]; keywords: Map<string, SyntaxView> } {
  const positional: SyntaxView[] = [];
  const keywords = new Map<string, SyntaxView>();
  for (const arg of call.field('arguments')?.namedChildren ?? []) {
    if (arg.type === 'keyword_argument') {
      const name = arg.field('name');
      const value = arg.field('value');
      if (name && value) keywords.set(name.text, value);
    } else {
      positional.push(arg);
    }
  }
  return { positional, keywords };
}

/** The text between the quotes of a string node, and its range. */
function stringContent(node: SyntaxView): { text: string | undefined; range: Range } | undefined {
  if (node.type !== 'string') return undefined;
  const children = node.children;
  const start = children.find((child) => child.type === 'string_start');
  const end = children.find((child) => child.type === 'string_end');
  if (!start) return undefined;
  const range = { start: start.range.end, end: end ? end.range.start : node.range.end };
  const dynamic = children.some((child) => child.type === 'interpolation');
  const text = dynamic
    ? undefined
    : children
        .filter((child) => child.type === 'string_content' || child.type === 'escape_sequence')
        .map((child) => child.text)
        .join('');
  return { text, range };
}

export function describeArgument(node: SyntaxView): ConfigArgument {
  const range = node.range;
  const content = stringContent(node);
  if (content) {
    return { range, contentRange: content.range, value: content.text === undefined ? undefined : { kind: 'string', text: content.text } };
  }
  switch (node.type) {
    case 'integer':
      return { range, value: { kind: 'int', text: node.text } };
    case 'float':
      return { range, value: { kind: 'float', text: node.text } };
    case 'true':
    case 'false':
      return { range, value: { kind: 'bool', value: node.type === 'true' } };
    case 'none':
      return { range, value: { kind: 'none' } };
    case 'unary_operator': {
      const operand = node.field('argument');
      if (operand && (operand.type === 'integer' || operand.type === 'float') && node.text.startsWith('-')) {
        return { range, value: { kind: operand.type === 'integer' ? 'int' : 'float', text: node.text.replace(/\s+/g, '') } };
      }
      return { range };
    }
    default:
      return { range };
  }
}

/** `SparkSession.builder`, `SparkSession.Builder()`, `builder`, possibly followed by builder calls. */
function isSessionBuilder(receiver: SyntaxView | undefined): boolean {
  let node = receiver;
  while (node && node.type === 'call') {
    const callee = node.field('function');
    if (callee?.type === 'attribute') {
      const method = callee.field('attribute')?.text ?? '';
      if (!BUILDER_METHODS.has(method)) return /(^|\.)Builder$/.test(callee.text);
      node = callee.field('object');
    } else {
      return /(^|\.)Builder$/.test(callee?.text ?? '');
    }
  }
  if (!node) return false;
  if (node.type === 'attribute') return node.field('attribute')?.text === 'builder';
  return node.type === 'identifier' && /builder$/i.test(node.text);
}

/** `spark.conf`, `conf`, `spark_conf`, `SparkConf()...`, `sc.getConf()`. */
function isConfObject(receiver: SyntaxView | undefined): boolean {
  let node = receiver;
  while (node && node.type === 'call') {
    const callee = node.field('function');
    if (!callee) return false;
    if (callee.type === 'identifier') return callee.text === 'SparkConf';
    if (callee.type !== 'attribute') return false;
    const method = callee.field('attribute')?.text ?? '';
    if (method === 'SparkConf' || method === 'getConf') return true;
    if (!SPARK_CONF_CHAIN.has(method)) return false;
    node = callee.field('object');
  }
  if (!node) return false;
  if (node.type === 'attribute') return /^_?conf$/i.test(node.field('attribute')?.text ?? '');
  return node.type === 'identifier' && /conf$/i.test(node.text);
}

/**
 * `spark.conf.get("spark.sql.shuffle.partitions", "x")`: SQLConf converts the default of a SQL key with
 * the key's type, so a bad one fails. Any other default (a SparkConf's, or `spark.conf.get` of a core
 * key such as `spark.executor.memory`) is only handed back to Python (`"not set"`), never a setting.
 */
function checksDefault(receiver: SyntaxView | undefined, key: SyntaxView | undefined): boolean {
  const isRuntimeConf = receiver?.type === 'attribute' && receiver.field('attribute')?.text === 'conf';
  return isRuntimeConf && key?.type === 'string' && /^[a-zA-Z]*['"]spark\.sql\./.test(key.text);
}

/**
 * Names the module binds to a dict: a literal or `dict(...)`, or an annotation (`user_conf: Dict[str, Any]`).
 * A dict named like a configuration has `get` too: `user_conf.get("spark.x")` reads application settings.
 */
function dictNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/\b([A-Za-z_]\w*)\s*:\s*(?:Optional\[\s*)?(?:typing\.)?(?:Dict|dict|Mapping|MutableMapping)\b/g)) names.add(match[1]!);
  for (const match of text.matchAll(/^[ \t]*([A-Za-z_]\w*)\s*=\s*(?:\{|dict\()/gm)) names.add(match[1]!);
  return names;
}

function pairsOfCall(call: SyntaxView, isDict: (name: string) => boolean): ConfigPair[] {
  const callee = call.field('function');
  if (callee?.type !== 'attribute') return [];
  const method = callee.field('attribute')?.text ?? '';
  const receiver = callee.field('object');
  const { positional, keywords } = namedArgs(call);
  const pairs: ConfigPair[] = [];
  const add = (key: SyntaxView | undefined, value: SyntaxView | undefined): void => {
    if (key) pairs.push({ key: describeArgument(key), value: value ? describeArgument(value) : undefined, method });
  };
  const addMap = (map: SyntaxView | undefined): void => {
    if (map?.type !== 'dictionary') return;
    for (const pair of map.namedChildren) {
      if (pair.type === 'pair') add(pair.field('key'), pair.field('value'));
    }
  };

  if (method === 'config' && isSessionBuilder(receiver)) {
    const key = keywords.get('key') ?? positional[0];
    if (key?.type === 'dictionary') addMap(key);
    else if (key && key.type !== 'call' && !keywords.has('conf')) add(key, keywords.get('value') ?? positional[1]);
    addMap(keywords.get('map'));
    return pairs;
  }
  if (!isConfObject(receiver)) return [];
  if (PAIR_METHODS.has(method)) {
    add(keywords.get('key') ?? positional[0], keywords.get('value') ?? positional[1]);
  } else if (method === 'setAll') {
    const list = keywords.get('pairs') ?? positional[0];
    if (list?.type === 'dictionary') addMap(list);
    else if (list?.type === 'list' || list?.type === 'tuple') {
      for (const item of list.namedChildren) {
        if (item.type !== 'tuple' && item.type !== 'list') continue;
        const [key, value] = item.namedChildren;
        add(key, value);
      }
    }
  } else if (KEY_METHODS.has(method) && !(method === 'get' && receiver?.type === 'identifier' && isDict(receiver.text))) {
    const key = keywords.get('key') ?? positional[0];
    const defaultValue = method === 'get' && checksDefault(receiver, key) ? (keywords.get('defaultValue') ?? keywords.get('default') ?? positional[1]) : undefined;
    add(key, defaultValue);
  }
  return pairs;
}

/** Every configuration key (and value) the module names, in document order. */
export function findConfigPairs(source: ConfigSource): ConfigPair[] {
  let dicts: Set<string> | undefined; // only read for a `name.get(...)`: most files have none
  const isDict = (name: string) => (dicts ??= dictNames('rootNode' in source ? source.rootNode.text : source.text)).has(name);
  const pairs = callNodes(source, CONFIG_METHODS).flatMap((call) => pairsOfCall(call, isDict));
  // A chain `a.config(1).config(2)` nests the later call outside the earlier one: sort by position.
  return pairs.sort((a, b) => a.key.range.start.line - b.key.range.start.line || a.key.range.start.character - b.key.range.start.character);
}

export function containsPosition(range: Range, position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

/** The key or value string whose text contains `position` (between the quotes, ends included). */
export function configStringAt(
  source: ConfigSource,
  position: Position,
): { role: 'key' | 'value'; pair: ConfigPair; argument: ConfigArgument } | undefined {
  for (const pair of findConfigPairs(source)) {
    for (const role of ['key', 'value'] as const) {
      const argument = pair[role];
      if (argument?.contentRange && containsPosition(argument.contentRange, position)) return { role, pair, argument };
    }
  }
  return undefined;
}
