// Charts coloured from the VS Code theme. Chart.js (chartjs.ts) is loaded on the first chart, as its
// own chunk: first paint does not parse it. A chart is created as soon as the chunk is there, unless
// it was destroyed (its tab or stage redrawn) in the meantime.
import type { ChartConfiguration } from 'chart.js';

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export function themeColors() {
  return {
    foreground: cssVar('--vscode-foreground', '#cccccc'),
    grid: cssVar('--vscode-widget-border', cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)')),
    blue: cssVar('--vscode-charts-blue', '#3794ff'),
    green: cssVar('--vscode-charts-green', '#89d185'),
    orange: cssVar('--vscode-charts-orange', '#d18616'),
    red: cssVar('--vscode-charts-red', '#f14c4c'),
    purple: cssVar('--vscode-charts-purple', '#b180d7'),
    yellow: cssVar('--vscode-charts-yellow', '#cca700'),
    lines: cssVar('--vscode-charts-lines', 'rgba(128,128,128,0.6)'),
  };
}

/** Translucent version of a theme colour (hex or rgb) for filled areas. */
export function translucent(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const n = parseInt(hex[1], 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  return color;
}

/** What a tab keeps of its charts: something to destroy when it redraws. */
export interface ChartHandle {
  destroy(): void;
}

let chartJs: Promise<typeof import('./chartjs')> | undefined;

/** Starts loading Chart.js (e.g. when the page is idle after first paint). */
export function preloadCharts(): Promise<typeof import('./chartjs')> {
  chartJs ??= import('./chartjs');
  return chartJs;
}

/** Creates a chart in a canvas with the theme's text and grid colours once Chart.js is loaded. */
export function createChart<T extends ChartConfiguration>(canvas: HTMLCanvasElement, config: T): ChartHandle {
  let destroyed = false;
  let chart: { destroy(): void } | undefined;
  void preloadCharts().then(
    (module) => {
      if (destroyed) return;
      const colors = themeColors();
      chart = module.newChart(canvas, config, { foreground: colors.foreground, grid: colors.grid, font: getComputedStyle(document.body).fontFamily });
      canvas.dataset.drawn = 'true';
    },
    (error: unknown) => {
      canvas.replaceWith(Object.assign(document.createElement('p'), { className: 'muted', textContent: `The chart could not be drawn: ${String(error)}` }));
    },
  );
  return {
    destroy() {
      destroyed = true;
      chart?.destroy();
    },
  };
}
