// Completion inside a configuration key or value string: keys of the table filtered by what is typed,
// or the known values of the key a value belongs to.
import { configStringAt, type ConfigSource, type Position, type Range } from './contexts';
import { entryDetail, entryMarkdown } from './describe';
import { lineConfigContext } from './lineContext';
import { familyPrefix, isFamily, lookupSparkConfig, sparkConfigIndex, type SparkConfigIndex } from './table';
import { suggestedValues } from './values';

export interface SparkConfigCompletion {
  readonly label: string;
  readonly kind: 'key' | 'family' | 'value';
  /** One line of facts: default, type, since. */
  readonly detail?: string;
  /** Markdown with the meaning. */
  readonly documentation?: string;
  /** The text between the quotes, replaced by `newText` when the item is accepted. */
  readonly range: Range;
  readonly newText: string;
}

/** What was typed between the opening quote and the cursor (single-line strings only). */
function typedPrefix(content: string | undefined, range: Range, position: Position): string {
  if (content === undefined || range.start.line !== position.line) return '';
  return content.slice(0, Math.max(0, position.character - range.start.character));
}

export function keyCompletions(prefix: string, range: Range, index: SparkConfigIndex): SparkConfigCompletion[] {
  const lowerPrefix = prefix.toLowerCase();
  const items: SparkConfigCompletion[] = [];
  for (const entry of index.entries) {
    const label = isFamily(entry) ? familyPrefix(entry) : entry.name;
    if (!label.toLowerCase().startsWith(lowerPrefix)) continue;
    items.push({
      label,
      kind: isFamily(entry) ? 'family' : 'key',
      detail: isFamily(entry) ? `${entry.name} · ${entryDetail(entry)}` : entryDetail(entry),
      documentation: entryMarkdown(entry),
      range,
      newText: label,
    });
  }
  return items;
}

export interface SparkConfigCompletionOptions {
  /** The document text: lets completion work on a line that does not parse yet (no closing quote). */
  readonly text?: string;
  readonly index?: SparkConfigIndex;
}

/**
 * Completions at `position`, or an empty list when the position is not inside a configuration key or
 * value string.
 */
export function sparkConfigCompletions(tree: ConfigSource, position: Position, options: SparkConfigCompletionOptions = {}): SparkConfigCompletion[] {
  const index = options.index ?? sparkConfigIndex();
  const at = configStringAt(tree, position);
  if (at?.argument.contentRange) {
    const range = at.argument.contentRange;
    const content = at.argument.value?.kind === 'string' ? at.argument.value.text : undefined;
    if (at.role === 'key') return keyCompletions(typedPrefix(content, range, position), range, index);
    const key = at.pair.key.value;
    return key?.kind === 'string' ? valueCompletions(key.text, range, index) : [];
  }
  if (options.text === undefined) return [];
  const line = lineConfigContext(options.text, position);
  if (!line) return [];
  return line.role === 'key' ? keyCompletions(line.prefix, line.range, index) : valueCompletions(line.key!, line.range, index);
}

export function valueCompletions(key: string, range: Range, index: SparkConfigIndex): SparkConfigCompletion[] {
  const entry = lookupSparkConfig(index, key);
  if (!entry) return [];
  return suggestedValues(entry).map((value) => ({
    label: value,
    kind: 'value' as const,
    detail: value === entry.default ? `default of ${entry.name}` : entry.type,
    documentation: entryMarkdown(entry),
    range,
    newText: value,
  }));
}
