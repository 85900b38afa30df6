// The stage timeline: one bar per stage attempt from submission to completion, drawn straight on a
// canvas (no chart library: 2,000 bars draw in a few milliseconds). Up to `labelledRows` attempts get
// a row and a label each; more are packed into lanes (an attempt goes in the first lane free when it
// starts), so the height shows how many stages ran at once. Hovering names the stage (as text), a
// click opens it; the stages table below has the same data for keyboards and screen readers.
import type { AppSnapshot, StageInfo, StageKey } from '../../src/spark/model/types';
import { formatCount, formatMs } from '../common/format';
import { el } from '../common/vscodeApi';
import { themeColors, translucent } from './charts';

const labelledRows = 60;
const axisHeight = 34;

interface Bar {
  stage: StageInfo;
  start: number;
  end: number;
  lane: number;
}

const stageLabel = (stage: StageKey) => `${stage.stageId}.${stage.attemptId}`;

function statusColor(status: string, c: ReturnType<typeof themeColors>): string {
  return ({ COMPLETE: c.green, SUCCEEDED: c.green, ACTIVE: c.blue, RUNNING: c.blue, FAILED: c.red, PENDING: c.lines, SKIPPED: c.lines } as Record<string, string>)[status] ?? c.lines;
}

/** Stage attempts that have a start, with an end (active ones end now), in lanes. */
export function timelineBars(snapshot: AppSnapshot): { bars: Bar[]; lanes: number; labelled: boolean } {
  let now = snapshot.app.endTime ?? 0;
  if (snapshot.app.endTime === undefined) for (const s of snapshot.stages) now = Math.max(now, s.completionTime ?? s.submissionTime ?? 0);
  const bars: Bar[] = [];
  for (const stage of snapshot.stages) {
    if (stage.submissionTime !== undefined) bars.push({ stage, start: stage.submissionTime, end: Math.max(stage.submissionTime, stage.completionTime ?? now), lane: 0 });
  }
  const labelled = bars.length <= labelledRows;
  if (labelled) {
    bars.forEach((bar, i) => (bar.lane = i));
    return { bars, lanes: bars.length, labelled };
  }
  bars.sort((a, b) => a.start - b.start || a.end - b.end);
  const laneEnds: number[] = [];
  for (const bar of bars) {
    let lane = laneEnds.findIndex((end) => end <= bar.start);
    if (lane < 0) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = bar.end;
    bar.lane = lane;
  }
  return { bars, lanes: laneEnds.length, labelled };
}

/** A round step for about `count` ticks over `span` seconds. */
function tickStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? 10 * power;
}

