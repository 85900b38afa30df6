import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { JobSpecError, loadJobSpecFile } from '../../../src/submit/jobSpec';
import { addJob, jobNameFor, writeJobSpecFile } from '../../../src/submit/newJob';
import { resolveJob } from '../../../src/submit/resolveJob';
import { sampleSpecFile } from './fixtures';

describe('adding a job for a file without one', () => {
  it('creates a spec file that validates, loads back and resolves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkml-newjob-'));
    try {
      const spec = join(dir, 'sparkml.jobs.json');
      const file = addJob(undefined, spec, {
        pythonFile: join(dir, 'jobs', '2024 report.py'),
        targetName: 'dev',
        target: { type: 'kubeflow', namespace: 'ml' },
        delivery: { type: 'container', path: 'local:///app/report.py' },
        image: 'apache/spark:3.5.3',
        sparkVersion: '3.5.3',
      });
      await writeJobSpecFile(spec, file);
      const loaded = await loadJobSpecFile(spec);
      assert.deepEqual(loaded.jobs[0], { name: 'job-2024-report', target: 'dev', mainFile: 'jobs/2024 report.py', delivery: { type: 'container', path: 'local:///app/report.py' }, image: 'apache/spark:3.5.3', sparkVersion: '3.5.3' });
      assert.equal(resolveJob(loaded, dir, 'job-2024-report').mainUri, 'local:///app/report.py');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps existing jobs, reuses a known target and avoids a duplicate name', () => {
    const file = addJob(sampleSpecFile(), '/ws/sparkml.jobs.json', { pythonFile: '/ws/pi.py', targetName: 'laptop' });
    assert.equal(file.jobs.length, 3);
    assert.deepEqual(file.jobs.map((j) => j.name), ['Churn_Model.train', 'pi', 'pi-2']);
    assert.equal(file.jobs[2].mainFile, 'pi.py');
  });

  it('refuses an unknown target without settings, and invalid choices with the JSON path', () => {
    assert.throws(() => addJob(undefined, '/ws/s.json', { pythonFile: '/ws/a.py', targetName: 'x' }), /target "x" is not in/);
    assert.throws(
      () => addJob(undefined, '/ws/s.json', { pythonFile: '/ws/a.py', targetName: 'x', target: { type: 'iomete', host: 'ftp://nope', domain: 'd' } }),
      (e: Error) => e instanceof JobSpecError && e.problems.some((p) => p.startsWith('$.targets.x.host')),
    );
    assert.equal(jobNameFor('/a/b/train_model.py'), 'train_model');
  });
});
