// How many rows a `spark.sql("...")` query can return, read from its text. It keeps SPK101/SPK102 quiet
// on what is small by construction:
// - `... LIMIT 10` at the end of the query: limited;
// - a GROUP BY, or a global aggregate (`SELECT count(*) FROM t`): aggregated, the class
//   `groupBy().agg()` and `agg()` have; so is `SELECT DISTINCT status` (a category's values);
// - `SELECT` without `FROM` and statements that return no rows (`CREATE`, `INSERT`, ...): literal;
// - catalog commands (`SHOW TABLES`, `DESCRIBE t`, `EXPLAIN ...`) and reads of `information_schema`
//   views: aggregated (metadata, not data); Delta Lake's `OPTIMIZE`/`RESTORE`/`VACUUM`: literal (a row of metrics);
// - the common table expressions of `WITH a AS (...) SELECT ...`: views of their own size;
// - a query that reads only temp views the file registered from small DataFrames
//   (`createDataFrame([...]).createOrReplaceTempView("people")`): no larger than those views.
// Anything else, and a query whose text is not known, stays unbounded, as before.
import { isHighCardinalityColumn } from './columnNames';
import { AGGREGATE_FUNCTIONS } from './sparkApi';
import { type Boundedness, maxBound, minBound } from './values';

const METADATA = /^(show|describe|desc|explain|set|list)\b/;
const NO_ROWS = /^(create|drop|alter|insert|use|refresh|cache|uncache|clear|msck|analyze|truncate|delete|update|merge|add|reset|load|comment|grant|revoke|repair|convert|generate)\b/;
/** Delta Lake's maintenance commands, which return a row of metrics (`OPTIMIZE t`, `RESTORE t TO VERSION AS OF 3`, `VACUUM t`; a dry run lists files). */
const METRICS_ROW = /^(optimize|restore)\b|^vacuum\b(?![\s\S]*\bdry\s+run\b)/;
const SET_OPERATION = /\b(?:union|intersect|except|minus)\b(?:\s+(?:all|distinct))?/;
const TRAILING_LIMIT = /\blimit\s+\d+(?:\s+offset\s+\d+)?\s*$/;
const GROUP_BY = /\bgroup\s+by\b/;

/** A call of an aggregate function (the text is lower-cased); in a select list without GROUP BY it makes one row. */
const AGGREGATE_CALL = new RegExp(`\\b(?:${[...AGGREGATE_FUNCTIONS].map((name) => name.toLowerCase()).join('|')})\\s*\\(`);

/** Where a FROM list ends: the next clause, a set operation or a join. */
const FROM_LIST_END = /\b(?:where|group|order|having|limit|window|qualify|cluster|distribute|sort|lateral|pivot|unpivot|tablesample|(?:natural|left|right|full|inner|cross|semi|anti|outer)\b|join)\b/;
const TABLE_NAME = /^[a-z_][\w.]*$/;
const INFORMATION_SCHEMA = /(^|\.)information_schema\.\w+$/;

/** The boundedness of a temp view registered in the file (by `viewName`), or undefined when unknown. */
export type ViewBound = (name: string, written?: string) => Boundedness | undefined;

/** The key of a temp view: `People` and `global_temp.people` name the same view for the file's reads. */
export function viewName(name: string): string {
  return name.toLowerCase().replace(/^global_temp\./, '');
}

/** The boundedness of the rows `sql` returns; undefined text (computed, unreadable) is unbounded. */
export function sqlBound(sql: string | undefined, viewBound: ViewBound = () => undefined): Boundedness {
  if (sql === undefined) return 'unbounded';
  // the names as written: `createdAt` is a point in time, `createdat` no word the name test knows
  return queryBound(normalized(sql), viewBound, isDistinctOfCategories(sql));
}

/**
 * The boundedness of a normalized query. Its common table expressions (`WITH counts AS (SELECT ...)`) are
 * read as views of their own size, each seeing those before it.
 */