export function renderTimeline(snapshot: AppSnapshot, onStage: (stage: StageKey) => void): HTMLElement {
  const { bars, lanes, labelled } = timelineBars(snapshot);
  if (!bars.length) return el('p', { class: 'muted' }, 'No stage has started yet.');
  const origin = snapshot.app.startTime ?? Math.min(...bars.map((b) => b.start));
  const endAll = bars.reduce((max, b) => Math.max(max, b.end), origin + 1);
  const laneHeight = labelled ? 18 : Math.max(3, Math.min(28, Math.floor(420 / lanes)));
  const height = axisHeight + lanes * laneHeight + 6;
  const canvas = el('canvas', {
    role: 'img',
    'aria-label': `Timeline of ${bars.length} stage attempts${labelled ? '' : ` in ${lanes} lane${lanes === 1 ? '' : 's'} (stages running at once)`}; the stages table below has the same data.`,
  });
  const tip = el('div', { class: 'gantt-tip', role: 'tooltip' });
  tip.hidden = true;
  const wrap = el('div', { class: 'gantt' }, canvas, tip);
  wrap.style.height = `${height}px`;

  // Bars by lane, sorted by start: hovering looks the lane up and bisects it.
  const byLane: Bar[][] = Array.from({ length: lanes }, () => []);
  for (const bar of bars) byLane[bar.lane].push(bar);
  for (const lane of byLane) lane.sort((a, b) => a.start - b.start);

  let gutter = 0;
  let width = 0;
  const x = (time: number) => gutter + ((time - origin) / (endAll - origin)) * (width - gutter - 12);

  function draw(): void {
    width = wrap.clientWidth;
    if (!width) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const c = themeColors();
    const font = getComputedStyle(document.body).fontFamily;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = `11px ${font}`;
    ctx.textBaseline = 'middle';
    const labels = labelled ? bars.map((b) => `${stageLabel(b.stage)} ${b.stage.callSite?.operation ?? ''}`.trim()) : [];
    gutter = labelled ? Math.min(220, Math.max(...labels.map((l) => ctx.measureText(l).width)) + 12) : 4;
    // Axis: seconds since the application started, with grid lines.
    const span = (endAll - origin) / 1000;
    const step = tickStep(span, Math.max(2, Math.floor((width - gutter) / 90)));
    ctx.strokeStyle = c.grid;
    ctx.fillStyle = c.foreground;
    ctx.textAlign = 'center';
    for (let t = 0; t <= span + 1e-9; t += step) {
      const px = Math.round(x(origin + t * 1000)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(px, axisHeight - 6);
      ctx.lineTo(px, height);
      ctx.stroke();
      ctx.fillText(step < 1 ? t.toFixed(1) : String(Math.round(t)), px, axisHeight - 14);
    }
    ctx.textAlign = 'left';
    ctx.fillText('seconds since application start', gutter, 8);
    // Bars, at least one pixel wide.
    const colors = new Map<string, string>();
    for (const bar of bars) {
      let color = colors.get(bar.stage.status);
      if (!color) colors.set(bar.stage.status, (color = translucent(statusColor(bar.stage.status, c), 0.85)));
      ctx.fillStyle = color;
      const left = x(bar.start);
      const top = axisHeight + bar.lane * laneHeight;
      const barWidth = x(bar.end) - left;
      // A pixel of gap between bars wide enough to keep one, so stages in a row stay apart.
      ctx.fillRect(left, top + (laneHeight > 4 ? 1 : 0), Math.max(1, barWidth >= 4 ? barWidth - 1 : barWidth), laneHeight > 4 ? laneHeight - 2 : laneHeight);
    }
    if (labelled) {
      ctx.fillStyle = c.foreground;
      labels.forEach((label, i) => {
        ctx.fillText(label, 4, axisHeight + i * laneHeight + laneHeight / 2, gutter - 8);
      });
    }
  }

  function barAt(offsetX: number, offsetY: number): Bar | undefined {
    const lane = byLane[Math.floor((offsetY - axisHeight) / laneHeight)];
    if (!lane || offsetX < gutter) return undefined;
    const time = origin + ((offsetX - gutter) / (width - gutter - 12)) * (endAll - origin);
    const slack = (3 / Math.max(1, width - gutter - 12)) * (endAll - origin);
    let lo = 0;
    let hi = lane.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lane[mid].start <= time + slack) lo = mid + 1;
      else hi = mid;
    }
    // The last bar that starts at or before the pointer, or a neighbour within a few pixels.
    for (let i = lo - 1; i >= Math.max(0, lo - 4); i--) if (lane[i].end >= time - slack) return lane[i];
    return undefined;
  }

  canvas.addEventListener('mousemove', (event) => {
    const bar = barAt(event.offsetX, event.offsetY);
    canvas.style.cursor = bar ? 'pointer' : '';
    if (!bar) {
      tip.hidden = true;
      return;
    }
    const s = bar.stage;
    tip.textContent = `Stage ${stageLabel(s)} ${s.name}: ${formatMs(bar.end - bar.start)}, ${formatCount(s.numTasks)} tasks, ${s.status}`;
    tip.hidden = false;
    tip.style.left = `${Math.min(event.offsetX + 12, Math.max(0, width - tip.offsetWidth - 4))}px`;
    tip.style.top = `${event.offsetY + 14}px`;
  });
  canvas.addEventListener('mouseleave', () => (tip.hidden = true));
  canvas.addEventListener('click', (event) => {
    const bar = barAt(event.offsetX, event.offsetY);
    if (bar) onStage(bar.stage);
  });
  // Drawn once the canvas has a width, and again when the panel is resized.
  new ResizeObserver(() => {
    if (wrap.clientWidth !== width) draw();
  }).observe(wrap);
  return wrap;
}
