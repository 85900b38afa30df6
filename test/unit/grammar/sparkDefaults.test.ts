// The spark-defaults.conf grammar: key, separator (whitespace, = or :), value, comments.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasScope, scopesOf, tokenize } from './tokenize';

const conf = (text: string) => tokenize('source.spark-defaults', text);

describe('spark-defaults grammar', () => {
  it('scopes keys, values and comments', async () => {
    const tokens = await conf(
      ['# Default system properties', 'spark.master                     spark://master:7077', 'spark.eventLog.enabled           true', 'spark.executor.memory=4g', 'spark.serializer: org.apache.spark.serializer.KryoSerializer', '  ! another comment'].join('\n'),
    );
    assert.ok(hasScope(scopesOf(tokens, 'Default system properties'), 'comment.line.number-sign.spark-defaults'));
    assert.ok(hasScope(scopesOf(tokens, 'another comment'), 'comment.line'));
    assert.ok(hasScope(scopesOf(tokens, 'master'), 'support.type.property-name.spark-defaults'));
    assert.ok(hasScope(scopesOf(tokens, 'spark://master:7077'), 'string.unquoted.value.spark-defaults'));
    assert.ok(hasScope(scopesOf(tokens, 'true'), 'constant.language.boolean.spark-defaults'));
    assert.ok(hasScope(scopesOf(tokens, '4g'), 'constant.numeric.spark-defaults'));
    assert.ok(hasScope(scopesOf(tokens, '='), 'punctuation.separator.key-value.spark-defaults'));
    assert.ok(hasScope(scopesOf(tokens, 'org.apache.spark.serializer.KryoSerializer'), 'string.unquoted.value.spark-defaults'));
  });

  it('does not treat a # inside a value as a comment', async () => {
    const tokens = await conf('spark.app.name  job#1');
    assert.ok(hasScope(scopesOf(tokens, 'job#1'), 'string.unquoted.value.spark-defaults'));
  });
});
