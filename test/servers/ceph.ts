// A single-node Ceph cluster with the RADOS Gateway: a real S3 server on 127.0.0.1, started the way
// /work/shared/notes/test-servers.md describes (memstore OSD, auth none, fast paxos). Everything
// (config, keyring, data, sockets, logs, pid files) lives in one temp folder; the daemons are
// stopped by the PIDs in their pid files. Start it once per test file (~270 MB, ~2 s).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages } from '../harness/debian';

export const CEPH_PACKAGES = ['ceph-mon', 'ceph-osd', 'radosgw'];

export interface CephRgw {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  dir: string;
  stop(): Promise<void>;
}

/** Why Ceph cannot run here ('' when it can); installs the Debian packages when root on Debian. */
export function cephUnavailable(): string {
  const check = ensureDebianPackages(CEPH_PACKAGES, (line) => console.log(`# ${line}`));
  return check.ok ? '' : `Ceph RGW unavailable: ${check.reason}`;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 500)));
    }
  }
  throw new Error(`radosgw did not answer at ${url} within ${timeoutMs} ms`);
}

function killFromPidFile(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!pid) return undefined;
  try {
    process.kill(pid, 'SIGTERM');
    return pid;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface CephOptions {
  /** Memory the in-memory OSD may use; deleted objects are freed only after RGW's garbage collection. */
  memstoreBytes?: number;
}

export async function startCephRgw(options: CephOptions = {}): Promise<CephRgw> {
  const dir = mkdtempSync(join(tmpdir(), 'sparkml-ceph-'));
  const [monPort, rgwPort] = [await freePort(), await freePort()];
  const fsid = randomUUID();
  for (const sub of ['run', 'log', 'mon', 'osd', 'rgw']) mkdirSync(join(dir, sub));
  const conf = join(dir, 'ceph.conf');
  const keyring = join(dir, 'keyring');
  writeFileSync(
    conf,
    `[global]
fsid = ${fsid}
mon host = v2:127.0.0.1:${monPort}
public addr = 127.0.0.1
cluster addr = 127.0.0.1
public network = 127.0.0.0/8
ms bind ipv6 = false
mon initial members = a
run dir = ${dir}/run
admin socket = ${dir}/run/$name.asok
log file = ${dir}/log/$name.log
pid file = ${dir}/run/$name.pid
keyring = ${keyring}
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = true
ms mon client mode = crc
mon allow pool size one = true
mon allow pool delete = true
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
osd pool default pg autoscale mode = off
paxos propose interval = 0.01
paxos min wait = 0.001
mon data = ${dir}/mon/$cluster-$id
osd data = ${dir}/osd/$cluster-$id
osd objectstore = memstore
memstore device bytes = ${options.memstoreBytes ?? 1073741824}
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:${rgwPort} tcp_nodelay=1
rgw data = ${dir}/rgw
`,
  );
  // The daemons detach from us: if this process ends without stop() (a crash, a timeout), kill them.
  const killOnExit = () => {
    for (const name of ['client.rgw.a', 'osd.0', 'mon.a']) {
      const file = join(dir, 'run', `${name}.pid`);
      try {
        if (existsSync(file)) process.kill(Number(readFileSync(file, 'utf8').trim()), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A signal (a test timeout, Ctrl-C) ends the process without 'exit' handlers unless we catch it.
  const onSignal = (signal: NodeJS.Signals) => {
    killOnExit();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', killOnExit);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const stop = async () => {
    process.off('exit', killOnExit);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    const pids = ['client.rgw.a', 'osd.0', 'mon.a'].map((name) => killFromPidFile(join(dir, 'run', `${name}.pid`))).filter((pid): pid is number => !!pid);
    for (let i = 0; i < 50 && pids.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('ceph-authtool', ['--create-keyring', keyring, '--gen-key', '-n', 'mon.', '--cap', 'mon', 'allow *']);
    run('monmaptool', ['--create', '--addv', 'a', `[v2:127.0.0.1:${monPort}]`, '--fsid', fsid, join(dir, 'monmap')]);
    run('ceph-mon', ['-c', conf, '--mkfs', '-i', 'a', '--monmap', join(dir, 'monmap'), '--keyring', keyring]);
    run('ceph-mon', ['-c', conf, '-i', 'a']);
    const osdId = run('ceph', ['-c', conf, 'osd', 'create']).trim();
    mkdirSync(join(dir, 'osd', `ceph-${osdId}`), { recursive: true });
    run('ceph-osd', ['-c', conf, '-i', osdId, '--mkfs']);
    run('ceph-osd', ['-c', conf, '-i', osdId]);
    run('radosgw', ['-c', conf, '-n', 'client.rgw.a']);
    const endpoint = `http://127.0.0.1:${rgwPort}`;
    await waitForHttp(endpoint, 60_000);
    const accessKeyId = 'SPARKMLTESTACCESSKEY';
    const secretAccessKey = `secret-${randomUUID()}`;
    run('radosgw-admin', ['-c', conf, 'user', 'create', '--uid=test', '--display-name=test', `--access-key=${accessKeyId}`, `--secret=${secretAccessKey}`]);
    return { endpoint, accessKeyId, secretAccessKey, region: 'us-east-1', dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
