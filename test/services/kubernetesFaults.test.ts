// Fault paths of the Kubernetes targets against the local API: a 500 on create (before and after
// the object was stored), a watch dropped mid-run, a 410 after history compaction, and a kubeconfig
// split over several KUBECONFIG paths.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import { loadKubeConfig } from '../../src/submit/kubeconfig';
import { createKubeflowTarget } from '../../src/submit/kubeflowOperator';
import { resolveJob } from '../../src/submit/resolveJob';
import { newSubmissionId } from '../../src/submit/runName';
import type { RunState } from '../../src/submit/target';
import { sampleSpecFile } from '../unit/submit/fixtures';
import { crdFixturesMissing } from '../servers/crdSchemas';
import { startLocalKube, type LocalKube } from '../servers/localKube';

const missing = crdFixturesMissing();
if (missing) console.log(`# skipping: ${missing}`);
const APPS = 'sparkoperator.k8s.io/v1beta2/sparkapplications';

describe('Kubernetes faults', { skip: missing || false }, () => {
  let kube: LocalKube;
  const env = () => ({ ...process.env, KUBECONFIG: kube.kubeconfig });
  const job = () => resolveJob(sampleSpecFile(), '/ws', 'pi');
  const createPath = /^\/apis\/sparkoperator\.k8s\.io\/v1beta2\/namespaces\/spark-jobs\/sparkapplications$/;
  const creates = () => kube.api.requests.filter((r) => r.method === 'POST' && createPath.test(r.path.split('?')[0])).length;

  before(async () => {
    kube = await startLocalKube(120, 8);
  });
  after(async () => kube?.stop());

  it('a 500 after the object was stored, then a retry: exactly one SparkApplication', async () => {
    const target = createKubeflowTarget({ type: 'kubeflow' }, { env: env() });
    kube.api.injectFault({ method: 'POST', path: createPath, status: 500, afterCommit: true });
    const before = creates();
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    const same = kube.api.list(APPS, 'spark-jobs').filter((a) => a.metadata.name === run.name);
    assert.equal(same.length, 1);
    assert.equal(creates() - before, 1, 'the retry found the stored object instead of posting again');
    assert.ok(kube.api.requests.some((r) => r.method === 'GET' && r.path.endsWith(`/sparkapplications/${run.name}`)));
    await target.cancel(run);
  });

  it('a 500 before anything was stored, then a retry: created once', async () => {
    const target = createKubeflowTarget({ type: 'kubeflow' }, { env: env() });
    kube.api.injectFault({ method: 'POST', path: createPath, status: 503, times: 2 });
    const before = creates();
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    assert.equal(creates() - before, 3, 'two refused attempts, one that worked');
    assert.equal(kube.api.list(APPS, 'spark-jobs').filter((a) => a.metadata.name === run.name).length, 1);
    await target.cancel(run);
  });

  it('a name taken by someone else is an error, not an adoption', async () => {
    const target = createKubeflowTarget({ type: 'kubeflow' }, { env: env() });
    const id = newSubmissionId();
    const run = await target.submit(job(), { submissionId: id });
    const stored = kube.api.get(APPS, 'spark-jobs', run.name)!;
    kube.api.put(APPS, { ...stored, metadata: { ...stored.metadata, annotations: { 'sparkml.dev/submission-id': 'someone-else' } } });
    await assert.rejects(target.submit(job(), { submissionId: id }), /already exists .* not created by this submission/);
    await target.cancel(run);
  });

  it('a watch dropped mid-run resumes from the last resourceVersion and misses no state', async () => {
    const reconnects: string[] = [];
    const target = createKubeflowTarget({ type: 'kubeflow' }, { env: env(), onWatchReconnect: (how, rv) => reconnects.push(`${how}@${rv}`) });
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    const seen: RunState[] = [];
    let dropped = 0;
    for await (const s of target.states(run)) {
      seen.push(s);
      if (s.phase === 'RUNNING' && !dropped) dropped = kube.api.dropWatches();
    }
    assert.ok(dropped >= 1, 'a watch was open and got dropped');
    assert.ok(reconnects.some((r) => r.startsWith('resume@')), reconnects.join(','));
    const resumed = kube.api.requests.filter((r) => r.path.includes('watch=true') && /resourceVersion=\d+/.test(r.path));
    assert.ok(resumed.length >= 2, 'the second watch asked for a resourceVersion');
    assert.deepEqual(seen.map((s) => s.phase).slice(-3), ['RUNNING', 'SUCCEEDING', 'COMPLETED']);
  });

  it('410 Expired after compaction: lists again and still reaches the end', async () => {
    const reconnects: string[] = [];
    const target = createKubeflowTarget({ type: 'kubeflow' }, { env: env(), onWatchReconnect: (how, rv) => reconnects.push(`${how}@${rv}`) });
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    const seen: RunState[] = [];
    let done = false;
    for await (const s of target.states(run)) {
      seen.push(s);
      if (s.phase === 'RUNNING' && !done) {
        done = true;
        // Let a few more events happen while no watch is connected, then forget the history.
        kube.api.dropWatches();
        await new Promise((resolve) => setTimeout(resolve, 30));
        kube.api.put('v1/configmaps', { metadata: { name: 'noise', namespace: 'spark-jobs' } });
        kube.api.compactHistory();
      }
    }
    assert.ok(reconnects.some((r) => r.startsWith('relist@')), reconnects.join(','));
    assert.equal(seen.at(-1)!.phase, 'COMPLETED');
  });

  it('a log stream cut while the driver runs is resumed without repeating or losing lines', async () => {
    const target = createKubeflowTarget({ type: 'kubeflow' }, { env: env() });
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    const lines: string[] = [];
    let cut = 0;
    for await (const line of target.logs(run)) {
      lines.push(line);
      if (lines.length === 3) cut = kube.api.dropLogStreams();
    }
    assert.equal(cut, 1, 'the follow stream was open and got cut');
    const follows = kube.api.requests.filter((r) => r.path.startsWith(`/api/v1/namespaces/spark-jobs/pods/${run.name}-driver/log`) && r.path.includes('follow=true'));
    assert.ok(follows.length >= 2, 'the log was followed again');
    assert.deepEqual(lines, kube.operator.logLines.get(run.name));
  });

  it('re-run submits the same job as a new SparkApplication', async () => {
    const target = createKubeflowTarget({ type: 'kubeflow' }, { env: env() });
    const first = await target.submit(job(), { submissionId: newSubmissionId() });
    const second = await target.rerun(job(), { submissionId: newSubmissionId() });
    assert.notEqual(first.name, second.name);
    assert.ok(kube.api.get(APPS, 'spark-jobs', first.name) && kube.api.get(APPS, 'spark-jobs', second.name));
    await Promise.all([target.cancel(first), target.cancel(second)]);
  });

  it('KUBECONFIG with several files: merged, first file wins, context and namespace picked', async () => {
    const users = join(kube.dir, 'users.yaml');
    const contexts = join(kube.dir, 'contexts.yaml');
    writeFileSync(users, stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'local', cluster: { server: kube.url, 'insecure-skip-tls-verify': true } }], users: [{ name: 'tester', user: { token: kube.token } }], contexts: [] }));
    writeFileSync(
      contexts,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'local', cluster: { server: 'http://127.0.0.1:1' } }],
        users: [],
        contexts: [{ name: 'team', context: { cluster: 'local', user: 'tester', namespace: 'team-ns' } }],
        'current-context': 'team',
      }),
    );
    const loaded = await loadKubeConfig({}, { KUBECONFIG: `${users}:${contexts}` });
    assert.equal(loaded.context, 'team');
    assert.equal(loaded.namespace, 'team-ns');
    assert.equal(loaded.server, kube.url, 'the first file defines cluster "local"');
    const target = createKubeflowTarget({ type: 'kubeflow', context: 'team', namespace: 'spark-jobs' }, { env: { ...process.env, KUBECONFIG: `${users}:${contexts}` } });
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    assert.equal(run.namespace, 'spark-jobs', 'the target namespace overrides the context namespace');
    await target.cancel(run);
  });

  it('lists contexts and namespaces for the pickers', async () => {
    const { listContexts } = await import('../../src/submit/kubeconfig');
    const { listNamespaces } = await import('../../src/submit/kubeNamespaces');
    assert.deepEqual(await listContexts(env()), [{ name: 'local', namespace: 'spark-jobs', current: true }]);
    const namespaces = await listNamespaces({}, env());
    assert.ok(namespaces.includes('default') && namespaces.includes('spark-jobs'), namespaces.join(','));
  });

  it('the server answers Status errors: 422 with causes for an invalid object, 404 for a missing one', async () => {
    const { kubeConfig } = await loadKubeConfig({}, env());
    const k8s = await import('@kubernetes/client-node');
    const api = kubeConfig.makeApiClient(k8s.CustomObjectsApi);
    const ref = { group: 'sparkoperator.k8s.io', version: 'v1beta2', namespace: 'spark-jobs', plural: 'sparkapplications' };
    await assert.rejects(
      api.createNamespacedCustomObject({ ...ref, body: { apiVersion: 'sparkoperator.k8s.io/v1beta2', kind: 'SparkApplication', metadata: { name: 'bad' }, spec: { type: 'Cobol' } } }),
      (e: { code?: number; body?: unknown }) => {
        const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
        return e.code === 422 && body.reason === 'Invalid' && body.details.causes.some((c: { field: string }) => c.field === 'spec.type');
      },
    );
    await assert.rejects(api.getNamespacedCustomObject({ ...ref, name: 'nope' }), (e: { code?: number }) => e.code === 404);
  });
});
