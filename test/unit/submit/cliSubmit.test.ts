// `sparkml submit --dry-run`: what would be sent, printed as JSON, with nothing sent and no secrets.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { main } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import { isDns1035Label } from '../../../src/submit/runName';
import { sampleSpecFile } from './fixtures';

async function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), wasmDir: '', cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('sparkml submit --dry-run', () => {
  let ws: string;
  const saved = { KUBECONFIG: process.env.KUBECONFIG, SPARKML_IOMETE_TOKEN: process.env.SPARKML_IOMETE_TOKEN };

  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'sparkml-cli-'));
    mkdirSync(join(ws, 'jobs'));
    writeFileSync(join(ws, 'jobs', 'train.py'), 'print("hi")\n');
    writeFileSync(join(ws, 'jobs', 'features.py'), 'X = 1\n');
    writeFileSync(join(ws, 'sparkml.jobs.json'), JSON.stringify(sampleSpecFile(), null, 2));
    const kubeconfig = join(ws, 'kubeconfig');
    writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1' } }],
        users: [{ name: 'u', user: { token: 'kube-secret-token' } }],
        contexts: [{ name: 'dev', context: { cluster: 'c', user: 'u', namespace: 'from-context' } }],
        'current-context': 'dev',
      }),
    );
    process.env.KUBECONFIG = kubeconfig;
    process.env.SPARKML_IOMETE_TOKEN = 'iomete-secret-token';
  });
  after(() => {
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
    else process.env[key] = value;
    rmSync(ws, { recursive: true, force: true });
  });

  it('prints the kubeflow SparkApplication for the job whose mainFile is FILE, sending nothing', async () => {
    const result = await run(['submit', '--dry-run', 'jobs/train.py'], ws);
    assert.equal(result.code, 0, result.stderr);
    const manifest = JSON.parse(result.stdout);
    assert.equal(manifest.kind, 'SparkApplication');
    assert.equal(manifest.metadata.namespace, 'spark-jobs');
    assert.ok(isDns1035Label(manifest.metadata.name));
    assert.equal(manifest.spec.mainApplicationFile, 's3a://ml-artifacts/jobs/churn/train.py');
    assert.match(result.stderr, /would upload .*train\.py -> s3:\/\/ml-artifacts\/jobs\/churn\/train\.py/);
    assert.doesNotMatch(result.stdout + result.stderr, /kube-secret-token/);
  });

  it('--target switches to the IOMETE payload, without the token', async () => {
    const result = await run(['submit', '--dry-run', '--target', 'lake', 'jobs/train.py'], ws);
    assert.equal(result.code, 0, result.stderr);
    const payload = JSON.parse(result.stdout);
    assert.equal(payload.name, 'Churn_Model.train');
    assert.equal(payload.template.mainApplicationFile, 's3a://ml-artifacts/jobs/churn/train.py');
    assert.doesNotMatch(result.stdout + result.stderr, /iomete-secret-token/);
  });

  it('--target apache prints a spark.apache.org/v1 object; --job picks by name from the spec file', async () => {
    const result = await run(['submit', '--dry-run', '--target', 'apache', '--job', 'pi', 'sparkml.jobs.json'], ws);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).apiVersion, 'spark.apache.org/v1');
  });

  it('usage and spec errors exit 2 with a clear message', async () => {
    assert.equal((await run(['submit'], ws)).code, 2);
    const unknownTarget = await run(['submit', '--dry-run', '--target', 'mars', 'jobs/train.py'], ws);
    assert.equal(unknownTarget.code, 2);
    assert.match(unknownTarget.stderr, /no target named "mars"/);
    const noJob = await run(['submit', '--dry-run', 'jobs/features.py'], ws);
    assert.match(noJob.stderr, /no job in .* has mainFile/);
    const elsewhere = mkdtempSync(join(tmpdir(), 'sparkml-nospec-'));
    writeFileSync(join(elsewhere, 'job.py'), '');
    const noSpec = await run(['submit', '--dry-run', 'job.py'], elsewhere);
    assert.equal(noSpec.code, 2);
    assert.match(noSpec.stderr, /no sparkml\.jobs\.json/);
    writeFileSync(join(elsewhere, 'sparkml.jobs.json'), JSON.stringify({ targets: { t: { type: 'local' } }, jobs: [{ name: 'j', target: 't', mainFile: 'job.py', driver: { memory: 'lots' } }] }));
    const invalid = await run(['submit', '--dry-run', 'job.py'], elsewhere);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /\$\.jobs\[0\]\.driver\.memory/);
    rmSync(elsewhere, { recursive: true, force: true });
  });
});
