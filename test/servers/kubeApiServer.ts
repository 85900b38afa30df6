// A local Kubernetes API server implementing the subset the submit targets use: discovery, CRDs,
// namespaced custom objects with /status, list/watch with resourceVersion (and 410 Expired after a
// compaction), merge-patch, pods, services, pod logs with follow, and port-forward over WebSocket
// (v4.channel.k8s.io framing). Errors are Kubernetes Status objects (401, 404, 409, 422 with
// causes). SparkApplications are validated against the real CRDs' openAPIV3Schema.
//
// Listens on 127.0.0.1 only. Faults can be injected (a 500 before or after a write commits, watches
// dropped, history compacted, tunnels dropped) so the client's retry paths can be tested.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { crdErrors, type CrdVersion } from './crdSchemas';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  /** Apply the request first, then answer with the error (a timeout after commit). */
  afterCommit?: boolean;
  times?: number;
}

interface WatchEvent {
  rv: number;
  collection: string;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: Obj;
}

interface Watcher {
  collection: string;
  namespace: string;
  matches: (object: Obj) => boolean;
  res: ServerResponse;
}

export interface KubeApiServerOptions {
  token: string;
  crds: CrdVersion[];
  /** Where a pod's container port is really served (for port-forward); undefined = refused. */
  podPort?: (namespace: string, pod: string, port: number) => number | undefined;
  /** Serve HTTPS with this key and certificate (else plain HTTP). */
  tls?: { key: string; cert: string };
}

export interface RequestRecord {
  method: string;
  path: string;
}

const CORE_KINDS: Record<string, string> = { pods: 'Pod', services: 'Service' };

