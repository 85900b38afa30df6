import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPrimaryKeyLookupSql, sqlBound } from '../../../src/analysis/sqlBound';

describe('sqlBound: how many rows a spark.sql query returns', () => {
  const cases: Array<[string, ReturnType<typeof sqlBound>]> = [
    ['SELECT * FROM sales', 'unbounded'],
    ['select * from table limit 10', 'limited'],
    ['SELECT * FROM sales ORDER BY ts DESC LIMIT 5;', 'limited'],
    ['SELECT * FROM t LIMIT 10 OFFSET 20', 'limited'],
    ['select count(*) as count from temp_table where order_num == "30000" ', 'aggregated'],
    ['SELECT round(avg(amount), 2) FROM sales', 'aggregated'],
    ['SELECT country, count(*) FROM sales GROUP BY country', 'aggregated'],
    ['\n    select Embarked,count(Embarked) as count from viewone\n    group by Embarked\n    order by count desc limit 1\n    ', 'limited'],
    ['WITH recent AS (SELECT * FROM sales WHERE ts > now()) SELECT count(*) FROM recent', 'aggregated'],
    ['show tables', 'aggregated'],
    ['DESCRIBE TABLE sales', 'aggregated'],
    ["SELECT table_name FROM system.information_schema.tables WHERE table_schema = 'raw'", 'aggregated'],
    ['SELECT * FROM information_schema.columns', 'aggregated'],
    ['SELECT * FROM sales JOIN information_schema.tables t ON true', 'unbounded'],
    ['CREATE TABLE t AS SELECT * FROM sales', 'literal'],
    ['INSERT INTO t SELECT * FROM sales', 'literal'],
    ['SELECT 1', 'literal'],
    ['SELECT current_date()', 'literal'],
    ['', 'unbounded'],
    // only the outer query counts: the aggregate is in a subquery, a window or a comment
    ['SELECT * FROM sales WHERE amount > (SELECT max(amount) FROM refunds)', 'unbounded'],
    ['SELECT id, count(*) OVER (PARTITION BY country) FROM sales', 'unbounded'],
    ['SELECT * FROM sales -- count(*)\n', 'unbounded'],
    ["SELECT * FROM sales WHERE note = 'group by limit 1'", 'unbounded'],
    ['SELECT * FROM (SELECT * FROM sales LIMIT 10) s JOIN stores USING (store_id)', 'unbounded'],
    // a union is as large as its largest part
    ['SELECT count(*) FROM a UNION ALL SELECT count(*) FROM b', 'aggregated'],
    ['SELECT count(*) FROM a UNION ALL SELECT * FROM b', 'unbounded'],
    ['(SELECT * FROM a) UNION (SELECT * FROM b) LIMIT 3', 'limited'],
    // the values of a category, as a DataFrame's select(...).distinct(); not of identifiers, times or expressions
    ['SELECT DISTINCT status FROM ops.dq_rules WHERE enabled = true', 'aggregated'],
    ['SELECT DISTINCT r.table_name, country FROM rules r ORDER BY table_name', 'aggregated'],
    ['SELECT DISTINCT customer_id FROM orders', 'unbounded'],
    ['SELECT DISTINCT event_time FROM events', 'unbounded'],
    ['SELECT DISTINCT upper(status) FROM rules', 'unbounded'],
    // as written: camelCase names of times and measures are no categories
    ['SELECT DISTINCT createdAt FROM events', 'unbounded'],
    ['SELECT DISTINCT itemPrice, userEmail FROM orders', 'unbounded'],
    ['SELECT DISTINCT orderStatus FROM orders', 'aggregated'],
    // a lookup by key is as large as the table can be (a key may be a tenant's or a partition's)
    ['SELECT * FROM gold.dim_customer WHERE customer_id = 1', 'unbounded'],
    // common table expressions are views of their own size, each seeing those before it
    ["WITH info AS (SELECT 'a' AS layer, COUNT(*) AS n FROM a UNION ALL SELECT 'b', COUNT(*) FROM b) SELECT * FROM info ORDER BY n", 'aggregated'],
    ['WITH daily AS (SELECT day, count(*) AS n FROM a GROUP BY day), top (day) AS (SELECT day FROM daily) SELECT * FROM top', 'aggregated'],
    ['WITH recent AS (SELECT * FROM sales) SELECT * FROM recent', 'unbounded'],
    ['WITH daily AS (SELECT day, count(*) AS n FROM a GROUP BY day) SELECT * FROM daily JOIN sales USING (day)', 'unbounded'],
    ['WITH daily AS (SELECT day FROM a GROUP BY day SELECT * FROM daily', 'unbounded'],
    // Delta Lake's maintenance commands return a row of metrics; a dry run lists files
    ['OPTIMIZE measurements.silver ZORDER BY (ts)', 'literal'],
    ['RESTORE TABLE t TO VERSION AS OF 3', 'literal'],
    ['VACUUM t RETAIN 168 HOURS', 'literal'],
    ['VACUUM t DRY RUN', 'unbounded'],
    ['GRANT SELECT ON TABLE t TO `analysts`', 'literal'],
    // the top n rows of each group by a ranking window: a few rows per group (without PARTITION BY, n rows)
    ['WITH ranked AS (SELECT *, ROW_NUMBER() OVER (PARTITION BY location ORDER BY value DESC) AS peak_rank FROM air) SELECT * FROM ranked WHERE peak_rank <= 5', 'aggregated'],
    ['SELECT * FROM (SELECT *, rank() OVER (PARTITION BY a ORDER BY b) rn FROM t) WHERE rn = 1', 'aggregated'],
    ['SELECT * FROM t QUALIFY row_number() OVER (PARTITION BY a ORDER BY b) <= 3', 'aggregated'],
    ['SELECT * FROM (SELECT *, row_number() OVER (ORDER BY score DESC) AS r FROM t) WHERE r <= 10', 'limited'],
    // a rank kept from a large n, a rank not filtered, or another column filtered
    ['SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY a ORDER BY b) AS rn FROM t) WHERE rn <= 100000', 'unbounded'],
    ['SELECT *, row_number() OVER (PARTITION BY a ORDER BY b) AS rn FROM t', 'unbounded'],
    ['SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY a ORDER BY b) AS rn FROM t) WHERE amount <= 5', 'unbounded'],
  ];
  for (const [sql, expected] of cases) {
    it(`${JSON.stringify(sql.trim().slice(0, 60))} is ${expected}`, () => assert.equal(sqlBound(sql), expected));
  }

  it('text it cannot see is unbounded', () => assert.equal(sqlBound(undefined), 'unbounded'));

  describe('a query over temp views the file registered is no larger than those views', () => {
    const views = new Map<string, ReturnType<typeof sqlBound>>([['swimmers', 'literal'], ['ages', 'literal'], ['top', 'limited'], ['sales', 'unbounded']]);
    const viewBound = (name: string) => views.get(name);
    const cases: Array<[string, ReturnType<typeof sqlBound>]> = [
      ['select * from swimmers', 'literal'],
      ['SELECT name FROM Swimmers WHERE age > 20 ORDER BY age', 'literal'],
      ['SELECT s.name, a.age FROM swimmers s JOIN ages AS a ON s.id = a.id', 'literal'],
      ['SELECT * FROM swimmers, top', 'limited'],
      // a limited view joined on keys: a lookup for its rows, as the DataFrame join of a limited DataFrame
      ['SELECT t.id, s.name FROM top t JOIN sales s ON s.id = t.id', 'limited'],
      ['SELECT * FROM top t LEFT OUTER JOIN sales s ON s.id = t.id LEFT SEMI JOIN events e ON e.id = t.id', 'limited'],
      ['SELECT * FROM top t RIGHT JOIN sales s ON s.id = t.id', 'unbounded'],
      ['SELECT * FROM top CROSS JOIN sales', 'unbounded'],
      ['SELECT * FROM top t JOIN sales s', 'unbounded'],
      ['SELECT * FROM sales s JOIN top t ON s.id = t.id', 'unbounded'],
      ['SELECT * FROM global_temp.swimmers', 'literal'],
      ['SELECT country, count(*) FROM swimmers GROUP BY country', 'literal'],
      // one source that is not a small view makes the whole query unbounded
      ['SELECT * FROM swimmers JOIN sales USING (id)', 'unbounded'],
      ['SELECT * FROM swimmers LEFT JOIN events ON swimmers.id = events.id', 'unbounded'],
      ['SELECT * FROM swimmers UNION ALL SELECT * FROM events', 'unbounded'],
      ['SELECT * FROM (SELECT * FROM swimmers) s', 'unbounded'],
      ['SELECT * FROM `swimmers`', 'unbounded'],
      ['SELECT * FROM range(10)', 'unbounded'],
      ['SELECT extract(year FROM ts) FROM swimmers', 'unbounded'],
    ];
    for (const [sql, expected] of cases) {
      it(`${JSON.stringify(sql)} is ${expected}`, () => assert.equal(sqlBound(sql, viewBound), expected));
    }
  });
});

