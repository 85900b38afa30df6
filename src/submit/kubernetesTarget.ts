// What both Kubernetes operators share: idempotent create of a SparkApplication, state through a
// resuming watch, driver log follow, delete as cancel, Spark UI by port-forward. The operator files
// (kubeflowOperator.ts, apacheOperator.ts) supply the manifest, the state mapping and the pod labels.
import type { KubernetesTargetConfig } from './jobSpec';
import { describeKubeStatus, isRetryable, KubeApiError, kubeStatusOf, sleep } from './kubeErrors';
import { loadKubeConfig, type LoadedKubeConfig } from './kubeconfig';
import { watchObject } from './kubeWatch';
import { loadK8s, type K8s } from './k8sLib';
import type { Submission } from './kubeflowManifest';
import { followPodLog } from './podLogs';
import { startPortForward } from './portForward';
import type { ResolvedJob } from './resolveJob';
import { runNameFor } from './runName';
import { SUBMISSION_ANNOTATION } from './sparkConf';
import type { RunRef, RunState, SparkUiLink, SubmitOptions, Target, TargetKind } from './target';
import { state } from './target';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const DRIVER_CONTAINER = 'spark-kubernetes-driver';
export const EXECUTOR_CONTAINER = 'spark-kubernetes-executor';
export const SPARK_UI_PORT = 4040;

export interface OperatorFlavor {
  kind: Extract<TargetKind, 'kubeflow' | 'apache'>;
  group: string;
  version: string;
  plural: string;
  buildManifest(job: ResolvedJob, submission: Submission): Obj;
  /** Normalized state of a SparkApplication object. */
  stateOf(app: Obj): RunState;
  /** Label selector of the driver pod of application `name`. */
  driverSelector(name: string): string;
  /** Label selector of the executor pods of application `name`. */
  executorSelector(name: string): string;
  /** The driver pod name when the labels do not find it (kubeflow reports it in status). */
  driverPodName?(app: Obj | undefined, name: string): string | undefined;
}

export interface KubernetesTargetOptions {
  env?: NodeJS.ProcessEnv;
  /** Create attempts on 5xx/network errors (each checks first whether an earlier one committed). */
  createAttempts?: number;
  onWatchReconnect?: (how: 'resume' | 'relist', resourceVersion: string) => void;
}

export class KubernetesTarget implements Target {
  readonly kind: TargetKind;
  private loaded?: Promise<LoadedKubeConfig>;

  constructor(
    private readonly flavor: OperatorFlavor,
    private readonly config: KubernetesTargetConfig,
    private readonly options: KubernetesTargetOptions = {},
  ) {
    this.kind = flavor.kind;
  }

  private kube(): Promise<LoadedKubeConfig> {
    this.loaded ??= loadKubeConfig(this.config, this.options.env);
    return this.loaded;
  }

  private async customObjects(): Promise<K8s.CustomObjectsApi> {
    const k8s = await loadK8s();
    return (await this.kube()).kubeConfig.makeApiClient(k8s.CustomObjectsApi);
  }

  private ref(namespace: string, name: string) {
    return { group: this.flavor.group, version: this.flavor.version, plural: this.flavor.plural, namespace, name };
  }

  async buildManifest(job: ResolvedJob, submission: { runName: string; submissionId: string }): Promise<Obj> {
    const { namespace } = await this.kube();
    return this.flavor.buildManifest(job, { ...submission, namespace });
  }

  async submit(job: ResolvedJob, options: SubmitOptions): Promise<RunRef> {
    const { namespace, server } = await this.kube();
    const runName = runNameFor(job.spec.name, options.submissionId);
    const manifest = this.flavor.buildManifest(job, { runName, submissionId: options.submissionId, namespace });
    const api = await this.customObjects();
    const attempts = this.options.createAttempts ?? 5;
    const ours = (object: Obj | undefined) => object?.metadata?.annotations?.[SUBMISSION_ANNOTATION] === options.submissionId;
    const existing = async (): Promise<Obj | undefined> => {
      try {
        return (await api.getNamespacedCustomObject(this.ref(namespace, runName))) as Obj;
      } catch (error) {
        if (kubeStatusOf(error).code === 404) return undefined;
        throw error;
      }
    };
    const run: RunRef = { target: this.kind, name: runName, namespace, submissionId: options.submissionId };

    for (let attempt = 1; ; attempt++) {
      options.signal?.throwIfAborted();
      try {
        await api.createNamespacedCustomObject({ ...this.ref(namespace, runName), body: manifest });
        return run;
      } catch (error) {
        const status = kubeStatusOf(error);
        if (status.code === 409) {
          // Our own earlier attempt may have committed before its answer was lost.
          if (ours(await existing())) return run;
          throw new KubeApiError(`a SparkApplication named ${runName} already exists in ${namespace} and was not created by this submission`, status);
        }
        if (!isRetryable(status) || attempt >= attempts) {
          throw new KubeApiError(`creating SparkApplication ${runName}: ${describeKubeStatus(status, server)}`, status);
        }
      }
      await sleep(150 * 2 ** (attempt - 1), options.signal);
      // Check before re-creating: a 500 or a reset can come after the object was stored.
      const found = await existing().catch(() => undefined);
      if (ours(found)) return run;
    }
  }

  private async watchApp(run: RunRef, signal?: AbortSignal) {
    const { kubeConfig } = await this.kube();
    const api = await this.customObjects();
    const namespace = run.namespace!;
    return watchObject(kubeConfig, {
      collectionPath: `/apis/${this.flavor.group}/${this.flavor.version}/namespaces/${namespace}/${this.flavor.plural}`,
      name: run.name,
      list: (fieldSelector) => api.listNamespacedCustomObject({ group: this.flavor.group, version: this.flavor.version, plural: this.flavor.plural, namespace, fieldSelector }) as Promise<Obj>,
      signal,
      onReconnect: this.options.onWatchReconnect,
    });
  }

