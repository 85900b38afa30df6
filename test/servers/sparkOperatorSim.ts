// The operator half of the local Kubernetes API: for each SparkApplication created, walks the real
// state sequence of the kubeflow spark-operator or the Apache Spark Kubernetes Operator, creates the
// driver pod (and the UI service) with the labels those operators set, and appends driver log lines
// while it runs. A job whose arguments include `--simulate-failure` fails like a Python exception.
import type { KubeApiServer } from './kubeApiServer';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const FAIL_ARGUMENT = '--simulate-failure';
export const SPARK_UI_LOG_LINE = (pod: string) => `INFO SparkUI: Bound SparkUI to 0.0.0.0, and started at http://${pod}-svc.spark.svc:4040`;

export interface OperatorSimOptions {
  /** Time between two state steps. */
  stepMs: number;
  /** Log lines the driver prints while RUNNING (spread over the running steps). */
  runningSteps?: number;
}

const KUBEFLOW = 'sparkoperator.k8s.io/v1beta2/sparkapplications';
const APACHE = 'spark.apache.org/v1/sparkapplications';

export class SparkOperatorSim {
  private timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  readonly logLines = new Map<string, string[]>();

  constructor(
    private readonly api: KubeApiServer,
    private readonly options: OperatorSimOptions,
  ) {
    api.events.on('created', (collection: string, object: Obj) => {
      if (collection === KUBEFLOW) void this.runKubeflow(object);
      if (collection === APACHE) void this.runApache(object);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, this.options.stepMs);
      this.timers.add(timer);
    });
  }

  /** Applies a status change unless the application was deleted meanwhile (then stops). */
  private setStatus(collection: string, app: Obj, status: Obj): boolean {
    const current = this.api.get(collection, app.metadata.namespace, app.metadata.name);
    if (!current || this.stopped) return false;
    this.api.put(collection, { ...current, status });
    return true;
  }

  private driverPod(app: Obj, podName: string, labels: Record<string, string>): Obj {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: podName,
        namespace: app.metadata.namespace,
        labels: { 'spark-role': 'driver', ...labels },
        ownerReferences: [{ apiVersion: app.apiVersion, kind: 'SparkApplication', name: app.metadata.name, uid: app.metadata.uid, controller: true }],
      },
      spec: { containers: [{ name: 'spark-kubernetes-driver', image: app.spec.image ?? app.spec.sparkConf?.['spark.kubernetes.container.image'], ports: [{ name: 'spark-ui', containerPort: 4040 }] }] },
      status: { phase: 'Pending' },
    };
  }

  private setPodPhase(pod: Obj, phase: string): boolean {
    const current = this.api.get('v1/pods', pod.metadata.namespace, pod.metadata.name);
    if (!current) return false;
    this.api.put('v1/pods', { ...current, status: { phase } });
    return true;
  }

  private log(app: Obj, pod: string, line: string): void {
    const stamped = `${new Date().toISOString().replace('T', ' ').slice(0, 19)} ${line}`;
    this.api.appendLog(app.metadata.namespace, pod, stamped);
    const lines = this.logLines.get(app.metadata.name) ?? [];
    lines.push(stamped);
    this.logLines.set(app.metadata.name, lines);
  }

  /** A running executor pod that logs one line per driver step; returns its name. */
  private executorPod(app: Obj, podName: string, labels: Record<string, string>): string {
    const pod = this.driverPod(app, podName, labels);
    pod.metadata.labels['spark-role'] = 'executor';
    pod.metadata.labels['spark-exec-id'] = '1';
    pod.spec.containers[0].name = 'spark-kubernetes-executor';
    pod.status.phase = 'Running';
    this.api.put('v1/pods', pod);
    this.api.appendLog(app.metadata.namespace, podName, 'INFO CoarseGrainedExecutorBackend: Got assigned task 0');
    return podName;
  }

  /** How long the next applications stay RUNNING (a test that cancels one wants it to last). */
  setRunningSteps(steps: number): void {
    this.options.runningSteps = steps;
  }

  /** Logs while running; returns false when the app was deleted. */
  private async runDriver(app: Obj, pod: string, fails: boolean): Promise<boolean> {
    this.log(app, pod, 'INFO SparkContext: Running Spark version 3.5.3');
    this.log(app, pod, SPARK_UI_LOG_LINE(pod));
    const steps = this.options.runningSteps ?? 4;
    for (let step = 1; step <= steps; step++) {
      await this.sleep();
      if (this.stopped || !this.api.get('v1/pods', app.metadata.namespace, pod)) return false;
      this.log(app, pod, `INFO DAGScheduler: Job ${step - 1} finished: fit at train.py:${10 + step}, took 0.${step}1 s`);
      this.log(app, pod, `INFO train: epoch ${step} loss=${(1 / step).toFixed(4)}`);
      const executor = `${app.metadata.name}-exec-1`;
      if (this.api.get('v1/pods', app.metadata.namespace, executor)) this.api.appendLog(app.metadata.namespace, executor, `INFO Executor: Finished task ${step - 1}.0 in stage ${step - 1}.0`);
    }
    if (fails) {
      this.log(app, pod, 'Traceback (most recent call last):');
      this.log(app, pod, '  File "/opt/spark/work-dir/train.py", line 42, in <module>');
      this.log(app, pod, 'ValueError: simulated failure');
    } else {
      this.log(app, pod, 'INFO SparkContext: Successfully stopped SparkContext');
    }
    return true;
  }

  private async runKubeflow(app: Obj): Promise<void> {
    const name = app.metadata.name;
    const podName = `${name}-driver`;
    const fails = (app.spec.arguments ?? []).includes(FAIL_ARGUMENT);
    const now = () => new Date().toISOString();
    const driverInfo = { podName, webUIServiceName: `${name}-ui-svc`, webUIPort: 4040, webUIAddress: `10.0.0.1:4040` };
    await this.sleep();
    const pod = this.driverPod(app, podName, { 'sparkoperator.k8s.io/app-name': name, 'sparkoperator.k8s.io/launched-by-spark-operator': 'true' });
    this.api.put('v1/pods', pod);
    this.api.put('v1/services', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `${name}-ui-svc`, namespace: app.metadata.namespace, ownerReferences: pod.metadata.ownerReferences },
      spec: { selector: { 'sparkoperator.k8s.io/app-name': name, 'spark-role': 'driver' }, ports: [{ name: 'spark-driver-ui-port', port: 4040, targetPort: 4040 }] },
    });
    if (!this.setStatus(KUBEFLOW, app, { applicationState: { state: 'SUBMITTED' }, driverInfo, submissionAttempts: 1, lastSubmissionAttemptTime: now() })) return;
    await this.sleep();
    if (!this.setPodPhase(pod, 'Running')) return;
    const executor = this.executorPod(app, `${name}-exec-1`, { 'sparkoperator.k8s.io/app-name': name });
    if (!this.setStatus(KUBEFLOW, app, { applicationState: { state: 'RUNNING' }, driverInfo, submissionAttempts: 1, lastSubmissionAttemptTime: now(), executorState: { [executor]: 'RUNNING' } })) return;
    if (!(await this.runDriver(app, podName, fails))) return;
    this.api.remove('v1/pods', app.metadata.namespace, executor); // Spark deletes executors when the driver ends
    const ending = fails ? 'FAILING' : 'SUCCEEDING';
    this.setPodPhase(pod, fails ? 'Failed' : 'Succeeded');
    this.api.endLog(app.metadata.namespace, podName);
    if (!this.setStatus(KUBEFLOW, app, { applicationState: { state: ending }, driverInfo, submissionAttempts: 1 })) return;
    await this.sleep();
    const end = fails ? { state: 'FAILED', errorMessage: 'driver container failed with ExitCode: 1, Reason: Error' } : { state: 'COMPLETED' };
    this.setStatus(KUBEFLOW, app, { applicationState: end, driverInfo, submissionAttempts: 1, terminationTime: now() });
  }

  private async runApache(app: Obj): Promise<void> {
    const name = app.metadata.name;
    const podName = `${name}-0-driver`;
    const fails = (app.spec.driverArgs ?? []).includes(FAIL_ARGUMENT);
    const history: Record<string, Obj> = {};
    const step = (summary: string, message = '') => {
      const entry = { currentStateSummary: summary, lastTransitionTime: new Date().toISOString(), message };
      history[String(Object.keys(history).length)] = entry;
      return this.setStatus(APACHE, app, { currentState: entry, stateTransitionHistory: { ...history } });
    };
    if (!step('Submitted', 'Spark application has been created on Kubernetes Cluster.')) return;
    await this.sleep();
    const pod = this.driverPod(app, podName, { 'spark.operator.spark-app-name': name, 'spark-app-name': name });
    this.api.put('v1/pods', pod);
    if (!step('DriverRequested', 'Requested driver from resource scheduler.')) return;
    await this.sleep();
    if (!this.setPodPhase(pod, 'Running')) return;
    if (!step('DriverStarted', 'Driver has started running.')) return;
    if (!step('DriverReady', 'Driver has reached ready state.')) return;
    if (!step('RunningHealthy', 'Application is running healthy.')) return;
    if (!(await this.runDriver(app, podName, fails))) return;
    this.setPodPhase(pod, fails ? 'Failed' : 'Succeeded');
    this.api.endLog(app.metadata.namespace, podName);
    if (!step(fails ? 'Failed' : 'Succeeded', fails ? 'Driver container exited with code 1.' : 'Spark application completed successfully.')) return;
    await this.sleep();
    // Resources are released by default: the driver pod goes away.
    this.api.remove('v1/pods', app.metadata.namespace, podName);
    step('ResourceReleased', 'Cluster resources used by the Spark application have been released.');
  }
}
