import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { sparkPattern } from '../../../src/analysis/udfBody';

test('strptime formats read one or two digits, as %m and %d do', () => {
  assert.equal(sparkPattern('%m/%d/%Y', 'parse'), 'M/d/yyyy');
  assert.equal(sparkPattern('%Y-%m-%d %H:%M:%S.%f', 'parse'), 'yyyy-M-d H:m:s.SSSSSS');
});

test('every field of a run without separators keeps its fixed width, the last one too', () => {
  assert.equal(sparkPattern('%Y%m%d', 'parse'), 'yyyyMMdd');
  assert.equal(sparkPattern('%Y%m%d%H%M%S', 'parse'), 'yyyyMMddHHmmss');
  assert.equal(sparkPattern('%Y%m%dT%H%M', 'parse'), "yyyyMMdd'T'HHmm");
  assert.equal(sparkPattern('%d%%', 'parse'), 'd%');
});

test('strftime formats pad as Python does', () => {
  assert.equal(sparkPattern('%d %b %Y, %I:%M %p', 'format'), 'dd MMM yyyy, hh:mm a');
  assert.equal(sparkPattern('%a %y', 'format'), 'EEE yy');
});

test('literal letters and reserved characters are quoted, a quote doubled inside the quotes', () => {
  assert.equal(sparkPattern('%Y-%m-%dT%H', 'format'), "yyyy-MM-dd'T'HH");
  assert.equal(sparkPattern("%I o'clock [%H]", 'format'), "hh 'o''clock' '['HH']'");
});

test('directives Spark reads otherwise or not at all give no pattern', () => {
  assert.equal(sparkPattern('%Y-%U', 'parse'), undefined);
  assert.equal(sparkPattern('%c', 'format'), undefined);
  assert.equal(sparkPattern('100%', 'format'), undefined);
  // two-digit years (19xx in Python, 20xx in Spark), day names (Spark refuses E when parsing), offsets
  assert.equal(sparkPattern('%d/%m/%y', 'parse'), undefined);
  assert.equal(sparkPattern('%a, %d %b %Y', 'parse'), undefined);
  assert.equal(sparkPattern('%Y-%m-%d %H:%M%z', 'parse'), undefined);
  assert.equal(sparkPattern('%H:%M %Z', 'format'), undefined);
});

test('a name beside a number needs no fixed width: its letters end it', () => {
  assert.equal(sparkPattern('%b%d %Y', 'parse'), 'MMMd yyyy');
  assert.equal(sparkPattern('%d%b%Y', 'parse'), 'dMMMyyyy');
});
