// Submitting a file that has no job spec walks the user through a few quick picks and saves
// sparkml.jobs.json beside the workspace folder, so the next submission is one click and the spec is
// versioned with the job.
import * as vscode from 'vscode';
import type { JobSpec, JobSpecFile, SubmitApi, TargetConfig } from './specTypes';

const dnsName = (text: string) => text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'spark-job';

async function pickTarget(api: SubmitApi): Promise<{ name: string; config: TargetConfig } | undefined> {
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Kubernetes: kubeflow spark-operator', detail: 'SparkApplication sparkoperator.k8s.io/v1beta2', id: 'kubeflow' as const },
      { label: 'Kubernetes: Apache Spark Kubernetes Operator', detail: 'SparkApplication spark.apache.org/v1', id: 'apache' as const },
      { label: 'IOMETE', detail: 'Spark Job API of an IOMETE lakehouse', id: 'iomete' as const },
      { label: 'Local spark-submit', detail: 'SPARK_HOME or spark-submit on PATH', id: 'local' as const },
    ],
    { title: 'Submit to where? (1/3)', ignoreFocusOut: true },
  );
  if (!kind) return undefined;
  if (kind.id === 'local') {
    const master = await vscode.window.showInputBox({ title: 'Spark master', value: 'local[*]', ignoreFocusOut: true });
    return master === undefined ? undefined : { name: 'local', config: { type: 'local', master } };
  }
  if (kind.id === 'iomete') {
    const host = await vscode.window.showInputBox({ title: 'IOMETE host', placeHolder: 'dev.iomete.cloud', ignoreFocusOut: true });
    if (!host) return undefined;
    const domain = await vscode.window.showInputBox({ title: 'IOMETE domain', placeHolder: 'default', ignoreFocusOut: true });
    if (!domain) return undefined;
    return { name: `iomete-${dnsName(domain)}`, config: { type: 'iomete', host: host.trim(), domain: domain.trim() } };
  }
  let contexts: Array<{ name: string; namespace?: string; current: boolean }> = [];
  try {
    contexts = await api.listContexts();
  } catch (error) {
    void vscode.window.showWarningMessage(`Spark ML: cannot read your kubeconfig: ${(error as Error).message}`);
  }
  const context = contexts.length
    ? (await vscode.window.showQuickPick(
        contexts.map((c) => ({ label: c.name, description: c.current ? 'current' : undefined, detail: c.namespace ? `namespace ${c.namespace}` : undefined, context: c })),
        { title: 'Kubernetes context', ignoreFocusOut: true },
      ))?.context
    : undefined;
  if (contexts.length && !context) return undefined;
  const namespace = await vscode.window.showInputBox({ title: 'Namespace', value: context?.namespace ?? 'default', ignoreFocusOut: true });
  if (namespace === undefined) return undefined;
  const config: TargetConfig = { type: kind.id, namespace, ...(context ? { context: context.name } : {}) };
  return { name: `${kind.id}-${dnsName(context?.name ?? 'cluster')}`, config };
}

async function pickDelivery(job: JobSpec, fileName: string): Promise<JobSpec | undefined> {
  const how = await vscode.window.showQuickPick(
    [
      { label: 'Baked into the image', detail: `The image has the job at /app/${fileName} (local:///app/${fileName})`, id: 'container' },
      { label: 'Uploaded to S3', detail: `Upload ${fileName} to s3a://bucket/prefix/ before each run`, id: 's3' },
    ],
    { title: 'How does the cluster get the job? (2/3)', ignoreFocusOut: true },
  );
  if (!how) return undefined;
  const image = await vscode.window.showInputBox({ title: 'Spark image (3/3)', value: 'apache/spark:3.5.1-python3', prompt: 'An image with Spark and Python (and your job, when it is baked in)', ignoreFocusOut: true });
  if (!image) return undefined;
  if (how.id === 'container') return { ...job, image, delivery: { type: 'container', path: `local:///app/${fileName}` } };
  const location = await vscode.window.showInputBox({ title: 'S3 location', placeHolder: 's3://my-bucket/jobs/', ignoreFocusOut: true, validateInput: (v) => (/^s3a?:\/\/[^/]+/.test(v.trim()) ? undefined : 'An s3:// URL with a bucket') });
  if (!location) return undefined;
  const [, bucket, prefix] = /^s3a?:\/\/([^/]+)\/?(.*)$/.exec(location.trim()) ?? [];
  return { ...job, image, delivery: { type: 's3', bucket, ...(prefix ? { prefix } : {}) } };
}

/** Walks through the choices and writes the spec; returns its path, or undefined when cancelled. */
export async function createSpec(api: SubmitApi, pythonFile: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(pythonFile)?.uri ?? vscode.Uri.joinPath(pythonFile, '..');
  const specUri = vscode.Uri.joinPath(folder, api.JOB_SPEC_FILE_NAME);
  const target = await pickTarget(api);
  if (!target) return undefined;
  const fileName = pythonFile.path.split('/').pop() ?? 'job.py';
  const relative = vscode.workspace.asRelativePath(pythonFile, false);
  let job: JobSpec | undefined = { name: dnsName(fileName.replace(/\.py$/, '')), target: target.name, mainFile: relative };
  if (target.config.type !== 'local') job = await pickDelivery(job, fileName);
  if (!job) return undefined;
  if (target.config.type !== 'local') job = { ...job, executor: { instances: 2, cores: 2, memory: '4g' }, driver: { cores: 1, memory: '2g' } };
  const spec: JobSpecFile = { targets: { [target.name]: target.config }, jobs: [job] };
  // VS Code validates and completes the file through the contributed JSON schema (jsonValidation).
  const text = JSON.stringify(spec, null, 2) + '\n';
  await vscode.workspace.fs.writeFile(specUri, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(specUri, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  return specUri;
}
