// The walkthrough's sample event log is our generator's output (committed, so the extension ships
// it) and its call sites point at real lines of resources/sample-app/job.py.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_FILE, sampleText } from '../../../scripts/gen-sample-eventlog';
import { readEventLog } from '../../../src/spark/eventlog/readEventLog';

describe('sample event log', () => {
  it('is exactly what the seeded generator writes', () => {
    assert.equal(readFileSync(SAMPLE_FILE, 'utf8'), sampleText(), 'run: node --import tsx scripts/gen-sample-eventlog.ts');
  });

  it('reads as a complete ML training run whose call sites are lines of job.py', async () => {
    const { snapshot } = await readEventLog(SAMPLE_FILE);
    assert.deepEqual(snapshot.warnings, []);
    assert.equal(snapshot.app.status, 'COMPLETED');
    assert.equal(snapshot.jobs.length, 11);
    assert.ok(snapshot.jobs.every((job) => job.status === 'SUCCEEDED'));
    assert.deepEqual(snapshot.executors.filter((e) => !e.isDriver).map((e) => [e.id, e.totalCores]), [['1', 2], ['2', 2], ['3', 2], ['4', 2]]);
    const jobPy = readFileSync(join(SAMPLE_FILE, '..', 'job.py'), 'utf8').split('\n');
    for (const cost of snapshot.callSites) {
      const { file, line, operation } = cost.callSite;
      assert.equal(file, '/app/job.py');
      assert.ok(line && jobPy[line - 1].includes(`${operation}(`), `line ${line} of job.py calls ${operation}`);
    }
    assert.deepEqual(snapshot.callSites.map((c) => c.callSite.line).sort((a, b) => (a ?? 0) - (b ?? 0)), [13, 14, 21, 25, 28, 32, 34]);
    assert.deepEqual(snapshot.alerts.map((a) => a.kind).sort(), ['gcTime', 'gcTime', 'skew', 'spill']);
    assert.ok(snapshot.overhead.submitToFirstExecutorMs! > 5000, 'executors arrive after the driver: visible start-up overhead');
  });
});
