// The scaffolded job is lint-clean (no finding of any rule, leakage included), its job spec is valid
// against the schema VS Code and `sparkml submit` use, and the Makefile keeps its tabs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Parser } from 'web-tree-sitter';
import { lintText } from '../../../src/rules/engine';
import { jobNameProblem, newJobTemplateFiles, renderNewJob } from '../../../src/shared/newJob';
import { parseJobSpecFile } from '../../../src/submit/jobSpec';
import { testParser } from '../testParser';

const templateDir = join(__dirname, '..', '..', '..', 'resources', 'templates', 'new-job');
const templates = Object.fromEntries(newJobTemplateFiles.map((file) => [file, readFileSync(join(templateDir, file), 'utf8')]));

describe('New Spark ML Job', () => {
  let parser: Parser;
  before(async () => (parser = await testParser()));

  it('fills in the name everywhere', () => {
    const files = renderNewJob(templates, 'churn-model');
    for (const [file, text] of Object.entries(files)) assert.ok(!text.includes('{{'), `${file} still has a placeholder`);
    assert.match(files['job.py'], /appName\("churn-model"\)/);
    assert.match(files['Makefile'], /registry\.example\.com\/churn-model:latest/);
  });

  it('writes a job.py that every rule passes', async () => {
    const { findings, notices } = await lintText(parser, renderNewJob(templates, 'churn-model')['job.py']);
    assert.deepEqual(notices, []);
    assert.deepEqual(findings.map((f) => `${f.code} ${f.range.start.line + 1}: ${f.message}`), []);
  });

  it('writes a job spec the schema accepts, delivering the job at local:///app/job.py', () => {
    const spec = parseJobSpecFile(JSON.parse(renderNewJob(templates, 'churn-model')['sparkml.jobs.json']));
    assert.equal(spec.jobs[0].name, 'churn-model');
    assert.deepEqual(spec.jobs[0].delivery, { type: 'container', path: 'local:///app/job.py' });
    assert.match(templates['Dockerfile'], /COPY job\.py \/app\/job\.py/);
  });

  it('keeps the Makefile recipes indented with tabs', () => {
    assert.match(renderNewJob(templates, 'churn-model')['Makefile'], /\n\tdocker build /);
  });

  it('refuses names that cannot name Kubernetes objects', () => {
    assert.equal(jobNameProblem('churn-model'), undefined);
    assert.ok(jobNameProblem('Churn_Model'));
    assert.ok(jobNameProblem('1churn'));
    assert.ok(jobNameProblem('x'.repeat(41)));
    assert.throws(() => renderNewJob(templates, 'Bad Name'), /invalid job name/);
  });
});
