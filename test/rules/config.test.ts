import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadProjectConfig, optionsForFile } from '../../src/rules/config';
import { isCodeEnabled } from '../../src/rules/options';

let root: string;

function write(path: string, content: string): string {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, content);
  return full;
}

describe('project configuration', () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sparkml-config-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads [tool.sparkml] from the nearest pyproject.toml that has it', async () => {
    write('pyproject.toml', `[tool.sparkml]
select = ["spk1", "SPK301"]
ignore = ["SPK106"]
spark-version = "3.2"
[tool.sparkml.severity]
SPK101 = "error"
[tool.sparkml.per-file-ignores]
"tests/**" = ["SPK1"]
"conftest.py" = ["SPK301"]
`);
    write('pkg/pyproject.toml', '[tool.black]\nline-length = 100\n');
    const file = write('pkg/jobs/job.py', '');
    const config = await loadProjectConfig(file);
    assert.equal(config.error, undefined);
    assert.equal(config.path, join(root, 'pyproject.toml'));
    assert.deepEqual(config.options, { select: ['SPK1', 'SPK301'], ignore: ['SPK106'], sparkVersion: '3.2', severity: { SPK101: 'error' } });
    assert.deepEqual(config.perFileIgnores, { 'tests/**': ['SPK1'], 'conftest.py': ['SPK301'] });
  });

  it('merges editor overrides and per-file ignores', async () => {
    const config = await loadProjectConfig(join(root, 'tests/unit/test_x.py'));
    const options = optionsForFile(config, join(root, 'tests/unit/test_x.py'), { ignore: ['SPK2'], severity: { SPK101: 'hint' } });
    assert.deepEqual(options.select, ['SPK1', 'SPK301']);
    assert.deepEqual(options.ignore, ['SPK106', 'SPK2', 'SPK1']);
    assert.deepEqual(options.severity, { SPK101: 'hint' });
    assert.equal(options.sparkVersion, '3.2');
    const nested = optionsForFile(config, join(root, 'a/b/conftest.py'));
    assert.deepEqual(nested.ignore, ['SPK106', 'SPK301'], 'a pattern without / matches the file name anywhere');
    const editorSelect = optionsForFile(config, join(root, 'x.py'), { select: ['SPK4'] });
    assert.deepEqual(editorSelect.select, ['SPK4']);
  });

  it('gives an error for broken files and bad values, never throws', async () => {
    const broken = write('broken/pyproject.toml', '[tool.sparkml\nselect = [\n');
    const config = await loadProjectConfig(join(root, 'broken/job.py'));
    assert.equal(config.path, broken);
    assert.match(config.error!, /invalid TOML/);
    write('bad/pyproject.toml', '[tool.sparkml]\nselect = "SPK1"\nspark-version = 3.5\nfoo = 1\n[tool.sparkml.severity]\nSPK101 = "loud"\n');
    const bad = await loadProjectConfig(join(root, 'bad/job.py'));
    assert.match(bad.error!, /`select` must be a list/);
    assert.match(bad.error!, /`spark-version` must be a string/);
    assert.match(bad.error!, /unknown key `foo`/);
    assert.match(bad.error!, /severity of SPK101/);
  });

  it('reads test-ignore (a list of codes; [] lints tests in full) and passes it on per file', async () => {
    write('tested/pyproject.toml', '[tool.sparkml]\ntest-ignore = ["spk0"]\n');
    const config = await loadProjectConfig(join(root, 'tested/tests/test_a.py'));
    assert.equal(config.error, undefined);
    assert.deepEqual(optionsForFile(config, join(root, 'tested/tests/test_a.py')).testIgnore, ['SPK0']);
    write('untested/pyproject.toml', '[tool.sparkml]\ntest-ignore = []\n');
    assert.deepEqual((await loadProjectConfig(join(root, 'untested/test_a.py'))).options.testIgnore, []);
    write('wrong/pyproject.toml', '[tool.sparkml]\ntest-ignore = "SPK1"\n');
    assert.match((await loadProjectConfig(join(root, 'wrong/test_a.py'))).error!, /`test-ignore` must be a list/);
  });

  it('returns empty options when no pyproject.toml has [tool.sparkml]', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkml-noconfig-'));
    const config = await loadProjectConfig(join(dir, 'job.py'));
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(config.options, {});
    assert.equal(config.error, undefined);
  });

  it('matches codes by prefix with ruff precedence', () => {
    assert.equal(isCodeEnabled('SPK101', {}), true);
    assert.equal(isCodeEnabled('SPK101', { select: ['ALL'], ignore: ['SPK1'] }), false);
    assert.equal(isCodeEnabled('SPK101', { select: ['SPK101'], ignore: ['SPK1'] }), true);
    assert.equal(isCodeEnabled('SPK101', { select: ['SPK1'], ignore: ['SPK1'] }), false);
    assert.equal(isCodeEnabled('SPK201', { select: ['SPK1'] }), false);
  });
});
