// The Spark application panel: header with load state, then tabs — Application (duration, the Spark
// tax, alerts), Jobs & Stages (timeline, tables, stage detail), Executors (load over time, table) and
// Source lines (runtime cost by call site). Tabs render when first shown, so first paint stays fast
// on large applications; every Spark string is set as text. First paint runs only this bundle: the UI
// toolkit (toolkit.ts) and Chart.js (chartjs.ts) are chunks imported after it.
import type { AppSnapshot, CallSiteCost, StageDetail, StageKey } from '../../src/spark/model/types';
import { formatBytes, formatMs, formatPercent, formatTime } from '../common/format';
import { sortableTable } from '../common/sortableTable';
import { unpackState } from '../common/packedState';
import { el, initialState, vscodeApi } from '../common/vscodeApi';
import {
  AppStateNotification,
  OpenCallSiteCommand,
  ReadyCommand,
  RefreshCommand,
  ExecutorLoadCommand,
  ExecutorLoadNotification,
  SelectStageNotification,
  StageDetailCommand,
  StageDetailNotification,
  type AppPanelState,
} from '../protocol';
import { executorSeriesArrived, renderExecutors } from './executors';
import { renderOverview } from './overview';
import { preloadCharts, type ChartHandle } from './charts';
import { jobsTable, renderStageDetail, renderStageExecutors, stagesTable, stageLabel } from './stages';
import { renderTimeline } from './timeline';
import '../common/base.css';
import './sparkApp.css';

type TabId = 'tab-app' | 'tab-stages' | 'tab-executors' | 'tab-sources';
const tabs: Array<{ id: TabId; title: string }> = [
  { id: 'tab-app', title: 'Application' },
  { id: 'tab-stages', title: 'Jobs & Stages' },
  { id: 'tab-executors', title: 'Executors' },
  { id: 'tab-sources', title: 'Source lines' },
];

interface ViewState {
  panel: AppPanelState;
  tab: TabId;
  stage?: StageKey;
}

const api = vscodeApi<ViewState>();
const saved = api.getState();
const fromHost = initialState<AppPanelState>();
let view: ViewState = { panel: fromHost, tab: saved?.tab ?? 'tab-app', stage: fromHost.selectedStage ?? saved?.stage };
const charts = new Map<TabId, ChartHandle[]>();
const rendered = new Set<TabId>();

function save(): void {
  // Keep what a reload needs (the source and the view), not the snapshot: the host reloads it.
  api.setState({ ...view, panel: { ...view.panel, snapshot: undefined } });
}

function header(state: AppPanelState): HTMLElement {
  const app = state.snapshot?.app;
  const title = el('h1', {}, app?.name ?? 'Spark application');
  const facts = el('div', { class: 'toolbar' });
  if (app?.id) facts.append(el('vscode-badge', {}, app.id));
  if (state.live) facts.append(el('vscode-badge', { class: 'live' }, 'live'));
  if (state.load.state === 'loading' || state.load.state === 'refreshing') facts.append(el('vscode-progress-ring', { 'aria-label': 'loading' }));
  facts.append(el('span', { class: 'muted source' }, state.source));
  if (state.load.updatedAt) facts.append(el('span', { class: 'muted' }, `updated ${formatTime(state.load.updatedAt)}`));
  const refresh = el('vscode-button', { appearance: 'secondary' }, state.load.state === 'error' ? 'Retry' : 'Reload');
  refresh.addEventListener('click', () => api.postMessage(RefreshCommand.create({})));
  facts.append(refresh);
  return el('header', {}, title, facts);
}

function notices(state: AppPanelState): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (state.load.state === 'error') out.push(el('div', { class: 'banner banner-error', role: 'alert' }, state.load.message ?? 'Could not read the application.'));
  else if (state.load.state === 'loading') out.push(el('div', { class: 'banner', role: 'status' }, state.load.message ?? 'Reading the application...', state.load.bytesRead ? ` ${formatBytes(state.load.bytesRead)} read` : ''));
  const warnings = state.snapshot?.warnings ?? [];
  if (warnings.length) {
    const list = el('ul', { class: 'plain' });
    for (const warning of warnings) list.append(el('li', {}, `${warning.message}${warning.count > 1 ? ` (${warning.count} times)` : ''}${warning.file ? ` [${warning.file}${warning.line ? `:${warning.line}` : ''}]` : ''}`));
    out.push(el('div', { class: 'banner banner-warning', role: 'alert' }, el('strong', {}, 'Partial data: '), 'the view shows everything read before these problems.', list));
  }
  return out;
}

