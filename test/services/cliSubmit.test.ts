// `sparkml submit` end to end: upload to a real Ceph RGW, create the SparkApplication on the local
// Kubernetes API, follow it to COMPLETED with the driver log on stdout.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import type { JobSpecFile } from '../../src/submit/jobSpec';
import { createS3Client } from '../../src/submit/s3Uploader';
import { cephUnavailable, startCephRgw, type CephRgw } from '../servers/ceph';
import { crdFixturesMissing } from '../servers/crdSchemas';
import { IometeServer } from '../servers/iometeServer';
import { startLocalKube, type LocalKube } from '../servers/localKube';

const reason = cephUnavailable() || crdFixturesMissing();
if (reason) console.log(`# skipping: ${reason}`);

describe('sparkml submit with s3 delivery to the local Kubernetes API', { skip: reason || false }, () => {
  let ceph: CephRgw;
  let kube: LocalKube;
  let ws: string;
  const saved: Record<string, string | undefined> = {};

  before(async () => {
    [ceph, kube] = await Promise.all([startCephRgw(), startLocalKube()]);
    for (const [key, value] of Object.entries({ KUBECONFIG: kube.kubeconfig, AWS_ACCESS_KEY_ID: ceph.accessKeyId, AWS_SECRET_ACCESS_KEY: ceph.secretAccessKey, AWS_REGION: 'us-east-1' })) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
    const s3 = createS3Client({ endpoint: ceph.endpoint });
    await s3.send(new CreateBucketCommand({ Bucket: 'team-jobs' }));
    s3.destroy();
    ws = mkdtempSync(join(tmpdir(), 'sparkml-cli-e2e-'));
    mkdirSync(join(ws, 'src'));
    writeFileSync(join(ws, 'src', 'train.py'), 'from pyspark.sql import SparkSession\nprint("train")\n');
    writeFileSync(join(ws, 'src', 'features.py'), 'FEATURES = ["a", "b"]\n');
    const spec: JobSpecFile = {
      targets: { cluster: { type: 'kubeflow' } },
      jobs: [
        {
          name: 'train',
          target: 'cluster',
          mainFile: 'src/train.py',
          delivery: { type: 's3', bucket: 'team-jobs', prefix: 'churn', endpoint: ceph.endpoint },
          image: 'apache/spark:3.5.3-python3',
          sparkVersion: '3.5.3',
          deps: { pyFiles: ['src/features.py'] },
        },
      ],
    };
    writeFileSync(join(ws, 'sparkml.jobs.json'), JSON.stringify(spec));
  });

  after(async () => {
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
    else process.env[key] = value;
    await Promise.all([ceph?.stop(), kube?.stop()]);
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  it('uploads, submits, streams the log and exits 0 on COMPLETED', async () => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), wasmDir: '', cwd: join(ws, 'src') };
    const code = await main(['submit', 'train.py'], io);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /state RUNNING/);
    assert.match(stderr, /state COMPLETED/);
    const apps = kube.api.list('sparkoperator.k8s.io/v1beta2/sparkapplications', 'spark-jobs');
    assert.equal(apps.length, 1);
    assert.equal(apps[0].spec.mainApplicationFile, 's3a://team-jobs/churn/train.py');
    assert.deepEqual(apps[0].spec.deps.pyFiles, ['s3a://team-jobs/churn/features.py']);
    assert.equal(apps[0].spec.sparkConf['spark.hadoop.fs.s3a.endpoint'], ceph.endpoint);
    assert.deepEqual(stdout.trim().split('\n'), kube.operator.logLines.get(apps[0].metadata.name));
    const s3 = createS3Client({ endpoint: ceph.endpoint });
    const object = await s3.send(new GetObjectCommand({ Bucket: 'team-jobs', Key: 'churn/train.py' }));
    assert.equal(await object.Body!.transformToString(), readFileSync(join(ws, 'src', 'train.py'), 'utf8'));
    s3.destroy();
    assert.doesNotMatch(stdout + stderr, new RegExp(ceph.secretAccessKey));
  });
});

describe('sparkml submit to IOMETE and local targets', () => {
  let iomete: IometeServer;
  let ws: string;
  const saved: Record<string, string | undefined> = {};
  const setEnv = (values: Record<string, string>) => {
    for (const [key, value] of Object.entries(values)) {
      if (!(key in saved)) saved[key] = process.env[key];
      process.env[key] = value;
    }
  };

  before(async () => {
    iomete = new IometeServer('cli-token', 'analytics');
    await iomete.start();
    ws = mkdtempSync(join(tmpdir(), 'sparkml-cli-targets-'));
    mkdirSync(join(ws, 'bin'));
    symlinkSync(resolve(__dirname, '../servers/spark-submit'), join(ws, 'bin', 'spark-submit'));
    writeFileSync(join(ws, 'job.py'), 'print(1)\n');
    writeFileSync(join(ws, 'broken.py'), 'raise ValueError()\n');
    const spec: JobSpecFile = {
      targets: { lake: { type: 'iomete', host: iomete.url, domain: 'analytics', pollIntervalMs: 100 }, laptop: { type: 'local', sparkHome: ws } },
      jobs: [
        { name: 'nightly', target: 'lake', mainFile: 'job.py', delivery: { type: 'container', path: 'local:///app/job.py' } },
        { name: 'broken', target: 'laptop', mainFile: 'broken.py', arguments: ['--simulate-failure'] },
      ],
    };
    writeFileSync(join(ws, 'sparkml.jobs.json'), JSON.stringify(spec));
    setEnv({ SPARKML_FAKE_SUBMIT_STEP_MS: '20' });
  });

  after(async () => {
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
    else process.env[key] = value;
    await iomete?.stop();
    if (ws) rmSync(ws, { recursive: true, force: true });
  });

  async function cli(args: string[]) {
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), wasmDir: '', cwd: ws };
    return { code: await main(args, io), stdout, stderr };
  }

  it('IOMETE with the token from SPARKML_IOMETE_TOKEN: exit 0, log on stdout, UI link, token never printed', async () => {
    setEnv({ SPARKML_IOMETE_TOKEN: 'cli-token' });
    const result = await cli(['submit', 'job.py']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Successfully stopped SparkContext/);
    assert.match(result.stderr, /state COMPLETED \(COMPLETED\)/);
    assert.match(result.stderr, /Spark UI: http:\/\/127\.0\.0\.1:\d+\/history\//);
    assert.doesNotMatch(result.stdout + result.stderr, /cli-token/);
  });

  it('IOMETE with a wrong token: a clear error, exit 2, no run', async () => {
    setEnv({ SPARKML_IOMETE_TOKEN: 'wrong' });
    const runs = iomete.runs.size;
    const result = await cli(['submit', 'job.py']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /rejected the API token \(401\)/);
    assert.equal(iomete.runs.size, runs);
  });

  it('local target: exit 0 with the UI URL from the log; a failing job exits 1 with its traceback', async () => {
    const result = await cli(['submit', '--target', 'laptop', 'job.py']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Spark UI: http:\/\/\S+:4040/);
    const failing = await cli(['submit', 'broken.py']);
    assert.equal(failing.code, 1);
    assert.match(failing.stdout, /ValueError: simulated failure/);
    assert.match(failing.stderr, /state FAILED/);
  });
});
