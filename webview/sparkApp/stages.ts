// The Jobs and Stages tab: the sortable jobs and stages tables (the timeline is timeline.ts), and the
// detail of one stage (task duration and bytes distributions, skew).
import type { AppSnapshot, Distribution, JobInfo, StageDetail, StageExecutorSummary, StageInfo, StageKey } from '../../src/spark/model/types';
import { formatBytes, formatCount, formatMs, formatPercent } from '../common/format';
import { sortableTable } from '../common/sortableTable';
import { el } from '../common/vscodeApi';
import { createChart, themeColors, type ChartHandle } from './charts';

export const stageLabel = (stage: StageKey) => `${stage.stageId}.${stage.attemptId}`;

function spill(stage: StageInfo): number {
  return stage.metrics.memoryBytesSpilled + stage.metrics.diskBytesSpilled;
}

export function jobsTable(jobs: JobInfo[]): HTMLElement {
  return sortableTable<JobInfo>({
    label: 'Jobs',
    rows: jobs,
    filter: { placeholder: 'Filter jobs (description, status...)' },
    initialSort: { column: 0, descending: false },
    columns: [
      { title: 'Job', value: (j) => j.jobId, numeric: true },
      { title: 'Description', value: (j) => j.description ?? j.name ?? '' },
      { title: 'Status', value: (j) => j.status, cellClass: (j) => `status-${j.status.toLowerCase()}` },
      { title: 'Duration', value: (j) => j.durationMs, text: (j) => (j.durationMs === undefined ? '' : formatMs(j.durationMs)), numeric: true },
      { title: 'Stages', value: (j) => j.stageIds.length, numeric: true },
      { title: 'Tasks', value: (j) => j.numTasks, text: (j) => `${formatCount(j.numCompletedTasks)}/${formatCount(j.numTasks)}${j.numFailedTasks ? ` (${j.numFailedTasks} failed)` : ''}`, numeric: true },
    ],
  });
}

export function stagesTable(stages: StageInfo[], onStage: (stage: StageKey) => void): HTMLElement {
  return sortableTable<StageInfo>({
    label: 'Stages',
    rows: stages,
    filter: { placeholder: 'Filter stages (name, status, source line...)' },
    rowKey: stageLabel,
    initialSort: { column: 0, descending: false },
    onActivate: onStage,
    columns: [
      { title: 'Stage', value: (s) => s.stageId * 1000 + s.attemptId, text: stageLabel, numeric: true },
      { title: 'Name', value: (s) => s.name },
      { title: 'Status', value: (s) => s.status, cellClass: (s) => `status-${s.status.toLowerCase()}` },
      { title: 'Duration', value: (s) => s.durationMs, text: (s) => (s.durationMs === undefined ? '' : formatMs(s.durationMs)), numeric: true },
      { title: 'Tasks', value: (s) => s.numTasks, text: (s) => `${formatCount(s.numCompleteTasks)}/${formatCount(s.numTasks)}${s.numFailedTasks ? ` (${s.numFailedTasks} failed)` : ''}`, numeric: true },
      { title: 'Input', value: (s) => s.metrics.inputBytes, text: (s) => formatBytes(s.metrics.inputBytes), numeric: true },
      { title: 'Shuffle read', value: (s) => s.metrics.shuffleReadBytes, text: (s) => formatBytes(s.metrics.shuffleReadBytes), numeric: true },
      { title: 'Shuffle write', value: (s) => s.metrics.shuffleWriteBytes, text: (s) => formatBytes(s.metrics.shuffleWriteBytes), numeric: true },
      { title: 'Spill', value: spill, text: (s) => formatBytes(spill(s)), numeric: true },
      { title: 'GC', value: (s) => s.metrics.jvmGcTime, text: (s) => formatMs(s.metrics.jvmGcTime), numeric: true },
    ],
  });
}

function quantile(distribution: Distribution, q: number): number | undefined {
  return distribution.quantiles.find((point) => point.q === q)?.value;
}

function distributionChart(title: string, distribution: Distribution, format: (n: number) => string, charts: ChartHandle[]): HTMLElement {
  const canvas = el('canvas', { role: 'img', 'aria-label': `${title}: min ${format(distribution.min)}, median ${format(quantile(distribution, 0.5) ?? 0)}, max ${format(distribution.max)}` });
  const points = [{ q: 0, value: distribution.min }, ...distribution.quantiles, { q: 1, value: distribution.max }];
  const c = themeColors();
  charts.push(
    createChart(canvas, {
      type: 'bar',
      data: {
        labels: points.map((p) => (p.q === 0 ? 'min' : p.q === 1 ? 'max' : `p${Math.round(p.q * 100)}`)),
        datasets: [{ label: title, data: points.map((p) => p.value), backgroundColor: points.map((p) => (p.q === 1 ? c.orange : c.blue)) }],
      },
      options: {
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => format(Number(item.raw)) } } },
        scales: { y: { beginAtZero: true, ticks: { callback: (value) => format(Number(value)) } } },
      },
    }),
  );
  return el('figure', { class: 'dist' }, el('figcaption', {}, title), el('div', { class: 'dist-canvas' }, canvas));
}

