// Event logs read from S3 (a real Ceph RADOS Gateway started here): a plain log and a rolling zstd
// folder uploaded from ../shared/fixtures give the same application model as the files on disk, and
// a missing key is a clear error.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { loadAppSnapshot } from '../../src/spark/loadAppSnapshot';
import type { AppSnapshot } from '../../src/spark/model/types';
import { cephUnavailable, startCephRgw, type CephRgw } from '../servers/ceph';

const fixtures = join(__dirname, '..', '..', '..', 'shared', 'fixtures');
const plainLog = join(fixtures, 'spark-events', 'app-20161115172038-0000');
const rollingDir = join(fixtures, 'spark-events-compressed', 'eventlog_v2_local-1623876083964');

const missing = [plainLog, rollingDir].find((path) => !existsSync(path));
const unavailable = missing ? `${missing} is absent` : cephUnavailable();
if (unavailable) console.log(`# skipping S3 event-log tests: ${unavailable}`);

/** What must not depend on where the bytes came from. */
function shape(snapshot: AppSnapshot) {
  return {
    app: { id: snapshot.app.id, name: snapshot.app.name, status: snapshot.app.status, durationMs: snapshot.app.durationMs },
    jobs: snapshot.jobs.map((j) => [j.jobId, j.status, j.numTasks]),
    stages: snapshot.stages.map((s) => [s.stageId, s.attemptId, s.status, s.numCompleteTasks, s.metrics.executorRunTime]),
    executors: snapshot.executors.map((e) => [e.id, e.totalTasks, e.totalDurationMs]),
    totals: snapshot.totals,
    warnings: snapshot.warnings.map((w) => w.kind),
  };
}

describe('event logs on S3 (Ceph RGW)', { skip: unavailable || false }, () => {
  let ceph: CephRgw;
  const bucket = 'spark-history';
  const saved = { ...process.env };

  before(async () => {
    ceph = await startCephRgw();
    // The reader uses the standard AWS environment, as it would with a user's own S3.
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: ceph.endpoint,
      AWS_ACCESS_KEY_ID: ceph.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ceph.secretAccessKey,
      AWS_REGION: ceph.region,
    });
    const client = new S3Client({ endpoint: ceph.endpoint, forcePathStyle: true, region: ceph.region, credentials: { accessKeyId: ceph.accessKeyId, secretAccessKey: ceph.secretAccessKey } });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'logs/app-20161115172038-0000', Body: readFileSync(plainLog) }));
    for (const name of readdirSync(rollingDir)) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: `logs/eventlog_v2_local-1623876083964/${name}`, Body: readFileSync(join(rollingDir, name)) }));
    }
    client.destroy();
  });

  after(async () => {
    for (const key of ['AWS_ENDPOINT_URL_S3', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    await ceph?.stop();
  });

  it('reads a plain event log from s3:// into the same model as from disk', async () => {
    const fromS3 = await loadAppSnapshot(`s3://${bucket}/logs/app-20161115172038-0000`);
    const fromDisk = await loadAppSnapshot(plainLog);
    assert.ok(fromS3.stages.length > 0);
    assert.deepEqual(shape(fromS3), shape(fromDisk));
  });

  it('reads a rolling zstd event-log folder from s3:// (parts in order, appstatus marker)', async () => {
    const fromS3 = await loadAppSnapshot(`s3://${bucket}/logs/eventlog_v2_local-1623876083964/`);
    const fromDisk = await loadAppSnapshot(rollingDir);
    assert.equal(fromS3.totals.tasks, 2801);
    assert.deepEqual(fromS3.source.codecs, fromDisk.source.codecs);
    assert.deepEqual(shape(fromS3), shape(fromDisk));
  });

  it('says clearly when there is no event log at the key', async () => {
    await assert.rejects(loadAppSnapshot(`s3://${bucket}/logs/no-such-app`), /No event log at 's3:\/\/spark-history\/logs\/no-such-app'/);
  });
});
