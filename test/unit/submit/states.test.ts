import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { iometeState } from '../../../src/submit/iomete';
import { describeKubeStatus, isRetryable, kubeStatusOf } from '../../../src/submit/kubeErrors';
import { kubeflowState } from '../../../src/submit/kubeflowOperator';
import { buildSparkSubmitArgs, sparkUiUrlFromLog } from '../../../src/submit/local';
import { resolveJob } from '../../../src/submit/resolveJob';
import { sampleSpecFile } from './fixtures';

describe('state normalization', () => {
  it('kubeflow: only COMPLETED and FAILED are terminal; unknown words stay visible', () => {
    const of = (s?: string) => kubeflowState(s === undefined ? {} : { status: { applicationState: { state: s } } });
    assert.equal(of().phase, 'PENDING');
    assert.equal(of('SUBMISSION_FAILED').terminal, false);
    assert.equal(of('PENDING_RERUN').phase, 'PENDING');
    assert.equal(of('COMPLETED').terminal, true);
    assert.equal(of('FAILED').terminal, true);
    assert.deepEqual([of('BRAND_NEW').phase, of('BRAND_NEW').raw], ['UNKNOWN', 'BRAND_NEW']);
  });

  it('IOMETE: COMPLETED, FAILED, ABORTED and SUBMISSION_FAILED are terminal', () => {
    const terminal = ['ENQUEUED', 'SUBMITTED', 'SUBMISSION_FAILED', 'RUNNING', 'PENDING_RERUN', 'SUCCEEDING', 'COMPLETED', 'FAILING', 'FAILED', 'INVALIDATING', 'ABORTING', 'ABORTED', 'UNKNOWN']
      .filter((s) => iometeState(s).terminal)
      .sort();
    assert.deepEqual(terminal, ['ABORTED', 'COMPLETED', 'FAILED', 'SUBMISSION_FAILED']);
    assert.equal(iometeState('ABORTED').phase, 'CANCELLED');
  });
});

describe('Kubernetes errors', () => {
  it('reads the Status body the client library attaches, string or object', () => {
    const status = kubeStatusOf({ code: 422, body: JSON.stringify({ kind: 'Status', reason: 'Invalid', message: 'bad', details: { causes: [{ field: 'spec.type', message: 'Unsupported value' }] } }) });
    assert.equal(describeKubeStatus(status, 'https://k'), 'Invalid (422): bad: spec.type Unsupported value');
    assert.equal(isRetryable(status), false);
    assert.equal(isRetryable(kubeStatusOf(new Error('ECONNRESET'))), true);
    assert.equal(isRetryable(kubeStatusOf({ code: 503, body: {} })), true);
    assert.match(describeKubeStatus(kubeStatusOf(new Error('connect ECONNREFUSED')), 'https://k'), /cannot reach the Kubernetes API at https:\/\/k/);
  });
});

describe('local spark-submit', () => {
  it('builds the argument array with resources, deps, conf and the main file last before its arguments', () => {
    const args = buildSparkSubmitArgs(resolveJob(sampleSpecFile(), '/ws', 'Churn_Model.train', 'laptop'));
    assert.deepEqual(args.slice(0, 4), ['--master', 'local[2]', '--name', 'Churn_Model.train']);
    assert.ok(args.includes('spark.executorEnv.MODEL_STAGE=dev'));
    assert.equal(args[args.indexOf('--py-files') + 1], '/ws/jobs/features.py,s3a://shared/libs/util.zip');
    assert.equal(args[args.indexOf('--packages') + 1], 'org.apache.hadoop:hadoop-aws:3.3.4');
    assert.deepEqual(args.slice(-3), ['/ws/jobs/train.py', '--epochs', '3']);
  });

  it('finds the Spark UI URL in the driver log', () => {
    assert.equal(sparkUiUrlFromLog('24/05/01 10:00:00 INFO SparkUI: Bound SparkUI to 0.0.0.0, and started at http://host:4041'), 'http://host:4041');
    assert.equal(sparkUiUrlFromLog('Spark web UI available at http://10.0.0.5:4040'), 'http://10.0.0.5:4040');
    assert.equal(sparkUiUrlFromLog('INFO Utils: Successfully started service'), undefined);
  });
});
