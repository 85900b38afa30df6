// How many rows a `spark.sql("...")` query can return, read from its text. It keeps SPK101/SPK102 quiet
// on what is small by construction:
// - `... LIMIT 10` at the end of the query: limited;
// - a GROUP BY, or a global aggregate (`SELECT count(*) FROM t`): aggregated, the class
//   `groupBy().agg()` and `agg()` have;
// - `SELECT` without `FROM` and statements that return no rows (`CREATE`, `INSERT`, ...): literal;
// - catalog commands (`SHOW TABLES`, `DESCRIBE t`, `EXPLAIN ...`): aggregated (metadata, not data).
// Anything else, and a query whose text is not known, stays unbounded, as before.
import { AGGREGATE_FUNCTIONS } from './sparkApi';
import type { Boundedness } from './values';

const METADATA = /^(show|describe|desc|explain|set|list)\b/;
const NO_ROWS = /^(create|drop|alter|insert|use|refresh|cache|uncache|clear|msck|analyze|truncate|delete|update|merge|add|reset|load|comment)\b/;
const SET_OPERATION = /\b(?:union|intersect|except|minus)\b(?:\s+(?:all|distinct))?/;
const TRAILING_LIMIT = /\blimit\s+\d+(?:\s+offset\s+\d+)?\s*$/;
const GROUP_BY = /\bgroup\s+by\b/;

/** A call of an aggregate function (the text is lower-cased); in a select list without GROUP BY it makes one row. */
const AGGREGATE_CALL = new RegExp(`\\b(?:${[...AGGREGATE_FUNCTIONS].map((name) => name.toLowerCase()).join('|')})\\s*\\(`);

const RANK: Record<Boundedness, number> = { literal: 0, limited: 1, aggregated: 2, unbounded: 3 };

/** The boundedness of the rows `sql` returns; undefined text (computed, unreadable) is unbounded. */
export function sqlBound(sql: string | undefined): Boundedness {
  if (sql === undefined) return 'unbounded';
  const text = withoutSubqueries(normalized(sql)).trim().replace(/;\s*$/, '').trim();
  if (!text) return 'unbounded';
  if (NO_ROWS.test(text)) return 'literal';
  if (METADATA.test(text)) return 'aggregated';
  if (TRAILING_LIMIT.test(text)) return 'limited';
  let bound: Boundedness = 'literal';
  for (const part of text.split(SET_OPERATION)) {
    const partBound = selectBound(part.trim());
    if (RANK[partBound] > RANK[bound]) bound = partBound;
  }
  return bound;
}

/** One SELECT of a query (subqueries already removed). */
function selectBound(select: string): Boundedness {
  if (GROUP_BY.test(select)) return 'aggregated';
  const list = /\bselect\s+([\s\S]*?)(?:\bfrom\b|$)/.exec(select);
  if (!list) return 'unbounded'; // TABLE t, VALUES ..., FROM t SELECT ...: not read
  if (!/\bfrom\b/.test(select)) return 'literal'; // SELECT 1, SELECT current_date()
  // an aggregate outside a window (`OVER`) in the select list makes the whole query one row
  return AGGREGATE_CALL.test(list[1]!) && !/\bover\b/.test(list[1]!) ? 'aggregated' : 'unbounded';
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
    let depth = 0;
    let end = start;
    for (; end < text.length; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')' && --depth === 0) break;
    }
    text = `${text.slice(0, start)}[]${text.slice(end + 1)}`;
  }
  return text;
}
