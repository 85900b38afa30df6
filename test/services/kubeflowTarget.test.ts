// The kubeflow target against the local Kubernetes API (real CRD schema, operator simulation).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createKubeflowTarget } from '../../src/submit/kubeflowOperator';
import type { KubernetesTarget } from '../../src/submit/kubernetesTarget';
import { resolveJob } from '../../src/submit/resolveJob';
import { newSubmissionId } from '../../src/submit/runName';
import type { RunState, Target } from '../../src/submit/target';
import { sampleSpecFile } from '../unit/submit/fixtures';
import { crdFixturesMissing } from '../servers/crdSchemas';
import { SPARK_UI_PAGE, startLocalKube, type LocalKube } from '../servers/localKube';
import { FAIL_ARGUMENT } from '../servers/sparkOperatorSim';
import { collect, statesCancellingWhenRunning } from './runStates';

const missing = crdFixturesMissing();
if (missing) console.log(`# skipping: ${missing}`);

describe('kubeflow target against the local Kubernetes API', { skip: missing || false }, () => {
  let kube: LocalKube;
  let target: Target;
  const env = () => ({ ...process.env, KUBECONFIG: kube.kubeconfig });
  const job = (args: string[] = []) => {
    const file = sampleSpecFile();
    file.jobs[1].arguments = args;
    return resolveJob(file, '/ws', 'pi');
  };

  before(async () => {
    kube = await startLocalKube(80, 10);
    target = createKubeflowTarget({ type: 'kubeflow' }, { env: env() });
  });
  after(async () => kube?.stop());

  it('submits, follows the states to COMPLETED and streams the driver log while it runs', async () => {
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    assert.equal(run.namespace, 'spark-jobs'); // from the kubeconfig context
    const stamped: { line: string; phase: string }[] = [];
    let phase = '';
    const statesPromise = (async () => {
      const states: RunState[] = [];
      for await (const s of target.states(run)) {
        states.push(s);
        phase = s.phase;
      }
      return states;
    })();
    for await (const line of target.logs(run)) stamped.push({ line, phase });
    const states = await statesPromise;
    // The stream starts from the current state (PENDING or already SUBMITTED), then sees every change.
    const phases = states.map((s) => s.phase);
    const order = ['PENDING', 'SUBMITTED', 'RUNNING', 'SUCCEEDING', 'COMPLETED'];
    assert.deepEqual(phases, order.slice(order.indexOf(phases[0])));
    assert.ok(order.indexOf(phases[0]) <= 1, `started at ${phases[0]}`);
    assert.ok(states.at(-1)!.terminal);
    const expected = kube.operator.logLines.get(run.name)!;
    assert.deepEqual(
      stamped.map((s) => s.line),
      expected,
    );
    assert.ok(
      stamped.some((s) => s.phase === 'RUNNING'),
      'some log lines arrived while the application was RUNNING',
    );
    const stored = kube.api.list('sparkoperator.k8s.io/v1beta2/sparkapplications', 'spark-jobs').filter((a) => a.metadata.name === run.name);
    assert.equal(stored.length, 1);
  });

  it('reports a failing job as FAILED with the operator error message', async () => {
    const run = await target.submit(job([FAIL_ARGUMENT]), { submissionId: newSubmissionId() });
    const states = await collect(target.states(run));
    assert.equal(states.at(-1)!.phase, 'FAILED');
    assert.match(states.at(-1)!.message ?? '', /ExitCode: 1/);
  });

  it('cancel deletes the SparkApplication and the state stream ends CANCELLED', async () => {
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    const seen = await statesCancellingWhenRunning(target, run);
    assert.equal(seen.at(-1)!.phase, 'CANCELLED');
    assert.equal(kube.api.get('sparkoperator.k8s.io/v1beta2/sparkapplications', 'spark-jobs', run.name), undefined);
    assert.equal(kube.api.get('v1/pods', 'spark-jobs', `${run.name}-driver`), undefined, 'the driver pod was garbage-collected');
    await target.cancel(run); // cancelling twice is not an error
  });

  it('lists executor pods and follows an executor log until Spark removes the pod', async () => {
    const kubeflow = target as KubernetesTarget;
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    for await (const s of target.states(run)) if (s.phase === 'RUNNING') break;
    const executors = await kubeflow.executorPods(run);
    assert.deepEqual(executors, [`${run.name}-exec-1`]);
    const lines = await collect(kubeflow.executorLogs(run, executors[0]));
    assert.equal(lines[0], 'INFO CoarseGrainedExecutorBackend: Got assigned task 0');
    assert.ok(lines.some((l) => l.startsWith('INFO Executor: Finished task')), lines.join('\n'));
    assert.deepEqual(await kubeflow.executorPods(run), []);
  });

  it('opens the Spark UI through a port-forward and reconnects after the tunnel drops', async () => {
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    for await (const s of target.states(run)) if (s.phase === 'RUNNING') break;
    const ui = await target.sparkUi(run);
    assert.ok(ui, 'a Spark UI link while the driver runs');
    try {
      assert.match(ui.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const first = await fetch(ui.url);
      assert.equal(await first.text(), SPARK_UI_PAGE);
      assert.ok(kube.api.dropTunnels() >= 0);
      const second = await fetch(ui.url);
      assert.equal(await second.text(), SPARK_UI_PAGE);
      const tunnels = kube.api.requests.filter((r) => r.method === 'UPGRADE' && r.path.includes(`/pods/${run.name}-driver/portforward?ports=4040`));
      assert.ok(tunnels.length >= 2, `a new tunnel per connection (saw ${tunnels.length})`);
    } finally {
      await ui.close();
      await target.cancel(run);
    }
  });

  it('fails with a clear error on a wrong token and on an unknown context', async () => {
    const { writeKubeconfig } = await import('../servers/localKube');
    const bad = `${kube.dir}/bad-token`;
    writeKubeconfig(bad, kube.url, 'wrong-token');
    const wrong = createKubeflowTarget({ type: 'kubeflow' }, { env: { ...process.env, KUBECONFIG: bad } });
    await assert.rejects(wrong.submit(job(), { submissionId: newSubmissionId() }), /rejected the credentials \(401\)/);
    const noContext = createKubeflowTarget({ type: 'kubeflow', context: 'prod' }, { env: env() });
    await assert.rejects(noContext.submit(job(), { submissionId: newSubmissionId() }), /no context "prod" \(contexts: local\)/);
  });

  it('fails with a clear error when the cluster is unreachable', async () => {
    const { writeKubeconfig } = await import('../servers/localKube');
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const file = `${kube.dir}/unreachable`;
    writeKubeconfig(file, `http://127.0.0.1:${port}`, kube.token);
    const unreachable = createKubeflowTarget({ type: 'kubeflow' }, { env: { ...process.env, KUBECONFIG: file }, createAttempts: 2 });
    await assert.rejects(unreachable.submit(job(), { submissionId: newSubmissionId() }), /cannot reach the Kubernetes API at http:\/\/127\.0\.0\.1/);
  });
});
