// code-server (the real VS Code workbench and a real Node extension host) for the integration and UI
// test layers. Provisioned offline from npm into the git-ignored .cache/ folder following
// ../shared/notes/vscode-e2e.md, reused while its version stamp matches, and started on 127.0.0.1
// with every writable folder (HOME, TMPDIR, XDG_*, user data, extensions) inside one temp folder.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

/** Bumped when the provisioning steps change, so an old cache is rebuilt instead of trusted. */
const RECIPE_REVISION = 1;

export const repoRoot = resolve(__dirname, '../..');
const cacheDir = join(repoRoot, '.cache');

export class HarnessError extends Error {}

type Log = (line: string) => void;

export interface ProvisionedCodeServer {
  version: string;
  /** out/node/entry.js, started with the current Node. */
  entry: string;
  /** Whether this call built it (false: reused from the cache). */
  built: boolean;
  seconds: number;
}

/** Runs a command (argument array, no shell) and rejects with its output tail when it fails. */
export function runCommand(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; log?: Log }): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => reject(new HarnessError(`cannot start ${command}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise(output);
      else reject(new HarnessError(`${command} ${args.join(' ')} (in ${options.cwd}) failed with ${signal ?? `exit ${code}`}:\n${output.slice(-4000)}`));
    });
  });
}

function stampText(): string {
  return JSON.stringify({ version: CODE_SERVER_VERSION, recipe: RECIPE_REVISION, node: process.versions.modules });
}

/** The folder that holds node_modules/code-server once provisioned. */
export function codeServerInstallDir(): string {
  return join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
}

function entryIn(dir: string): string {
  return join(dir, 'node_modules/code-server/out/node/entry.js');
}

/**
 * Makes sure code-server is installed under .cache/, building it when the stamp is absent or stale.
 * The build happens in a side folder that is renamed into place at the end, so a half-finished
 * build is never mistaken for a good one.
 */
export async function provisionCodeServer(log: Log = console.log): Promise<ProvisionedCodeServer> {
  const started = Date.now();
  const dir = codeServerInstallDir();
  const reuse = () => ({ version: CODE_SERVER_VERSION, entry: entryIn(dir), built: false, seconds: (Date.now() - started) / 1000 });
  if (isProvisioned(dir)) return reuse();
  mkdirSync(cacheDir, { recursive: true });
  // Several engineers (and layers) share this checkout: one builds, the others wait and reuse.
  const release = await acquireLock(`${dir}.lock`, log);
  try {
    if (isProvisioned(dir)) return reuse();
    log(`provisioning code-server ${CODE_SERVER_VERSION} into ${dir} (one time, about a minute)`);
    const work = `${dir}.partial-${process.pid}`;
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    try {
      await buildCodeServer(work, log);
      writeFileSync(join(work, stampName), stampText());
      rmSync(dir, { recursive: true, force: true });
      renameSync(work, dir);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  } finally {
    release();
  }
  const seconds = (Date.now() - started) / 1000;
  log(`code-server ${CODE_SERVER_VERSION} provisioned in ${seconds.toFixed(1)} s`);
  return { version: CODE_SERVER_VERSION, entry: entryIn(dir), built: true, seconds };
}

const stampName = '.sparkml-stamp.json';

function isProvisioned(dir: string): boolean {
  const stamp = join(dir, stampName);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === stampText() && existsSync(entryIn(dir));
}

/**
 * A lock folder holding the owner's pid (mkdir is atomic). A lock whose owner is gone is taken over;
 * a live owner is waited for, at most `timeoutMs`.
 */
async function acquireLock(lockDir: string, log: Log, timeoutMs = 15 * 60_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(safeRead(join(lockDir, 'pid')));
    if (owner && !processExists(owner)) {
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new HarnessError(`${lockDir} is held by pid ${owner || '?'} for more than ${timeoutMs / 1000} s`);
    if (!announced) log(`waiting for pid ${owner || '?'}, which is provisioning code-server`);
    announced = true;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function buildCodeServer(work: string, log: Log): Promise<void> {
  // npm_config_yes: node-pty's build runs `npx node-gyp`, which must not wait for a prompt.
  const env = { ...process.env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'code-server-for-tests', private: true }));
  // Its own postinstall needs GitHub (ripgrep, kerberos): install without scripts, rebuild natives by hand.
  log('  npm install code-server (no scripts)');
  await runCommand('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: work, env });
  await runCommand('npm', ['rebuild', 'argon2'], { cwd: work, env });

  const codeServer = join(work, 'node_modules/code-server');
  const vscode = join(codeServer, 'lib/vscode');
  log('  npm install lib/vscode (production, no scripts)');
  await runCommand('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: vscode, env });
  const natives = ['@parcel/watcher', '@vscode/deviceid', '@vscode/spdlog', 'node-pty', 'native-watchdog', '@vscode/fs-copyfile', '@vscode/sqlite3'];
  const present = natives.filter((name) => existsSync(join(vscode, 'node_modules', name, 'package.json')));
  log(`  npm rebuild ${present.join(' ')} (kerberos skipped: it needs libkrb5-dev and GitHub)`);
  await runCommand('npm', ['rebuild', ...present], { cwd: vscode, env });

  linkIfAbsent(join(vscode, 'node_modules.asar'), 'node_modules');
  linkIfAbsent(join(vscode, 'bin/remote-cli/code-server'), 'code-linux.sh');
  linkIfAbsent(join(vscode, 'bin/helpers/browser.sh'), 'browser-linux.sh');
  log('  npm install lib/vscode/extensions (built-in extensions)');
  await runCommand('npm', ['install', '--omit=dev'], { cwd: join(vscode, 'extensions'), env });
}

function linkIfAbsent(path: string, target: string): void {
  if (existsSync(path)) return;
  mkdirSync(resolve(path, '..'), { recursive: true });
  symlinkSync(target, path);
}

/** A port the OS says is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePromise(address.port) : reject(new HarnessError('no port'))));
    });
  });
}

/** Settings for the test profile: no welcome page, no trust prompt, no surprises from updates. */
export const testProfileSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'editor.accessibilitySupport': 'off',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** One private home for a code-server: all state it writes stays in `root`. */
export interface CodeServerHome {
  root: string;
  env: NodeJS.ProcessEnv;
  userDataDir: string;
  extensionsDir: string;
}

export function createCodeServerHome(settings: Record<string, unknown> = {}): CodeServerHome {
  const root = mkdtempSync(join(tmpdir(), 'sparkml-code-server-'));
  const dirs = { home: 'home', tmp: 'tmp', config: 'xdg-config', data: 'xdg-data', cache: 'xdg-cache', userData: 'user-data', extensions: 'extensions' };
  for (const name of Object.values(dirs)) mkdirSync(join(root, name), { recursive: true });
  mkdirSync(join(root, dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(root, dirs.userData, 'User/settings.json'), JSON.stringify({ ...testProfileSettings, ...settings }, null, 2));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    LANG: process.env.LANG ?? 'C.UTF-8',
    HOME: join(root, dirs.home),
    TMPDIR: join(root, dirs.tmp),
    XDG_CONFIG_HOME: join(root, dirs.config),
    XDG_DATA_HOME: join(root, dirs.data),
    XDG_CACHE_HOME: join(root, dirs.cache),
    XDG_RUNTIME_DIR: join(root, dirs.tmp),
    // code-server would otherwise pick these up from the outer shell.
    VSCODE_PROXY_URI: '',
  };
  return { root, env, userDataDir: join(root, dirs.userData), extensionsDir: join(root, dirs.extensions) };
}

function commonArgs(home: CodeServerHome): string[] {
  return ['--user-data-dir', home.userDataDir, '--extensions-dir', home.extensionsDir, '--disable-telemetry', '--disable-update-check'];
}

/** Installs a packaged .vsix into the home's extensions folder, the way a user would. */
export async function installExtension(codeServer: ProvisionedCodeServer, home: CodeServerHome, vsix: string): Promise<string> {
  if (!existsSync(vsix)) throw new HarnessError(`no .vsix at ${vsix} (run \`npm run package\` first)`);
  const output = await runCommand(process.execPath, [codeServer.entry, ...commonArgs(home), '--install-extension', vsix, '--force'], {
    cwd: home.root,
    env: home.env,
  });
  if (!/successfully installed/i.test(output)) throw new HarnessError(`code-server did not confirm installing ${vsix}:\n${output}`);
  return output;
}

export interface RunningCodeServer {
  url: string;
  port: number;
  pid: number;
  /** Everything the server printed, for the failure message of a test. */
  output(): string;
  /** URL of the workbench with a folder open (and optional extra query parameters). */
  workbenchUrl(folder: string, extra?: Record<string, string>): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How long to wait for /healthz. */
  readyTimeoutMs?: number;
  /** Extra server arguments, e.g. ['--vscode-option', 'enable-smoke-test-driver'] on 4.13x. */
  extraArgs?: string[];
}

/** Starts code-server on 127.0.0.1 with a free port and waits until /healthz answers. */
export async function startCodeServer(codeServer: ProvisionedCodeServer, home: CodeServerHome, options: StartOptions = {}): Promise<RunningCodeServer> {
  const port = await freePort();
  const args = [
    codeServer.entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...commonArgs(home),
    ...(options.extraArgs ?? []),
  ];
  // detached: its own process group, so stop() also ends the extension host and pty host it spawns.
  const child = spawn(process.execPath, args, { cwd: home.root, env: home.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  if (child.pid === undefined) throw new HarnessError('code-server did not start (no pid)');
  const pid = child.pid;
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 100_000) output = output.slice(-50_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | undefined;
  const exitPromise = new Promise<void>((resolvePromise) =>
    child.on('exit', (code, signal) => {
      exited = signal ?? `exit ${code}`;
      resolvePromise();
    }),
  );

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === undefined) {
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    // Children that outlived the main process (extension host, file watcher) share its group.
    killGroup(pid, 'SIGKILL');
  };

  try {
    await waitForHealth(url, options.readyTimeoutMs ?? 60_000, () => exited);
  } catch (error) {
    await stop();
    throw new HarnessError(`${(error as Error).message}\ncode-server output:\n${output.slice(-4000)}`);
  }
  return {
    url,
    port,
    pid,
    output: () => output,
    workbenchUrl: (folder, extra = {}) => `${url}/?${new URLSearchParams({ folder, ...extra }).toString()}`,
    stop,
  };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitForHealth(url: string, timeoutMs: number, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = exited();
    if (status !== undefined) throw new HarnessError(`code-server exited (${status}) before it was ready`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new HarnessError(`code-server at ${url} was not healthy after ${timeoutMs} ms`);
}

/** A `vscode-remote://` URI that the workbench resolves to a path on the code-server machine. */
export function remoteUri(server: RunningCodeServer, absolutePath: string): string {
  return `vscode-remote://127.0.0.1:${server.port}${absolutePath}`;
}
