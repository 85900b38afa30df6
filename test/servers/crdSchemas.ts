// Validators for SparkApplication objects built from the real CRDs' openAPIV3Schema in
// ../shared/fixtures/k8s (read in place). Used by the unit tests and by the local Kubernetes API.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const K8S_FIXTURES = resolve(__dirname, '../../../shared/fixtures/k8s');
export const KUBEFLOW_CRD_FILE = join(K8S_FIXTURES, 'sparkoperator.k8s.io_sparkapplications.yaml');
export const APACHE_CRD_FILE = join(K8S_FIXTURES, 'sparkapplications.spark.apache.org-v1.yaml');

export interface CrdVersion {
  group: string;
  version: string;
  plural: string;
  kind: string;
  crd: Record<string, unknown>;
  /** Compiled on first use: the schemas are large (~1 MB) and slow to compile. */
  validator(): ValidateFunction;
}

/** Why the CRD fixtures cannot be used, or '' when they can. */
export function crdFixturesMissing(): string {
  const missing = [KUBEFLOW_CRD_FILE, APACHE_CRD_FILE].filter((file) => !existsSync(file));
  return missing.length ? `CRD fixture(s) absent: ${missing.join(', ')}` : '';
}

const ajv = new Ajv({ allErrors: true, strict: false, logger: false });
addFormats(ajv);
// Kubernetes' OpenAPI formats that ajv-formats does not know.
for (const format of ['int32', 'int64', 'double', 'float', 'byte', 'quantity']) ajv.addFormat(format, true);

interface CrdDoc {
  spec: { group: string; names: { plural: string; kind: string }; versions: { name: string; storage?: boolean; schema: { openAPIV3Schema: object } }[] };
}

/** One entry per served version of the CRD in `file`. */
export function loadCrd(file: string): CrdVersion[] {
  const crd = parse(readFileSync(file, 'utf8')) as CrdDoc;
  return crd.spec.versions.map((version) => {
    let compiled: ValidateFunction | undefined;
    return {
      group: crd.spec.group,
      version: version.name,
      plural: crd.spec.names.plural,
      kind: crd.spec.names.kind,
      crd: crd as unknown as Record<string, unknown>,
      validator: () => (compiled ??= ajv.compile(version.schema.openAPIV3Schema)),
    };
  });
}

export function crdErrors(version: CrdVersion, object: unknown): string[] {
  const validate = version.validator();
  if (validate(object)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
}
