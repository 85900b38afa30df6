// A local History Server stand-in: answers each spark-rest expectation (written by a real History
// Server) at its URL under /api/v1, optionally behind a proxy prefix. Unknown URLs get Spark's
// plain-text 404. Listens on 127.0.0.1, a free port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { restDir, restEndpoints } from './sparkFixtures';

export interface FixtureServer {
  /** e.g. http://127.0.0.1:PORT (add the prefix for proxied URLs). */
  origin: string;
  /** Every request path+query seen, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Request key: decoded path below /api/v1/ plus decoded query pairs, sorted by name (order carries no meaning). */
export function requestKey(pathAndQuery: string): string {
  const [path, query = ''] = pathAndQuery.split('?', 2);
  const pairs = [...new URLSearchParams(query)]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`);
  return decodeURIComponent(path) + (pairs.length ? '?' + pairs.join('&') : '');
}

export interface FixtureServerOptions {
  /** Proxy prefix before /api/v1, e.g. `/proxy/application_1_2`. */
  prefix?: string;
  /** Extra routes: request key -> expectation file (documented aliases for calls the expectations do not cover). */
  aliases?: Record<string, string>;
  /** Answers for special paths (below the prefix), e.g. a 503 page. */
  special?: Record<string, { status: number; contentType: string; body: string }>;
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const routes = new Map<string, string>();
  for (const endpoint of restEndpoints()) routes.set(requestKey(endpoint.path), endpoint.file);
  for (const [key, file] of Object.entries(options.aliases ?? {})) routes.set(requestKey(key), file);
  const prefix = options.prefix ?? '';
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    requests.push(url);
    if (!url.startsWith(prefix + '/')) return plain(response, 404, `Not found: ${url}`);
    const below = url.slice(prefix.length);
    const special = options.special?.[below.split('?')[0]];
    if (special) {
      response.writeHead(special.status, { 'content-type': special.contentType });
      response.end(special.body);
      return;
    }
    if (!below.startsWith('/api/v1/')) return plain(response, 404, `Not found: ${url}`);
    const file = routes.get(requestKey(below.slice('/api/v1/'.length)));
    // Spark's own answer for an unknown application or resource is a one-line text/plain 404.
    if (!file) return plain(response, 404, `unknown resource: ${below.slice('/api/v1/'.length)}`);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(readFileSync(join(restDir, file)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function plain(response: import('node:http').ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain' });
  response.end(text);
}
