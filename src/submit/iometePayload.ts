// IOMETE Spark Job API payload (POST /jobs, PUT /jobs/{id}). Pure. The job is created or updated
// by name; each submission is then a run of it.
import type { IometeTargetConfig } from './jobSpec';
import type { ResolvedJob } from './resolveJob';
import { baseSparkConf } from './sparkConf';

export interface IometeJobPayload {
  name: string;
  namespace?: string;
  bundleId?: string;
  jobType: 'MANUAL';
  template: {
    applicationType: 'python';
    image?: string;
    mainApplicationFile: string;
    arguments?: string[];
    sparkConf?: Record<string, string>;
    envVars?: Record<string, string>;
    deps?: { pyFiles?: string[]; files?: string[]; jars?: string[]; packages?: string[] };
    instanceConfig: { singleNodeDeployment: boolean; driverType?: string; executorType?: string; executorCount: number };
    restartPolicy: { type: string };
    maxExecutionDurationSeconds?: number;
  };
}

export function buildIometePayload(job: ResolvedJob): IometeJobPayload {
  const spec = job.spec;
  const target = job.target as IometeTargetConfig;
  const sparkConf = baseSparkConf(job);
  const deps = {
    ...(job.pyFileUris.length ? { pyFiles: job.pyFileUris } : {}),
    ...(job.fileUris.length ? { files: job.fileUris } : {}),
    ...(job.jarUris.length ? { jars: job.jarUris } : {}),
    ...(spec.deps?.packages?.length ? { packages: spec.deps.packages } : {}),
  };
  return JSON.parse(
    JSON.stringify({
      name: spec.name,
      namespace: target.namespace,
      bundleId: target.bundleId,
      jobType: 'MANUAL',
      template: {
        applicationType: 'python',
        image: spec.image,
        mainApplicationFile: job.mainUri,
        arguments: spec.arguments?.length ? spec.arguments : undefined,
        sparkConf: Object.keys(sparkConf).length ? sparkConf : undefined,
        envVars: spec.env && Object.keys(spec.env).length ? spec.env : undefined,
        deps: Object.keys(deps).length ? deps : undefined,
        instanceConfig: {
          singleNodeDeployment: false,
          driverType: target.driverType,
          executorType: target.executorType,
          executorCount: spec.executor?.instances ?? 1,
        },
        restartPolicy: { type: spec.restartPolicy?.type ?? 'Never' },
      },
    }),
  ) as IometeJobPayload;
}
