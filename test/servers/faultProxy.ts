// An HTTP proxy on 127.0.0.1 in front of a real server (Ceph RGW) that injects the faults S3
// clients meet in the wild: 503 SlowDown answers and connections reset in the middle of a request
// body. Requests are forwarded byte for byte (Host header included, so SigV4 signatures hold).
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RequestMatcher = (method: string, url: URL) => boolean;

interface Rule {
  kind: 'slowdown' | 'reset';
  match: RequestMatcher;
  remaining: number;
  /** For 'reset': bytes of the request body to let through before cutting the connection. */
  afterBytes?: number;
}

export const isUploadPart: RequestMatcher = (method, url) => method === 'PUT' && url.searchParams.has('partNumber') && url.searchParams.has('uploadId');

export class FaultProxy {
  readonly log: { method: string; path: string; fault?: string }[] = [];
  private rules: Rule[] = [];
  private server: Server;
  url = '';

  constructor(private readonly upstream: string) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  slowDown(times: number, match: RequestMatcher): void {
    this.rules.push({ kind: 'slowdown', match, remaining: times });
  }

  resetMidBody(times: number, match: RequestMatcher, afterBytes: number): void {
    this.rules.push({ kind: 'reset', match, remaining: times, afterBytes });
  }

  clear(): void {
    this.rules = [];
  }

  faultsInjected(kind: 'slowdown' | 'reset'): number {
    return this.log.filter((entry) => entry.fault === kind).length;
  }

  private take(method: string, url: URL): Rule | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && r.match(method, url));
    if (rule) rule.remaining -= 1;
    return rule;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const method = req.method ?? 'GET';
    const rule = this.take(method, url);
    this.log.push({ method, path: url.pathname + url.search, fault: rule?.kind });
    if (rule?.kind === 'slowdown') {
      req.resume();
      req.on('end', () => {
        const body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>fault-proxy</RequestId></Error>';
        res.writeHead(503, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body);
      });
      return;
    }
    const forward = request(this.upstream + (req.url ?? '/'), { method, headers: req.headers }, (upstream) => {
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
    });
    forward.on('error', () => res.destroy());
    if (rule?.kind === 'reset') {
      let seen = 0;
      req.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen >= (rule.afterBytes ?? 0)) {
          forward.destroy();
          req.socket.destroy(); // the client sees ECONNRESET / socket hang up mid-body
        } else {
          forward.write(chunk);
        }
      });
      return;
    }
    req.pipe(forward);
  }
}
