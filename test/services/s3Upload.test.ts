// The S3 uploader against a real Ceph RADOS Gateway (started here), directly and through a
// fault-injecting proxy. Every upload is read back and compared byte for byte.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, type S3Client } from '@aws-sdk/client-s3';
import { createS3Client, uploadFiles, UploadError, type UploadProgress } from '../../src/submit/s3Uploader';
import { cephUnavailable, startCephRgw, type CephRgw } from '../servers/ceph';
import { FaultProxy, isUploadPart } from '../servers/faultProxy';

const unavailable = cephUnavailable();
if (unavailable) console.log(`# skipping S3 tests: ${unavailable}`);

const MB = 1024 * 1024;
const PART = 5 * MB;

describe('S3 uploader against Ceph RGW', { skip: unavailable || false }, () => {
  let ceph: CephRgw;
  let proxy: FaultProxy;
  let direct: S3Client;
  let viaProxy: S3Client;
  let dir: string;
  const bucket = 'sparkml-jobs';

  const clientFor = (endpoint: string, secret?: string) =>
    createS3Client({ endpoint, credentials: { accessKeyId: ceph.accessKeyId, secretAccessKey: secret ?? ceph.secretAccessKey }, maxAttempts: 4 });

  async function readBack(key: string): Promise<Buffer> {
    const object = await direct.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  async function openUploads(): Promise<number> {
    const listed = await direct.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    return listed.Uploads?.length ?? 0;
  }

  function file(name: string, bytes: number): string {
    const path = join(dir, name);
    writeFileSync(path, randomBytes(bytes));
    return path;
  }

  before(async () => {
    ceph = await startCephRgw();
    proxy = new FaultProxy(ceph.endpoint);
    await proxy.start();
    direct = clientFor(ceph.endpoint);
    viaProxy = clientFor(proxy.url);
    await direct.send(new CreateBucketCommand({ Bucket: bucket }));
    dir = mkdtempSync(join(tmpdir(), 'sparkml-s3-'));
  });

  after(async () => {
    direct?.destroy();
    viaProxy?.destroy();
    await proxy?.stop();
    await ceph?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads the main file and a pyFile in parts with progress, byte for byte', async () => {
    const main = file('train.py', 12 * MB + 123);
    const lib = file('features.py', 4321);
    const progress: UploadProgress[] = [];
    const outcomes = await uploadFiles(
      direct,
      [
        { localPath: main, bucket, key: 'jobs/churn/train.py' },
        { localPath: lib, bucket, key: 'jobs/churn/features.py' },
      ],
      { partSize: PART, onProgress: (p) => progress.push(p) },
    );
    assert.deepEqual(outcomes.map((o) => o.skipped), [false, false]);
    assert.deepEqual(await readBack('jobs/churn/train.py'), readFileSync(main));
    assert.deepEqual(await readBack('jobs/churn/features.py'), readFileSync(lib));
    const overall = progress.map((p) => p.overallLoaded);
    assert.deepEqual(overall, [...overall].sort((a, b) => a - b), 'overall progress never goes back');
    assert.equal(progress.at(-1)!.overallLoaded, 12 * MB + 123 + 4321);
    assert.ok(progress.filter((p) => p.localPath === main).length >= 3, 'progress per part of the big file');
    const head = await direct.send(new HeadObjectCommand({ Bucket: bucket, Key: 'jobs/churn/train.py' }));
    assert.equal(head.Metadata?.['sparkml-sha256'], outcomes[0].sha256);
    assert.equal(await openUploads(), 0);
  });

  it('skips a file whose stored hash matches, and uploads it again once it changed', async () => {
    const main = file('same.py', 2 * MB);
    const item = { localPath: main, bucket, key: 'jobs/same.py' };
    assert.equal((await uploadFiles(direct, [item]))[0].skipped, false);
    assert.equal((await uploadFiles(direct, [item]))[0].skipped, true);
    writeFileSync(main, randomBytes(2 * MB));
    assert.equal((await uploadFiles(direct, [item]))[0].skipped, false);
    assert.deepEqual(await readBack('jobs/same.py'), readFileSync(main));
  });

  it('retries parts answered with 503 SlowDown', async () => {
    const main = file('slow.py', 11 * MB);
    proxy.slowDown(2, isUploadPart);
    await uploadFiles(viaProxy, [{ localPath: main, bucket, key: 'jobs/slow.py' }], { partSize: PART });
    assert.equal(proxy.faultsInjected('slowdown'), 2);
    assert.deepEqual(await readBack('jobs/slow.py'), readFileSync(main));
    assert.equal(await openUploads(), 0);
  });

  it('survives a connection reset in the middle of a part', async () => {
    const main = file('reset.py', 11 * MB);
    proxy.resetMidBody(1, isUploadPart, 1 * MB);
    await uploadFiles(viaProxy, [{ localPath: main, bucket, key: 'jobs/reset.py' }], { partSize: PART });
    assert.equal(proxy.faultsInjected('reset'), 1);
    assert.deepEqual(await readBack('jobs/reset.py'), readFileSync(main));
    assert.equal(await openUploads(), 0);
  });

  it('cancel during the upload aborts the multipart upload and leaves no parts', async () => {
    const main = file('cancel.py', 30 * MB);
    const controller = new AbortController();
    await assert.rejects(
      uploadFiles(direct, [{ localPath: main, bucket, key: 'jobs/cancel.py' }], {
        partSize: PART,
        queueSize: 2,
        signal: controller.signal,
        onProgress: (p) => p.loaded > 0 && p.loaded < p.total && controller.abort(),
      }),
      (error: Error) => error instanceof UploadError && /cancelled/.test(error.message),
    );
    assert.equal(await openUploads(), 0, 'no multipart upload (and so no parts) left behind');
    await assert.rejects(direct.send(new HeadObjectCommand({ Bucket: bucket, Key: 'jobs/cancel.py' })), (e: { name?: string }) => e.name === 'NotFound');
  });

  it('a wrong secret is a clear error (403), not a crash', async () => {
    const bad = clientFor(ceph.endpoint, 'wrong-secret');
    try {
      await assert.rejects(uploadFiles(bad, [{ localPath: file('denied.py', 100), bucket, key: 'jobs/denied.py' }]), /access denied .*check the credentials/);
    } finally {
      bad.destroy();
    }
  });

  it('reads credentials from a named profile; a missing one is a clear error', async () => {
    const credentials = join(dir, 'credentials');
    writeFileSync(credentials, `[ceph-test]\naws_access_key_id = ${ceph.accessKeyId}\naws_secret_access_key = ${ceph.secretAccessKey}\n`);
    const saved = { file: process.env.AWS_SHARED_CREDENTIALS_FILE, config: process.env.AWS_CONFIG_FILE, key: process.env.AWS_ACCESS_KEY_ID };
    process.env.AWS_SHARED_CREDENTIALS_FILE = credentials;
    process.env.AWS_CONFIG_FILE = join(dir, 'no-config');
    delete process.env.AWS_ACCESS_KEY_ID;
    const withProfile = createS3Client({ endpoint: ceph.endpoint, profile: 'ceph-test' });
    const missingProfile = createS3Client({ endpoint: ceph.endpoint, profile: 'nobody' });
    try {
      const path = file('profile.py', 1000);
      await uploadFiles(withProfile, [{ localPath: path, bucket, key: 'jobs/profile.py' }]);
      assert.deepEqual(await readBack('jobs/profile.py'), readFileSync(path));
      await assert.rejects(uploadFiles(missingProfile, [{ localPath: path, bucket, key: 'jobs/nobody.py' }]), /no S3 credentials/);
    } finally {
      withProfile.destroy();
      missingProfile.destroy();
      for (const [key, value] of [['AWS_SHARED_CREDENTIALS_FILE', saved.file], ['AWS_CONFIG_FILE', saved.config], ['AWS_ACCESS_KEY_ID', saved.key]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('a missing bucket is named in the error', async () => {
    await assert.rejects(uploadFiles(direct, [{ localPath: file('nobucket.py', 100), bucket: 'no-such-bucket', key: 'x.py' }]), /no-such-bucket/);
  });
});
