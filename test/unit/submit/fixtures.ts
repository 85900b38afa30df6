// A job spec file shared by the unit tests: one target of each kind, one job using s3 delivery.
import type { JobSpecFile } from '../../../src/submit/jobSpec';

export function sampleSpecFile(): JobSpecFile {
  return {
    targets: {
      k8s: { type: 'kubeflow', context: 'dev', namespace: 'spark-jobs', serviceAccount: 'spark' },
      apache: { type: 'apache', namespace: 'spark-jobs', serviceAccount: 'spark' },
      lake: { type: 'iomete', host: 'https://dataplane.example.com', domain: 'analytics', driverType: 'driver-x-small', executorType: 'exec-x-small' },
      laptop: { type: 'local', master: 'local[2]' },
    },
    jobs: [
      {
        name: 'Churn_Model.train',
        target: 'k8s',
        mainFile: 'jobs/train.py',
        delivery: { type: 's3', bucket: 'ml-artifacts', prefix: 'jobs/churn', endpoint: 'http://127.0.0.1:7480' },
        image: 'apache/spark:3.5.3-python3',
        sparkVersion: '3.5.3',
        arguments: ['--epochs', '3'],
        sparkConf: { 'spark.sql.shuffle.partitions': '8' },
        env: { MODEL_STAGE: 'dev' },
        deps: { pyFiles: ['jobs/features.py', 's3a://shared/libs/util.zip'], packages: ['org.apache.hadoop:hadoop-aws:3.3.4'] },
        driver: { cores: 1, memory: '1g' },
        executor: { cores: 2, memory: '2g', instances: 3 },
        restartPolicy: { type: 'OnFailure', onFailureRetries: 2, onFailureRetryInterval: 10 },
        ttlSeconds: 3600,
      },
      {
        name: 'pi',
        target: 'k8s',
        mainFile: 'pi.py',
        delivery: { type: 'container', path: 'local:///opt/spark/examples/src/main/python/pi.py' },
        image: 'apache/spark:4.0.4',
        sparkVersion: '4.0.4',
      },
    ],
  };
}
