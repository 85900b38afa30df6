import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { buildApacheManifest } from '../../../src/submit/apacheManifest';
import { buildIometePayload } from '../../../src/submit/iometePayload';
import { buildKubeflowManifest } from '../../../src/submit/kubeflowManifest';
import { ResolveError, resolveJob } from '../../../src/submit/resolveJob';
import { ManifestError } from '../../../src/submit/sparkConf';
import { APACHE_CRD_FILE, crdErrors, crdFixturesMissing, K8S_FIXTURES, KUBEFLOW_CRD_FILE, loadCrd } from '../../servers/crdSchemas';
import { sampleSpecFile } from './fixtures';

const missing = crdFixturesMissing();
if (missing) console.log(`# skipping CRD validation: ${missing}`);
const kubeflowSchema = missing ? undefined : loadCrd(KUBEFLOW_CRD_FILE).find((v) => v.version === 'v1beta2');
const apacheSchema = missing ? undefined : loadCrd(APACHE_CRD_FILE).find((v) => v.version === 'v1');
const submission = { runName: 'churn-model-train-0a1b2c3d', submissionId: 'sub-1', namespace: 'spark-jobs' };

describe('resolveJob', () => {
  it('plans uploads for the main file and local pyFiles, passing URIs through', () => {
    const job = resolveJob(sampleSpecFile(), '/ws', 'Churn_Model.train');
    assert.equal(job.mainUri, 's3a://ml-artifacts/jobs/churn/train.py');
    assert.deepEqual(job.pyFileUris, ['s3a://ml-artifacts/jobs/churn/features.py', 's3a://shared/libs/util.zip']);
    assert.deepEqual(
      job.uploads.map((u) => [u.localPath, u.key]),
      [
        ['/ws/jobs/train.py', 'jobs/churn/train.py'],
        ['/ws/jobs/features.py', 'jobs/churn/features.py'],
      ],
    );
  });

  it('refuses local pyFiles with container delivery, and cluster targets without delivery', () => {
    const file = sampleSpecFile();
    file.jobs[1].deps = { pyFiles: ['lib.py'] };
    assert.throws(() => resolveJob(file, '/ws', 'pi'), (e: Error) => e instanceof ResolveError && /local path but delivery is "container"/.test(e.message));
    delete file.jobs[1].delivery;
    assert.throws(() => resolveJob(file, '/ws', 'pi'), /needs "delivery"/);
  });

  it('lets --target override the job target and names unknown ones', () => {
    assert.equal(resolveJob(sampleSpecFile(), '/ws', 'pi', 'apache').target.type, 'apache');
    assert.throws(() => resolveJob(sampleSpecFile(), '/ws', 'pi', 'nope'), /no target named "nope"/);
  });
});

