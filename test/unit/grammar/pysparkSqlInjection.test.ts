// The SQL injection grammar on VS Code's own Python and SQL grammars: SQL keywords inside spark.sql,
// selectExpr and expr strings get SQL scopes; f-string placeholders and ordinary strings stay Python.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasScope, scopesOf, tokenize } from './tokenize';

const python = (text: string) => tokenize('source.python', text);

describe('pyspark-sql injection grammar', () => {
  it('highlights SQL keywords in spark.sql("...")', async () => {
    const tokens = await python('df = spark.sql("SELECT a FROM t WHERE b = \'x\'")');
    for (const keyword of ['SELECT', 'FROM', 'WHERE']) {
      const scopes = scopesOf(tokens, keyword);
      assert.ok(hasScope(scopes, 'keyword.other.DML.sql'), `${keyword}: ${scopes.join(' ')}`);
      assert.ok(scopes.includes('meta.embedded.block.sql'));
    }
    assert.ok(hasScope(scopesOf(tokens, "'", 0), 'string.quoted.single.sql'));
    // The Python quotes stay Python string punctuation.
    const quote = scopesOf(tokens, '"');
    assert.ok(hasScope(quote, 'punctuation.definition.string.begin.python'), quote.join(' '));
  });

  it('highlights triple-quoted SQL over several lines and ends at the closing quotes', async () => {
    const tokens = await python('spark.sql("""\nSELECT *\nFROM events\n""")\nx = "SELECT"');
    assert.ok(hasScope(scopesOf(tokens, 'SELECT', 0), 'keyword.other.DML.sql'));
    assert.ok(hasScope(scopesOf(tokens, 'FROM'), 'keyword.other.DML.sql'));
    const plain = scopesOf(tokens, 'SELECT', 1);
    assert.ok(hasScope(plain, 'string.quoted.single.python'), plain.join(' '));
    assert.ok(!plain.includes('meta.embedded.block.sql'), 'a string outside spark.sql is not SQL');
  });

  it('keeps f-string placeholders Python', async () => {
    const tokens = await python('q = spark.sql(f"SELECT * FROM {table} WHERE id > {min_id + 1}")');
    assert.ok(hasScope(scopesOf(tokens, 'SELECT'), 'keyword.other.DML.sql'));
    const table = scopesOf(tokens, 'table');
    assert.ok(!table.some((scope) => scope.startsWith('keyword')), `{table} must not be a SQL keyword: ${table.join(' ')}`);
    assert.ok(table.includes('meta.embedded.inline.python'));
    assert.ok(hasScope(scopesOf(tokens, '{'), 'constant.character.format.placeholder.other.python'));
    assert.ok(hasScope(scopesOf(tokens, '+'), 'keyword.operator.arithmetic.python'));
  });

  it('highlights selectExpr, expr and F.expr arguments', async () => {
    const tokens = await python('df.selectExpr("CAST(c AS INT)", "a + 1 AS b")\ny = F.expr("coalesce(a, 0)")\nz = expr("CASE WHEN a THEN 1 END")');
    assert.ok(hasScope(scopesOf(tokens, 'CAST'), 'support.function.conversion.sql'));
    assert.ok(hasScope(scopesOf(tokens, 'AS', 1), 'keyword.other.alias.sql'));
    assert.ok(hasScope(scopesOf(tokens, 'coalesce'), 'support.function'));
    assert.ok(scopesOf(tokens, 'CASE').some((scope) => scope.endsWith('.sql') && !scope.startsWith('meta')));
  });

  it('leaves other calls, definitions named expr and code after the call alone', async () => {
    const tokens = await python('my_expr("SELECT 1")\ndef expr(a):\n    return a\nprint("FROM")');
    assert.ok(!scopesOf(tokens, 'SELECT 1').includes('meta.embedded.block.sql'));
    assert.ok(hasScope(scopesOf(tokens, 'expr'), 'entity.name.function.python'));
    assert.ok(hasScope(scopesOf(tokens, 'return'), 'keyword.control.flow.python'));
    assert.ok(!scopesOf(tokens, 'FROM').includes('meta.embedded.block.sql'));
  });

  it('keeps non-string arguments Python and closes the call', async () => {
    const tokens = await python('spark.sql(query.format(x), args={"a": 1})\nif ok:\n    pass');
    assert.ok(hasScope(scopesOf(tokens, 'format'), 'meta.function-call.generic.python'));
    const ifScopes = scopesOf(tokens, 'if');
    assert.ok(hasScope(ifScopes, 'keyword.control.flow.python'));
    assert.ok(!ifScopes.includes('meta.sql-call.pyspark'), 'the call region ended at its parenthesis');
  });

  it('does not end the string at an escaped quote', async () => {
    const tokens = await python('spark.sql("SELECT \\"a b\\" FROM t")\nnext_line = 1');
    assert.ok(hasScope(scopesOf(tokens, 'FROM'), 'keyword.other.DML.sql'));
    assert.ok(hasScope(scopesOf(tokens, '\\"'), 'constant.character.escape.python'));
    assert.ok(!scopesOf(tokens, 'next_line').includes('meta.sql-call.pyspark'));
  });
});
