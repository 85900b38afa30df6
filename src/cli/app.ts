// `sparkml app summary [--format text|json] [--threshold NAME=VALUE]... [--timeout SECONDS] SOURCE`
// SOURCE: an event-log file or rolling folder, an s3:// URL, or an http(s) Spark UI / History
// Server URL. Exit codes: 0 summary printed, 1 the application has failed jobs, 2 usage or I/O error.
import { formatBytes, formatMs } from '../spark/model/alerts';
import { summarize, type AppSummary } from '../spark/model/summary';
import { loadAppSnapshot } from '../spark/loadAppSnapshot';
import type { CliIo, Subcommand } from './io';

const USAGE = `usage: sparkml app summary [options] SOURCE

Summarizes a Spark application: jobs, stages (status, task counts, key metric sums), executors,
start-up overhead and alerts.

SOURCE   an event-log file (plain, .zstd, .lz4, .snappy, .lzf, .inprogress), a rolling
         eventlog_v2_* folder, an s3://bucket/key URL (endpoint from AWS_ENDPOINT_URL_S3), or a
         Spark UI / History Server URL (http://host:4040, http://shs:18080/history/<app>/)

options:
  --format text|json        output format (default: text)
  --threshold NAME=VALUE    override an alert threshold (see docs/alerts.md), repeatable
  --timeout SECONDS         REST request time limit (default: 30)
  -h, --help                show this help

exit codes: 0 summary printed, 1 the application has failed jobs, 2 usage or I/O error
`;

interface Arguments {
  source: string;
  format: 'text' | 'json';
  thresholds: Record<string, unknown>;
  timeoutMs?: number;
}

function parseArguments(args: string[]): Arguments | string {
  const parsed: Partial<Arguments> & { thresholds: Record<string, unknown> } = { format: 'text', thresholds: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json') return `--format must be text or json (got ${format ?? 'nothing'})`;
      parsed.format = format;
    } else if (flag === '--threshold') {
      const pair = value();
      const match = pair ? /^([A-Za-z]+)=(.+)$/.exec(pair) : null;
      if (!match) return `--threshold needs NAME=VALUE (got ${pair ?? 'nothing'})`;
      parsed.thresholds[match[1]] = Number(match[2]);
    } else if (flag === '--timeout') {
      const seconds = Number(value());
      if (!(seconds > 0)) return '--timeout needs a number of seconds > 0';
      parsed.timeoutMs = seconds * 1000;
    } else if (flag.startsWith('-')) {
      return `unknown option ${flag}`;
    } else if (parsed.source === undefined) {
      parsed.source = arg;
    } else {
      return `only one SOURCE is read (got '${parsed.source}' and '${arg}')`;
    }
  }
  if (!parsed.source) return 'SOURCE is missing';
  return parsed as Arguments;
}

