// Chart.js with only the pieces the panels use (tree-shaken). Imported with import() by charts.ts:
// it is a separate chunk that only a tab or a stage with a chart loads, not part of first paint.
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

/** A chart in a canvas with the given text and grid colours and font; animations off. */
export function newChart(canvas: HTMLCanvasElement, config: ChartConfiguration, theme: { foreground: string; grid: string; font: string }): Chart {
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.font.family = theme.font;
  Chart.defaults.animation = false;
  return new Chart(canvas, config);
}