describe('isPrimaryKeyLookupSql: a query of one table by its own key', () => {
  const cases: Array<[string, boolean]> = [
    ['SELECT * FROM gold.dim_customer WHERE customer_id = 1 ORDER BY __valid_from', true],
    ['SELECT unit_cost FROM dim_product WHERE product_id = x', true],
    ['select * from sales.orders o where o.order_id = 42 and o.status = \'open\'', true],
    // a bare id may be another entity's (a sensor's in sensor_readings); a column named as the table is no key
    ['SELECT * FROM sensor_readings WHERE id = 42', false],
    ['SELECT * FROM ratings WHERE rating = 5', false],
    ['SELECT * FROM customers c WHERE c.customerId = 7', true],
    ['SELECT * FROM addresses WHERE address_id = 3', true],
    // another entity's key selects a slice; a join or a list of tables returns the other side's rows
    ['SELECT * FROM events WHERE tenant_id = 7', false],
    ['SELECT * FROM orders o JOIN customers c ON o.customer_id = c.customer_id WHERE c.customer_id = 1', false],
    ['SELECT * FROM customers, regions WHERE customer_id = 1', false],
    ['SELECT * FROM customers WHERE customer_id = 1 UNION ALL SELECT * FROM customers', false],
    // not one value: a range, a disjunction, a negation
    ['SELECT * FROM customers WHERE customer_id > 1000', false],
    ['SELECT * FROM customers WHERE customer_id = 1 OR country = \'DE\'', false],
    ['SELECT * FROM customers WHERE NOT (customer_id = 1 AND active)', false],
  ];
  for (const [sql, expected] of cases) {
    it(`${JSON.stringify(sql.slice(0, 70))}: ${expected}`, () => assert.equal(isPrimaryKeyLookupSql(sql), expected));
  }
  it('does not change the size class: the query still reads the whole table', () => assert.equal(sqlBound('SELECT * FROM gold.dim_customer WHERE customer_id = 1'), 'unbounded'));
});
