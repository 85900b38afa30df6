// The Application tab: what ran, how it ended, and how much of the run was the "Spark tax" (start-up,
// waiting for executors, driver-only time, scheduling) versus task time; then alerts and read warnings.
import type { Alert, AppSnapshot } from '../../src/spark/model/types';
import { formatBytes, formatCount, formatMs, formatPercent, formatTime } from '../common/format';
import { el } from '../common/vscodeApi';

interface Segment {
  label: string;
  ms: number;
  className: string;
  explain: string;
}

/**
 * The wall-clock split of the run into parts that do not overlap: start-up before the first job,
 * the first job waiting for executors, later driver-only time, and time with jobs running.
 */
export function overheadSegments(snapshot: AppSnapshot): Segment[] {
  const o = snapshot.overhead;
  const duration = o.appDurationMs ?? snapshot.app.durationMs ?? 0;
  const allocationWait = o.executorAllocationWaitMs ?? 0;
  const beforeFirstJob = Math.max(0, (o.startupMs ?? 0) - allocationWait);
  const laterDriverOnly = Math.max(0, (o.driverOnlyMs ?? 0) - beforeFirstJob);
  const segments: Segment[] = [
    { label: 'Start-up', ms: beforeFirstJob, className: 'seg-startup', explain: 'application start to the first job: JVM, session, reading the job' },
    { label: 'Waiting for executors', ms: allocationWait, className: 'seg-wait', explain: 'first job submitted until its first task ran: pods, executor JVMs, scheduling' },
    { label: 'Driver only', ms: laterDriverOnly, className: 'seg-driver', explain: 'later time with no job running: Python on the driver, planning, driver I/O' },
  ];
  const used = segments.reduce((sum, s) => sum + s.ms, 0);
  segments.push({ label: 'Jobs running', ms: Math.max(0, duration - used), className: 'seg-jobs', explain: 'at least one Spark job running tasks' });
  return segments;
}

function keyValue(label: string, value: string): HTMLElement {
  return el('div', { class: 'kv' }, el('span', { class: 'muted' }, label), el('span', {}, value));
}

function overheadBar(snapshot: AppSnapshot): HTMLElement {
  const segments = overheadSegments(snapshot);
  const total = segments.reduce((sum, s) => sum + s.ms, 0) || 1;
  const bar = el('div', { class: 'stacked-bar', role: 'img', 'aria-label': segments.map((s) => `${s.label} ${formatMs(s.ms)}`).join(', ') });
  for (const segment of segments) {
    const part = el('div', { class: `seg ${segment.className}`, title: `${segment.label}: ${formatMs(segment.ms)} (${segment.explain})` });
    part.style.flexGrow = String(segment.ms / total);
    bar.append(part);
  }
  const legend = el('ul', { class: 'legend' });
  for (const segment of segments) {
    legend.append(el('li', {}, el('span', { class: `swatch ${segment.className}` }), `${segment.label}: ${formatMs(segment.ms)} (${formatPercent(segment.ms / total)}) — ${segment.explain}`));
  }
  return el('div', {}, bar, legend);
}

function taskTimeSplit(snapshot: AppSnapshot): HTMLElement {
  const o = snapshot.overhead;
  const rows: Array<[string, number]> = [
    ['Executor run time', o.executorRunTimeMs],
    ['Scheduler delay', o.schedulerDelayMs],
    ['Task deserialization', o.deserializeMs],
    ['Result serialization', o.resultSerializationMs],
    ['Getting results', o.gettingResultMs],
    ['GC (inside run time)', o.gcTimeMs],
  ];
  const list = el('ul', { class: 'plain' });
  for (const [label, ms] of rows) list.append(el('li', {}, `${label}: ${formatMs(ms)}${o.taskTimeMs ? ` (${formatPercent(ms / o.taskTimeMs)} of task time)` : ''}`));
  return list;
}

export function alertList(alerts: Alert[], onStage: (alert: Alert) => void): HTMLElement {
  if (!alerts.length) return el('p', { class: 'muted' }, 'No alerts: no skew, spill, idle cores, tiny tasks, GC pressure or failed tasks over the thresholds.');
  const list = el('ul', { class: 'alerts' });
  for (const alert of alerts) {
    const item = el('li', { class: `alert alert-${alert.severity}` }, el('span', { class: 'alert-kind' }, alert.kind), ' ', alert.message);
    if (alert.stage) {
      const link = el('a', { href: '#', role: 'button' }, `stage ${alert.stage.stageId}`);
      link.addEventListener('click', (event) => {
        event.preventDefault();
        onStage(alert);
      });
      item.append(' — ', link);
    }
    list.append(item);
  }
  return list;
}

export function renderOverview(snapshot: AppSnapshot, onStage: (alert: Alert) => void): HTMLElement {
  const { app, totals, overhead } = snapshot;
  const duration = overhead.appDurationMs ?? app.durationMs;
  const taxMs = overheadSegments(snapshot)
    .filter((s) => s.className !== 'seg-jobs')
    .reduce((sum, s) => sum + s.ms, 0);
  const summary = el(
    'div',
    { class: 'kv-grid' },
    keyValue('Status', app.status),
    keyValue('Duration', duration === undefined ? 'unknown' : formatMs(duration)),
    keyValue('Started', formatTime(app.startTime)),
    keyValue('Spark', app.sparkVersion ?? 'unknown'),
    keyValue('Master', app.master ?? 'unknown'),
    keyValue('User', app.user ?? 'unknown'),
    keyValue('Jobs / stages / tasks', `${formatCount(totals.jobs)} / ${formatCount(totals.stages)} / ${formatCount(totals.tasks)}`),
    keyValue('Failed / killed tasks', `${formatCount(totals.failedTasks)} / ${formatCount(totals.killedTasks)}`),
    keyValue('Input / output', `${formatBytes(totals.inputBytes)} / ${formatBytes(totals.outputBytes)}`),
    keyValue('Shuffle read / write', `${formatBytes(totals.shuffleReadBytes)} / ${formatBytes(totals.shuffleWriteBytes)}`),
    keyValue('Spill (memory / disk)', `${formatBytes(totals.memoryBytesSpilled)} / ${formatBytes(totals.diskBytesSpilled)}`),
    keyValue('Submit to first executor', overhead.submitToFirstExecutorMs === undefined ? 'n/a (local mode)' : formatMs(overhead.submitToFirstExecutorMs)),
    keyValue('Idle cores', overhead.idleCoreShare === undefined ? 'unknown' : formatPercent(overhead.idleCoreShare)),
  );
  const tax = duration ? `${formatMs(taxMs)} of ${formatMs(duration)} (${formatPercent(taxMs / duration)}) had no Spark job running.` : 'The run has no known duration yet.';
  return el(
    'div',
    { class: 'overview' },
    summary,
    el('h2', {}, 'The Spark tax'),
    el('p', {}, tax),
    overheadBar(snapshot),
    el('h3', {}, 'Task time'),
    taskTimeSplit(snapshot),
    el('h2', {}, `Alerts (${snapshot.alerts.length})`),
    alertList(snapshot.alerts, onStage),
  );
}
