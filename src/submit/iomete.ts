// Target: IOMETE Spark Job API. The job is created or updated by name, then each submission is a
// run of it; the run is polled (driverStatus), logs are polled by range and de-duplicated. The API
// token comes from a TokenProvider; a 401 asks it once more for a new token.
import type { IometeTargetConfig } from './jobSpec';
import { buildIometePayload, type IometeJobPayload } from './iometePayload';
import { sleep } from './kubeErrors';
import { LogWindowDedup } from './logWindowDedup';
import type { ResolvedJob } from './resolveJob';
import type { RunPhase, RunRef, RunState, SparkUiLink, SubmitOptions, Target, TokenProvider } from './target';
import { state } from './target';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PHASES: Record<string, RunPhase> = {
  ENQUEUED: 'PENDING',
  SUBMITTED: 'SUBMITTED',
  SUBMISSION_FAILED: 'FAILED',
  RUNNING: 'RUNNING',
  PENDING_RERUN: 'PENDING',
  SUCCEEDING: 'SUCCEEDING',
  COMPLETED: 'COMPLETED',
  FAILING: 'FAILING',
  FAILED: 'FAILED',
  INVALIDATING: 'PENDING',
  ABORTING: 'FAILING',
  ABORTED: 'CANCELLED',
  UNKNOWN: 'UNKNOWN',
};

export function iometeState(driverStatus: string | undefined, message?: string): RunState {
  const raw = driverStatus ?? 'UNKNOWN';
  return state(PHASES[raw] ?? 'UNKNOWN', raw, message);
}

export class IometeApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly errorCode?: string,
  ) {
    super(message);
    this.name = 'IometeApiError';
  }
}

export interface IometeTargetOptions {
  tokens: TokenProvider;
  /** Log range asked on each poll; must be wider than the poll interval. */
  logRange?: string;
  retries?: number;
}

export class IometeTarget implements Target {
  readonly kind = 'iomete' as const;
  private token?: string;

  constructor(
    private readonly config: IometeTargetConfig,
    private readonly options: IometeTargetOptions,
  ) {}

  private get base(): string {
    return `${this.config.host.replace(/\/+$/, '')}/api/v2/domains/${encodeURIComponent(this.config.domain)}/sdk/spark/jobs`;
  }

  private get pollMs(): number {
    return this.config.pollIntervalMs ?? 2000;
  }

  async buildManifest(job: ResolvedJob): Promise<IometeJobPayload> {
    return buildIometePayload(job);
  }

  /** One API call: JSON in and out, token header, one renewal on 401, bounded retries on 5xx/network for safe requests. */
  private async call(method: string, path: string, body?: unknown, options: { signal?: AbortSignal; retry?: boolean } = {}): Promise<Obj> {
    const retries = options.retry === false ? 0 : (this.options.retries ?? 3);
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      this.token ??= await this.options.tokens(false);
      if (!this.token) throw new IometeApiError('no IOMETE API token: set one with "Spark ML: Set IOMETE Token" or the SPARKML_IOMETE_TOKEN environment variable');
      let response: Response;
      try {
        response = await fetch(this.base + path, {
          method,
          headers: { 'X-API-TOKEN': this.token, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          body: body !== undefined ? JSON.stringify(body) : undefined,
          signal: options.signal,
        });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        if (attempt >= retries) throw new IometeApiError(`cannot reach IOMETE at ${this.config.host}: ${(error as Error).message}`);
        await sleep(200 * 2 ** attempt, options.signal);
        continue;
      }
      const text = await response.text();
      let json: Obj = {};
      try {
        json = text ? (JSON.parse(text) as Obj) : {};
      } catch {
        json = { message: text.slice(0, 200) };
      }
      if (response.ok) return json;
      if (response.status === 401) {
        if (renewed) throw new IometeApiError('IOMETE rejected the API token (401) twice; set a new one with "Spark ML: Set IOMETE Token"', 401, json.errorCode);
        renewed = true;
        this.token = await this.options.tokens(true);
        if (!this.token) throw new IometeApiError('IOMETE rejected the API token (401); set a new one with "Spark ML: Set IOMETE Token" or SPARKML_IOMETE_TOKEN', 401, json.errorCode);
        continue;
      }
      if (response.status >= 500 && attempt < retries) {
        await sleep(200 * 2 ** attempt, options.signal);
        continue;
      }
      throw new IometeApiError(`IOMETE ${method} ${path}: ${response.status} ${json.errorCode ?? ''} ${json.message ?? ''}`.trim(), response.status, json.errorCode);
    }
  }

