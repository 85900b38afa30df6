// The Executors tab: load over time (running tasks against cores, the gap being idle cores), for all
// executors or one, and the executors table (memory, GC, lifetimes).
import type { AppSnapshot, ExecutorInfo } from '../../src/spark/model/types';
import { formatBytes, formatCount, formatMs, formatPercent } from '../common/format';
import { sortableTable } from '../common/sortableTable';
import { el } from '../common/vscodeApi';
import { createChart, themeColors, translucent, type ChartHandle } from './charts';

function loadChart(snapshot: AppSnapshot, executorId: string | undefined, charts: ChartHandle[]): HTMLElement {
  const { load } = snapshot;
  const series = executorId ? load.executors.find((e) => e.executorId === executorId) : undefined;
  const running = series?.runningTasks ?? load.runningTasks;
  const cores = series?.cores ?? load.cores;
  const origin = snapshot.app.startTime ?? load.startTime;
  const labels = running.map((_, i) => ((load.startTime - origin + i * load.bucketMs) / 1000).toFixed(load.bucketMs < 1000 ? 1 : 0));
  const c = themeColors();
  const canvas = el('canvas', {
    role: 'img',
    'aria-label': `Running tasks against available cores over time for ${executorId ? `executor ${executorId}` : 'all executors'}. The shaded gap is idle cores.`,
  });
  charts.push(
    createChart(canvas, {
      type: 'line',
      data: {
        labels,
        datasets: [
          { label: 'cores', data: cores, borderColor: c.lines, backgroundColor: translucent(c.orange, 0.25), fill: '+1', pointRadius: 0, stepped: true, borderWidth: 1 },
          { label: 'running tasks', data: running, borderColor: c.blue, backgroundColor: translucent(c.blue, 0.35), fill: 'origin', pointRadius: 0, stepped: true, borderWidth: 1.5 },
        ],
      },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { title: (items) => `${items[0]?.label ?? ''} s` } } },
        scales: { x: { title: { display: true, text: 'seconds since application start' }, ticks: { maxTicksLimit: 12 } }, y: { beginAtZero: true, title: { display: true, text: 'tasks / cores' } } },
      },
    }),
  );
  return el('div', { class: 'load-chart' }, canvas);
}

function lifetime(executor: ExecutorInfo, snapshot: AppSnapshot): number | undefined {
  if (executor.addTime === undefined) return undefined;
  return (executor.removeTime ?? snapshot.app.endTime ?? Date.now()) - executor.addTime;
}

/** Redraws the load chart when the series it waits for arrives (set by renderExecutors). */
let redrawWhenArrived: ((executorId: string, found: boolean) => void) | undefined;

export function executorSeriesArrived(executorId: string, found: boolean): void {
  redrawWhenArrived?.(executorId, found);
}

/**
 * `requestSeries` asks the host for one executor's load series: the page's snapshot carries only the
 * totals, so 500 executors' series are not part of the first paint.
 */
export function renderExecutors(snapshot: AppSnapshot, charts: ChartHandle[], requestSeries: (executorId: string) => void): HTMLElement {
  const chartHolder = el('div');
  const picker = el('select', { 'aria-label': 'Executor shown in the load chart' });
  picker.append(el('option', { value: '' }, 'All executors'));
  for (const executor of snapshot.executors) if (!executor.isDriver) picker.append(el('option', { value: executor.id }, `Executor ${executor.id}`));
  const draw = () => {
    while (charts.length) charts.pop()?.destroy();
    const executorId = picker.value || undefined;
    if (executorId && !snapshot.load.executors.some((e) => e.executorId === executorId)) {
      chartHolder.replaceChildren(el('p', { class: 'muted load-chart' }, `Reading the load of executor ${executorId}...`));
      requestSeries(executorId);
      return;
    }
    chartHolder.replaceChildren(loadChart(snapshot, executorId, charts));
  };
  redrawWhenArrived = (executorId, found) => {
    if (picker.value !== executorId || !picker.isConnected) return;
    if (found) draw();
    else chartHolder.replaceChildren(el('p', { class: 'muted load-chart' }, `The source has no load series for executor ${executorId}.`));
  };
  picker.addEventListener('change', draw);
  draw();
  const idle = snapshot.overhead.idleCoreShare;
  const table = sortableTable<ExecutorInfo>({
    label: 'Executors',
    rows: snapshot.executors,
    initialSort: { column: 0, descending: false },
    columns: [
      { title: 'Executor', value: (e) => (e.isDriver ? -1 : Number(e.id) || 0), text: (e) => e.id },
      { title: 'Host', value: (e) => e.host ?? '' },
      { title: 'Cores', value: (e) => e.totalCores, text: (e) => `${e.totalCores}${e.coresEstimated ? ' (est.)' : ''}`, numeric: true },
      { title: 'Tasks', value: (e) => e.totalTasks, text: (e) => `${formatCount(e.completedTasks)}${e.failedTasks ? ` (${e.failedTasks} failed)` : ''}`, numeric: true },
      { title: 'Task time', value: (e) => e.totalDurationMs, text: (e) => formatMs(e.totalDurationMs), numeric: true },
      { title: 'GC', value: (e) => e.totalGcTimeMs, text: (e) => `${formatMs(e.totalGcTimeMs)}${e.totalDurationMs ? ` (${formatPercent(e.totalGcTimeMs / e.totalDurationMs)})` : ''}`, numeric: true },
      { title: 'Peak heap', value: (e) => e.peakMemoryMetrics.JVMHeapMemory, text: (e) => (e.peakMemoryMetrics.JVMHeapMemory ? formatBytes(e.peakMemoryMetrics.JVMHeapMemory) : ''), numeric: true },
      { title: 'Storage memory', value: (e) => e.maxMemory, text: (e) => (e.maxMemory ? `${e.memoryUsed === undefined ? '' : `${formatBytes(e.memoryUsed)} / `}${formatBytes(e.maxMemory)}` : ''), numeric: true },
      { title: 'Shuffle read / write', value: (e) => e.totalShuffleRead + e.totalShuffleWrite, text: (e) => `${formatBytes(e.totalShuffleRead)} / ${formatBytes(e.totalShuffleWrite)}`, numeric: true },
      { title: 'Lifetime', value: (e) => lifetime(e, snapshot), text: (e) => { const ms = lifetime(e, snapshot); return ms === undefined ? '' : formatMs(ms); }, numeric: true },
      { title: 'Removed', value: (e) => e.removeReason ?? (e.isActive ? '' : 'removed') },
    ],
  });
  return el(
    'div',
    {},
    el('div', { class: 'toolbar' }, picker, el('span', { class: 'muted' }, idle === undefined ? '' : `Idle cores over the run: ${formatPercent(idle)}`)),
    chartHolder,
    el('h2', {}, `Executors (${snapshot.executors.length})`),
    table,
  );
}
