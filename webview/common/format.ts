// Numbers as people read them in the panels. Durations and bytes reuse the model's formatting so the
// alerts' messages and the tables agree.
export { formatBytes, formatMs } from '../../src/spark/model/alerts';

/** 1234567 -> "1,234,567" (as en-US, without Intl: its first use costs tens of ms at first paint). */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole, fraction] = String(Math.round(value * 1000) / 1000).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction ? `${grouped}.${fraction}` : grouped;
}

export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}

export function formatTime(epochMs: number | undefined): string {
  if (epochMs === undefined) return '';
  return new Date(epochMs).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
