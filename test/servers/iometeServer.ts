// A local IOMETE Spark Job API (…/api/v2/domains/{domain}/sdk/spark/jobs) following the documented
// behaviour: X-API-TOKEN auth (401 when missing or wrong), JSON errors with errorCode, jobs created
// or updated by name, runs whose driverStatus walks ENQUEUED -> SUBMITTED -> RUNNING -> SUCCEEDING ->
// COMPLETED (or FAILING -> FAILED, or ABORTING -> ABORTED on cancel), and logs served by time range
// (so a poller sees overlapping windows). Listens on 127.0.0.1 only.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const IOMETE_FAIL_ARGUMENT = '--simulate-failure';

interface Run {
  id: string;
  jobId: string;
  driverStatus: string;
  createdAt: string;
  startTime?: string;
  endTime?: string;
  sparkUI?: string;
  sparkHistoryUrl?: string;
  logs: { at: number; line: string }[];
  timer?: NodeJS.Timeout;
}

export interface IometeFault {
  method: string;
  path: RegExp;
  status: number;
  afterCommit?: boolean;
}

export class IometeServer {
  readonly jobs = new Map<string, Obj>();
  readonly runs = new Map<string, Run>();
  readonly requests: { method: string; path: string; token?: string }[] = [];
  private faults: IometeFault[] = [];
  private server: Server;
  url = '';

