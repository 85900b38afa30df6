// Text that explains a configuration entry, shared by completion (detail, documentation) and hover.
import type { SparkConfigEntry } from './table';

/** One line: default, type and version, e.g. `default 1g · memory · since 1.1.0`. */
export function entryDetail(entry: SparkConfigEntry): string {
  const parts = [entry.default === null || entry.default === '' ? 'no default' : `default ${entry.default}`, entry.type];
  if (entry.since) parts.push(`since ${entry.since}`);
  return parts.join(' · ');
}

/** Markdown: the meaning, then the facts. */
export function entryMarkdown(entry: SparkConfigEntry): string {
  const lines = [`**${entry.name}**`, '', entry.meaning || '_No description yet._', ''];
  const facts = [`Default: ${entry.default === null || entry.default === '' ? 'none' : `\`${entry.default}\``}`, `Type: ${entry.type}`];
  if (entry.values?.length) facts.push(`Values: ${entry.values.map((value) => `\`${value}\``).join(', ')}`);
  if (entry.since) facts.push(`Since: Spark ${entry.since}`);
  lines.push(facts.join(' · '));
  return lines.join('\n');
}