export function statusBody(code: number, reason: string, message: string, details?: Obj): Obj {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: Obj = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Obj) } : {};
  for (const [key, value] of Object.entries(patch as Obj)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function labelMatcher(selector: string | null): (object: Obj) => boolean {
  if (!selector) return () => true;
  const pairs = selector.split(',').map((part) => part.split('='));
  return (object) => pairs.every(([key, value]) => object.metadata?.labels?.[key] === value);
}

function fieldMatcher(selector: string | null): (object: Obj) => boolean {
  if (!selector) return () => true;
  const pairs = selector.split(',').map((part) => part.split('='));
  return (object) =>
    pairs.every(([key, value]) => (key === 'metadata.name' ? object.metadata?.name === value : key === 'metadata.namespace' ? object.metadata?.namespace === value : false));
}

export class KubeApiServer {
  readonly requests: RequestRecord[] = [];
  readonly events = new EventEmitter();
  private server: Server;
  private wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false) });
  private objects = new Map<string, Map<string, Obj>>(); // collection -> "ns/name" -> object
  private history: WatchEvent[] = [];
  private watchers = new Set<Watcher>();
  private tunnels = new Set<WebSocket>();
  private logFollowers = new Set<ServerResponse>();
  private logs = new Map<string, string[]>(); // "ns/pod" -> lines
  private faults: Fault[] = [];
  private rv = 100;
  private compactedBelow = 0;
  url = '';

  constructor(private readonly options: KubeApiServerOptions) {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createServer(handler);
    this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket as Socket, head));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const watcher of this.watchers) watcher.res.destroy();
    for (const tunnel of this.tunnels) tunnel.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- fault injection -------------------------------------------------------------------------

  injectFault(fault: Fault): void {
    this.faults.push({ times: 1, ...fault });
  }

  /** Closes every open watch connection (as a load balancer or an API server restart would). */
  dropWatches(): number {
    const count = this.watchers.size;
    for (const watcher of this.watchers) watcher.res.destroy();
    this.watchers.clear();
    return count;
  }

  /** Forgets the event history: a watch from any earlier resourceVersion gets 410 Expired. */
  compactHistory(): void {
    this.compactedBelow = this.rv + 1;
    this.history = [];
  }

  /** Cuts every open `log?follow=true` stream while the pods keep running. */
  dropLogStreams(): number {
    const count = this.logFollowers.size;
    for (const res of this.logFollowers) res.destroy();
    this.logFollowers.clear();
    return count;
  }

  dropTunnels(): number {
    const count = this.tunnels.size;
    for (const tunnel of this.tunnels) tunnel.terminate();
    return count;
  }

  // ---- store, used by the handlers and by the operator simulation ------------------------------

  list(collection: string, namespace?: string): Obj[] {
    return [...(this.objects.get(collection)?.values() ?? [])].filter((o) => !namespace || o.metadata.namespace === namespace);
  }

  get(collection: string, namespace: string, name: string): Obj | undefined {
    return this.objects.get(collection)?.get(`${namespace}/${name}`);
  }

  put(collection: string, object: Obj): Obj {
    const map = this.objects.get(collection) ?? new Map<string, Obj>();
    this.objects.set(collection, map);
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    const existed = map.has(key);
    this.rv += 1;
    const stored = structuredClone(object);
    stored.metadata.resourceVersion = String(this.rv);
    stored.metadata.uid ??= randomUUID();
    stored.metadata.creationTimestamp ??= new Date().toISOString();
    map.set(key, stored);
    this.emit({ rv: this.rv, collection, type: existed ? 'MODIFIED' : 'ADDED', object: stored });
    return stored;
  }

  remove(collection: string, namespace: string, name: string): Obj | undefined {
    const map = this.objects.get(collection);
    const object = map?.get(`${namespace}/${name}`);
    if (!object) return undefined;
    map!.delete(`${namespace}/${name}`);
    this.rv += 1;
    const gone = { ...object, metadata: { ...object.metadata, resourceVersion: String(this.rv) } };
    this.emit({ rv: this.rv, collection, type: 'DELETED', object: gone });
    // Garbage collection: objects owned by the deleted one go too.
    for (const [otherCollection, others] of this.objects) {
      for (const other of [...others.values()]) {
        if (other.metadata.ownerReferences?.some((ref: Obj) => ref.uid === object.metadata.uid)) this.remove(otherCollection, other.metadata.namespace, other.metadata.name);
      }
    }
    if (collection === 'v1/pods') this.events.emit(`log-end:${namespace}/${name}`);
    return gone;
  }

  appendLog(namespace: string, pod: string, line: string): void {
    const key = `${namespace}/${pod}`;
    const lines = this.logs.get(key) ?? [];
    this.logs.set(key, lines);
    lines.push(line);
    this.events.emit(`log:${key}`, line);
  }

  endLog(namespace: string, pod: string): void {
    this.events.emit(`log-end:${namespace}/${pod}`);
  }

  private emit(event: WatchEvent): void {
    this.history.push(event);
    if (this.history.length > 10_000) this.history.shift();
    for (const watcher of this.watchers) {
      if (watcher.collection === event.collection && (!watcher.namespace || event.object.metadata.namespace === watcher.namespace) && watcher.matches(event.object)) {
        watcher.res.write(JSON.stringify({ type: event.type, object: event.object }) + '\n');
      }
    }
    this.events.emit('change', event);
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  private send(res: ServerResponse, code: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  private fail(res: ServerResponse, code: number, reason: string, message: string, details?: Obj): void {
    this.send(res, code, statusBody(code, reason, message, details));
  }

  private authorized(req: IncomingMessage): boolean {
    return req.headers.authorization === `Bearer ${this.options.token}`;
  }

  private async body(req: IncomingMessage): Promise<Obj | undefined> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return undefined;
    return JSON.parse(text) as Obj;
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.method === method && f.path.test(path));
    if (fault && --fault.times! <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname + url.search });
    if (!this.authorized(req)) return this.fail(res, 401, 'Unauthorized', 'Unauthorized');
    const fault = this.takeFault(method, url.pathname);
    if (fault && !fault.afterCommit) return this.fail(res, fault.status, 'InternalError', `injected fault ${fault.status}`);
    try {
      const answered = await this.route(method, url, req, res, !!fault);
      if (answered === 'unrouted') this.fail(res, 404, 'NotFound', 'the server could not find the requested resource');
      if (fault && answered !== 'unrouted' && !res.headersSent) this.fail(res, fault.status, 'InternalError', `injected fault ${fault.status} after commit`);
    } catch (error) {
      if (!res.headersSent) this.fail(res, 400, 'BadRequest', (error as Error).message);
    }
  }

  private crdFor(group: string, version: string, plural: string): CrdVersion | undefined {
    return this.options.crds.find((c) => c.group === group && c.version === version && c.plural === plural);
  }

  /** Returns 'unrouted' when no route matched; with `holdAnswer` the caller answers (fault after commit). */
  private async route(method: string, url: URL, req: IncomingMessage, res: ServerResponse, holdAnswer: boolean): Promise<'ok' | 'unrouted'> {
    const path = url.pathname;
    const reply = (code: number, body: unknown) => {
      if (!holdAnswer) this.send(res, code, body);
    };
    if (path === '/version') return reply(200, { major: '1', minor: '32', gitVersion: 'v1.32.0-sparkml-test' }), 'ok';
    if (path === '/api') return reply(200, { kind: 'APIVersions', versions: ['v1'] }), 'ok';
    if (path === '/apis') {
      const groups = [...new Set(this.options.crds.map((c) => c.group))].map((group) => ({
        name: group,
        versions: this.options.crds.filter((c) => c.group === group).map((c) => ({ groupVersion: `${group}/${c.version}`, version: c.version })),
      }));
      return reply(200, { kind: 'APIGroupList', apiVersion: 'v1', groups }), 'ok';
    }
    if (path === '/apis/apiextensions.k8s.io/v1/customresourcedefinitions') {
      const crds = [...new Map(this.options.crds.map((c) => [c.crd, c.crd])).values()];
      return reply(200, { kind: 'CustomResourceDefinitionList', apiVersion: 'apiextensions.k8s.io/v1', items: crds }), 'ok';
    }
    if (path === '/api/v1/namespaces' && method === 'GET') {
      // Every namespace that holds an object, plus the usual ones.
      const names = new Set(['default', 'kube-system', 'spark-jobs']);
      for (const objects of this.objects.values()) for (const object of objects.values()) names.add(object.metadata.namespace);
      const items = [...names].sort().map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } }));
      return reply(200, { kind: 'NamespaceList', apiVersion: 'v1', metadata: { resourceVersion: String(this.rv) }, items }), 'ok';
    }
    let match = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
    if (match) {
      const resources = this.options.crds
        .filter((c) => c.group === match![1] && c.version === match![2])
        .flatMap((c) => [
          { name: c.plural, namespaced: true, kind: c.kind, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
          { name: `${c.plural}/status`, namespaced: true, kind: c.kind, verbs: ['get', 'patch', 'update'] },
        ]);
      if (!resources.length) return 'unrouted';
      return reply(200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${match[1]}/${match[2]}`, resources }), 'ok';
    }
    match = /^\/apis\/([^/]+)\/([^/]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?(?:\/(status))?$/.exec(path);
    if (match) {
      const [, group, version, namespace, plural, name, sub] = match;
      const crd = this.crdFor(group, version, plural);
      if (!crd) return 'unrouted';
      return this.resource(`${group}/${version}/${plural}`, { kind: crd.kind, apiVersion: `${group}/${version}`, group, crd }, method, url, req, res, namespace, name, sub, reply);
    }
    match = /^\/api\/v1\/namespaces\/([^/]+)\/(pods|services)(?:\/([^/]+))?(?:\/(log|status))?$/.exec(path);
    if (match) {
      const [, namespace, plural, name, sub] = match;
      if (sub === 'log') return this.podLog(namespace, name!, url, res), 'ok';
      return this.resource(`v1/${plural}`, { kind: CORE_KINDS[plural], apiVersion: 'v1', group: '' }, method, url, req, res, namespace, name, sub, reply);
    }
    return 'unrouted';
  }

  private async resource(
    collection: string,
    type: { kind: string; apiVersion: string; group: string; crd?: CrdVersion },
    method: string,
    url: URL,
    req: IncomingMessage,
    res: ServerResponse,
    namespace: string,
    name: string | undefined,
    sub: string | undefined,
    reply: (code: number, body: unknown) => void,
  ): Promise<'ok'> {
    const notFound = () =>
      this.fail(res, 404, 'NotFound', `${type.crd?.plural ?? collection.split('/').pop()}${type.group ? '.' + type.group : ''} "${name}" not found`, { name, group: type.group, kind: type.crd?.plural ?? collection.split('/').pop() });
    const qualified = `${type.crd?.plural ?? collection.split('/').pop()}${type.group ? '.' + type.group : ''}`;

    if (!name) {
      if (method === 'GET') {
        const matches = (o: Obj) => labelMatcher(url.searchParams.get('labelSelector'))(o) && fieldMatcher(url.searchParams.get('fieldSelector'))(o);
        if (url.searchParams.get('watch') === 'true') return this.watch(collection, namespace, matches, url.searchParams.get('resourceVersion'), res), 'ok';
        const items = this.list(collection, namespace).filter(matches);
        reply(200, { kind: `${type.kind}List`, apiVersion: type.apiVersion, metadata: { resourceVersion: String(this.rv) }, items });
        return 'ok';
      }
      if (method === 'POST') {
        const object = (await this.body(req)) ?? {};
        object.metadata ??= {};
        object.metadata.namespace ??= namespace;
        const invalid = this.invalid(type, object);
        if (invalid.length) {
          this.fail(res, 422, 'Invalid', `${type.kind}.${type.group} "${object.metadata.name}" is invalid: ${invalid.map((c) => `${c.field}: ${c.message}`).join(', ')}`, { name: object.metadata.name, group: type.group, kind: type.kind, causes: invalid });
          return 'ok';
        }
        if (this.get(collection, namespace, object.metadata.name)) {
          this.fail(res, 409, 'AlreadyExists', `${qualified} "${object.metadata.name}" already exists`, { name: object.metadata.name, group: type.group, kind: type.crd?.plural ?? type.kind });
          return 'ok';
        }
        delete object.status; // status only through the subresource
        object.metadata.generation = 1;
        const stored = this.put(collection, object);
        this.events.emit('created', collection, stored);
        reply(201, stored);
        return 'ok';
      }
      this.fail(res, 405, 'MethodNotAllowed', `method ${method} not allowed`);
      return 'ok';
    }

    const existing = this.get(collection, namespace, name);
    if (method === 'GET') {
      if (!existing) return notFound(), 'ok';
      reply(200, existing);
      return 'ok';
    }
    if (method === 'DELETE') {
      const gone = this.remove(collection, namespace, name);
      if (!gone) return notFound(), 'ok';
      reply(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: type.group, kind: type.crd?.plural ?? type.kind, uid: gone.metadata.uid } });
      return 'ok';
    }
    if (method === 'PATCH' || method === 'PUT') {
      if (!existing) return notFound(), 'ok';
      const input = (await this.body(req)) ?? {};
      if (method === 'PATCH' && !String(req.headers['content-type']).startsWith('application/merge-patch+json')) {
        this.fail(res, 415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/merge-patch+json`);
        return 'ok';
      }
      if (method === 'PUT' && input.metadata?.resourceVersion && input.metadata.resourceVersion !== existing.metadata.resourceVersion) {
        this.fail(res, 409, 'Conflict', `Operation cannot be fulfilled on ${qualified} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
        return 'ok';
      }
      let next = method === 'PATCH' ? (mergePatch(existing, input) as Obj) : input;
      // The main resource ignores status changes; /status ignores everything else.
      next = sub === 'status' ? { ...existing, status: next.status } : { ...next, status: existing.status, metadata: { ...next.metadata, uid: existing.metadata.uid, name, namespace } };
      const invalid = this.invalid(type, next);
      if (invalid.length) {
        this.fail(res, 422, 'Invalid', `${type.kind}.${type.group} "${name}" is invalid`, { name, group: type.group, kind: type.kind, causes: invalid });
        return 'ok';
      }
      if (sub !== 'status' && JSON.stringify(next.spec) !== JSON.stringify(existing.spec)) next.metadata.generation = (existing.metadata.generation ?? 1) + 1;
      reply(200, this.put(collection, next));
      return 'ok';
    }
    this.fail(res, 405, 'MethodNotAllowed', `method ${method} not allowed`);
    return 'ok';
  }

  private invalid(type: { kind: string; crd?: CrdVersion }, object: Obj): { reason: string; message: string; field: string }[] {
    const causes: { reason: string; message: string; field: string }[] = [];
    const name = object.metadata?.name;
    if (typeof name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name) || name.length > 253) {
      causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(name)}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'`, field: 'metadata.name' });
    }
    if (type.crd) {
      if (object.kind !== type.kind) causes.push({ reason: 'FieldValueInvalid', message: `kind must be ${type.kind}`, field: 'kind' });
      for (const error of crdErrors(type.crd, object)) {
        const [pointer, ...rest] = error.split(' ');
        causes.push({ reason: 'FieldValueInvalid', message: rest.join(' '), field: pointer.split('/').filter(Boolean).join('.') || '<root>' });
      }
    }
    return causes;
  }

  private watch(collection: string, namespace: string, matches: (o: Obj) => boolean, resourceVersion: string | null, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    const from = resourceVersion ? Number(resourceVersion) : undefined;
    if (from !== undefined && from > 0 && from < this.compactedBelow - 1) {
      // What a real API server does after etcd compaction: 200, one ERROR event, end of stream.
      res.end(JSON.stringify({ type: 'ERROR', object: statusBody(410, 'Expired', `too old resource version: ${from} (${this.compactedBelow})`) }) + '\n');
      return;
    }
    const watcher: Watcher = { collection, namespace, matches, res };
    if (from === undefined || from === 0) {
      for (const object of this.list(collection, namespace).filter(matches)) res.write(JSON.stringify({ type: 'ADDED', object }) + '\n');
    } else {
      for (const event of this.history) {
        if (event.rv > from && event.collection === collection && event.object.metadata.namespace === namespace && matches(event.object)) {
          res.write(JSON.stringify({ type: event.type, object: event.object }) + '\n');
        }
      }
    }
    this.watchers.add(watcher);
    res.on('close', () => this.watchers.delete(watcher));
  }

  private podLog(namespace: string, name: string, url: URL, res: ServerResponse): void {
    const pod = this.get('v1/pods', namespace, name);
    if (!pod) return this.fail(res, 404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' });
    const container = url.searchParams.get('container') ?? pod.spec.containers[0].name;
    if (!pod.spec.containers.some((c: Obj) => c.name === container)) {
      return this.fail(res, 400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
    }
    if (pod.status?.phase === 'Pending') {
      return this.fail(res, 400, 'BadRequest', `container "${container}" in pod "${name}" is waiting to start: ContainerCreating`);
    }
    const key = `${namespace}/${name}`;
    res.writeHead(200, { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' });
    for (const line of this.logs.get(key) ?? []) res.write(line + '\n');
    const done = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (url.searchParams.get('follow') !== 'true' || done) return void res.end();
    const onLine = (line: string) => res.write(line + '\n');
    const onEnd = () => res.end();
    this.events.on(`log:${key}`, onLine);
    this.events.once(`log-end:${key}`, onEnd);
    this.logFollowers.add(res);
    res.on('close', () => {
      this.logFollowers.delete(res);
      this.events.off(`log:${key}`, onLine);
      this.events.off(`log-end:${key}`, onEnd);
    });
  }

  // ---- port-forward over WebSocket -------------------------------------------------------------

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward$/.exec(url.pathname);
    this.requests.push({ method: 'UPGRADE', path: url.pathname + url.search });
    const refuse = (code: number, text: string) => {
      socket.end(`HTTP/1.1 ${code} ${text}\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n${JSON.stringify(statusBody(code, text.replace(/ /g, ''), text))}`);
    };
    if (!this.authorized(req)) return refuse(401, 'Unauthorized');
    if (!match) return refuse(404, 'Not Found');
    const [, namespace, podName] = match;
    const port = Number(url.searchParams.get('ports'));
    const pod = this.get('v1/pods', namespace, podName);
    const localPort = pod && pod.status?.phase === 'Running' ? this.options.podPort?.(namespace, podName, port) : undefined;
    if (!pod) return refuse(404, 'Not Found');
    if (localPort === undefined) return refuse(400, 'Bad Request');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.tunnel(ws, port, localPort));
  }

  private tunnel(ws: WebSocket, port: number, localPort: number): void {
    this.tunnels.add(ws);
    const portBytes = Buffer.alloc(2);
    portBytes.writeUInt16LE(port);
    // Each stream (0 data, 1 error) starts with the port number, as the kubelet sends it.
    ws.send(Buffer.concat([Buffer.from([0]), portBytes]));
    ws.send(Buffer.concat([Buffer.from([1]), portBytes]));
    const upstream = connect(localPort, '127.0.0.1');
    upstream.on('data', (data: Buffer) => ws.send(Buffer.concat([Buffer.from([0]), data])));
    upstream.on('error', (error) => ws.readyState === ws.OPEN && ws.send(Buffer.concat([Buffer.from([1]), Buffer.from(error.message)])));
    upstream.on('close', () => ws.close());
    ws.on('message', (data: Buffer) => {
      if (data.length > 1 && data[0] === 0) upstream.write(data.subarray(1));
    });
    ws.on('close', () => {
      this.tunnels.delete(ws);
      upstream.destroy();
    });
  }
}