/** Stage spreads over executors the host already sent, by stage label (cleared with each snapshot). */
const stageDetails = new Map<string, { detail?: StageDetail; error?: string }>();
const detailCharts: ChartHandle[] = [];

/**
 * Draws the selected stage's detail. Its task distributions and spread over executors come from the
 * host on request (they are not in the page's snapshot); until then the facts show alone.
 */
function renderSelectedStage(): void {
  const holder = document.getElementById('stage-detail');
  const snapshot = view.panel.snapshot;
  if (!holder || !snapshot) return;
  detailCharts.forEach((chart) => chart.destroy());
  detailCharts.length = 0;
  if (!view.stage) {
    holder.replaceChildren(el('p', { class: 'muted' }, 'Select a stage (in the timeline or the table) to see its task distribution.'));
    return;
  }
  holder.replaceChildren(renderStageDetail(snapshot, view.stage, detailCharts));
  const executors = holder.querySelector<HTMLElement>('.stage-executors');
  const known = stageDetails.get(stageLabel(view.stage));
  if (!known) api.postMessage(StageDetailCommand.create(view.stage));
  else executors?.replaceChildren(renderStageExecutors(known.detail, known.error, detailCharts));
}

function selectStage(selected: StageKey): void {
  // Rows and alerts pass richer objects; keep (and send) only the key.
  const stage: StageKey = { stageId: selected.stageId, attemptId: selected.attemptId };
  view = { ...view, tab: 'tab-stages', stage };
  save();
  renderTabs();
  document.getElementById('stage-detail')?.scrollIntoView({ block: 'start' });
}

function callSitesTable(snapshot: AppSnapshot): HTMLElement {
  if (!snapshot.callSites.length) return el('p', { class: 'muted' }, 'No stage names a source line of the job.');
  return sortableTable<CallSiteCost>({
    label: 'Runtime cost by source line',
    rows: snapshot.callSites,
    initialSort: { column: 2, descending: true },
    onActivate: (row) => {
      if (row.callSite.file) api.postMessage(OpenCallSiteCommand.create({ file: row.callSite.file, line: row.callSite.line }));
      else if (row.stages[0]) selectStage(row.stages[0]);
    },
    columns: [
      { title: 'Source line', value: (r) => r.key },
      { title: 'Operation', value: (r) => r.callSite.operation },
      { title: 'Task time', value: (r) => r.taskTimeMs, text: (r) => formatMs(r.taskTimeMs), numeric: true },
      { title: 'Share', value: (r) => r.shareOfTaskTime, text: (r) => formatPercent(r.shareOfTaskTime), numeric: true },
      { title: 'Stage time', value: (r) => r.stageDurationMs, text: (r) => formatMs(r.stageDurationMs), numeric: true },
      { title: 'Stages', value: (r) => r.stages.length, text: (r) => r.stages.map(stageLabel).join(', ') },
      { title: 'Alerts', value: (r) => r.alertIds.length, numeric: true },
    ],
  });
}

function renderTab(id: TabId, snapshot: AppSnapshot): HTMLElement {
  const tabCharts: ChartHandle[] = [];
  charts.set(id, tabCharts);
  switch (id) {
    case 'tab-app':
      return renderOverview(snapshot, (alert) => alert.stage && selectStage(alert.stage));
    case 'tab-stages':
      return el(
        'div',
        {},
        el('h2', {}, 'Stage timeline'),
        renderTimeline(snapshot, selectStage),
        el('div', { id: 'stage-detail' }),
        el('h2', {}, `Stages (${snapshot.stages.length})`),
        stagesTable(snapshot.stages, selectStage),
        el('h2', {}, `Jobs (${snapshot.jobs.length})`),
        jobsTable(snapshot.jobs),
      );
    case 'tab-executors':
      return renderExecutors(snapshot, tabCharts, (executorId) => api.postMessage(ExecutorLoadCommand.create({ executorId })));
    case 'tab-sources':
      return el('div', {}, el('p', { class: 'muted' }, 'Where the run spent its task time, by the line of the job that started the stages. Enter opens the line.'), callSitesTable(snapshot));
  }
}

let panels: HTMLElement | undefined;

