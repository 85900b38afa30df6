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

  it('keeps the Kubernetes and AWS clients out of the dispatcher and the lint bundle; submit uses the extension\'s submit.js', () => {
    for (const bundle of ['cli.js', 'cli-lint.js', 'cli-submit.js']) {
      const text = readFileSync(join(dist, bundle), 'utf8');
      assert.doesNotMatch(text, /KubeConfig|S3Client/, `${bundle} carries a submission client`);
    }
    assert.match(readFileSync(join(dist, 'submit.js'), 'utf8'), /KubeConfig/);
    // and the built submit command works through it: a dry run prints the SparkApplication
    writeFileSync(join(project, 'sparkml.jobs.json'), JSON.stringify({
      targets: { cluster: { type: 'kubeflow', namespace: 'ml' } },
      jobs: [{ name: 'job', target: 'cluster', mainFile: 'job_00.py', delivery: { type: 'container', path: 'local:///app/job_00.py' }, image: 'apache/spark:3.5.3-python3', sparkVersion: '3.5.3' }],
    }));
    const dryRun = sparkml(['submit', '--dry-run', 'job_00.py'], project);
    assert.equal(dryRun.code, 0, dryRun.stderr);
    const manifest = JSON.parse(dryRun.stdout);
    assert.equal(manifest.kind, 'SparkApplication');
    assert.equal(manifest.spec.mainApplicationFile, 'local:///app/job_00.py');
    const help = sparkml(['--help'], project);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /lint +lint PySpark files/);
  });
});
