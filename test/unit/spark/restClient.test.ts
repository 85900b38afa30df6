// REST client behaviour on what real deployments answer besides JSON: Spark's plain-text 404,
// a 503 while a History Server loads, a proxy's HTML login page, silence, refusal, cancellation.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SparkRestError } from '../../../src/spark/rest/errors';
import { parseSparkUrl, SparkRestClient } from '../../../src/spark/rest/SparkRestClient';

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type });
  response.end(body);
}

describe('SparkRestClient errors', () => {
  let server: Server;
  let origin: string;
  const sockets = new Set<Socket>();

  before(async () => {
    server = createServer((request, response) => {
      const path = request.url ?? '';
      if (path === '/api/v1/applications') return send(response, 503, 'text/plain', 'History Server is still loading event logs\n');
      if (path === '/api/v1/applications/nope') return send(response, 404, 'text/plain', 'unknown app: nope');
      if (path === '/api/v1/applications/html/jobs') return send(response, 200, 'text/html', '<html><head><title>Sign in</title></head><body><h1>Please sign in</h1></body></html>');
      if (path === '/api/v1/applications/boom/jobs') return send(response, 500, 'text/plain', 'java.lang.NullPointerException\n\tat org.apache.spark...');
      if (path === '/api/v1/applications/slow/jobs') return; // never answers; the socket is destroyed in after()
      return send(response, 404, 'text/plain', `unknown resource ${path}`);
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function failure(promise: Promise<unknown>): Promise<SparkRestError> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof SparkRestError, `a SparkRestError, got ${String(error)}`);
      return error;
    }
    assert.fail('expected a failure');
  }

  it('turns a 503 into a retryable "unavailable" error that quotes the server', async () => {
    const error = await failure(new SparkRestClient(origin).applications());
    assert.equal(error.kind, 'unavailable');
    assert.equal(error.status, 503);
    assert.equal(error.retryable, true);
    assert.equal(error.serverMessage, 'History Server is still loading event logs');
    assert.match(error.message, /503.*still loading/);
  });

  it("turns Spark's plain-text 404 into a not-found error", async () => {
    const error = await failure(new SparkRestClient(origin).application('nope'));
    assert.equal(error.kind, 'notFound');
    assert.equal(error.serverMessage, 'unknown app: nope');
    assert.equal(error.retryable, false);
  });

  it('says when a proxy answers HTML instead of JSON', async () => {
    const error = await failure(new SparkRestClient(origin).jobs({ appId: 'html' }));
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /did not answer JSON: "Sign in"/);
  });

  it('reports other HTTP errors with their first line', async () => {
    const error = await failure(new SparkRestClient(origin).jobs({ appId: 'boom' }));
    assert.equal(error.kind, 'http');
    assert.equal(error.serverMessage, 'java.lang.NullPointerException');
  });

  it('gives up on a server that does not answer', async () => {
    const error = await failure(new SparkRestClient(origin, { timeoutMs: 200 }).jobs({ appId: 'slow' }));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.retryable, true);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const pending = new SparkRestClient(origin).jobs({ appId: 'slow' }, {}, controller.signal);
    controller.abort();
    assert.equal((await failure(pending)).kind, 'aborted');
  });

  it('explains a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(new SparkRestClient(`http://127.0.0.1:${port}`).applications());
    assert.equal(error.kind, 'network');
    assert.match(error.message, /ECONNREFUSED/);
  });
});

describe('parseSparkUrl', () => {
  it('finds /api/v1 below a driver UI, a proxy, a History Server page or the API itself', () => {
    assert.deepEqual(parseSparkUrl('http://localhost:4040'), { apiBase: 'http://localhost:4040/api/v1' });
    assert.deepEqual(parseSparkUrl('http://localhost:4040/jobs/?id=1'), { apiBase: 'http://localhost:4040/api/v1' });
    assert.deepEqual(parseSparkUrl('https://rm:8088/proxy/application_1_0002/stages/'), { apiBase: 'https://rm:8088/proxy/application_1_0002/api/v1' });
    assert.deepEqual(parseSparkUrl('http://shs:18080/history/application_1_0002/1/jobs/'), { apiBase: 'http://shs:18080/api/v1', app: { appId: 'application_1_0002', attemptId: '1' } });
    assert.deepEqual(parseSparkUrl('http://gw/gateway/sparkhistory/api/v1/applications/app-1'), { apiBase: 'http://gw/gateway/sparkhistory/api/v1', app: { appId: 'app-1' } });
    assert.deepEqual(parseSparkUrl('http://shs:18080/api/v1/applications/app-1/2/jobs'), { apiBase: 'http://shs:18080/api/v1', app: { appId: 'app-1', attemptId: '2' } });
  });

  it('rejects what is not an http(s) URL', () => {
    assert.throws(() => parseSparkUrl('ftp://x'), /not an http/);
    assert.throws(() => parseSparkUrl('not a url'), /not a URL/);
  });
});
