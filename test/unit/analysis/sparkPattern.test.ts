import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { sparkPattern } from '../../../src/analysis/udfBody';

test('strptime formats read one or two digits, as %m and %d do', () => {
  assert.equal(sparkPattern('%m/%d/%Y', 'parse'), 'M/d/yyyy');
  assert.equal(sparkPattern('%Y-%m-%d %H:%M:%S.%f', 'parse'), 'yyyy-M-d H:m:s.SSSSSS');
});

test('a field right before another keeps its fixed width', () => {
  assert.equal(sparkPattern('%Y%m%d', 'parse'), 'yyyyMMd');
});

test('strftime formats pad as Python does', () => {
  assert.equal(sparkPattern('%d %b %Y, %I:%M %p', 'format'), 'dd MMM yyyy, hh:mm a');
});

test('literal letters and reserved characters are quoted, quotes doubled', () => {
  assert.equal(sparkPattern('%Y-%m-%dT%H', 'format'), "yyyy-MM-dd'T'HH");
  assert.equal(sparkPattern("day %d o'clock [%H]", 'format'), "'day' dd 'o''''clock' '['HH']'");
});

test('directives without a Spark letter give no pattern', () => {
  assert.equal(sparkPattern('%Y-%U', 'parse'), undefined);
  assert.equal(sparkPattern('%c', 'format'), undefined);
  assert.equal(sparkPattern('100%', 'format'), undefined);
});
