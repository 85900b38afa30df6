// `sparkml submit [--target NAME] [--job NAME] [--spec FILE] [--dry-run] [--no-follow] FILE`
// Submits a job from sparkml.jobs.json (found next to FILE or above it). --dry-run prints the
// manifest or payload that would be sent, as JSON, and sends nothing. Otherwise uploads what s3
// delivery needs, creates the run, and follows its state and driver log until it ends (Ctrl-C
// cancels the upload or the run). The IOMETE token comes from SPARKML_IOMETE_TOKEN.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
// one import of the submission API: bundled, it is dist/submit.js, the extension's own (esbuild.mjs)
import { type RunState, createTarget, envTokenProvider, findSpecFile, locateJob, newSubmissionId, runNameFor, uploadAndSubmit } from '../submit/api';
import type { CliIo, Subcommand } from './io';

const HELP = `usage: sparkml submit [options] FILE

FILE is a Python job file (its job is looked up in sparkml.jobs.json) or a job spec file.

options:
  --target NAME   submit to this target of the spec instead of the job's own
  --job NAME      the job to submit (default: the job whose mainFile is FILE)
  --spec FILE     the job spec file (default: sparkml.jobs.json next to FILE or above)
  --dry-run       print the manifest/payload JSON that would be sent; send nothing
  --no-follow     return once the run is created
  --help          this text

environment: SPARKML_IOMETE_TOKEN (IOMETE API token), KUBECONFIG, SPARK_HOME, AWS_* (S3)
exit codes: 0 completed (or created with --no-follow), 1 failed or cancelled, 2 usage or I/O error
`;

export const submit: Subcommand = async (args: string[], io: CliIo): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        target: { type: 'string' },
        job: { type: 'string' },
        spec: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'no-follow': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    io.stderr(`sparkml submit: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    io.stderr(`sparkml submit: expected one FILE\n\n${HELP}`);
    return 2;
  }
  const file = resolve(io.cwd, positionals[0]);
  const specFile = values.spec ? resolve(io.cwd, values.spec) : file.endsWith('.json') ? file : findSpecFile(file);
  if (!specFile) {
    io.stderr(`sparkml submit: no sparkml.jobs.json next to ${file} or above it; create one (see docs/submit.md) or pass --spec\n`);
    return 2;
  }
  const located = await locateJob({ specFile, pythonFile: file.endsWith('.py') ? file : undefined, jobName: values.job, targetOverride: values.target });
  const { job } = located;
  const target = createTarget(job.target, { iometeTokens: envTokenProvider(process.env), env: process.env, cwd: resolve(specFile, '..') });
  const submissionId = newSubmissionId();

  if (values['dry-run']) {
    const manifest = await target.buildManifest(job, { runName: runNameFor(job.spec.name, submissionId), submissionId });
    for (const upload of job.uploads) io.stderr(`would upload ${upload.localPath} -> s3://${upload.bucket}/${upload.key}\n`);
    io.stdout(JSON.stringify(manifest, null, 2) + '\n');
    return 0;
  }

  let lastPercent = -1;
  const { run } = await uploadAndSubmit(target, job, {
    submissionId,
    signal: io.signal,
    env: process.env,
    onProgress: (progress) => {
      const percent = progress.overallTotal ? Math.floor((progress.overallLoaded / progress.overallTotal) * 100) : 100;
      if (percent !== lastPercent && percent % 10 === 0) io.stderr(`upload ${percent}% (${progress.key})\n`);
      lastPercent = percent;
    },
  });
  io.stderr(`submitted ${job.spec.name} to ${job.targetName} (${job.target.type}) as ${run.name}${run.namespace ? ` in ${run.namespace}` : ''}${run.runId ? ` run ${run.runId}` : ''}\n`);
  if (values['no-follow']) {
    io.stdout(JSON.stringify(run) + '\n');
    return 0;
  }

  // Follow: state changes and log lines until the run ends; Ctrl-C cancels the run.
  const follow = new AbortController();
  const onAbort = () => {
    io.stderr(`cancelling ${run.name}\n`);
    void target.cancel(run).catch((error: Error) => io.stderr(`cancel failed: ${error.message}\n`));
  };
  io.signal?.addEventListener('abort', onAbort, { once: true });
  const logs = (async () => {
    try {
      for await (const line of target.logs(run, follow.signal)) io.stdout(line + '\n');
    } catch (error) {
      io.stderr(`log stream stopped: ${(error as Error).message}\n`);
    }
  })();
  let last: RunState | undefined;
  try {
    for await (const state of target.states(run)) {
      last = state;
      io.stderr(`state ${state.phase} (${state.raw})${state.message ? `: ${state.message}` : ''}\n`);
    }
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
  }
  // Give the log stream a moment to deliver its last lines, then stop it.
  const settle = setTimeout(() => follow.abort(), 5000);
  await logs;
  clearTimeout(settle);
  // Kubernetes UIs need a port-forward, which a finished CLI run cannot keep open; the others are links.
  if (job.target.type === 'iomete' || job.target.type === 'local') {
    const ui = await target.sparkUi(run).catch(() => undefined);
    if (ui) io.stderr(`Spark UI: ${ui.url}\n`);
  }
  return last?.phase === 'COMPLETED' ? 0 : 1;
};
