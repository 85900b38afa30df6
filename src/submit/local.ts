// Target: a local Spark. Runs spark-submit from SPARK_HOME (target setting, then the environment)
// or PATH, spawned with an argument array (never a shell string). Output is streamed line by line;
// the Spark UI URL is read from the log. Runs live in this process: they end with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LocalTargetConfig } from './jobSpec';
import type { ResolvedJob } from './resolveJob';
import { runNameFor } from './runName';
import { baseSparkConf } from './sparkConf';
import type { RunRef, RunState, SparkUiLink, SubmitOptions, Target } from './target';
import { state } from './target';

export interface LocalCommand {
  command: string;
  args: string[];
  /** Environment variables added for the job (the rest is inherited). */
  env: Record<string, string>;
}

const UI_PATTERNS = [/Bound SparkUI to \S+, and started at (https?:\/\/\S+)/, /Spark web UI (?:available )?at (https?:\/\/\S+)/];

export function sparkUiUrlFromLog(line: string): string | undefined {
  for (const pattern of UI_PATTERNS) {
    const match = pattern.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class SparkSubmitNotFound extends Error {}

/** spark-submit from the target's sparkHome, else $SPARK_HOME, else PATH. */
export function findSparkSubmit(config: LocalTargetConfig, env: NodeJS.ProcessEnv = process.env): string {
  const home = config.sparkHome ?? env.SPARK_HOME;
  if (home) {
    const candidate = join(home, 'bin', process.platform === 'win32' ? 'spark-submit.cmd' : 'spark-submit');
    if (isExecutable(candidate)) return candidate;
    throw new SparkSubmitNotFound(`no executable spark-submit under ${home}/bin (from ${config.sparkHome ? 'the target "sparkHome"' : 'SPARK_HOME'})`);
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'spark-submit');
    if (isExecutable(candidate)) return candidate;
  }
  throw new SparkSubmitNotFound('spark-submit not found: set SPARK_HOME, or "sparkHome" in the target, or put spark-submit on PATH');
}

/** The spark-submit argument array for a job. Pure. */
export function buildSparkSubmitArgs(job: ResolvedJob): string[] {
  const spec = job.spec;
  const config = job.target as LocalTargetConfig;
  const args = ['--master', config.master ?? 'local[*]', '--name', spec.name];
  const conf = { ...baseSparkConf(job) };
  for (const [name, value] of Object.entries(spec.env ?? {})) conf[`spark.executorEnv.${name}`] = value;
  if (spec.executor?.cores) conf['spark.executor.cores'] = String(spec.executor.cores);
  if (spec.executor?.instances) conf['spark.executor.instances'] = String(spec.executor.instances);
  for (const [key, value] of Object.entries(conf)) args.push('--conf', `${key}=${value}`);
  if (spec.driver?.memory) args.push('--driver-memory', spec.driver.memory);
  if (spec.executor?.memory) args.push('--executor-memory', spec.executor.memory);
  if (job.pyFileUris.length) args.push('--py-files', job.pyFileUris.join(','));
  if (job.fileUris.length) args.push('--files', job.fileUris.join(','));
  if (job.jarUris.length) args.push('--jars', job.jarUris.join(','));
  if (spec.deps?.packages?.length) args.push('--packages', spec.deps.packages.join(','));
  args.push(job.mainUri, ...(spec.arguments ?? []));
  return args;
}

interface LocalRun {
  child: ChildProcess;
  lines: string[];
  events: EventEmitter;
  state: RunState;
  uiUrl?: string;
  cancelled: boolean;
}

export interface LocalTargetOptions {
  env?: NodeJS.ProcessEnv;
  /** Working directory of spark-submit (the spec file's folder). */
  cwd?: string;
}

export class LocalTarget implements Target {
  readonly kind = 'local' as const;
  private runs = new Map<string, LocalRun>();

  constructor(
    private readonly config: LocalTargetConfig,
    private readonly options: LocalTargetOptions = {},
  ) {}

  async buildManifest(job: ResolvedJob): Promise<LocalCommand> {
    return { command: findSparkSubmit(this.config, this.options.env), args: buildSparkSubmitArgs(job), env: { ...(job.spec.env ?? {}) } };
  }

  async submit(job: ResolvedJob, options: SubmitOptions): Promise<RunRef> {
    const name = runNameFor(job.spec.name, options.submissionId);
    const ref: RunRef = { target: 'local', name, submissionId: options.submissionId };
    if (this.runs.has(name)) return ref; // the same submission again: one process only
    options.signal?.throwIfAborted();
    const { command, args, env } = await this.buildManifest(job);
    const child = spawn(command, args, { cwd: this.options.cwd, env: { ...(this.options.env ?? process.env), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: LocalRun = { child, lines: [], events: new EventEmitter(), state: state('SUBMITTED', 'STARTED'), cancelled: false };
    this.runs.set(name, run);
    const setState = (next: RunState) => {
      run.state = next;
      run.events.emit('state', next);
    };
    const onLine = (line: string) => {
      run.lines.push(line);
      run.uiUrl ??= sparkUiUrlFromLog(line);
      if (run.state.phase === 'SUBMITTED') setState(state('RUNNING', 'RUNNING'));
      run.events.emit('line', line);
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => {
        this.runs.delete(name);
        reject(new Error(`cannot start ${command}: ${error.message}`));
      });
    });
    child.once('close', (code, signal) => {
      if (run.cancelled) setState(state('CANCELLED', signal ?? `exit ${code}`, 'cancelled'));
      else if (code === 0) setState(state('COMPLETED', 'exit 0'));
      else setState(state('FAILED', signal ?? `exit ${code}`, `spark-submit exited with ${signal ?? `code ${code}`}`));
      run.events.emit('end');
    });
    return ref;
  }

  private run(ref: RunRef): LocalRun {
    const run = this.runs.get(ref.name);
    if (!run) throw new Error(`no local run ${ref.name} in this session (local runs end with the editor or CLI that started them)`);
    return run;
  }

  async *states(ref: RunRef, signal?: AbortSignal): AsyncGenerator<RunState> {
    const run = this.run(ref);
    yield* iterateEvents<RunState>(run.events, 'state', [run.state], () => run.state.terminal, signal);
  }

  async *logs(ref: RunRef, signal?: AbortSignal): AsyncGenerator<string> {
    const run = this.run(ref);
    yield* iterateEvents<string>(run.events, 'line', [...run.lines], () => run.state.terminal, signal);
  }

  async cancel(ref: RunRef): Promise<void> {
    const run = this.runs.get(ref.name);
    if (!run || run.state.terminal) return;
    run.cancelled = true;
    run.child.kill('SIGTERM');
    const killer = setTimeout(() => run.child.kill('SIGKILL'), 5000);
    await new Promise((resolve) => run.events.once('end', resolve));
    clearTimeout(killer);
  }

  async sparkUi(ref: RunRef): Promise<SparkUiLink | undefined> {
    const url = this.runs.get(ref.name)?.uiUrl;
    return url ? { url, close: async () => undefined } : undefined;
  }

  rerun(job: ResolvedJob, options: SubmitOptions): Promise<RunRef> {
    return this.submit(job, options);
  }
}

/** Replays `backlog`, then yields live `event` payloads until `done()` after an 'end' event. */
async function* iterateEvents<T>(events: EventEmitter, event: string, backlog: T[], done: () => boolean, signal?: AbortSignal): AsyncGenerator<T> {
  const queue: T[] = [...backlog];
  let ended = done();
  let wake: (() => void) | undefined;
  const onItem = (item: T) => {
    queue.push(item);
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  const onAbort = () => onEnd();
  events.on(event, onItem);
  events.once('end', onEnd);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      while (queue.length) yield queue.shift()!;
      if (ended || signal?.aborted) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    events.off(event, onItem);
    events.off('end', onEnd);
    signal?.removeEventListener('abort', onAbort);
  }
}

export function createLocalTarget(config: LocalTargetConfig, options?: LocalTargetOptions): LocalTarget {
  return new LocalTarget(config, options);
}
