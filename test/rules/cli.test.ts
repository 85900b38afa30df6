// `sparkml lint` run in-process through the CLI entry, on a temporary project.
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { main } from '../../src/cli/main';
import { testWasmDir } from './helpers';

const JOB = `from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
df = spark.read.parquet("s3://bucket/events")
rows = df.collect()
`;

let project: string;

async function run(args: string[], cwd = project): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['lint', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), wasmDir: testWasmDir(), cwd });
  return { code, stdout, stderr };
}

function write(path: string, content: string | Uint8Array): void {
  mkdirSync(join(project, path, '..'), { recursive: true });
  writeFileSync(join(project, path), content);
}

describe('sparkml lint', () => {
  before(() => {
    project = mkdtempSync(join(tmpdir(), 'sparkml-cli-'));
    write('pyproject.toml', '[tool.sparkml]\nignore = ["SPK106"]\n[tool.sparkml.per-file-ignores]\n"tests/**" = ["SPK1"]\n');
    write('jobs/job.py', JOB);
    write('jobs/clean.py', 'from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\nspark.range(10).collect()\n');
    write('tests/spark_helpers.py', JOB); // not a test by name: per-file-ignores silence it
    write('.gitignore', 'generated/\n*.tmp.py\n');
    write('generated/out.py', JOB);
    write('jobs/scratch.tmp.py', JOB);
    write('.venv/lib/site.py', JOB);
    write('env2/pyvenv.cfg', 'home = /usr\n');
    write('env2/lib/x.py', JOB);
    write('node_modules/pkg/x.py', JOB);
    write('.git/hooks/x.py', JOB);
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  it('prints findings like ruff and exits 1; recursion skips ignored, vendored and virtualenv paths', async () => {
    const { code, stdout } = await run([]);
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    assert.deepEqual(lines.filter((line) => /^\S+:\d+:\d+: SPK/.test(line)), ['jobs/job.py:5:11: SPK101 `.collect()` on a DataFrame of unbounded size (`df`) brings every row to the driver; limit it, aggregate it, or write it out.']);
    assert.match(stdout, /Found 1 problem \(1 warning\)\./);
    // SPK101's fix is unsafe: like ruff, [*] marks only what --fix applies
    assert.match(stdout, /No fixes available \(1 hidden fix can be enabled with the `--unsafe-fixes` option\)\./);
    const unsafe = await run(['--unsafe-fixes']);
    assert.match(unsafe.stdout, /jobs\/job\.py:5:11: SPK101 \[\*\] /);
    assert.match(unsafe.stdout, /\[\*\] 1 fixable with the `--fix` option\./);
  });

  it('exits 0 with "All checks passed!" when nothing is found', async () => {
    const { code, stdout } = await run(['jobs/clean.py']);
    assert.equal(code, 0);
    assert.equal(stdout, 'All checks passed!\n');
  });

  it('lints an explicitly named file even when .gitignore excludes it', async () => {
    const { code, stdout } = await run(['generated/out.py']);
    assert.equal(code, 1);
    assert.match(stdout, /generated\/out\.py:5:11: SPK101/);
  });

  it('applies --select and --ignore on top of pyproject.toml', async () => {
    assert.equal((await run(['jobs', '--select', 'SPK2'])).code, 0);
    assert.equal((await run(['jobs', '--ignore=SPK101'])).code, 0);
    const withTests = await run(['tests']);
    assert.equal(withTests.code, 0, 'per-file-ignores silence SPK1 under tests/');
  });

  it('runs only the config rules in test files by default, and lints them in full with test-ignore = []', async () => {
    const test = `${JOB}\n\ndef test_events():\n    assert rows\n`;
    write('pkg/checks/test_events.py', test);
    write('pkg/checks/events_checks.py', test);
    write('strict/pyproject.toml', '[tool.sparkml]\ntest-ignore = []\n');
    write('strict/test_events.py', test);
    const { stdout } = await run(['pkg', 'strict']);
    const flagged = stdout.split('\n').filter((line) => / SPK\d+ /.test(line)).map((line) => line.split(':')[0]);
    assert.deepEqual(flagged, ['pkg/checks/events_checks.py', 'strict/test_events.py']);
  });

  it('prints JSON with 1-based positions and the fix', async () => {
    const { code, stdout } = await run(['jobs/job.py', '--format', 'json']);
    assert.equal(code, 1);
    const [finding, ...rest] = JSON.parse(stdout);
    assert.equal(rest.length, 0);
    assert.deepEqual(
      { file: finding.file, line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn, code: finding.code, name: finding.name, severity: finding.severity },
      { file: 'jobs/job.py', line: 5, column: 11, endLine: 5, endColumn: 20, code: 'SPK101', name: 'collect-unbounded', severity: 'warning' },
    );
    assert.equal(finding.fix.title, 'Insert .limit(1000) before .collect()');
    assert.deepEqual(finding.fix.edits, [{ line: 5, column: 10, endLine: 5, endColumn: 10, newText: '.limit(1000)' }]);
  });

  it('prints GitHub Actions annotations with --format github, escaped, notices included', async () => {
    write('broken/bad.py', 'import pyspark\ndef f(:\n');
    write('odd,name/job.py', JOB);
    const { code, stdout } = await run(['jobs/job.py', 'broken', 'odd,name', '--format', 'github']);
    rmSync(join(project, 'broken'), { recursive: true });
    rmSync(join(project, 'odd,name'), { recursive: true });
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    assert.ok(lines.every((line) => /^::(error|warning|notice) /.test(line)), stdout);
    assert.ok(lines.includes('::warning title=SPK101 (collect-unbounded),file=jobs/job.py,line=5,col=11,endLine=5,endColumn=20::SPK101 `.collect()` on a DataFrame of unbounded size (`df`) brings every row to the driver; limit it, aggregate it, or write it out.'), stdout);
    assert.ok(lines.some((line) => line.startsWith('::error title=syntax-error (syntax-error),file=broken/bad.py,line=2,')), 'the syntax error is an error annotation');
    assert.ok(lines.some((line) => line.includes(',file=odd%2Cname/job.py,')), 'a comma in a path is escaped');
  });

  it('prints SARIF 2.1.0 that validates against the schema', async () => {
    write('broken/bad.py', 'import pyspark\ndef f(:\n');
    const { stdout } = await run(['jobs', 'broken', '--format', 'sarif']);
    rmSync(join(project, 'broken'), { recursive: true });
    const log = JSON.parse(stdout);
    const schema = JSON.parse(readFileSync(join(__dirname, 'schemas/sarif-2.1.0-subset.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid: boolean = validate(structuredClone(log));
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    const run0 = log.runs[0];
    assert.equal(run0.results.length, 1);
    assert.equal(run0.results[0].ruleId, 'SPK101');
    assert.equal(run0.tool.driver.rules[run0.results[0].ruleIndex].id, 'SPK101');
    assert.deepEqual(run0.results[0].locations[0].physicalLocation.region, { startLine: 5, startColumn: 11, endLine: 5, endColumn: 20 });
    assert.equal(run0.invocations[0].toolExecutionNotifications.length, 1, 'the syntax error is a notification');
    // the validator really rejects a malformed log
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
  });

  it('exits 2 on usage errors and missing paths', async () => {
    const badFormat = await run(['--format', 'xml']);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format must be text, json, sarif or github/);
    const missing = await run(['nope.py']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.py: no such file or directory/);
    assert.equal((await run(['--bogus'])).code, 2);
  });

  it('exits 2 with the reason when pyproject.toml is broken', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkml-badcfg-'));
    writeFileSync(join(dir, 'pyproject.toml'), '[tool.sparkml\nselect = 1\n');
    writeFileSync(join(dir, 'job.py'), JOB);
    const { code, stderr } = await run(['.'], dir);
    rmSync(dir, { recursive: true, force: true });
    assert.equal(code, 2);
    assert.match(stderr, /pyproject\.toml: invalid TOML/);
  });

  it('--fix applies the safe fixes, keeps line endings and the BOM, and exits 0 when nothing remains', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkml-fix-'));
    const source = ['from pyspark.sql import SparkSession', 'spark = SparkSession.builder.getOrCreate()', 'df = spark.read.parquet("s3://b/e")', 'if df.count() == 0:', '    print("empty")', ''].join('\r\n');
    writeFileSync(join(dir, 'job.py'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source)]));
    const before = await run(['.'], dir);
    assert.equal(before.code, 1);
    assert.match(before.stdout, /job\.py:4:7: SPK104 \[\*\] /);
    const { code, stdout } = await run(['--fix', '.'], dir);
    const written = readFileSync(join(dir, 'job.py'));
    rmSync(dir, { recursive: true, force: true });
    assert.equal(code, 0, stdout);
    assert.match(stdout, /Found 1 problem \(1 fixed, 0 remaining\)\./);
    assert.deepEqual([...written.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the byte order mark is kept');
    assert.equal(written.subarray(3).toString('utf8'), source.replace('df.count() == 0', 'df.isEmpty()'));
  });

  it('--fix through a symbolic link fixes the file it points to and keeps the link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkml-fix-'));
    const source = 'from pyspark.sql import SparkSession\nspark = SparkSession.builder.getOrCreate()\nif spark.table("orders").count() > 0:\n    pass\n';
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'job.py'), source);
    symlinkSync(join(dir, 'real', 'job.py'), join(dir, 'job.py'));
    const { code } = await run(['--fix', 'job.py'], dir);
    const linkStillThere = lstatSync(join(dir, 'job.py')).isSymbolicLink();
    const fixed = readFileSync(join(dir, 'real', 'job.py'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    assert.equal(code, 0);
    assert.ok(linkStillThere, 'job.py is still a symbolic link');
    assert.equal(fixed, source.replace('spark.table("orders").count() > 0', 'not spark.table("orders").isEmpty()'));
  });

  it('--fix leaves unsafe fixes alone unless --unsafe-fixes, and leaves a file that is not UTF-8 untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkml-fix-'));
    writeFileSync(join(dir, 'job.py'), JOB);
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\n'), Buffer.from(JOB)]);
    writeFileSync(join(dir, 'latin1.py'), latin1);
    const safeOnly = await run(['--fix', 'job.py'], dir);
    assert.equal(safeOnly.code, 1);
    assert.equal(readFileSync(join(dir, 'job.py'), 'utf8'), JOB, 'SPK101 has only an unsafe fix');
    assert.match(safeOnly.stdout, /Found 1 problem \(0 fixed, 1 remaining: 1 warning\)\./);
    const unsafe = await run(['--fix', '--unsafe-fixes', '.'], dir);
    const fixed = readFileSync(join(dir, 'job.py'), 'utf8');
    const untouched = readFileSync(join(dir, 'latin1.py'));
    rmSync(dir, { recursive: true, force: true });
    assert.equal(fixed, JOB.replace('df.collect()', 'df.limit(1000).collect()'));
    assert.ok(untouched.equals(latin1), 'the non-UTF-8 file keeps its bytes');
    assert.match(unsafe.stderr, /latin1\.py: not fixed: the file is not valid UTF-8/);
    assert.match(unsafe.stdout, /latin1\.py:6:11: SPK101 \[\*\] /, 'its finding is still reported');
    assert.match(unsafe.stdout, /Found 2 problems \(1 fixed, 1 remaining: 1 warning\)\./);
    assert.equal(unsafe.code, 1);
  });

  it('lints the code cells of notebooks, reporting the cell and the line in it, and leaves them unfixed', async () => {
    const cell = (cell_type: string, source: string[]) => ({ cell_type, source, metadata: {}, ...(cell_type === 'code' ? { outputs: [], execution_count: null } : {}) });
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', language: 'python', display_name: 'Python 3' } },
      cells: [
        cell('markdown', ['# Exploring events\n']),
        cell('code', ['%pip install pyspark\n', '!ls /data\n', 'from pyspark.sql import SparkSession\n', 'spark = SparkSession.builder.getOrCreate()']),
        cell('code', ['%%sql\n', 'SELECT * FROM events']),
        cell('code', ['df = spark.read.parquet("s3://bucket/events")\n', 'df.show()\n', 'if df.count() == 0:\n', '    print("empty")\n']),
        cell('markdown', ['All rows:']),
        cell('code', ['%%time\n', 'rows = df.collect()']),
      ],
    };
    write('nb/explore.ipynb', JSON.stringify(notebook, null, 1));
    write('nb/scala.ipynb', JSON.stringify({ ...notebook, metadata: { kernelspec: { language: 'scala' } } }));
    const before = readFileSync(join(project, 'nb/explore.ipynb'), 'utf8');
    const text = await run(['nb', '--select', 'SPK1']);
    // show() in a notebook is its output (no SPK106); the %%sql cell and the magics are not Python
    assert.deepEqual(text.stdout.split('\n').filter((line) => line.includes('SPK')), [
      'nb/explore.ipynb:cell 4:2:4: SPK105 3 actions (show, count, collect) recompute the same uncached lineage; cache it once before the first.',
      'nb/explore.ipynb:cell 4:3:7: SPK104 `count()` used to test for emptiness scans all rows; `df.isEmpty()` stops at the first one.',
      'nb/explore.ipynb:cell 6:2:11: SPK101 `.collect()` on a DataFrame of unbounded size (`df`) brings every row to the driver; limit it, aggregate it, or write it out.',
    ]);
    assert.match(text.stderr, /nb\/scala\.ipynb:1:1: file-skipped: not analysed: a scala notebook/);
    assert.doesNotMatch(text.stdout, /\[\*\]/, 'no fix is offered: --fix does not write notebooks');
    const json = JSON.parse((await run(['nb/explore.ipynb', '--format', 'json', '--select', 'SPK101'])).stdout);
    assert.deepEqual(json.map((finding: { cell: number; line: number; column: number; fix: unknown }) => [finding.cell, finding.line, finding.column, finding.fix]), [[6, 2, 11, null]]);
    const github = (await run(['nb/explore.ipynb', '--format', 'github', '--select', 'SPK101'])).stdout;
    assert.match(github, /^::warning title=SPK101 \(collect-unbounded\),file=nb\/explore\.ipynb::cell 6, line 2: SPK101 /);
    // SARIF regions would count lines of the JSON: the location is the file, the message names the cell
    const sarif = JSON.parse((await run(['nb/explore.ipynb', '--format', 'sarif', '--select', 'SPK101'])).stdout);
    const validate = new Ajv({ allErrors: true, strict: false });
    addFormats(validate);
    assert.ok(validate.validate(JSON.parse(readFileSync(join(__dirname, 'schemas/sarif-2.1.0-subset.schema.json'), 'utf8')), structuredClone(sarif)), JSON.stringify(validate.errors));
    assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation, { artifactLocation: { uri: 'nb/explore.ipynb', uriBaseId: '%SRCROOT%' } });
    assert.match(sarif.runs[0].results[0].message.text, /^cell 6, line 2: `\.collect\(\)`/);
    const fixing = await run(['nb', '--fix', '--select', 'SPK1']);
    assert.equal(readFileSync(join(project, 'nb/explore.ipynb'), 'utf8'), before, 'the notebook is not rewritten');
    assert.match(fixing.stderr, /nb\/explore\.ipynb: not fixed: fixes are not written into notebooks/);
    rmSync(join(project, 'nb'), { recursive: true });
  });

  it('skips binary and oversized files with a message, decodes invalid UTF-8 keeping positions', async () => {
    write('odd/binary.py', new Uint8Array([0x69, 0x6d, 0x70, 0x00, 0x01, 0x02]));
    write('odd/latin1.py', Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(' \n'), Buffer.from(JOB.replace('rows = ', '\u00e9 = '))]));
    write('odd/huge.py', '#'.repeat(5 * 1024 * 1024 + 10));
    write('odd/explore.ipynb', '{"cells": [');
    const { code, stdout, stderr } = await run(['odd']);
    rmSync(join(project, 'odd'), { recursive: true });
    assert.equal(code, 1);
    assert.match(stderr, /odd\/binary\.py:1:1: file-skipped: not analysed: looks binary/);
    assert.match(stderr, /odd\/huge\.py:1:1: file-skipped: not analysed: .* larger than 5 MB/);
    // a broken notebook is not passed as if it were clean
    assert.match(stderr, /odd\/explore\.ipynb:1:1: file-skipped: not analysed: the notebook is not valid JSON/);
    // the invalid byte became one U+FFFD; the finding is on line 6, column of `collect` after "é = df."
    assert.match(stdout, /odd\/latin1\.py:6:8: SPK101/);
  });
});
