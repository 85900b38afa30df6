// Numbers as people read them in the panels. Durations and bytes reuse the model's formatting so the
// alerts' messages and the tables agree.
export { formatBytes, formatMs } from '../../src/spark/model/alerts';

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}

export function formatTime(epochMs: number | undefined): string {
  if (epochMs === undefined) return '';
  return new Date(epochMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
