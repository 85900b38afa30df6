// The Kubernetes target over TLS, as real clusters are: the local API serves HTTPS with a
// self-signed certificate and the kubeconfig carries its CA (no insecure-skip-tls-verify).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createKubeflowTarget } from '../../src/submit/kubeflowOperator';
import { resolveJob } from '../../src/submit/resolveJob';
import { newSubmissionId } from '../../src/submit/runName';
import { sampleSpecFile } from '../unit/submit/fixtures';
import { crdFixturesMissing } from '../servers/crdSchemas';
import { SPARK_UI_PAGE, startLocalKube, writeKubeconfig, type LocalKube } from '../servers/localKube';
import { makeSelfSignedCert, opensslMissing } from '../servers/selfSignedCert';

const reason = crdFixturesMissing() || opensslMissing();
if (reason) console.log(`# skipping: ${reason}`);

describe('kubeflow target over TLS with the CA from the kubeconfig', { skip: reason || false }, () => {
  let kube: LocalKube;
  before(async () => {
    kube = await startLocalKube(80, 6, makeSelfSignedCert());
  });
  after(async () => kube?.stop());

  it('submits, watches, follows the log and port-forwards over https/wss', async () => {
    assert.match(kube.url, /^https:/);
    const target = createKubeflowTarget({ type: 'kubeflow' }, { env: { ...process.env, KUBECONFIG: kube.kubeconfig } });
    const run = await target.submit(resolveJob(sampleSpecFile(), '/ws', 'pi'), { submissionId: newSubmissionId() });
    let ui;
    for await (const s of target.states(run)) {
      if (s.phase === 'RUNNING' && !ui) {
        ui = await target.sparkUi(run);
        assert.equal(await (await fetch(ui!.url)).text(), SPARK_UI_PAGE);
      }
      if (s.terminal) assert.equal(s.phase, 'COMPLETED');
    }
    await ui?.close();
    const lines: string[] = [];
    for await (const line of target.logs(run)) lines.push(line);
    assert.deepEqual(lines, kube.operator.logLines.get(run.name));
  });

  it('a kubeconfig without the CA is refused with a clear error', async () => {
    const file = `${kube.dir}/no-ca`;
    writeKubeconfig(file, kube.url, kube.token, 'spark-jobs', undefined);
    // Same server, but the kubeconfig says "skip verification" is off and gives no CA.
    const { readFileSync, writeFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('insecure-skip-tls-verify: true', 'insecure-skip-tls-verify: false'));
    const target = createKubeflowTarget({ type: 'kubeflow' }, { env: { ...process.env, KUBECONFIG: file }, createAttempts: 1 });
    await assert.rejects(target.submit(resolveJob(sampleSpecFile(), '/ws', 'pi'), { submissionId: newSubmissionId() }), /cannot reach the Kubernetes API at https:.*self[- ]signed/i);
  });
});
