// The built `sparkml` command as users run it: dist/cli.js as a child process, requiring the bundle of
// its subcommand beside it (dist/cli-lint.js) and, with --jobs, the bundled lint worker (dist/lintWorker.js).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const dist = join(__dirname, '../../dist');
const cli = join(dist, 'cli.js');

const JOB = `from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
df = spark.read.parquet("s3://bucket/events")
rows = df.collect()
`;

function sparkml(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dist/cli.js', () => {
  let project: string;
  before(() => {
    project = mkdtempSync(join(tmpdir(), 'sparkml-built-cli-'));
    for (let i = 0; i < 20; i++) writeFileSync(join(project, `job_${String(i).padStart(2, '0')}.py`), JOB);
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  it('lints with the lint bundle beside it, on one thread and on bundled worker threads alike', () => {
    const one = sparkml(['lint', '.', '--jobs', '1'], project);
    assert.equal(one.code, 1, one.stderr);
    assert.equal(one.stdout.split('\n').filter((line) => / SPK101 /.test(line)).length, 20);
    assert.match(one.stdout, /^job_00\.py:5:11: SPK101 /m);
    const two = sparkml(['lint', '.', '--jobs', '2'], project);
    assert.equal(two.code, 1, two.stderr);
    assert.equal(two.stdout, one.stdout);
  });

  it('keeps the Kubernetes and AWS clients out of the dispatcher and the lint bundle', () => {
    for (const bundle of ['cli.js', 'cli-lint.js']) {
      const text = readFileSync(join(dist, bundle), 'utf8');
      assert.doesNotMatch(text, /KubeConfig|S3Client/, `${bundle} carries a submission client`);
    }
    assert.match(readFileSync(join(dist, 'cli-submit.js'), 'utf8'), /KubeConfig/);
    const help = sparkml(['--help'], project);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /lint +lint PySpark files/);
  });
});
