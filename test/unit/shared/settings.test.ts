import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings, sanitizeSettings } from '../../../src/shared/settings';

describe('sanitizeSettings', () => {
  it('gives the defaults for nothing', () => {
    assert.deepEqual(sanitizeSettings(undefined), { settings: defaultSettings, problems: [] });
  });

  it('keeps valid values and normalises codes', () => {
    const { settings, problems } = sanitizeSettings({ lint: { enable: false, select: ['spk1', 'SPK201'], ignore: ['SPK106'], severity: { spk101: 'error', SPK106: 'off' } } });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.lint, { enable: false, select: ['SPK1', 'SPK201'], ignore: ['SPK106'], severity: { SPK101: 'error', SPK106: 'off' } });
  });

  it('replaces each wrong value by its default and says why', () => {
    const { settings, problems } = sanitizeSettings({ lint: { enable: 'yes', select: 'SPK1', ignore: ['E501', 'SPK106'], severity: { SPK101: 'loud', foo: 'error' } } });
    assert.deepEqual(settings.lint, { enable: true, select: [], ignore: ['SPK106'], severity: {} });
    assert.equal(problems.length, 5);
    assert.match(problems.join('\n'), /sparkml\.lint\.enable must be true or false/);
    assert.match(problems.join('\n'), /"E501" is not a rule code/);
    assert.match(problems.join('\n'), /severity\.SPK101 must be one of error, warning, info, hint, off/);
  });
});
