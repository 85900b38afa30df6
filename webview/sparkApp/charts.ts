// Chart.js with only the pieces the panels use (tree-shaken), coloured from the VS Code theme.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

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

/** Creates a chart in a canvas with the theme's text and grid colours; animations off (first paint). */
export function createChart<T extends ChartConfiguration>(canvas: HTMLCanvasElement, config: T): Chart {
  const colors = themeColors();
  Chart.defaults.color = colors.foreground;
  Chart.defaults.borderColor = colors.grid;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false;
  return new Chart(canvas, config);
}
