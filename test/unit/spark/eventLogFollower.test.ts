// Following a log while Spark writes it: each refresh reads only what was added, and the model
// always equals a fresh read of the same bytes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EventLogFollower } from '../../../src/spark/eventlog/EventLogFollower';
import { readEventLog } from '../../../src/spark/eventlog/readEventLog';
import type { ByteEntry, ByteSource } from '../../../src/spark/source';
import { LocalByteSource } from '../../../src/spark/source/LocalByteSource';
import { miniEventLogLines } from './miniEventLog';

/** Local files, recording every read as name@offset. */
class RecordingSource implements ByteSource {
  readonly reads: string[] = [];
  private readonly local = new LocalByteSource();
  resolve(location: string) {
    return this.local.resolve(location);
  }
  read(entry: ByteEntry, signal?: AbortSignal, start = 0) {
    this.reads.push(`${entry.name}@${start}`);
    return this.local.read(entry, signal, start);
  }
}

const lines = miniEventLogLines();
const text = (from: number, to: number) => lines.slice(from, to).join('\n') + '\n';

describe('EventLogFollower', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sparkml-follow-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes a growing .inprogress file after its last complete line, then follows its rename', async () => {
    const growing = join(dir, 'app-mini-0001.inprogress');
    const first = text(0, 12);
    const half = lines[12].slice(0, 50);
    writeFileSync(growing, first + half);
    const source = new RecordingSource();
    const follower = new EventLogFollower(growing, { source });

    const early = await follower.refresh();
    assert.equal(early.app.status, 'RUNNING');
    assert.equal(early.totals.tasks, 1, 'the half-written task end is not read yet');
    assert.deepEqual(early.warnings.map((w) => w.kind).sort(), ['inProgress', 'truncatedLine']);
    assert.match(early.warnings.find((w) => w.kind === 'truncatedLine')!.message, /still being written/);

    appendFileSync(growing, lines[12].slice(50) + '\n' + text(13, 25));
    const later = await follower.refresh();
    assert.deepEqual(source.reads, ['app-mini-0001.inprogress@0', `app-mini-0001.inprogress@${Buffer.byteLength(first)}`]);
    assert.deepEqual(later.warnings.map((w) => w.kind), ['inProgress']);
    writeFileSync(join(dir, 'reference-25'), text(0, 25));
    const reference = (await readEventLog(join(dir, 'reference-25'))).snapshot;
    assert.deepEqual(later.stages, reference.stages);
    assert.deepEqual(later.jobs, reference.jobs);
    assert.deepEqual(later.executors, reference.executors);

    // The application ends: Spark writes the rest and renames the file.
    appendFileSync(growing, text(25, lines.length));
    renameSync(growing, join(dir, 'app-mini-0001'));
    const done = await follower.refresh();
    assert.equal(done.app.status, 'COMPLETED');
    assert.equal(done.source.location, join(dir, 'app-mini-0001'));
    assert.deepEqual(done.warnings, []);
    assert.deepEqual(done.stages, (await readEventLog(join(dir, 'app-mini-0001'))).snapshot.stages);
  });

  it('reads finished rolling parts once and resumes the part being written', async () => {
    const rolling = join(dir, 'eventlog_v2_app-mini-0001');
    mkdirSync(rolling);
    writeFileSync(join(rolling, 'events_1_app-mini-0001'), text(0, 10));
    writeFileSync(join(rolling, 'events_2_app-mini-0001'), text(10, 18));
    writeFileSync(join(rolling, 'appstatus_app-mini-0001.inprogress'), '');
    const source = new RecordingSource();
    const follower = new EventLogFollower(rolling, { source });
    const early = await follower.refresh();
    assert.equal(early.source.inProgress, true);

    appendFileSync(join(rolling, 'events_2_app-mini-0001'), text(18, 22));
    writeFileSync(join(rolling, 'events_3_app-mini-0001'), text(22, lines.length));
    renameSync(join(rolling, 'appstatus_app-mini-0001.inprogress'), join(rolling, 'appstatus_app-mini-0001'));
    const done = await follower.refresh();
    assert.deepEqual(source.reads, [
      'events_1_app-mini-0001@0',
      'events_2_app-mini-0001@0',
      `events_2_app-mini-0001@${Buffer.byteLength(text(10, 18))}`,
      'events_3_app-mini-0001@0',
    ]);
    assert.equal(done.app.status, 'COMPLETED');
    assert.deepEqual(done.warnings, []);
    writeFileSync(join(dir, 'reference-all'), text(0, lines.length));
    const reference = (await readEventLog(join(dir, 'reference-all'))).snapshot;
    assert.deepEqual(done.stages, reference.stages);
    assert.deepEqual(done.executors, reference.executors);
    assert.deepEqual(done.load, reference.load);
  });

  it('starts over when a compressed file was read while still being written', async () => {
    const fixture = resolve(__dirname, '..', '..', 'fixtures', 'spark', 'mini-truncated-frame.zstd.inprogress');
    const growing = join(dir, 'app-zstd.zstd.inprogress');
    copyFileSync(fixture, growing);
    const source = new RecordingSource();
    const follower = new EventLogFollower(growing, { source });
    const first = await follower.refresh();
    const second = await follower.refresh();
    assert.deepEqual(source.reads, ['app-zstd.zstd.inprogress@0', 'app-zstd.zstd.inprogress@0']);
    assert.deepEqual(second.stages, first.stages, 'a rebuild, not a double count');
    assert.equal(second.totals.tasks, first.totals.tasks);
  });
});

describe('loadAppSnapshot on a growing log', () => {
  it('reads only the new lines on the next load', async () => {
    const { loadAppSnapshot } = await import('../../../src/spark/loadAppSnapshot');
    const dir = mkdtempSync(join(tmpdir(), 'sparkml-load-'));
    try {
      const growing = join(dir, 'app.inprogress');
      writeFileSync(growing, text(0, 20));
      const first = await loadAppSnapshot(growing);
      appendFileSync(growing, text(20, lines.length));
      const progress: number[] = [];
      const second = await loadAppSnapshot(growing, { onProgress: (bytes) => progress.push(bytes) });
      assert.equal(first.app.status, 'RUNNING');
      assert.equal(second.app.status, 'COMPLETED');
      assert.equal(progress[progress.length - 1], Buffer.byteLength(text(20, lines.length)), 'only the appended bytes were read');
      assert.equal(second.totals.tasks, 8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
