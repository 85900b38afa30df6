// Checks a configuration value against the key's type the way Spark parses it, and proposes values to
// complete. Spark reads every value as a string: sizes and durations go through JavaUtils (digits and an
// optional unit, case-insensitive, trimmed), booleans through Scala's toBoolean (true/false, any case).
import type { SparkConfigEntry } from './table';

/** A value as written: a string literal's text, or a Python literal (number, True/False, None). */
export type ConfigValue =
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'int' | 'float'; readonly text: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'none' };

const SIZE = /^-?\d+(b|k|kb|m|mb|g|gb|t|tb|p|pb)?$/i;
const DURATION = /^-?\d+(ns|us|ms|s|m|min|h|d|y)?$/i;
const INTEGER = /^[-+]?\d+$/;
const DOUBLE = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

export const MEMORY_EXAMPLES = ['512m', '1g', '2g', '4g', '8g', '16g'];
export const DURATION_EXAMPLES = ['30s', '60s', '120s', '5min', '1h'];

/** Why `value` is not valid for `entry`, or undefined when it is valid or cannot be judged. */
export function invalidValueReason(entry: SparkConfigEntry, value: ConfigValue): string | undefined {
  if (value.kind === 'none') return undefined;
  const text = value.kind === 'bool' ? String(value.value) : value.text.trim();
  switch (entry.type) {
    case 'boolean':
      if (value.kind === 'bool') return undefined;
      return /^(true|false)$/i.test(text) ? undefined : `expects a boolean (true or false), got "${text}"`;
    case 'int':
      if (value.kind === 'bool') return `expects an integer, got ${value.value ? 'True' : 'False'}`;
      return INTEGER.test(text.replace(/_/g, '')) ? undefined : `expects an integer, got "${text}"`;
    case 'double':
      if (value.kind === 'bool') return `expects a number, got ${value.value ? 'True' : 'False'}`;
      return DOUBLE.test(text.replace(/_/g, '')) ? undefined : `expects a number, got "${text}"`;
    case 'memory':
      if (value.kind === 'bool') return `expects a size such as 4g or 512m, got ${value.value ? 'True' : 'False'}`;
      if (value.kind === 'float' || /^\d+\.\d+/.test(text)) return `expects a whole size such as 4g or 512m (Spark does not accept fractions), got "${text}"`;
      return SIZE.test(text) ? undefined : `expects a size such as 4g or 512m, got "${text}"`;
    case 'duration':
      if (value.kind === 'bool') return `expects a duration such as 30s or 5min, got ${value.value ? 'True' : 'False'}`;
      if (value.kind === 'float') return `expects a whole duration such as 30s or 5min, got "${text}"`;
      return DURATION.test(text) ? undefined : `expects a duration such as 30s or 5min, got "${text}"`;
    case 'enum': {
      const values = entry.values ?? [];
      // An empty value usually means "unset" (for example the disabled log rolling strategy).
      if (!values.length || text === '') return undefined;
      return values.some((allowed) => allowed.toLowerCase() === text.toLowerCase())
        ? undefined
        : `expects one of ${values.join(', ')}, got "${text}"`;
    }
    default:
      return undefined;
  }
}

/** Values a platform accepts beyond Apache Spark's: Databricks' auto-optimized shuffle. */
const PLATFORM_VALUES: ReadonlyMap<string, { value: string; platform: 'Databricks' }> = new Map([
  ['spark.sql.shuffle.partitions', { value: 'auto', platform: 'Databricks' }],
]);

/** The platform that accepts `value` for `key` where Apache Spark rejects it (`auto` shuffle partitions on Databricks). */
export function platformOnlyValue(key: string, value: ConfigValue): 'Databricks' | undefined {
  const accepted = PLATFORM_VALUES.get(key);
  return accepted && value.kind === 'string' && value.text.trim().toLowerCase() === accepted.value ? accepted.platform : undefined;
}

/** Values worth offering when completing the value of `entry`, the default first. */
export function suggestedValues(entry: SparkConfigEntry): string[] {
  const values: string[] = [];
  const add = (value: string | null | undefined): void => {
    if (value !== null && value !== undefined && value !== '' && !values.includes(value)) values.push(value);
  };
  switch (entry.type) {
    case 'boolean':
      add('true');
      add('false');
      break;
    case 'memory':
      if (entry.default && SIZE.test(entry.default)) add(entry.default);
      for (const value of MEMORY_EXAMPLES) add(value);
      break;
    case 'duration':
      if (entry.default && DURATION.test(entry.default)) add(entry.default);
      for (const value of DURATION_EXAMPLES) add(value);
      break;
    case 'int':
    case 'double':
      if (entry.default && (INTEGER.test(entry.default) || DOUBLE.test(entry.default))) add(entry.default);
      break;
    default:
      break;
  }
  // Enums list their values; other keys may list typical ones (codecs, masters, serializers).
  for (const value of entry.values ?? []) add(value);
  return values;
}