describe('kubeflow SparkApplication', () => {
  const manifest = buildKubeflowManifest(resolveJob(sampleSpecFile(), '/ws', 'Churn_Model.train'), submission) as {
    spec: Record<string, unknown> & { driver: Record<string, unknown>; executor: Record<string, unknown> };
    metadata: { annotations: Record<string, string> };
  };

  it('validates against the real v1beta2 CRD schema', { skip: missing || false }, () => {
    assert.deepEqual(crdErrors(kubeflowSchema!, manifest), []);
  });

  it('maps every spec field', () => {
    assert.equal(manifest.spec.mainApplicationFile, 's3a://ml-artifacts/jobs/churn/train.py');
    assert.deepEqual(manifest.spec.deps, { pyFiles: ['s3a://ml-artifacts/jobs/churn/features.py', 's3a://shared/libs/util.zip'], packages: ['org.apache.hadoop:hadoop-aws:3.3.4'] });
    assert.deepEqual(manifest.spec.driver.env, [{ name: 'MODEL_STAGE', value: 'dev' }]);
    assert.equal(manifest.spec.driver.serviceAccount, 'spark');
    assert.equal(manifest.spec.executor.instances, 3);
    assert.deepEqual(manifest.spec.restartPolicy, { type: 'OnFailure', onFailureRetries: 2, onFailureRetryInterval: 10 });
    assert.equal(manifest.spec.timeToLiveSeconds, 3600);
    assert.equal((manifest.spec.sparkConf as Record<string, string>)['spark.hadoop.fs.s3a.path.style.access'], 'true');
    assert.equal(manifest.metadata.annotations['sparkml.dev/submission-id'], 'sub-1');
  });

  it('the upstream example validates too (the schema check is not vacuous)', { skip: missing || false }, () => {
    const example = parse(readFileSync(join(K8S_FIXTURES, 'example-kubeflow-spark-pi-python.yaml'), 'utf8'));
    assert.deepEqual(crdErrors(kubeflowSchema!, example), []);
    const broken = { ...manifest, spec: { ...manifest.spec, type: 'Cobol', driver: { ...manifest.spec.driver, cores: 0 } } };
    const errors = crdErrors(kubeflowSchema!, broken);
    assert.ok(errors.some((e) => e.startsWith('/spec/type')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/spec/driver/cores')), errors.join('\n'));
  });

  it('needs an image and sparkVersion', () => {
    const file = sampleSpecFile();
    delete file.jobs[1].sparkVersion;
    assert.throws(() => buildKubeflowManifest(resolveJob(file, '/ws', 'pi'), submission), (e: Error) => e instanceof ManifestError && /needs "sparkVersion"/.test(e.message));
  });
});

describe('Apache operator SparkApplication', () => {
  const manifest = buildApacheManifest(resolveJob(sampleSpecFile(), '/ws', 'Churn_Model.train', 'apache'), submission) as { spec: Record<string, unknown> & { sparkConf: Record<string, string> } };

  it('validates against the real spark.apache.org/v1 CRD schema', { skip: missing || false }, () => {
    assert.deepEqual(crdErrors(apacheSchema!, manifest), []);
    const example = parse(readFileSync(join(K8S_FIXTURES, 'example-apache-pi-python.yaml'), 'utf8'));
    assert.deepEqual(crdErrors(apacheSchema!, example), []);
  });

  it('carries image, resources, env and extra pyFiles in sparkConf', () => {
    assert.equal(manifest.spec.pyFiles, 's3a://ml-artifacts/jobs/churn/train.py');
    assert.deepEqual(manifest.spec.runtimeVersions, { sparkVersion: '3.5.3' });
    assert.deepEqual(manifest.spec.driverArgs, ['--epochs', '3']);
    assert.equal(manifest.spec.sparkConf['spark.kubernetes.container.image'], 'apache/spark:3.5.3-python3');
    assert.equal(manifest.spec.sparkConf['spark.executor.instances'], '3');
    assert.equal(manifest.spec.sparkConf['spark.submit.pyFiles'], 's3a://ml-artifacts/jobs/churn/features.py,s3a://shared/libs/util.zip');
    assert.equal(manifest.spec.sparkConf['spark.kubernetes.driverEnv.MODEL_STAGE'], 'dev');
    assert.deepEqual(manifest.spec.applicationTolerations, { restartConfig: { restartPolicy: 'OnFailure', maxRestartAttempts: 2, restartBackoffMillis: 10000 }, ttlAfterStopMillis: 3600000 });
  });
});

describe('IOMETE payload', () => {
  it('names the job, maps node types and dependencies', () => {
    const payload = buildIometePayload(resolveJob(sampleSpecFile(), '/ws', 'Churn_Model.train', 'lake'));
    assert.equal(payload.name, 'Churn_Model.train');
    assert.equal(payload.template.mainApplicationFile, 's3a://ml-artifacts/jobs/churn/train.py');
    assert.deepEqual(payload.template.instanceConfig, { singleNodeDeployment: false, driverType: 'driver-x-small', executorType: 'exec-x-small', executorCount: 3 });
    assert.deepEqual(payload.template.envVars, { MODEL_STAGE: 'dev' });
    assert.deepEqual(payload.template.restartPolicy, { type: 'OnFailure' });
    assert.deepEqual(payload.template.deps?.packages, ['org.apache.hadoop:hadoop-aws:3.3.4']);
  });
});
