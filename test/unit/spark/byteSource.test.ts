// The byte-source interface the reader depends on: local files here; any other source (S3, tested
// against a real Ceph RGW in test/services) only has to resolve and stream entries the same way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEventLog } from '../../../src/spark/eventlog/readEventLog';
import { byteSourceFor, isS3Location, type ByteEntry, type ByteSource, type ResolvedLocation } from '../../../src/spark/source';
import { LocalByteSource } from '../../../src/spark/source/LocalByteSource';
import { parseS3Url, s3ConfigFromEnv } from '../../../src/spark/source/S3ByteSource';
import { miniEventLog } from './miniEventLog';

/** A source holding files in memory and handing them out in 7-byte chunks. */
class MemorySource implements ByteSource {
  readonly reads: string[] = [];
  constructor(private readonly files: Record<string, string>) {}

  async resolve(location: string): Promise<ResolvedLocation | undefined> {
    if (location in this.files) return { kind: 'file', entry: { location, name: location.split('/').pop()!, size: this.files[location].length } };
    const entries = Object.keys(this.files).filter((key) => key.startsWith(location + '/')).map((key) => ({ location: key, name: key.slice(location.length + 1) }));
    return entries.length ? { kind: 'directory', location, entries } : undefined;
  }

  async *read(entry: ByteEntry): AsyncIterable<Uint8Array> {
    this.reads.push(entry.name);
    const bytes = Buffer.from(this.files[entry.location]);
    for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
  }
}

describe('byte sources', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sparkml-bytes-'));
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'folder', 'a'), 'AAA');
    writeFileSync(join(dir, 'folder', 'b'), 'BB');
    mkdirSync(join(dir, 'folder', 'sub'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves local files and folders and streams their bytes', async () => {
    const source = new LocalByteSource();
    const file = await source.resolve(join(dir, 'folder', 'a'));
    assert.deepEqual(file, { kind: 'file', entry: { location: join(dir, 'folder', 'a'), name: 'a', size: 3 } });
    const folder = await source.resolve(join(dir, 'folder'));
    assert.equal(folder?.kind, 'directory');
    assert.deepEqual(folder?.kind === 'directory' ? folder.entries.map((e) => [e.name, e.size]).sort() : [], [['a', 3], ['b', 2]]);
    assert.equal(await source.resolve(join(dir, 'missing')), undefined);
    const chunks: Buffer[] = [];
    for await (const chunk of source.read({ location: join(dir, 'folder', 'b'), name: 'b' })) chunks.push(Buffer.from(chunk));
    assert.equal(Buffer.concat(chunks).toString(), 'BB');
  });

  it('lets the reader work on any source, a rolling log split into tiny chunks included', async () => {
    const lines = miniEventLog().split('\n');
    const source = new MemorySource({
      'mem://logs/eventlog_v2_app/events_2_app': lines.slice(15).join('\n'),
      'mem://logs/eventlog_v2_app/events_1_app': lines.slice(0, 15).join('\n') + '\n',
      'mem://logs/eventlog_v2_app/appstatus_app': '',
    });
    const { snapshot } = await readEventLog('mem://logs/eventlog_v2_app', { source });
    assert.deepEqual(source.reads, ['events_1_app', 'events_2_app']);
    assert.equal(snapshot.totals.tasks, 8);
    assert.deepEqual(snapshot.warnings, []);
    const local = new LocalByteSource();
    writeFileSync(join(dir, 'mini'), miniEventLog());
    const reference = (await readEventLog(join(dir, 'mini'), { source: local })).snapshot;
    assert.deepEqual(snapshot.stages, reference.stages);
  });

  it('reports progress in bytes read', async () => {
    writeFileSync(join(dir, 'mini'), miniEventLog());
    const seen: number[] = [];
    await readEventLog(join(dir, 'mini'), { onProgress: (bytes) => seen.push(bytes) });
    assert.equal(seen[seen.length - 1], Buffer.byteLength(miniEventLog()));
  });

  it('routes s3:// and s3a:// to S3 and parses bucket and key', async () => {
    assert.equal(isS3Location('s3://bucket/key'), true);
    assert.equal(isS3Location('s3a://bucket/key'), true);
    assert.equal(isS3Location('/tmp/s3://x'), false);
    assert.ok((await byteSourceFor('/tmp/x')) instanceof LocalByteSource);
    assert.equal((await byteSourceFor('s3://bucket/logs/')).constructor.name, 'S3ByteSource');
    assert.deepEqual(parseS3Url('s3://spark-logs/eventlog_v2_app-1/events_1_app-1.zstd'), { bucket: 'spark-logs', key: 'eventlog_v2_app-1/events_1_app-1.zstd' });
    assert.deepEqual(parseS3Url('s3://spark-logs'), { bucket: 'spark-logs', key: '' });
    assert.throws(() => parseS3Url('http://x/y'), /Not an S3 URL/);
  });

  it('takes a self-hosted endpoint from the environment with path-style addressing', () => {
    assert.deepEqual(s3ConfigFromEnv({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:7480', AWS_REGION: 'eu-west-1' }), { region: 'eu-west-1', endpoint: 'http://127.0.0.1:7480', forcePathStyle: true });
    assert.deepEqual(s3ConfigFromEnv({}), { region: 'us-east-1' });
  });
});
