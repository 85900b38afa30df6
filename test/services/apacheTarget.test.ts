// The Apache Spark Kubernetes Operator target against the local Kubernetes API: the outcome comes
// from the state before ResourceReleased, and the driver log is streamed while the pod exists
// (the operator deletes it at the end).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apacheState, createApacheTarget } from '../../src/submit/apacheOperator';
import { resolveJob } from '../../src/submit/resolveJob';
import { newSubmissionId } from '../../src/submit/runName';
import type { Target } from '../../src/submit/target';
import { sampleSpecFile } from '../unit/submit/fixtures';
import { crdFixturesMissing } from '../servers/crdSchemas';
import { startLocalKube, type LocalKube } from '../servers/localKube';
import { FAIL_ARGUMENT } from '../servers/sparkOperatorSim';
import { collect, statesCancellingWhenRunning } from './runStates';

const missing = crdFixturesMissing();
if (missing) console.log(`# skipping: ${missing}`);

describe('Apache operator target against the local Kubernetes API', { skip: missing || false }, () => {
  let kube: LocalKube;
  let target: Target;
  const job = (args: string[] = []) => {
    const file = sampleSpecFile();
    file.jobs[1].arguments = args;
    return resolveJob(file, '/ws', 'pi', 'apache');
  };

  before(async () => {
    kube = await startLocalKube();
    target = createApacheTarget({ type: 'apache', namespace: 'spark-jobs' }, { env: { ...process.env, KUBECONFIG: kube.kubeconfig } });
  });
  after(async () => kube?.stop());

  it('runs to COMPLETED (Succeeded before ResourceReleased) with the whole driver log', async () => {
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    const [states, lines] = await Promise.all([collect(target.states(run)), collect(target.logs(run))]);
    const raws = states.map((s) => s.raw);
    assert.ok(raws.includes('RunningHealthy'), raws.join(','));
    assert.equal(states.at(-1)!.phase, 'COMPLETED');
    assert.match(states.at(-1)!.raw, /^ResourceReleased after Succeeded$/);
    assert.deepEqual(lines, kube.operator.logLines.get(run.name));
    assert.equal(kube.api.get('v1/pods', 'spark-jobs', `${run.name}-0-driver`), undefined, 'the operator deleted the driver pod');
    const stored = kube.api.get('spark.apache.org/v1/sparkapplications', 'spark-jobs', run.name)!;
    assert.equal(stored.spec.pyFiles, 'local:///opt/spark/examples/src/main/python/pi.py');
  });

  it('a failing job is FAILED (Failed before ResourceReleased)', async () => {
    const run = await target.submit(job([FAIL_ARGUMENT]), { submissionId: newSubmissionId() });
    const states = await collect(target.states(run));
    assert.equal(states.at(-1)!.phase, 'FAILED');
    assert.match(states.at(-1)!.raw, /after Failed$/);
  });

  it('cancel deletes the application', async () => {
    const run = await target.submit(job(), { submissionId: newSubmissionId() });
    const seen = await statesCancellingWhenRunning(target, run);
    assert.equal(seen.at(-1)!.phase, 'CANCELLED');
  });
});

describe('Apache operator state mapping', () => {
  it('reads the outcome from the state before ResourceReleased, in numeric key order', () => {
    const history = (...states: string[]) => Object.fromEntries(states.map((s, i) => [String(i), { currentStateSummary: s }]));
    const released = (h: Record<string, unknown>) => ({ status: { currentState: { currentStateSummary: 'ResourceReleased' }, stateTransitionHistory: h } });
    // Keys "10" and "9": a string sort would pick the wrong one.
    const keys = Object.fromEntries(['Submitted', 'DriverRequested', 'DriverStarted', 'DriverReady', 'RunningHealthy', 'x', 'x', 'x', 'x', 'Failed', 'ResourceReleased'].map((s, i) => [String(i), { currentStateSummary: s }]));
    assert.equal(apacheState(released(keys)).phase, 'FAILED');
    assert.equal(apacheState(released(history('Submitted', 'RunningHealthy', 'Succeeded', 'ResourceReleased'))).phase, 'COMPLETED');
    assert.equal(apacheState(released(history('Submitted', 'SchedulingFailure', 'ResourceReleased'))).phase, 'FAILED');
    assert.equal(apacheState({ status: { currentState: { currentStateSummary: 'RunningWithPartialCapacity' } } }).phase, 'RUNNING');
    assert.equal(apacheState({}).phase, 'PENDING');
  });
});
