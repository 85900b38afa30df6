// Spark's CSV schema inference on a sample (the schema SPK401's fix offers): the types CSVInferSchema
// gives per value, how a column's values widen, header clean-up and the read options it honours.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inferCsvSchema } from '../../src/rules/csvSchema';

/** The inferred type of a one-column file holding `values` (no header). */
function typeOf(...values: string[]): string | undefined {
  const ddl = inferCsvSchema(values.map((value) => `${value}\n`).join(''), {})?.ddl;
  return ddl?.replace(/^_c0 /, '');
}

describe('CSV schema inference', () => {
  it('offers no schema for a Git LFS pointer in place of the data', () => {
    const pointer = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 1200312\n';
    assert.equal(inferCsvSchema(pointer, { header: 'true' }), undefined);
    assert.ok(inferCsvSchema('version,size\nv1,12\n', { header: 'true' }));
  });

  it('gives each value the first type that parses it, in Spark order', () => {
    assert.equal(typeOf('42'), 'INT');
    assert.equal(typeOf('-2147483648'), 'INT');
    assert.equal(typeOf('2147483648'), 'BIGINT');
    assert.equal(typeOf('9223372036854775807'), 'BIGINT');
    assert.equal(typeOf('9223372036854775808'), 'DECIMAL(19,0)');
    assert.equal(typeOf('1'.repeat(39)), 'DOUBLE'); // wider than DECIMAL(38)
    assert.equal(typeOf('1.5'), 'DOUBLE');
    assert.equal(typeOf('1e10'), 'DOUBLE');
    assert.equal(typeOf('NaN'), 'DOUBLE');
    assert.equal(typeOf('-Inf'), 'DOUBLE');
    assert.equal(typeOf(' 7'), 'DOUBLE'); // Java's parseDouble trims, parseInt does not
    assert.equal(typeOf('2024-03-01'), 'DATE');
    assert.equal(typeOf('2024-03-01 08:15:00'), 'TIMESTAMP');
    assert.equal(typeOf('2024-03-01T08:15:00.123+01:00'), 'TIMESTAMP');
    assert.equal(typeOf('True'), 'BOOLEAN');
    assert.equal(typeOf('yes'), 'STRING');
    assert.equal(typeOf('2024-02-30'), 'STRING'); // not a calendar day
    assert.equal(typeOf('12:30'), 'STRING');
  });

  it('widens a column over its values like CSVInferSchema.compatibleType', () => {
    assert.equal(typeOf('1', '2147483648'), 'BIGINT');
    assert.equal(typeOf('1', '2.5'), 'DOUBLE');
    assert.equal(typeOf('2.5', '1'), 'DOUBLE');
    assert.equal(typeOf('1', '99999999999999999999'), 'DECIMAL(20,0)');
    assert.equal(typeOf('99999999999999999999', '1.5'), 'DOUBLE');
    assert.equal(typeOf('1', 'x'), 'STRING');
    assert.equal(typeOf('true', '1'), 'STRING');
    assert.equal(typeOf('1', 'true'), 'STRING');
    assert.equal(typeOf('2024-03-01', '2024-03-01 10:00:00'), 'STRING'); // dates with timestamps
    assert.equal(typeOf('2024-03-01 10:00:00', '2024-03-02'), 'TIMESTAMP'); // a date parses as a timestamp
  });

  it('skips empty and null values, and reads a column with none as strings', () => {
    assert.equal(inferCsvSchema('a,b\n,1\n,\n', { header: 'true' })?.ddl, 'a STRING, b INT');
    assert.equal(inferCsvSchema('a,b\nNA,1\nNA,x\n', { header: 'true', nullvalue: 'NA' })?.ddl, 'a STRING, b STRING');
    assert.equal(inferCsvSchema('a\nNA\n5\n', { header: 'true', nullvalue: 'NA' })?.ddl, 'a INT');
  });

  it('cleans the header like Spark: empty names, case-insensitive duplicates, names needing backticks', () => {
    const schema = inferCsvSchema('id,,Name,name,order,unit price,a`b\n1,2,x,y,3,4.5,z\n', { header: 'true' });
    assert.equal(schema?.ddl, 'id INT, _c1 INT, Name2 STRING, name3 STRING, `order` INT, `unit price` DOUBLE, `a``b` STRING');
    assert.equal(schema?.columns, 7);
    assert.equal(schema?.rows, 1);
    assert.equal(inferCsvSchema('1,x\n2,y\n', {})?.ddl, '_c0 INT, _c1 STRING');
  });

  it('follows the read options: separator, quote, escape, comment, preferDate', () => {
    assert.equal(inferCsvSchema('a;b\n1;2.5\n', { header: 'true', sep: ';' })?.ddl, 'a INT, b DOUBLE');
    assert.equal(inferCsvSchema('a\tb\n1\tx\n', { header: 'true', sep: '\\t' })?.ddl, 'a INT, b STRING');
    assert.equal(inferCsvSchema('a,b\n"1,5",2\n', { header: 'true' })?.ddl, 'a STRING, b INT');
    assert.equal(inferCsvSchema("a,b\n'x, \\'y',2\n", { header: 'true', quote: "'" })?.ddl, 'a STRING, b INT');
    assert.equal(inferCsvSchema('a,b\n# note\n1,2\n', { header: 'true', comment: '#' })?.ddl, 'a INT, b INT');
    assert.equal(inferCsvSchema('d\n2024-03-01\n', { header: 'true', preferdate: 'false' })?.ddl, 'd TIMESTAMP');
    assert.equal(inferCsvSchema('\uFEFFa\n1\n', { header: 'true' })?.ddl, 'a INT');
  });

  it('offers nothing for options it does not reproduce, options it cannot read, or no rows', () => {
    assert.equal(inferCsvSchema('d\n01/03/2024\n', { header: 'true', dateformat: 'dd/MM/yyyy' }), undefined);
    assert.equal(inferCsvSchema('a\n1\n', { header: 'true', multiline: 'true' }), undefined);
    assert.equal(inferCsvSchema('a\n1\n', { header: 'true', encoding: 'ISO-8859-1' }), undefined);
    assert.equal(inferCsvSchema('a\n1\n', { header: null }), undefined);
    assert.equal(inferCsvSchema('a\n1\n', { sep: null }), undefined);
    assert.equal(inferCsvSchema('', { header: 'true' }), undefined);
    assert.ok(inferCsvSchema('a\n1\n', { mode: null, header: 'true' }), 'an option inference does not read may be any expression');
  });
});