  /** Create the job by name, or update it when it exists. */
  private async upsertJob(payload: IometeJobPayload, signal?: AbortSignal): Promise<Obj> {
    let existing: Obj | undefined;
    try {
      existing = await this.call('GET', `/name/${encodeURIComponent(payload.name)}`, undefined, { signal });
    } catch (error) {
      if (!(error instanceof IometeApiError) || error.status !== 404) throw error;
    }
    if (existing) return this.call('PUT', `/${existing.id}`, payload, { signal });
    try {
      return await this.call('POST', '/', payload, { signal });
    } catch (error) {
      // Created by an attempt whose answer was lost, or by someone else meanwhile: update it.
      if (error instanceof IometeApiError && (error.status === 409 || (error.status ?? 500) >= 500)) {
        const found = await this.call('GET', `/name/${encodeURIComponent(payload.name)}`, undefined, { signal });
        return this.call('PUT', `/${found.id}`, payload, { signal });
      }
      throw error;
    }
  }

  async submit(job: ResolvedJob, options: SubmitOptions): Promise<RunRef> {
    const payload = buildIometePayload(job);
    const saved = await this.upsertJob(payload, options.signal);
    const jobId = String(saved.id);
    // Starting a run is not idempotent: never blindly retry it. After a failed attempt, a run that
    // did not exist before is ours (its answer was lost).
    const before = new Set(((await this.call('GET', `/${jobId}/runs`, undefined, { signal: options.signal })) as unknown as Obj[]).map((run) => String(run.id)));
    const attempts = (this.options.retries ?? 3) + 1;
    for (let attempt = 1; ; attempt++) {
      try {
        const run = await this.call('POST', `/${jobId}/runs`, {}, { signal: options.signal, retry: false });
        return { target: 'iomete', name: payload.name, jobId, runId: String(run.id), submissionId: options.submissionId };
      } catch (error) {
        if (!(error instanceof IometeApiError) || (error.status !== undefined && error.status < 500) || attempt >= attempts) throw error;
      }
      await sleep(200 * 2 ** (attempt - 1), options.signal);
      const runs = (await this.call('GET', `/${jobId}/runs`, undefined, { signal: options.signal })) as unknown as Obj[];
      const ours = runs.filter((run) => !before.has(String(run.id)));
      if (ours.length) return { target: 'iomete', name: payload.name, jobId, runId: String(ours[0].id), submissionId: options.submissionId };
    }
  }

  private getRun(run: RunRef, signal?: AbortSignal): Promise<Obj> {
    return this.call('GET', `/${run.jobId}/runs/${run.runId}`, undefined, { signal });
  }

  async *states(run: RunRef, signal?: AbortSignal): AsyncGenerator<RunState> {
    let last = '';
    while (!signal?.aborted) {
      const current = await this.getRun(run, signal);
      const next = iometeState(current.driverStatus, current.errorMessage ?? current.message);
      if (next.raw !== last) {
        last = next.raw;
        yield next;
      }
      if (next.terminal) return;
      await sleep(this.pollMs, signal).catch(() => undefined);
    }
  }

  async *logs(run: RunRef, signal?: AbortSignal): AsyncGenerator<string> {
    const dedup = new LogWindowDedup();
    const range = this.options.logRange ?? '5m';
    for (;;) {
      // Read the state before the logs: once terminal, this poll is the last one.
      const finished = iometeState((await this.getRun(run, signal)).driverStatus).terminal;
      const window = await this.call('GET', `/${run.jobId}/runs/${run.runId}/logs?range=${encodeURIComponent(range)}`, undefined, { signal });
      const lines: string[] = Array.isArray(window.logs) ? window.logs : String(window.logs ?? '').split('\n').filter(Boolean);
      for (const line of dedup.next(lines)) yield line;
      if (finished || signal?.aborted) return;
      await sleep(this.pollMs, signal).catch(() => undefined);
    }
  }

  async cancel(run: RunRef): Promise<void> {
    try {
      await this.call('DELETE', `/${run.jobId}/runs/${run.runId}`, undefined, { retry: false });
    } catch (error) {
      if (error instanceof IometeApiError && (error.status === 404 || error.errorCode === 'INVALID_STATE')) return; // already over
      throw error;
    }
  }

  async sparkUi(run: RunRef, signal?: AbortSignal): Promise<SparkUiLink | undefined> {
    const current = await this.getRun(run, signal);
    const url: string | undefined = current.sparkUI ?? current.sparkHistoryUrl;
    return url ? { url, close: async () => undefined } : undefined;
  }

  rerun(job: ResolvedJob, options: SubmitOptions): Promise<RunRef> {
    return this.submit(job, options);
  }
}

export function createIometeTarget(config: IometeTargetConfig, options: IometeTargetOptions): IometeTarget {
  return new IometeTarget(config, options);
}

/** Token from the environment, for the CLI. Renewal cannot ask anyone, so it fails clearly. */
export function envTokenProvider(env: NodeJS.ProcessEnv = process.env, name = 'SPARKML_IOMETE_TOKEN'): TokenProvider {
  return async (renew) => (renew ? undefined : env[name] || undefined);
}
