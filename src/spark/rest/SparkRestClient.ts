// Client of Spark's monitoring REST API (/api/v1) on a live driver UI or a History Server, direct or
// behind a proxy (YARN's /proxy/<app>/, Knox, an ingress prefix). Uses the global fetch (Node 20).
import { SparkRestError, summarizeErrorBody } from './errors';
import type { RestApplication, RestEnvironment, RestExecutor, RestJob, RestStage, RestTask, RestTaskMetricDistributions } from './restTypes';

export interface AppRef {
  appId: string;
  /** YARN cluster mode and History Servers with several attempts: `1`, `2`, ... */
  attemptId?: string;
}

export interface SparkRestClientOptions {
  /** Per-request time limit; default 30 s. */
  timeoutMs?: number;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export interface ParsedSparkUrl {
  /** The API root, ending in `/api/v1`. */
  apiBase: string;
  /** Set when the URL pointed into one application's UI (`/history/<app>/<attempt>/jobs/`). */
  app?: AppRef;
}

/** Accepts a UI URL, a History Server URL, a proxy URL or the API root itself. */
export function parseSparkUrl(input: string): ParsedSparkUrl {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error(`'${input}' is not a URL (expected http(s)://host:port[/proxy path]).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`'${input}' is not an http(s) URL.`);
  url.search = '';
  url.hash = '';
  let path = url.pathname;
  let app: AppRef | undefined;
  const api = path.indexOf('/api/v1');
  if (api >= 0) {
    const rest = path.slice(api + '/api/v1'.length).split('/').filter(Boolean);
    if (rest[0] === 'applications' && rest[1]) app = rest[2] && /^\d+$/.test(rest[2]) ? { appId: rest[1], attemptId: rest[2] } : { appId: rest[1] };
    path = path.slice(0, api);
  } else {
    const history = /^(.*?)\/history\/([^/]+)(?:\/(\d+))?(?:\/.*)?$/.exec(path);
    if (history) {
      app = history[3] ? { appId: history[2], attemptId: history[3] } : { appId: history[2] };
      path = history[1];
    } else {
      // A driver UI page such as /jobs/ or /proxy/<app>/stages/: the API sits at the UI root.
      path = path.replace(/\/(jobs|stages|storage|environment|executors|SQL)(\/.*)?$/, '');
    }
  }
  url.pathname = path.replace(/\/+$/, '') + '/api/v1';
  return app ? { apiBase: url.toString(), app } : { apiBase: url.toString() };
}

export class SparkRestClient {
  readonly apiBase: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly fetchImpl: typeof fetch;

  constructor(baseUrl: string, options: SparkRestClientOptions = {}) {
    this.apiBase = parseSparkUrl(baseUrl).apiBase;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.headers = { accept: 'application/json', ...(options.headers ?? {}) };
    this.fetchImpl = options.fetch ?? fetch;
  }

  applications(query: { status?: 'completed' | 'running'; minDate?: string; maxDate?: string; minEndDate?: string; maxEndDate?: string; limit?: number } = {}, signal?: AbortSignal): Promise<RestApplication[]> {
    return this.get('applications', query, signal);
  }

  application(appId: string, signal?: AbortSignal): Promise<RestApplication> {
    return this.get(`applications/${enc(appId)}`, {}, signal);
  }

  jobs(app: AppRef, query: { status?: string[] } = {}, signal?: AbortSignal): Promise<RestJob[]> {
    return this.get(`${appPath(app)}/jobs`, query, signal);
  }

  job(app: AppRef, jobId: number, signal?: AbortSignal): Promise<RestJob> {
    return this.get(`${appPath(app)}/jobs/${jobId}`, {}, signal);
  }

  /** All stage attempts. `details: false` keeps the answer small; `withSummaries` adds task metric quantiles (Spark >= 3.4). */
  stages(app: AppRef, query: { status?: string[]; details?: boolean; withSummaries?: boolean; quantiles?: number[] } = {}, signal?: AbortSignal): Promise<RestStage[]> {
    return this.get(`${appPath(app)}/stages`, { ...query, quantiles: query.quantiles?.join(',') }, signal);
  }

  /** Every attempt of one stage. */
  stage(app: AppRef, stageId: number, query: { details?: boolean; withSummaries?: boolean; taskStatus?: string } = {}, signal?: AbortSignal): Promise<RestStage[]> {
    return this.get(`${appPath(app)}/stages/${stageId}`, query, signal);
  }

  stageAttempt(app: AppRef, stageId: number, attemptId: number, query: { details?: boolean; withSummaries?: boolean; taskStatus?: string } = {}, signal?: AbortSignal): Promise<RestStage> {
    return this.get(`${appPath(app)}/stages/${stageId}/${attemptId}`, query, signal);
  }

  taskSummary(app: AppRef, stageId: number, attemptId: number, quantiles?: number[], signal?: AbortSignal): Promise<RestTaskMetricDistributions> {
    return this.get(`${appPath(app)}/stages/${stageId}/${attemptId}/taskSummary`, { quantiles: quantiles?.join(',') }, signal);
  }

  taskList(app: AppRef, stageId: number, attemptId: number, query: { offset?: number; length?: number; sortBy?: string; status?: string } = {}, signal?: AbortSignal): Promise<RestTask[]> {
    return this.get(`${appPath(app)}/stages/${stageId}/${attemptId}/taskList`, query, signal);
  }

  /** Active executors only. */
  executors(app: AppRef, signal?: AbortSignal): Promise<RestExecutor[]> {
    return this.get(`${appPath(app)}/executors`, {}, signal);
  }

  /** Active and dead executors. */
  allExecutors(app: AppRef, signal?: AbortSignal): Promise<RestExecutor[]> {
    return this.get(`${appPath(app)}/allexecutors`, {}, signal);
  }

  environment(app: AppRef, signal?: AbortSignal): Promise<RestEnvironment> {
    return this.get(`${appPath(app)}/environment`, {}, signal);
  }

  /** GET `<apiBase>/<path>` with query parameters (arrays repeat the key), parsed as JSON. */
  async get<T>(path: string, query: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    const url = new URL(`${this.apiBase}/${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    const href = url.toString();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.fetchImpl(href, { headers: this.headers, signal: combined, redirect: 'follow' });
    } catch (error) {
      throw this.fetchError(error, href, signal, timeout);
    }
    let body: string;
    try {
      body = await response.text();
    } catch (error) {
      throw this.fetchError(error, href, signal, timeout);
    }
    if (!response.ok) throw httpError(response.status, response.statusText, body, href);
    try {
      return JSON.parse(body) as T;
    } catch {
      const summary = summarizeErrorBody(body);
      throw new SparkRestError('badResponse', `${href} did not answer JSON${summary ? `: "${summary}"` : ''} (a login page or a proxy in the way?).`, href, response.status, summary);
    }
  }

  private fetchError(error: unknown, href: string, signal: AbortSignal | undefined, timeout: AbortSignal): SparkRestError {
    if (signal?.aborted) return new SparkRestError('aborted', `Request to ${href} was cancelled.`, href);
    if (timeout.aborted) return new SparkRestError('timeout', `${href} did not answer within ${this.timeoutMs / 1000} s.`, href);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (error as Error).message;
    return new SparkRestError('network', `Cannot reach ${href} (${detail}). Is the Spark UI or History Server running, and the port forwarded?`, href);
  }
}

function enc(part: string): string {
  return encodeURIComponent(part);
}

function appPath(app: AppRef): string {
  return app.attemptId ? `applications/${enc(app.appId)}/${enc(app.attemptId)}` : `applications/${enc(app.appId)}`;
}

function httpError(status: number, statusText: string, body: string, href: string): SparkRestError {
  const summary = summarizeErrorBody(body);
  const said = summary ? `: ${summary}` : '';
  if (status === 404) return new SparkRestError('notFound', `Not found (404) at ${href}${said}. Check the application id and attempt, or the proxy path.`, href, status, summary);
  if (status === 502 || status === 503 || status === 504) {
    return new SparkRestError('unavailable', `Spark is unavailable (${status}) at ${href}${said}. The application may be starting or finished; retry later.`, href, status, summary);
  }
  return new SparkRestError('http', `HTTP ${status}${statusText ? ' ' + statusText : ''} from ${href}${said}.`, href, status, summary);
}