function queryBound(query: string, viewBound: ViewBound, distinctOfCategories: boolean): Boundedness {
  const { views, rest } = commonTableExpressions(query);
  let bounds = viewBound;
  for (const [name, body] of views) {
    const seen = bounds;
    const bound = queryBound(body, seen, false);
    bounds = (view, written) => (written === name ? bound : seen(view, written));
  }
  const text = outerStatement(rest);
  if (!text) return 'unbounded';
  if (NO_ROWS.test(text) || METRICS_ROW.test(text)) return 'literal';
  if (METADATA.test(text)) return 'aggregated';
  if (TRAILING_LIMIT.test(text)) return 'limited';
  const ranked = topRanked(text, query);
  if (ranked) return ranked;
  const parts = text.split(SET_OPERATION);
  const categories = parts.length === 1 && distinctOfCategories;
  let bound: Boundedness = 'literal';
  for (const part of parts) {
    const partBound = selectBound(part.trim(), bounds, categories);
    bound = maxBound(bound, partBound)!;
  }
  return bound;
}

/** `WITH a AS (...), b (x, y) AS (...) SELECT ...` (normalized): each name with its query, and the query after them. */
function commonTableExpressions(query: string): { views: Array<[string, string]>; rest: string } {
  const views: Array<[string, string]> = [];
  const start = /^\s*with\s+(?:recursive\s+)?/.exec(query);
  if (!start) return { views, rest: query };
  let at = start[0].length;
  for (;;) {
    const head = /^([a-z_]\w*)\s*(?:\([^()]*\)\s*)?as\s*\(/.exec(query.slice(at));
    // (`x` is also what a value filled in at run time reads as: such a name is not taken for the table)
    if (!head || head[1] === 'x') return { views: [], rest: query }; // not read: the query as a whole, as before
    const open = at + head[0].length - 1;
    const close = closingParenthesis(query, open);
    if (close < 0) return { views: [], rest: query };
    views.push([head[1]!, query.slice(open + 1, close)]);
    at = close + 1;
    const comma = /^\s*,\s*/.exec(query.slice(at));
    if (!comma) return { views, rest: query.slice(at) };
    at += comma[0].length;
  }
}

/** The offset of the `)` that closes the `(` at `open`, or -1. */
function closingParenthesis(text: string, open: number): number {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    if (text[at] === '(') depth++;
    else if (text[at] === ')' && --depth === 0) return at;
  }
  return -1;
}

/** The query itself ends in `LIMIT n` (not only reads views that are limited, such as a `sample()`). */
export function endsWithLimit(sql: string | undefined): boolean {
  return sql !== undefined && TRAILING_LIMIT.test(outerStatement(normalized(sql)));
}

/** A normalized query without its subqueries and its closing `;`. */
function outerStatement(query: string): string {
  return withoutSubqueries(query).trim().replace(/;\s*$/, '').trim();
}

/** A SQL expression that aggregates all rows to one (`sum(id)`, `count(*) AS n`), not over a window. */
export function isAggregateSql(expression: string | undefined): boolean {
  if (expression === undefined) return false;
  const text = withoutSubqueries(normalized(expression));
  return AGGREGATE_CALL.test(text) && !/\bover\b/.test(text);
}

/** One SELECT of a query (subqueries already removed): the smaller of its shape and its sources. */
function selectBound(select: string, viewBound: ViewBound, distinctOfCategories = false): Boundedness {
  const list = /\bselect\s+([\s\S]*?)(?:\bfrom\b|$)/.exec(select);
  if (!list) return 'unbounded'; // TABLE t, VALUES ..., FROM t SELECT ...: not read
  if (!/\bfrom\b/.test(select)) return 'literal'; // SELECT 1, SELECT current_date()
  // an aggregate outside a window (`OVER`) in the select list makes the whole query one row; `SELECT DISTINCT
  // status` has a row per value of a category (`distinctOfCategories`: read from the text as written)
  const aggregates = GROUP_BY.test(select) || (AGGREGATE_CALL.test(list[1]!) && !/\bover\b/.test(list[1]!));
  const shape: Boundedness = aggregates || (distinctOfCategories && /^\s*distinct\b/.test(list[1]!)) ? 'aggregated' : 'unbounded';
  const sources = sourcesBound(select, viewBound);
  return minBound(sources, shape);
}

