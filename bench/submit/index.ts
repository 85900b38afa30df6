// bench/submit: (1) command-to-created latency of each target against the local servers (upload
// excluded), p50/p95, as a ratio to one plain HTTP round trip to the same server measured in the
// same run; (2) S3 upload throughput of a 200 MB file through the uploader vs one plain PutObject
// of the same bytes, against a real Ceph RGW started here.
//
//   node --import tsx bench/submit/index.ts [--iterations 30] [--megabytes 200] [--skip-s3]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createIometeTarget } from '../../src/submit/iomete';
import { createKubeflowTarget } from '../../src/submit/kubeflowOperator';
import { createLocalTarget } from '../../src/submit/local';
import { resolveJob } from '../../src/submit/resolveJob';
import { newSubmissionId } from '../../src/submit/runName';
import { createS3Client, uploadFiles } from '../../src/submit/s3Uploader';
import type { Target } from '../../src/submit/target';
import { cephUnavailable, startCephRgw } from '../../test/servers/ceph';
import { IometeServer } from '../../test/servers/iometeServer';
import { startLocalKube } from '../../test/servers/localKube';
import { sampleSpecFile } from '../../test/unit/submit/fixtures';

const { values } = parseArgs({ options: { iterations: { type: 'string', default: '30' }, megabytes: { type: 'string', default: '200' }, 'skip-s3': { type: 'boolean', default: false } } });
const iterations = Number(values.iterations);
const megabytes = Number(values.megabytes);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timeEach(count: number, action: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await action();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

function report(label: string, times: number[], reference: number[], referenceLabel = 'one plain request'): void {
  const [p50, p95, ref50] = [percentile(times, 50), percentile(times, 95), percentile(reference, 50)];
  console.log(`${label.padEnd(34)} p50 ${p50.toFixed(1).padStart(7)} ms  p95 ${p95.toFixed(1).padStart(7)} ms  = ${(p50 / ref50).toFixed(1)}x / ${(p95 / ref50).toFixed(1)}x ${referenceLabel} (p50 ${ref50.toFixed(2)} ms)`);
}

async function latency(): Promise<void> {
  console.log(`\ncommand-to-created latency, ${iterations} submissions per target (upload excluded)`);
  const kube = await startLocalKube(5_000); // slow operator: the bench measures creation, not runs
  const iomete = new IometeServer('bench-token', 'bench', 5_000);
  await iomete.start();
  try {
    const file = sampleSpecFile();
    file.targets.lake = { type: 'iomete', host: iomete.url, domain: 'bench' };
    const kubeJob = resolveJob(file, '/ws', 'pi');
    const iometeJob = resolveJob(file, '/ws', 'Churn_Model.train', 'lake');
    const kubeflow: Target = createKubeflowTarget({ type: 'kubeflow' }, { env: { ...process.env, KUBECONFIG: kube.kubeconfig } });
    const lake: Target = createIometeTarget(file.targets.lake, { tokens: async () => 'bench-token' });
    // Warm-up: module loading, kubeconfig parsing, CRD schema compilation on the server.
    await kubeflow.submit(kubeJob, { submissionId: newSubmissionId() });
    await lake.submit(iometeJob, { submissionId: newSubmissionId() });

    const kubeRef = await timeEach(iterations, () => fetch(`${kube.url}/version`, { headers: { authorization: `Bearer ${kube.token}` } }).then((r) => r.arrayBuffer()));
    const kubeTimes = await timeEach(iterations, () => kubeflow.submit(kubeJob, { submissionId: newSubmissionId() }));
    report('kubeflow SparkApplication created', kubeTimes, kubeRef);

    const iometeRef = await timeEach(iterations, () => fetch(`${iomete.url}${iomete.base}/name/x`, { headers: { 'x-api-token': 'bench-token' } }).then((r) => r.arrayBuffer()));
    const iometeTimes = await timeEach(iterations, () => lake.submit(iometeJob, { submissionId: newSubmissionId() }));
    report('IOMETE job upserted + run created', iometeTimes, iometeRef);
    // Local: spark-submit (the stand-in) started; reference: spawning node itself.
    const bin = mkdtempSync(join(tmpdir(), 'sparkml-bench-bin-'));
    mkdirSync(join(bin, 'bin'));
    symlinkSync(join(__dirname, '../../test/servers/spark-submit'), join(bin, 'bin', 'spark-submit'));
    const local = createLocalTarget({ type: 'local' }, { env: { ...process.env, SPARK_HOME: join(bin), SPARKML_FAKE_SUBMIT_STEP_MS: '1' } });
    const localJob = resolveJob(file, '/ws', 'Churn_Model.train', 'laptop');
    const spawnRef = await timeEach(iterations, () => new Promise((resolve) => spawn(process.execPath, ['-e', '']).once('spawn', resolve)));
    const localTimes = await timeEach(iterations, () => local.submit(localJob, { submissionId: newSubmissionId() }));
    report('local spark-submit started', localTimes, spawnRef, 'one bare node spawn');
    rmSync(bin, { recursive: true, force: true });

  } finally {
    await kube.stop();
    await iomete.stop();
  }
}

async function throughput(): Promise<void> {
  const unavailable = cephUnavailable();
  if (unavailable) {
    console.log(`\nS3 throughput skipped: ${unavailable}`);
    return;
  }
  console.log(`\nS3 upload of ${megabytes} MB to Ceph RGW (memstore) on 127.0.0.1`);
  // Room for four copies: RGW frees deleted objects only after its garbage collection.
  const ceph = await startCephRgw({ memstoreBytes: Math.max(1, Math.ceil((megabytes * 5) / 1024)) * 1024 * 1024 * 1024 });
  const dir = mkdtempSync(join(tmpdir(), 'sparkml-bench-'));
  const client = createS3Client({ endpoint: ceph.endpoint, credentials: { accessKeyId: ceph.accessKeyId, secretAccessKey: ceph.secretAccessKey } });
  try {
    await client.send(new CreateBucketCommand({ Bucket: 'bench' }));
    const path = join(dir, 'big.py');
    writeFileSync(path, randomBytes(megabytes * 1024 * 1024));
    const bytes = await readFile(path);
    const mbps = (ms: number) => megabytes / (ms / 1000);
    // Alternate the two so drift on this shared machine hits both; 2 rounds each.
    const plain: number[] = [];
    const uploader: number[] = [];
    for (let round = 0; round < 2; round++) {
      let start = performance.now();
      await client.send(new PutObjectCommand({ Bucket: 'bench', Key: 'plain.bin', Body: bytes, ContentLength: bytes.length }));
      plain.push(performance.now() - start);
      await client.send(new DeleteObjectCommand({ Bucket: 'bench', Key: 'plain.bin' }));
      start = performance.now();
      await uploadFiles(client, [{ localPath: path, bucket: 'bench', key: `uploader-${round}.py` }]);
      uploader.push(performance.now() - start);
      await client.send(new DeleteObjectCommand({ Bucket: 'bench', Key: `uploader-${round}.py` }));
    }
    const best = (list: number[]) => Math.min(...list);
    console.log(`plain PutObject (one request)       ${mbps(best(plain)).toFixed(1).padStart(7)} MB/s  (best of ${plain.map((t) => (t / 1000).toFixed(2) + ' s').join(', ')})`);
    console.log(`uploader (sha256 + HEAD + multipart) ${mbps(best(uploader)).toFixed(1).padStart(6)} MB/s  (best of ${uploader.map((t) => (t / 1000).toFixed(2) + ' s').join(', ')})`);
    console.log(`ratio uploader / plain PutObject    ${(mbps(best(uploader)) / mbps(best(plain))).toFixed(2)}x throughput`);
  } finally {
    client.destroy();
    await ceph.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function mainBench(): Promise<void> {
  await latency();
  if (!values['skip-s3']) await throughput();
}

void mainBench().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
