// continuingLines: which lines go on into the next (where a `# noqa` cannot go), checked against what
// Python's tokenizer does with the same text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { continuingLines } from '../../../src/rules/lineScanner';

describe('continuingLines', () => {
  it('follows backslash continuations and triple-quoted strings, not comments', () => {
    assert.deepEqual(continuingLines('a = 1 + \\\n    2\nb = 3  # C:\\\nc = 4'), [true, false, false, false]);
    assert.deepEqual(continuingLines('q = f"""\nSELECT {x}\n"""\nr = 1'), [true, true, false, false]);
    assert.deepEqual(continuingLines("s = r'''a'''  # one line\nt = 2"), [false, false]);
    assert.deepEqual(continuingLines('a = 1 + \\\r\n    2\r\nb = 3'), [true, false, false]);
  });

  it('reads an escaped quote inside a triple-quoted string as part of it', () => {
    assert.deepEqual(continuingLines('doc = """a \\""" b"""\nrows = 1\nnext = 2'), [false, false, false]);
    assert.deepEqual(continuingLines('doc = """a\nb \\""" c\n"""\nnext = 2'), [true, true, false, false]);
  });

  it('follows a one-quote string continued by a backslash into the next lines (audit 28)', () => {
    assert.deepEqual(continuingLines('q = spark.sql("SELECT a,\\\n    b FROM t")\nr = 1'), [true, false, false]);
    assert.deepEqual(continuingLines("q = 'a \\\nb \\\nc'\nr = (1,\n2)"), [true, true, false, false, false]);
  });
});