/** A ranking window function and its window, named by `as alias` (the alias is group 2). */
const RANKING = String.raw`\b(?:row_number|rank|dense_rank)\s*\(\s*\)\s*over\s*\(([^()]*)\)`;
/** A rank kept up to n: `rn <= 5`, `r.rn < 4`, `rn = 1`. */
const RANK_AT_MOST = /(?:^|\band\b|\()\s*(?:[a-z_]\w*\.)?([a-z_]\w*)\s*(<=|<|=)\s*(\d+)\b/;

/**
 * The top n rows of each group by a ranking window (`ROW_NUMBER() OVER (PARTITION BY location ORDER BY value
 * DESC) AS rn` then `WHERE rn <= 5`, or `QUALIFY ROW_NUMBER() OVER (...) <= 5`): a few rows per group, as an
 * aggregate has one (without PARTITION BY, n rows). `outer`: the outer statement; `query`: where the rank is made.
 */
function topRanked(outer: string, query: string): Boundedness | undefined {
  const bound = (window: string, n: string, operator: string): Boundedness | undefined =>
    Number(n) - (operator === '<' ? 1 : 0) > 1000 ? undefined : /\bpartition\s+by\b/.test(window) ? 'aggregated' : 'limited';
  const qualify = new RegExp(`\\bqualify\\s+${RANKING}\\s*(<=|<|=)\\s*(\\d+)\\b`).exec(outer);
  if (qualify) return bound(qualify[1]!, qualify[3]!, qualify[2]!);
  const where = /\bwhere\b([\s\S]*)/.exec(outer)?.[1];
  const kept = where ? RANK_AT_MOST.exec(where.split(WHERE_END)[0]!) : null;
  if (!kept) return undefined;
  const made = new RegExp(`${RANKING}\\s*(?:as\\s+)?${kept[1]}\\b`).exec(query);
  return made ? bound(made[1]!, kept[3]!, kept[2]!) : undefined;
}

/** Where a WHERE clause ends. */
const WHERE_END = /\b(?:group|order|having|limit|window|qualify|cluster|distribute|sort)\b/;
/** `customer_id = 1`, `c.customer_key = ''`, `id = x` (x: a value filled in at run time): a column equal to one value. */
const KEY_EQUALS_VALUE = /^\(*\s*(?:[a-z_]\w*\.)?([a-z_]\w*)\s*==?\s*(?:''|-?\d+(?:\.\d+)?|x|\?|:\w+)\s*\)*$/;
/** Prefixes of a table's name before the entity it holds: `dim_customer`, `tbl_orders`. */
const TABLE_PREFIX = /^(?:dim|d|tbl|t|dw|stg|raw|src)_/;

/** A word and what it is without a plural ending (`addresses`: address, addresse; `categories`: category). */
function singulars(word: string): string[] {
  return [word, word.replace(/s$/, ''), word.replace(/es$/, ''), word.replace(/ies$/, 'y')];
}

/**
 * `SELECT ... FROM dim_customer WHERE customer_id = 1`: a lookup by the table's own key,
 * one row (a few for a history of it). Only a query of one table (no join, no list of tables, no set
 * operation) whose WHERE is a conjunction with such an equality; a key of another entity (`WHERE
 * tenant_id = 1` on `events`) selects a slice of any size. Not a size class: the filter still reads the
 * whole table (SPK104's `isEmpty()` stops at the first match), only the rows it returns are few.
 */
export function isPrimaryKeyLookupSql(sql: string | undefined): boolean {
  if (sql === undefined) return false;
  const text = withoutSubqueries(normalized(sql)).trim();
  return /^select\b/.test(text) && !SET_OPERATION.test(text) && isPrimaryKeyLookup(text);
}

function isPrimaryKeyLookup(select: string): boolean {
  const from = /\bfrom\s+([a-z_][\w.]*)(?:\s+(?:as\s+)?[a-z_]\w*)?\s+where\b([\s\S]*)$/.exec(select);
  if (!from || /\bjoin\b|,/.test(select.slice(select.search(/\bfrom\b/), from.index + from[0].length - from[2]!.length))) return false;
  const where = from[2]!.split(WHERE_END)[0]!;
  if (/\bor\b/.test(where)) return false;
  return where.split(/\band\b/).some((conjunct) => {
    const key = KEY_EQUALS_VALUE.exec(conjunct.trim())?.[1];
    return key !== undefined && isOwnKey(from[1]!.split('.').pop()!, key);
  });
}

/**
 * `customer_id`, `customerKey`, `product_sk` of the entity a table or folder holds (`dim_customer`,
 * `orders`); not a bare `id` (a sensor's, in `sensor_readings`), nor a column named as the entity
 * (`ratings` and `rating`), nor another entity's key (`tenant_id` of `events`).
 */
export function isOwnKey(table: string, column: string): boolean {
  const entities = new Set(singulars(table.toLowerCase().replace(TABLE_PREFIX, '')));
  const entity = /^(\w+?)_?(?:id|key|sk)$/.exec(column.toLowerCase())?.[1];
  return entity !== undefined && singulars(entity).some((form) => entities.has(form));
}

/** `SELECT DISTINCT status, country FROM ...` as written: plain column names, none with about a value per row (columnNames.ts). */
function isDistinctOfCategories(sql: string): boolean {
  const distinct = /^\s*select\s+distinct\s+([\w.,\s]+?)\s+from\b/i.exec(sql);
  if (!distinct) return false;
  const columns = distinct[1]!.split(',').map((column) => column.trim());
  return columns.every((column) => /^(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*$/.test(column) && !isHighCardinalityColumn(column.split('.').pop()!));
}

/** The largest of the views a SELECT reads, or unbounded when one of its sources is not a known view. */
function sourcesBound(select: string, viewBound: ViewBound): Boundedness {
  const from = /\bfrom\b([\s\S]*)$/.exec(select);
  if (!from) return 'unbounded';
  const rest = from[1]!;
  const end = rest.search(FROM_LIST_END);
  // `FROM a, b AS x`: the first word of each item; `JOIN c`: the word after it
  const names = (end < 0 ? rest : rest.slice(0, end)).split(',').map((item) => item.trim().split(/\s+/)[0] ?? '');
  const joins = [...rest.matchAll(JOIN)];
  if (names.length === 1 && joins.length && keepsFirstSourceRows(names[0]!, joins, rest, viewBound)) return 'limited';
  for (const join of joins) names.push(join[2]!);
  let bound: Boundedness = 'literal';
  for (const name of names) {
    // a subquery (`[]` here), a quoted name or a table function (`range(10)`) is not a view this file made
    // `information_schema.tables` (any catalog's): metadata, a row per table or column, like SHOW TABLES
    const view = !TABLE_NAME.test(name) ? undefined : INFORMATION_SCHEMA.test(name) ? 'aggregated' : viewBound(viewName(name), name);
    if (!view) return 'unbounded';
    bound = maxBound(bound, view)!;
  }
  return bound;
}

/** `[left [outer|semi|anti] | inner | right | full | cross | natural] join <source>`: the join's kind and its source. */
const JOIN = /((?:\b(?:natural|left|right|full|inner|cross|semi|anti|outer)\s+)*)join\s+(\S+)/g;
/** Joins whose rows are the first source's rows, each matched with the other side's rows for its keys (or dropped). */
const KEYED_FROM_FIRST = new Set(['', 'inner', 'left', 'left outer', 'left semi', 'left anti', 'semi', 'anti']);

/**
 * `FROM top_pairs p JOIN zones z ON z.id = p.origin`: a few rows (a view the file registered from a
 * `limit(n)`) joined on keys, inner, left, semi or anti, read as the model reads the DataFrame join of a
 * limited DataFrame (joinBound: a lookup of names for the top rows). Not a view of literals, which may
 * hold every key collected on the driver.
 */
function keepsFirstSourceRows(first: string, joins: RegExpMatchArray[], rest: string, viewBound: ViewBound): boolean {
  const view = TABLE_NAME.test(first) ? viewBound(viewName(first), first) : undefined;
  if (view !== 'limited') return false;
  const keyed = (rest.match(/\b(?:on|using)\b/g) ?? []).length >= joins.length;
  return keyed && joins.every((join) => KEYED_FROM_FIRST.has(join[1]!.trim().replace(/\s+/g, ' ')));
}

/** Lower case, with comments and quoted text (literals, `quoted identifiers`) reduced to empty quotes. */
function normalized(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i]!;
    if (char === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      out += ' ';
    } else if (char === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 1;
      out += ' ';
    } else if (char === "'" || char === '"' || char === '`') {
      let end = i + 1;
      while (end < sql.length && sql[end] !== char) end += sql[end] === '\\' ? 2 : 1;
      out += `${char}${char}`;
      i = end;
    } else {
      out += char.toLowerCase();
    }
  }
  return out;
}

/** Empties every parenthesized subquery (`(SELECT ...)`, `(WITH ...)`), so only the outer query is read. */
function withoutSubqueries(sql: string): string {
  let text = sql;
  for (let start = text.search(/\(\s*(?:select|with)\b/); start >= 0; start = text.search(/\(\s*(?:select|with)\b/)) {
    const end = closingParenthesis(text, start);
    text = `${text.slice(0, start)}[]${end < 0 ? '' : text.slice(end + 1)}`;
  }
  return text;
}
