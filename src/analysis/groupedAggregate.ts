// `rdd.groupByKey().mapValues(f)` where `f` reduces each key's values to one: `sum`, `len`, `max`, `min`,
// or a lambda applying them (a mean). Read by the model (the result has one small row per key, like
// `reduceByKey`) and by SPK305 (which suggests `reduceByKey`).
import { type PyNode, type SyntaxTree, field, namedChildren, textOf } from './syntax';

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