export function renderStageDetail(snapshot: AppSnapshot, key: StageKey, charts: ChartHandle[]): HTMLElement {
  const stage = snapshot.stages.find((s) => s.stageId === key.stageId && s.attemptId === key.attemptId);
  if (!stage) return el('p', { class: 'muted' }, `Stage ${stageLabel(key)} is not in this application.`);
  const d = stage.distributions;
  const median = d.durationMs ? quantile(d.durationMs, 0.5) : undefined;
  const skew = d.durationMs && median ? d.durationMs.max / Math.max(1, median) : undefined;
  const facts = el(
    'ul',
    { class: 'plain' },
    el('li', {}, `Status: ${stage.status}${stage.failureReason ? ` — ${stage.failureReason.split('\n', 1)[0]}` : ''}`),
    el('li', {}, `Tasks: ${formatCount(stage.numCompleteTasks)} of ${formatCount(stage.numTasks)} complete, ${stage.numFailedTasks} failed, ${stage.numKilledTasks} killed, ${stage.numSpeculativeTasks} speculative`),
    el('li', {}, `Duration: ${stage.durationMs === undefined ? 'running' : formatMs(stage.durationMs)}; task time ${formatMs(stage.metrics.taskDurationMs)}, GC ${formatMs(stage.metrics.jvmGcTime)}${stage.metrics.executorRunTime ? ` (${formatPercent(stage.metrics.jvmGcTime / stage.metrics.executorRunTime)} of run time)` : ''}`),
    el('li', {}, `Skew: slowest task ${d.durationMs ? formatMs(d.durationMs.max) : 'n/a'}, median ${median === undefined ? 'n/a' : formatMs(median)}${skew ? ` (${skew.toFixed(1)}x)` : ''}`),
    el('li', {}, `Spill: ${formatBytes(stage.metrics.memoryBytesSpilled)} memory, ${formatBytes(stage.metrics.diskBytesSpilled)} disk`),
  );
  const charts_ = el('div', { class: 'dist-grid' });
  if (d.durationMs) charts_.append(distributionChart('Task duration', d.durationMs, formatMs, charts));
  if (d.inputBytes && d.inputBytes.max > 0) charts_.append(distributionChart('Input bytes per task', d.inputBytes, formatBytes, charts));
  if (d.shuffleReadBytes && d.shuffleReadBytes.max > 0) charts_.append(distributionChart('Shuffle read per task', d.shuffleReadBytes, formatBytes, charts));
  if (d.shuffleWriteBytes && d.shuffleWriteBytes.max > 0) charts_.append(distributionChart('Shuffle write per task', d.shuffleWriteBytes, formatBytes, charts));
  const alerts = snapshot.alerts.filter((a) => a.stage?.stageId === key.stageId && a.stage.attemptId === key.attemptId);
  return el(
    'section',
    { class: 'stage-detail', 'aria-label': `Stage ${stageLabel(key)}` },
    el('h2', {}, `Stage ${stageLabel(key)}: `, el('span', { class: 'stage-name' }, stage.name)),
    facts,
    ...alerts.map((a) => el('p', { class: `alert alert-${a.severity}` }, a.message)),
    charts_,
    el('h3', {}, 'Tasks by executor'),
    el('div', { class: 'stage-executors', 'data-stage': stageLabel(key) }, el('p', { class: 'muted' }, 'Reading how the tasks spread over the executors...')),
    stage.details ? el('details', {}, el('summary', {}, 'Call site'), el('pre', {}, stage.details)) : '',
  );
}

/** How one stage's tasks spread over the executors: task time per executor, and the numbers. */
export function renderStageExecutors(detail: StageDetail | undefined, error: string | undefined, charts: ChartHandle[]): HTMLElement {
  if (error) return el('p', { class: 'banner banner-error' }, `Could not read the stage's executors: ${error}`);
  if (!detail || !detail.executors.length) return el('p', { class: 'muted' }, 'No executor ran a task of this stage.');
  const rows = [...detail.executors].sort((a, b) => b.taskTimeMs - a.taskTimeMs);
  const c = themeColors();
  const canvas = el('canvas', { role: 'img', 'aria-label': `Task time per executor for stage ${stageLabel(detail)}; the table below has the numbers.` });
  charts.push(
    createChart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map((r) => `executor ${r.executorId}`),
        datasets: [{ label: 'task time', data: rows.map((r) => r.taskTimeMs), backgroundColor: rows.map((r) => (r.failedTasks ? c.red : c.blue)) }],
      },
      options: {
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => formatMs(Number(item.raw)) } } },
        scales: { y: { beginAtZero: true, ticks: { callback: (value) => formatMs(Number(value)) } }, x: { ticks: { display: rows.length <= 60 } } },
      },
    }),
  );
  const table = sortableTable<StageExecutorSummary>({
    label: `Stage ${stageLabel(detail)} by executor`,
    rows,
    initialSort: { column: 1, descending: true },
    columns: [
      { title: 'Executor', value: (r) => Number(r.executorId) || r.executorId, text: (r) => r.executorId },
      { title: 'Task time', value: (r) => r.taskTimeMs, text: (r) => formatMs(r.taskTimeMs), numeric: true },
      { title: 'Tasks', value: (r) => r.succeededTasks, text: (r) => `${formatCount(r.succeededTasks)}${r.failedTasks ? ` (${r.failedTasks} failed)` : ''}${r.killedTasks ? ` (${r.killedTasks} killed)` : ''}`, numeric: true },
      { title: 'Input', value: (r) => r.inputBytes, text: (r) => formatBytes(r.inputBytes), numeric: true },
      { title: 'Shuffle read', value: (r) => r.shuffleReadBytes, text: (r) => formatBytes(r.shuffleReadBytes), numeric: true },
      { title: 'Shuffle write', value: (r) => r.shuffleWriteBytes, text: (r) => formatBytes(r.shuffleWriteBytes), numeric: true },
      { title: 'Spill', value: (r) => r.memoryBytesSpilled + r.diskBytesSpilled, text: (r) => formatBytes(r.memoryBytesSpilled + r.diskBytesSpilled), numeric: true },
    ],
  });
  return el('div', {}, el('div', { class: 'dist-canvas' }, canvas), table);
}