export const app: Subcommand = async (args: string[], io: CliIo): Promise<number> => {
  const [action, ...rest] = args;
  if (!action || action === '--help' || action === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.stdout(USAGE);
    return action ? 0 : 2;
  }
  if (action !== 'summary') {
    io.stderr(`sparkml app: unknown action '${action}' (only 'summary')\n\n${USAGE}`);
    return 2;
  }
  const parsed = parseArguments(rest);
  if (typeof parsed === 'string') {
    io.stderr(`sparkml app summary: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  let summary: AppSummary;
  try {
    const snapshot = await loadAppSnapshot(parsed.source, { signal: io.signal, thresholds: parsed.thresholds, timeoutMs: parsed.timeoutMs });
    summary = summarize(snapshot);
  } catch (error) {
    io.stderr(`sparkml app summary: ${(error as Error).message}\n`);
    return 2;
  }
  io.stdout(parsed.format === 'json' ? JSON.stringify(summary, null, 2) + '\n' : formatSummaryText(summary));
  return summary.jobs.some((job) => job.status === 'FAILED') ? 1 : 0;
};

/** Strings from Spark go to a terminal: control characters (escape sequences) are shown, not obeyed. */
function clean(text: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (text ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' || c === '\t' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

function time(epoch: number | undefined): string {
  return epoch === undefined ? '-' : new Date(epoch).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function ms(value: number | undefined): string {
  return value === undefined ? '-' : formatMs(value);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => '  ' + row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ').trimEnd()).join('\n') + '\n';
}

export function formatSummaryText(summary: AppSummary): string {
  const app = summary.application;
  const o = summary.overhead;
  const out: string[] = [];
  out.push(`Application ${clean(app.name)} (${clean(app.id)}${app.attemptId ? `, attempt ${clean(app.attemptId)}` : ''})`);
  out.push(`  status ${app.status}, duration ${ms(app.durationMs)}, started ${time(app.startTime)}, Spark ${clean(app.sparkVersion) || '?'}, user ${clean(app.user) || '?'}, master ${clean(app.master) || '?'}`);
  out.push(`  source ${clean(summary.source.location)} (${summary.source.kind}${summary.source.inProgress ? ', still being written' : ''})`);
  const overhead = [
    `start-up ${ms(o.startupMs)}`,
    o.submitToFirstExecutorMs !== undefined ? `first executor after ${ms(o.submitToFirstExecutorMs)}` : undefined,
    o.executorAllocationWaitMs !== undefined ? `first task ${ms(o.executorAllocationWaitMs)} after the first job` : undefined,
    `driver-only ${ms(o.driverOnlyMs)}`,
    `task time ${ms(o.taskTimeMs)} (scheduler delay ${ms(o.schedulerDelayMs)}, deserialize ${ms(o.deserializeMs)}, GC ${ms(o.gcTimeMs)})`,
    o.idleCoreShare !== undefined ? `idle cores ${(o.idleCoreShare * 100).toFixed(0)}%` : undefined,
  ].filter(Boolean);
  out.push(`Overhead${o.approximate ? ' (approximate, from REST totals)' : ''}\n  ${overhead.join(', ')}`);
  out.push('');
  out.push(`Jobs (${summary.jobs.length})`);
  if (summary.jobs.length) {
    out.push(table([['ID', 'STATUS', 'TASKS', 'FAILED', 'KILLED', 'SKIPPED', 'DURATION', 'NAME'], ...summary.jobs.map((j) => [String(j.jobId), j.status, `${j.numCompletedTasks}/${j.numTasks}`, String(j.numFailedTasks), String(j.numKilledTasks), String(j.numSkippedTasks), ms(j.durationMs), clean(j.name)])]).trimEnd());
  }
  out.push(`Stages (${summary.stages.length})`);
  if (summary.stages.length) {
    out.push(table([
      ['ID', 'STATUS', 'TASKS', 'FAILED', 'DURATION', 'RUN TIME', 'GC', 'INPUT', 'SHUFFLE READ', 'SHUFFLE WRITE', 'SPILL (DISK)', 'MEDIAN/MAX TASK', 'NAME'],
      ...summary.stages.map((s) => [
        `${s.stageId}.${s.attemptId}`, s.status, `${s.numCompleteTasks}/${s.numTasks}`, String(s.numFailedTasks), ms(s.durationMs), ms(s.executorRunTime), ms(s.jvmGcTime),
        formatBytes(s.inputBytes), formatBytes(s.shuffleReadBytes), formatBytes(s.shuffleWriteBytes), formatBytes(s.diskBytesSpilled),
        s.maxTaskMs !== undefined ? `${ms(s.medianTaskMs)} / ${ms(s.maxTaskMs)}` : '-', clean(s.name),
      ]),
    ]).trimEnd());
  }
  out.push(`Executors (${summary.executors.length})`);
  if (summary.executors.length) {
    out.push(table([
      ['ID', 'HOST', 'CORES', 'TASKS', 'FAILED', 'TASK TIME', 'GC', 'INPUT', 'SHUFFLE R/W', 'ADDED', 'REMOVED'],
      ...summary.executors.map((e) => [
        clean(e.id), clean(e.host) || '-', String(e.totalCores), String(e.completedTasks), String(e.failedTasks), ms(e.totalDurationMs), ms(e.totalGcTimeMs),
        formatBytes(e.totalInputBytes), `${formatBytes(e.totalShuffleRead)} / ${formatBytes(e.totalShuffleWrite)}`, time(e.addTime),
        e.removeTime !== undefined ? `${time(e.removeTime)} ${clean(e.removeReason)}` : e.isActive ? '-' : 'inactive',
      ]),
    ]).trimEnd());
  }
  out.push(`Alerts (${summary.alerts.length})`);
  for (const alert of summary.alerts) out.push(`  ${alert.severity.padEnd(7)}  ${clean(alert.message)}`);
  if (summary.warnings.length) {
    out.push(`Warnings (${summary.warnings.length})`);
    for (const warning of summary.warnings) out.push(`  ${warning.kind}: ${clean(warning.message)}${warning.count > 1 ? ` (x${warning.count})` : ''}`);
  }
  return out.join('\n') + '\n';
}