function renderTabs(): void {
  const snapshot = view.panel.snapshot;
  if (!snapshot || !panels) return;
  for (const tab of tabs) {
    const holder = panels.querySelector<HTMLElement>(`#view-${tab.id}`);
    if (!holder) continue;
    // Only the visible tab is drawn; the others are drawn when first shown.
    if (tab.id !== view.tab) {
      if (!rendered.has(tab.id)) holder.replaceChildren();
      continue;
    }
    charts.get(tab.id)?.forEach((chart) => chart.destroy());
    holder.replaceChildren(renderTab(tab.id, snapshot));
    rendered.add(tab.id);
  }
  panels.setAttribute('activeid', view.tab);
  // The toolkit marks the selected tab once it has upgraded them; until then, so does this.
  if (!customElements.get('vscode-panels')) {
    for (const tab of tabs) {
      panels.querySelector(`#${tab.id}`)?.setAttribute('aria-selected', String(tab.id === view.tab));
      panels.querySelector<HTMLElement>(`#view-${tab.id}`)?.toggleAttribute('hidden', tab.id !== view.tab);
    }
  }
  if (view.tab === 'tab-stages') renderSelectedStage();
}

/** The header and the banners: what a load-state update changes. */
let chrome: HTMLElement | undefined;

function renderChrome(): void {
  if (!chrome) return render();
  chrome.replaceChildren(header(view.panel), ...notices(view.panel));
}

function render(): void {
  const app = document.getElementById('app');
  if (!app) return;
  const state = view.panel;
  for (const list of charts.values()) list.forEach((chart) => chart.destroy());
  charts.clear();
  rendered.clear();
  chrome = el('div', { class: 'chrome' }, header(state), ...notices(state));
  const parts: Array<HTMLElement> = [chrome];
  if (state.snapshot) {
    panels = el('vscode-panels', { 'aria-label': 'Application views', activeid: view.tab });
    for (const tab of tabs) panels.append(el('vscode-panel-tab', { id: tab.id }, tab.title));
    for (const tab of tabs) panels.append(el('vscode-panel-view', { id: `view-${tab.id}` }));
    panels.addEventListener('change', (event) => {
      const active = (event.target as HTMLElement & { activeid?: string }).activeid as TabId | undefined;
      if (active && active !== view.tab && tabs.some((t) => t.id === active)) {
        view = { ...view, tab: active };
        save();
        renderTabs();
      }
    });
    // Until the toolkit has upgraded the tabs (right after first paint), a click selects one here.
    panels.addEventListener('click', (event) => {
      if (customElements.get('vscode-panels')) return;
      const tab = (event.target as HTMLElement).closest('vscode-panel-tab');
      const active = tab?.id as TabId | undefined;
      if (active && active !== view.tab && tabs.some((t) => t.id === active)) {
        view = { ...view, tab: active };
        save();
        renderTabs();
      }
    });
    parts.push(panels);
  } else if (state.load.state !== 'loading') {
    parts.push(el('p', { class: 'muted' }, 'Nothing to show yet.'));
  }
  app.replaceChildren(...parts);
  renderTabs();
  document.title = state.snapshot?.app.name ?? 'Spark application';
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (AppStateNotification.is(event.data)) {
    const { snapshot: packed, keepSnapshot, ...rest } = event.data.params;
    if (keepSnapshot) {
      // only the load state or the live flag changed: redraw the header, keep the tabs and the open stage
      view = { ...view, panel: { ...rest, snapshot: view.panel.snapshot }, stage: rest.selectedStage ?? view.stage };
      save();
      renderChrome();
      return;
    }
    stageDetails.clear();
    view = { ...view, panel: { ...rest, snapshot: packed === undefined ? undefined : unpackState<AppSnapshot>(packed) }, stage: rest.selectedStage ?? view.stage };
    save();
    render();
  } else if (SelectStageNotification.is(event.data)) {
    selectStage(event.data.params);
  } else if (StageDetailNotification.is(event.data)) {
    const { stage, detail, error, distributions } = event.data.params;
    stageDetails.set(stageLabel(stage), { detail, error });
    const info = view.panel.snapshot?.stages.find((s) => stageLabel(s) === stageLabel(stage));
    if (info && distributions) info.distributions = distributions;
    if (view.stage && stageLabel(view.stage) === stageLabel(stage)) renderSelectedStage();
  } else if (ExecutorLoadNotification.is(event.data)) {
    const { series } = event.data.params;
    const load = view.panel.snapshot?.load;
    if (load && series && !load.executors.some((e) => e.executorId === series.executorId)) load.executors.push(series);
    executorSeriesArrived(event.data.params.executorId, !!series);
  }
});

render();
save();
api.postMessage(ReadyCommand.create({}));
// After the first frame: the UI toolkit's elements (tabs, buttons, badges) upgrade; then, when the
// page is idle, Chart.js is fetched and compiled so the first chart does not wait for it.
const idle = (callback: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(callback, { timeout: 3000 }) : setTimeout(callback, 500));
requestAnimationFrame(() =>
  setTimeout(() => {
    void import('./toolkit').then((toolkit) => {
      toolkit.registerToolkit();
      idle(() => void preloadCharts());
    });
  }),
);