  async *states(run: RunRef, signal?: AbortSignal): AsyncGenerator<RunState> {
    let last = '';
    let seen = false;
    for await (const event of await this.watchApp(run, signal)) {
      let next: RunState;
      if (event.type === 'MISSING' || event.type === 'DELETED') {
        // Gone before it ended: deleted by a cancel (here or elsewhere) or TTL.
        next = seen || event.type === 'DELETED' ? state('CANCELLED', 'DELETED', 'the SparkApplication was deleted') : state('UNKNOWN', 'NOT_FOUND', `SparkApplication ${run.name} not found`);
        yield next;
        return;
      }
      seen = true;
      next = this.flavor.stateOf(event.object);
      const key = `${next.phase}/${next.raw}`;
      if (key !== last) {
        last = key;
        yield next;
      }
      if (next.terminal) return;
    }
  }

  private async app(run: RunRef): Promise<Obj | undefined> {
    const api = await this.customObjects();
    try {
      return (await api.getNamespacedCustomObject(this.ref(run.namespace!, run.name))) as Obj;
    } catch (error) {
      if (kubeStatusOf(error).code === 404) return undefined;
      throw error;
    }
  }

  /** The driver pod: by the operator's labels, else the name the operator reports. */
  private async driverPod(run: RunRef): Promise<string | undefined> {
    const k8s = await loadK8s();
    const { kubeConfig } = await this.kube();
    const core = kubeConfig.makeApiClient(k8s.CoreV1Api);
    const pods = await core.listNamespacedPod({ namespace: run.namespace!, labelSelector: this.flavor.driverSelector(run.name) }).catch(() => undefined);
    const running = pods?.items.find((pod) => pod.status?.phase === 'Running') ?? pods?.items[0];
    if (running?.metadata?.name) return running.metadata.name;
    if (!this.flavor.driverPodName) return undefined;
    const name = this.flavor.driverPodName(await this.app(run).catch(() => undefined), run.name);
    if (!name) return undefined;
    return (await core.readNamespacedPod({ name, namespace: run.namespace! }).then(() => true).catch(() => false)) ? name : undefined;
  }

  async *logs(run: RunRef, signal?: AbortSignal): AsyncGenerator<string> {
    const { kubeConfig } = await this.kube();
    yield* followPodLog(kubeConfig, {
      namespace: run.namespace!,
      container: DRIVER_CONTAINER,
      findPod: () => this.driverPod(run),
      isFinished: async () => {
        const app = await this.app(run);
        return !app || this.flavor.stateOf(app).terminal;
      },
      signal,
    });
  }

  /** Executor pods of the run that exist now (Spark removes them when the driver ends). */
  async executorPods(run: RunRef): Promise<string[]> {
    const k8s = await loadK8s();
    const { kubeConfig } = await this.kube();
    const pods = await kubeConfig.makeApiClient(k8s.CoreV1Api).listNamespacedPod({ namespace: run.namespace!, labelSelector: this.flavor.executorSelector(run.name) });
    return pods.items.map((pod) => pod.metadata?.name).filter((name): name is string => !!name).sort();
  }

  /** Follows one executor's log while the pod lives. */
  async *executorLogs(run: RunRef, pod: string, signal?: AbortSignal): AsyncGenerator<string> {
    const { kubeConfig } = await this.kube();
    const k8s = await loadK8s();
    const core = kubeConfig.makeApiClient(k8s.CoreV1Api);
    yield* followPodLog(kubeConfig, {
      namespace: run.namespace!,
      container: EXECUTOR_CONTAINER,
      findPod: async () => ((await core.readNamespacedPod({ name: pod, namespace: run.namespace! }).then(() => true).catch(() => false)) ? pod : undefined),
      isFinished: async () => true, // once the executor pod is gone there is nothing more to wait for
      signal,
    });
  }

  async cancel(run: RunRef): Promise<void> {
    const api = await this.customObjects();
    const { server } = await this.kube();
    try {
      await api.deleteNamespacedCustomObject({ ...this.ref(run.namespace!, run.name), propagationPolicy: 'Background' });
    } catch (error) {
      const status = kubeStatusOf(error);
      if (status.code === 404) return; // already gone: the run is over either way
      throw new KubeApiError(`cancelling ${run.name}: ${describeKubeStatus(status, server)}`, status);
    }
  }

  async sparkUi(run: RunRef, signal?: AbortSignal): Promise<SparkUiLink | undefined> {
    const { kubeConfig } = await this.kube();
    const k8s = await loadK8s();
    const core = kubeConfig.makeApiClient(k8s.CoreV1Api);
    // Prefer the pod behind <app>-ui-svc (what the operator exposes); else the driver pod.
    const findPod = async () => {
      const service = await core.readNamespacedService({ name: `${run.name}-ui-svc`, namespace: run.namespace! }).catch(() => undefined);
      const selector = service?.spec?.selector;
      if (selector && Object.keys(selector).length) {
        const pods = await core
          .listNamespacedPod({ namespace: run.namespace!, labelSelector: Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',') })
          .catch(() => undefined);
        const pod = pods?.items.find((p) => p.status?.phase === 'Running');
        if (pod?.metadata?.name) return pod.metadata.name;
      }
      return this.driverPod(run);
    };
    if (!(await findPod())) return undefined;
    const handle = await startPortForward(kubeConfig, run.namespace!, findPod, SPARK_UI_PORT, signal);
    return { url: handle.url, close: handle.close };
  }

  rerun(job: ResolvedJob, options: SubmitOptions): Promise<RunRef> {
    return this.submit(job, options);
  }
}