  constructor(
    public token: string,
    readonly domain: string,
    private readonly stepMs = 60,
    /** Log lines older than this are outside every range (a log window, like the real retention). */
    private readonly windowMs = 400,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  get base(): string {
    return `/api/v2/domains/${this.domain}/sdk/spark/jobs`;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const run of this.runs.values()) clearTimeout(run.timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  injectFault(fault: IometeFault): void {
    this.faults.push(fault);
  }

  allLogLines(runId: string): string[] {
    return this.runs.get(runId)?.logs.map((entry) => entry.line) ?? [];
  }

  private send(res: ServerResponse, code: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
  }

  private error(res: ServerResponse, code: number, errorCode: string, message: string): void {
    this.send(res, code, { errorCode, message, status: code });
  }

  private async body(req: IncomingMessage): Promise<Obj> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Obj) : {};
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const token = req.headers['x-api-token'] as string | undefined;
    this.requests.push({ method, path: url.pathname + url.search, token });
    if (!token || token !== this.token) return this.error(res, 401, 'UNAUTHORIZED', 'Invalid or missing API token');
    if (!url.pathname.startsWith(this.base)) return this.error(res, 404, 'NOT_FOUND', `No domain "${url.pathname.split('/')[4]}" or resource ${url.pathname}`);
    const rest = url.pathname.slice(this.base.length) || '/';
    const faultIndex = this.faults.findIndex((f) => f.method === method && f.path.test(rest));
    const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0] : undefined;
    if (fault && !fault.afterCommit) return this.error(res, fault.status, 'INTERNAL_ERROR', 'injected fault');
    const answer = (code: number, body: unknown) => (fault ? this.error(res, fault.status, 'INTERNAL_ERROR', 'injected fault after commit') : this.send(res, code, body));
    try {
      await this.route(method, rest, url, req, res, answer);
    } catch (error) {
      if (!res.headersSent) this.error(res, 400, 'BAD_REQUEST', (error as Error).message);
    }
  }

  private async route(method: string, rest: string, url: URL, req: IncomingMessage, res: ServerResponse, answer: (code: number, body: unknown) => void): Promise<void> {
    let match: RegExpExecArray | null;
    if ((match = /^\/name\/([^/]+)$/.exec(rest)) && method === 'GET') {
      const job = [...this.jobs.values()].find((j) => j.name === decodeURIComponent(match![1]));
      return job ? answer(200, job) : this.error(res, 404, 'NOT_FOUND', `Spark job with name "${decodeURIComponent(match[1])}" not found`);
    }
    if (rest === '/' && method === 'POST') {
      const payload = await this.body(req);
      const invalid = this.validate(payload);
      if (invalid) return this.error(res, 400, 'VALIDATION_ERROR', invalid);
      if ([...this.jobs.values()].some((j) => j.name === payload.name)) return this.error(res, 409, 'ALREADY_EXISTS', `Spark job "${payload.name}" already exists`);
      const job = { ...payload, id: randomUUID(), createdAt: new Date().toISOString() };
      this.jobs.set(job.id, job);
      return answer(200, job);
    }
    if ((match = /^\/([^/]+)$/.exec(rest))) {
      const job = this.jobs.get(match[1]);
      if (!job) return this.error(res, 404, 'NOT_FOUND', `Spark job ${match[1]} not found`);
      if (method === 'GET') return answer(200, job);
      if (method === 'PUT') {
        const payload = await this.body(req);
        const invalid = this.validate(payload);
        if (invalid) return this.error(res, 400, 'VALIDATION_ERROR', invalid);
        const updated = { ...job, ...payload, id: job.id, updatedAt: new Date().toISOString() };
        this.jobs.set(job.id, updated);
        return answer(200, updated);
      }
    }
    if ((match = /^\/([^/]+)\/runs$/.exec(rest))) {
      const job = this.jobs.get(match[1]);
      if (!job) return this.error(res, 404, 'NOT_FOUND', `Spark job ${match[1]} not found`);
      if (method === 'GET') return answer(200, [...this.runs.values()].filter((r) => r.jobId === job.id).map((r) => this.view(r)));
      if (method === 'POST') return answer(200, this.view(this.startRun(job)));
    }
    if ((match = /^\/([^/]+)\/runs\/([^/]+)(\/logs)?$/.exec(rest))) {
      const run = this.runs.get(match[2]);
      if (!run || run.jobId !== match[1]) return this.error(res, 404, 'NOT_FOUND', `Run ${match[2]} not found`);
      if (match[3] && method === 'GET') {
        const range = url.searchParams.get('range') ?? '';
        if (!/^\d+[smhd]$/.test(range)) return this.error(res, 400, 'VALIDATION_ERROR', `range must look like 5m, 1h or 1d (got "${range}")`);
        // Only the recent window is served, like a log backend with limited retention per query.
        const since = Date.now() - this.windowMs;
        return answer(200, { logs: run.logs.filter((entry) => entry.at >= since).map((entry) => entry.line) });
      }
      if (method === 'GET') return answer(200, this.view(run));
      if (method === 'DELETE') {
        if (['COMPLETED', 'FAILED', 'ABORTED', 'SUBMISSION_FAILED'].includes(run.driverStatus)) return this.error(res, 400, 'INVALID_STATE', `Run ${run.id} already finished`);
        clearTimeout(run.timer);
        run.driverStatus = 'ABORTING';
        run.timer = setTimeout(() => {
          run.driverStatus = 'ABORTED';
          run.endTime = new Date().toISOString();
        }, this.stepMs);
        return answer(200, this.view(run));
      }
    }
    this.error(res, 404, 'NOT_FOUND', `No route ${method} ${rest}`);
  }

  private validate(payload: Obj): string | undefined {
    if (typeof payload.name !== 'string' || !payload.name) return 'name is required';
    if (typeof payload.template?.mainApplicationFile !== 'string') return 'template.mainApplicationFile is required';
    return undefined;
  }

  private view(run: Run): Obj {
    const { logs: _logs, timer: _timer, ...rest } = run;
    return rest;
  }

  private startRun(job: Obj): Run {
    const run: Run = { id: randomUUID(), jobId: job.id, driverStatus: 'ENQUEUED', createdAt: new Date().toISOString(), logs: [] };
    this.runs.set(run.id, run);
    const fails = (job.template.arguments ?? []).includes(IOMETE_FAIL_ARGUMENT);
    const log = (line: string) => run.logs.push({ at: Date.now(), line: `${new Date().toISOString()} ${line}` });
    const steps: (() => void)[] = [
      () => (run.driverStatus = 'SUBMITTED'),
      () => {
        run.driverStatus = 'RUNNING';
        run.startTime = new Date().toISOString();
        run.sparkUI = `${this.url}/spark-ui/${run.id}/`;
        log('INFO SparkContext: Running Spark version 3.5.3');
      },
      ...Array.from({ length: 8 }, (_, i) => () => log(`INFO train: epoch ${i + 1} loss=${(1 / (i + 1)).toFixed(4)}`)),
      () => {
        run.driverStatus = fails ? 'FAILING' : 'SUCCEEDING';
        log(fails ? 'ValueError: simulated failure' : 'INFO SparkContext: Successfully stopped SparkContext');
      },
      () => {
        run.driverStatus = fails ? 'FAILED' : 'COMPLETED';
        run.endTime = new Date().toISOString();
        delete run.sparkUI;
        run.sparkHistoryUrl = `${this.url}/history/${run.id}/`;
      },
    ];
    const next = (index: number) => {
      if (index >= steps.length) return;
      run.timer = setTimeout(() => {
        steps[index]();
        next(index + 1);
      }, this.stepMs);
    };
    next(0);
    return run;
  }
}
