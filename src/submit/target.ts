// The one interface every submission target implements (IOMETE, kubeflow operator, Apache operator,
// local). No `vscode` here: cancellation is an AbortSignal, state and logs are async iterables, and
// secrets come from a TokenProvider the caller supplies (SecretStorage in the editor, an env var in
// the CLI).
import type { ResolvedJob } from './resolveJob';

export type TargetKind = 'iomete' | 'kubeflow' | 'apache' | 'local';

/** States shared by every target; the target's own word is kept in RunState.raw. */
export type RunPhase = 'SUBMITTED' | 'PENDING' | 'RUNNING' | 'SUCCEEDING' | 'FAILING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'UNKNOWN';

export const TERMINAL_PHASES: ReadonlySet<RunPhase> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export interface RunState {
  phase: RunPhase;
  /** The target's own state name (e.g. kubeflow `RUNNING`, Apache `RunningHealthy`, IOMETE `ENQUEUED`). */
  raw: string;
  terminal: boolean;
  message?: string;
}

/** Enough to find a run again (also after a reload): persisted by the Jobs view. */
export interface RunRef {
  target: TargetKind;
  /** Kubernetes object name, IOMETE job name, or local process tag. */
  name: string;
  namespace?: string;
  /** IOMETE job id and run id. */
  jobId?: string;
  runId?: string;
  submissionId: string;
}

export interface SubmitOptions {
  /** Same id on a retry of the same user action: the target will not start a second run. */
  submissionId: string;
  signal?: AbortSignal;
}

export interface SparkUiLink {
  url: string;
  /** Stops the port-forward (no-op when the UI is reached directly). */
  close(): Promise<void>;
}

/** Returns the API token; `renew` is true after the server rejected the previous one (ask again). */
export type TokenProvider = (renew: boolean) => Promise<string | undefined>;

export interface Target {
  readonly kind: TargetKind;
  /** The manifest or payload submit() would send, without contacting the cluster (for --dry-run and
   *  "Show Submission Manifest"); async only because a Kubernetes target reads the kubeconfig. */
  buildManifest(job: ResolvedJob, submission: { runName: string; submissionId: string }): Promise<unknown>;
  submit(job: ResolvedJob, options: SubmitOptions): Promise<RunRef>;
  /** Normalized states until a terminal one (then the iterable ends). */
  states(run: RunRef, signal?: AbortSignal): AsyncIterable<RunState>;
  /** Driver log lines, each once, while the run lives. */
  logs(run: RunRef, signal?: AbortSignal): AsyncIterable<string>;
  cancel(run: RunRef): Promise<void>;
  sparkUi(run: RunRef, signal?: AbortSignal): Promise<SparkUiLink | undefined>;
  /** Submits the same job again as a new run. */
  rerun(job: ResolvedJob, options: SubmitOptions): Promise<RunRef>;
}

export function state(phase: RunPhase, raw: string, message?: string): RunState {
  return message ? { phase, raw, terminal: TERMINAL_PHASES.has(phase), message } : { phase, raw, terminal: TERMINAL_PHASES.has(phase) };
}
