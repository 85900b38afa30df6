// The job spec file (sparkml.jobs.json): named targets plus the jobs to submit to them.
// Validated against resources/schemas/jobspec.schema.json, the same schema VS Code uses for
// completions, so the editor and `sparkml submit` agree on what a valid file is.
import { readFile } from 'node:fs/promises';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../resources/schemas/jobspec.schema.json';

export const JOB_SPEC_FILE_NAME = 'sparkml.jobs.json';

export interface IometeTargetConfig {
  type: 'iomete';
  host: string;
  domain: string;
  namespace?: string;
  bundleId?: string;
  driverType?: string;
  executorType?: string;
  pollIntervalMs?: number;
}

export interface KubernetesTargetConfig {
  type: 'kubeflow' | 'apache';
  context?: string;
  namespace?: string;
  serviceAccount?: string;
}

export interface LocalTargetConfig {
  type: 'local';
  sparkHome?: string;
  master?: string;
}

export type TargetConfig = IometeTargetConfig | KubernetesTargetConfig | LocalTargetConfig;

export type Delivery =
  | { type: 'container'; path: string }
  | { type: 's3'; bucket: string; prefix?: string; region?: string; endpoint?: string; forcePathStyle?: boolean; profile?: string };

export interface JobSpec {
  name: string;
  target: string;
  mainFile: string;
  delivery?: Delivery;
  image?: string;
  sparkVersion?: string;
  pythonVersion?: '3';
  arguments?: string[];
  sparkConf?: Record<string, string>;
  env?: Record<string, string>;
  deps?: { pyFiles?: string[]; files?: string[]; jars?: string[]; packages?: string[] };
  driver?: { cores?: number; memory?: string };
  executor?: { cores?: number; memory?: string; instances?: number };
  restartPolicy?: { type: 'Never' | 'OnFailure' | 'Always'; onFailureRetries?: number; onFailureRetryInterval?: number };
  ttlSeconds?: number;
}

export interface JobSpecFile {
  targets: Record<string, TargetConfig>;
  jobs: JobSpec[];
}

/** A spec file that failed validation; `problems` name the JSON path of each. */
export class JobSpecError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid job spec\n  ${problems.join('\n  ')}`);
    this.name = 'JobSpecError';
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile<JobSpecFile>(schema);

/** `/jobs/0/driver/memory` -> `$.jobs[0].driver.memory` */
function jsonPath(pointer: string): string {
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`))
      .join('')
  );
}

function describe(error: ErrorObject): string {
  const at = jsonPath(error.instancePath);
  if (error.keyword === 'additionalProperties') return `${at}: unknown property "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'required') return `${at}: missing required property "${String(error.params.missingProperty)}"`;
  if (error.keyword === 'enum') return `${at}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${at}: ${error.message ?? error.keyword}`;
}

/** Keeps the most useful messages: `if/then` and `oneOf` wrappers repeat what their branches say. */
function problemsOf(errors: ErrorObject[]): string[] {
  const wanted = errors.filter((error) => !['if', 'oneOf', 'allOf'].includes(error.keyword));
  return [...new Set((wanted.length ? wanted : errors).map(describe))];
}

/** Validates parsed JSON; throws JobSpecError with one line per problem. */
export function parseJobSpecFile(value: unknown, file = JOB_SPEC_FILE_NAME): JobSpecFile {
  if (!validateSchema(value)) throw new JobSpecError(file, problemsOf(validateSchema.errors ?? []));
  const problems: string[] = [];
  const names = new Set<string>();
  value.jobs.forEach((job, index) => {
    if (!(job.target in value.targets)) {
      problems.push(`$.jobs[${index}].target: no target named "${job.target}" (known: ${Object.keys(value.targets).join(', ')})`);
    }
    if (names.has(job.name)) problems.push(`$.jobs[${index}].name: duplicate job name "${job.name}"`);
    names.add(job.name);
  });
  if (problems.length) throw new JobSpecError(file, problems);
  return value;
}

export async function loadJobSpecFile(path: string): Promise<JobSpecFile> {
  const text = await readFile(path, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new JobSpecError(path, [`$: not valid JSON (${(error as Error).message})`]);
  }
  return parseJobSpecFile(value, path);
}
