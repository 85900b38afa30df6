import { isFunctionsModule } from '../../analysis/sparkApi';
import { type PyNode, namedChildren, stringValue, unparenthesize } from '../../analysis/syntax';
import type { Rule, RuleContext } from '../rule';
import { isSmallByConstruction, methodCall, methodRange } from '../ruleHelpers';

const JOIN_METHODS: ReadonlySet<string> = new Set(['crossJoin', 'join']);

/** `"id"`, `["id", "day"]`, `a.id == b.id` (also joined with `&`): keys Spark joins on by equality. */
function equiKeys(on: PyNode, context: RuleContext): boolean {
  const keys = unparenthesize(on);
  if (stringValue(context.tree, keys) !== undefined) return true;
  if (keys.type === 'list' || keys.type === 'tuple') {
    const items = namedChildren(keys);
    return items.length > 0 && items.every((item) => stringValue(context.tree, item) !== undefined || equiKeys(item, context));
  }
  if (keys.type === 'comparison_operator') return keys.children.some((child) => !child.named && context.text(child) === '==');
  if (keys.type === 'binary_operator') return namedChildren(keys).every((part) => equiKeys(part, context)) && keys.children.some((child) => !child.named && context.text(child) === '&');
  return false;
}

/** Spark's broadcast join hints (`hint("broadcast")`; `broadcastjoin` and `mapjoin` are its aliases). */
const BROADCAST_HINTS: ReadonlySet<string> = new Set(['broadcast', 'broadcastjoin', 'mapjoin']);

/** `F.broadcast(df)` or `df.hint("broadcast")` as written at the join (the model gives `broadcast(df)` the value of `df`). */
function markedBroadcast(side: PyNode | undefined, context: RuleContext): boolean {
  const node = side && unparenthesize(side);
  const record = node?.type === 'call' ? context.model.callAt(node) : undefined;
  if (!record) return false;
  if (record.parts.method === 'hint') return BROADCAST_HINTS.has(stringValue(context.tree, record.parts.positional[0])?.toLowerCase() ?? '');
  const callee = record.callee.name ?? '';
  return callee.endsWith('.broadcast') && isFunctionsModule(callee.slice(0, -'.broadcast'.length));
}

export const cartesianJoin: Rule = {
  meta: {
    code: 'SPK303',
    name: 'cartesian-join',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for `crossJoin(...)` and `join(other)` without join keys (also with `how="cross"`) between DataFrames.',
      whyIsThisBad: 'A Cartesian product has `rows(left) x rows(right)` rows: two tables of a million rows give a trillion. Such joins run for hours or fail; a missing `on` is usually a bug.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nusers = spark.table("users")\norders = spark.table("orders")\npairs = users.join(orders)',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\nusers = spark.table("users")\norders = spark.table("orders")\npairs = users.join(orders, on="user_id", how="inner")',
      fixSafety: 'No automatic fix: only the author knows the join keys.',
      notFlagged: 'Cross joins where one side is built from literals, is cut by `limit(n)` or is an aggregate (one row per group or a single row of statistics): these are small by construction and common on purpose; a side the author marks small with a broadcast hint at the join (`crossJoin(F.broadcast(grid))`, `grid.hint("broadcast")`); and `join(other, on=keys, how="cross")` with column names or equalities as keys, which Spark plans as an equi-join on them.',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, JOIN_METHODS);
      if (!call || call.receiver?.kind !== 'DataFrame') return;
      const other = context.model.valueOf(call.parts.positional[0] ?? call.parts.keywords.get('other'));
      if (other?.kind !== 'DataFrame') return;
      if ([call.receiver, other].some(isSmallByConstruction)) return;
      // `crossJoin(F.broadcast(grid))`, `grid.hint("broadcast")`: the author states that side is small
      const otherNode = call.parts.positional[0] ?? call.parts.keywords.get('other');
      if (markedBroadcast(call.parts.receiver, context) || markedBroadcast(otherNode, context)) return;
      const method = call.parts.method!;
      const on = call.parts.positional[1] ?? call.parts.keywords.get('on');
      if (method === 'join') {
        const how = stringValue(context.tree, call.parts.positional[2] ?? call.parts.keywords.get('how'));
        const noKeys = !on || on.type === 'none';
        // keys given: an inner join on them; with `how="cross"` too when they are names or equalities, which
        // Spark plans as an equi-join (a condition that is not one, `F.lit(True)`, stays a Cartesian product)
        if (!noKeys && (how !== 'cross' || equiKeys(on, context))) return;
        if (call.parts.hasStarArgs) return;
      }
      context.report({
        range: methodRange(node, call),
        message: method === 'crossJoin'
          ? '`crossJoin` makes a Cartesian product (rows x rows); join on keys, or make sure one side is tiny.'
          : on
            ? '`join(..., how="cross")` on a condition that is no equality is a Cartesian product (rows x rows); join on keys equal on both sides.'
            : '`join` without keys is a Cartesian product (rows x rows); pass `on=` with the join keys.',
      });
    },
  },
};
