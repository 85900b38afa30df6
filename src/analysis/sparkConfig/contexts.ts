// Finds where Python code names a Spark configuration key and value:
//   SparkSession.builder.config("k", "v")   .config(key="k", value="v")   .config(map={"k": "v"})
//   spark.conf.set("k", v)   spark.conf.get("k")   spark.conf.unset("k")   spark.conf.isModifiable("k")
//   SparkConf().set("k", "v")   .setIfMissing("k", "v")   .setAll([("k", "v"), ...])   conf.get("k", "default")
// Only receivers that look like a session builder or a configuration object count, so a `.set()` on
// anything else is left alone.
import type { Node, Tree } from 'web-tree-sitter';
import type { ConfigValue } from './values';

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based UTF-16 column. */
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

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

function positionOf(point: { row: number; column: number }): Position {
  return { line: point.row, character: point.column };
}

export function rangeOfNode(node: Node): Range {
  return { start: positionOf(node.startPosition), end: positionOf(node.endPosition) };
}

function namedArgs(call: Node): { positional: Node[]; keywords: Map<string, Node> } {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  const args = call.childForFieldName('arguments');
  for (const arg of args?.namedChildren ?? []) {
    if (!arg || arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      const value = arg.childForFieldName('value');
      if (name && value) keywords.set(name.text, value);
    } else {
      positional.push(arg);
    }
  }
  return { positional, keywords };
}

/** The text between the quotes of a string node, and its range. */
function stringContent(node: Node): { text: string | undefined; range: Range } | undefined {
  if (node.type !== 'string') return undefined;
  const start = node.children.find((child) => child?.type === 'string_start');
  const end = node.children.find((child) => child?.type === 'string_end');
  if (!start) return undefined;
  const contentStart = positionOf(start.endPosition);
  const contentEnd = end ? positionOf(end.startPosition) : positionOf(node.endPosition);
  const dynamic = node.children.some((child) => child?.type === 'interpolation');
  const text = dynamic
    ? undefined
    : node.children
        .filter((child): child is Node => child?.type === 'string_content' || child?.type === 'escape_sequence')
        .map((child) => child.text)
        .join('');
  return { text, range: { start: contentStart, end: contentEnd } };
}

export function describeArgument(node: Node): ConfigArgument {
  const range = rangeOfNode(node);
  const content = stringContent(node);
  if (content) {
    return {
      range,
      contentRange: content.range,
      value: content.text === undefined ? undefined : { kind: 'string', text: content.text },
    };
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
      const operand = node.childForFieldName('argument');
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
function isSessionBuilder(receiver: Node | null): boolean {
  let node = receiver;
  while (node && node.type === 'call') {
    const callee = node.childForFieldName('function');
    if (callee?.type === 'attribute') {
      const method = callee.childForFieldName('attribute')?.text ?? '';
      if (!BUILDER_METHODS.has(method)) return /(^|\.)Builder$/.test(callee.text);
      node = callee.childForFieldName('object');
    } else {
      return /(^|\.)Builder$/.test(callee?.text ?? '');
    }
  }
  if (!node) return false;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text === 'builder';
  return node.type === 'identifier' && /builder$/i.test(node.text);
}

/** `spark.conf`, `conf`, `spark_conf`, `SparkConf()...`, `sc.getConf()`. */
function isConfObject(receiver: Node | null): boolean {
  let node = receiver;
  while (node && node.type === 'call') {
    const callee = node.childForFieldName('function');
    if (!callee) return false;
    if (callee.type === 'identifier') return callee.text === 'SparkConf';
    if (callee.type !== 'attribute') return false;
    const method = callee.childForFieldName('attribute')?.text ?? '';
    if (method === 'SparkConf' || method === 'getConf') return true;
    if (!SPARK_CONF_CHAIN.has(method)) return false;
    node = callee.childForFieldName('object');
  }
  if (!node) return false;
  if (node.type === 'attribute') return /^_?conf$/i.test(node.childForFieldName('attribute')?.text ?? '');
  return node.type === 'identifier' && /conf$/i.test(node.text);
}

function pairsOfCall(call: Node): ConfigPair[] {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute') return [];
  const method = callee.childForFieldName('attribute')?.text ?? '';
  const receiver = callee.childForFieldName('object');
  const { positional, keywords } = namedArgs(call);
  const pairs: ConfigPair[] = [];
  const add = (key: Node | undefined, value: Node | undefined): void => {
    if (!key) return;
    pairs.push({ key: describeArgument(key), value: value ? describeArgument(value) : undefined, method });
  };
  const addMap = (map: Node | undefined): void => {
    if (map?.type !== 'dictionary') return;
    for (const pair of map.namedChildren) {
      if (pair?.type === 'pair') add(pair.childForFieldName('key') ?? undefined, pair.childForFieldName('value') ?? undefined);
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
        if (item?.type !== 'tuple' && item?.type !== 'list') continue;
        const [key, value] = item.namedChildren;
        add(key ?? undefined, value ?? undefined);
      }
    }
  } else if (KEY_METHODS.has(method)) {
    const defaultValue = method === 'get' ? (keywords.get('defaultValue') ?? keywords.get('default') ?? positional[1]) : undefined;
    add(keywords.get('key') ?? positional[0], defaultValue);
  }
  return pairs;
}

/** Every configuration key (and value) the module names, in document order. */
export function findConfigPairs(tree: Tree): ConfigPair[] {
  const pairs: ConfigPair[] = [];
  for (const call of tree.rootNode.descendantsOfType('call')) {
    if (call) pairs.push(...pairsOfCall(call));
  }
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
  tree: Tree,
  position: Position,
): { role: 'key' | 'value'; pair: ConfigPair; argument: ConfigArgument } | undefined {
  for (const pair of findConfigPairs(tree)) {
    for (const role of ['key', 'value'] as const) {
      const argument = pair[role];
      if (argument?.contentRange && containsPosition(argument.contentRange, position)) return { role, pair, argument };
    }
  }
  return undefined;
}
