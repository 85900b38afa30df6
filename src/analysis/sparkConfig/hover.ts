// Hover on a configuration key string: what the key does, its default, type and version.
import { configStringAt, type ConfigSource, type Position, type Range } from './contexts';
import { entryMarkdown } from './describe';
import { lookupSparkConfig, sparkConfigIndex, type SparkConfigIndex } from './table';

export interface SparkConfigHover {
  readonly markdown: string;
  /** The key text between the quotes. */
  readonly range: Range;
}

export function sparkConfigHover(tree: ConfigSource, position: Position, index: SparkConfigIndex = sparkConfigIndex()): SparkConfigHover | undefined {
  const at = configStringAt(tree, position);
  if (!at || at.role !== 'key' || at.argument.value?.kind !== 'string' || !at.argument.contentRange) return undefined;
  const entry = lookupSparkConfig(index, at.argument.value.text);
  if (!entry) return undefined;
  return { markdown: entryMarkdown(entry), range: at.argument.contentRange };
}
