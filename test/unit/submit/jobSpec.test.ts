import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { JobSpecError, loadJobSpecFile, parseJobSpecFile } from '../../../src/submit/jobSpec';
import { sampleSpecFile } from './fixtures';

function problems(value: unknown): string[] {
  try {
    parseJobSpecFile(value);
  } catch (error) {
    assert.ok(error instanceof JobSpecError);
    return error.problems;
  }
  assert.fail('expected a JobSpecError');
}

describe('job spec validation', () => {
  it('accepts the sample file with one target of each kind', () => {
    const file = parseJobSpecFile(sampleSpecFile());
    assert.equal(file.jobs.length, 2);
  });

  it('names the JSON path of a wrong memory string and a wrong core count', () => {
    const file = sampleSpecFile() as unknown as { jobs: Record<string, unknown>[] };
    file.jobs[0].driver = { cores: 0, memory: 'lots' };
    const found = problems(file);
    assert.ok(found.some((line) => line.startsWith('$.jobs[0].driver.memory:')), found.join('\n'));
    assert.ok(found.some((line) => line.startsWith('$.jobs[0].driver.cores:')), found.join('\n'));
  });

  it('reports unknown properties and missing required ones', () => {
    const file = sampleSpecFile() as unknown as { jobs: Record<string, unknown>[] };
    file.jobs[1].imagee = 'typo';
    delete file.jobs[1].mainFile;
    const found = problems(file);
    assert.ok(found.includes('$.jobs[1]: unknown property "imagee"'), found.join('\n'));
    assert.ok(found.includes('$.jobs[1]: missing required property "mainFile"'), found.join('\n'));
  });

  it('checks target-specific fields (an IOMETE target needs host and domain)', () => {
    const file = sampleSpecFile() as unknown as { targets: Record<string, unknown> };
    file.targets.lake = { type: 'iomete', host: 'https://x.example.com' };
    assert.ok(problems(file).includes('$.targets.lake: missing required property "domain"'));
  });

  it('rejects a job naming a target that does not exist, and duplicate job names', () => {
    const file = sampleSpecFile();
    file.jobs[1].target = 'nowhere';
    file.jobs[1].name = file.jobs[0].name;
    const found = problems(file);
    assert.ok(found.some((line) => line.startsWith('$.jobs[1].target: no target named "nowhere"')), found.join('\n'));
    assert.ok(found.some((line) => line.startsWith('$.jobs[1].name: duplicate job name')), found.join('\n'));
  });

  it('rejects a bucket name S3 would refuse and an s3 delivery without bucket', () => {
    const file = sampleSpecFile() as unknown as { jobs: Record<string, unknown>[] };
    file.jobs[0].delivery = { type: 's3', bucket: 'Bad_Bucket' };
    assert.ok(problems(file).some((line) => line.startsWith('$.jobs[0].delivery.bucket:')));
  });

  it('loads from disk and reports invalid JSON with the file name', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'jobspec-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'good.json'), JSON.stringify(sampleSpecFile()));
    writeFileSync(join(dir, 'bad.json'), '{ "targets": ');
    assert.equal((await loadJobSpecFile(join(dir, 'good.json'))).jobs[0].name, 'Churn_Model.train');
    await assert.rejects(loadJobSpecFile(join(dir, 'bad.json')), (error: Error) => error instanceof JobSpecError && error.message.includes('bad.json') && error.message.includes('not valid JSON'));
  });
});
