// Diagnostics for configuration keys and values, as plain data the server turns into LSP diagnostics:
//   SPK403 unknown-spark-config         a spark.* key Spark does not document (with the near miss to use)
//   SPK404 invalid-spark-config-value   a value Spark would reject for the key's type
import { findConfigPairs, type ConfigSource, type Range } from './contexts';
import { currentKeyOf, movedKeyOf } from './deprecatedKeys';
import {
  isExternalKey,
  isPartiallyDocumented,
  lookupSparkConfig,
  nearestSparkConfig,
  sparkConfigIndex,
  type SparkConfigIndex,
} from './table';
import { invalidValueReason, platformOnlyValue, type ConfigValue } from './values';

export const UNKNOWN_SPARK_CONFIG = { code: 'SPK403', name: 'unknown-spark-config' } as const;
export const INVALID_SPARK_CONFIG_VALUE = { code: 'SPK404', name: 'invalid-spark-config-value' } as const;

export interface SparkConfigProblem {
  readonly code: 'SPK403' | 'SPK404';
  readonly name: 'unknown-spark-config' | 'invalid-spark-config-value';
  readonly message: string;
  readonly range: Range;
  /** For a near miss: the known key that should replace the text at `range`. */
  readonly replacement?: string;
  /**
   * For a renamed key: the Spark version that renamed it (deprecated) or stopped reading it (moved). In an
   * older Spark the old name is the current one.
   */
  readonly renamedIn?: string;
  /** For a renamed key: its current name, also when its value must be converted first (no `replacement` then). */
  readonly renamedTo?: string;
  /** For a value only a platform accepts (`auto` shuffle partitions on Databricks): that platform. */
  readonly onlyOn?: 'Databricks';
}

/**
 * Checks one key and its value. `keyRange` covers the key text only (inside the quotes). `readBack`: the
 * code reads the key (`conf.get`, `contains`), so an undocumented one is the job's own setting (one passed
 * with `spark-submit --conf` must start with `spark.`), not a typo Spark ignores, unless it is within two
 * edits of a documented key. `readKeys`: every key the code reads; a deprecated name read beside its
 * current one is a fallback for older Sparks, not outdated.
 */
export function checkConfigEntry(
  key: string,
  keyRange: Range,
  value: ConfigValue | undefined,
  valueRange: Range | undefined,
  index: SparkConfigIndex,
  readBack = false,
  readKeys: ReadonlySet<string> = new Set(),
): SparkConfigProblem[] {
  if (!key.startsWith('spark.')) return [];
  // a deprecated name, documented (the SQL ones are still listed) or not
  const current = currentKeyOf(key);
  // `conf.get("spark.yarn.principal", conf.get("spark.kerberos.principal"))`: both names read, on any Spark
  if (current && readBack && readKeys.has(current.key)) return [];
  if (current) {
    const message = current.removedIn
      ? `Deprecated Spark configuration "${key}": Spark ${current.since} renamed it "${current.key}"; the old name works with a deprecation warning before Spark ${current.removedIn}, which removed it (a value other than its default fails there).`
      : `Deprecated Spark configuration "${key}": Spark ${current.since} renamed it "${current.key}"; the old name still works, with a deprecation warning.`;
    return [{ ...UNKNOWN_SPARK_CONFIG, message: current.translated ? `${message} Its value is read in other units there: convert it when you rename it.` : message, range: keyRange, replacement: current.translated ? undefined : current.key, renamedIn: current.since, renamedTo: current.key }];
  }
  const entry = lookupSparkConfig(index, key);
  if (!entry) {
    if (isExternalKey(key)) return [];
    const moved = movedKeyOf(key);
    if (moved) {
      return [{ ...UNKNOWN_SPARK_CONFIG, message: `Spark ${moved.since} no longer reads "${key}": the setting is "${moved.key}" now.`, range: keyRange, replacement: moved.key, renamedIn: moved.since, renamedTo: moved.key }];
    }
    // a key read back is only a typo when it is very close to a documented one (not spark.mysql.port)
    const nearest = nearestSparkConfig(index, key, readBack ? 2 : undefined);
    if (nearest) {
      return [{ ...UNKNOWN_SPARK_CONFIG, message: `Unknown Spark configuration "${key}". Did you mean "${nearest}"?`, range: keyRange, replacement: nearest }];
    }
    if (readBack || isPartiallyDocumented(key)) return [];
    return [{ ...UNKNOWN_SPARK_CONFIG, message: `Unknown Spark configuration "${key}": Spark does not document this key, so it is probably ignored.`, range: keyRange }];
  }
  if (!value || !valueRange) return [];
  const reason = invalidValueReason(entry, value);
  if (!reason) return [];
  const platform = platformOnlyValue(key, value);
  if (platform) return [{ ...INVALID_SPARK_CONFIG_VALUE, message: `Invalid value for ${key} on Apache Spark: ${reason}; only ${platform} accepts it.`, range: valueRange, onlyOn: platform }];
  return [{ ...INVALID_SPARK_CONFIG_VALUE, message: `Invalid value for ${key}: ${reason}.`, range: valueRange }];
}

/** The problems of each copied tree (SPK403 and SPK404 both ask for them in one lint). */
const problemsOfCopy = new WeakMap<object, SparkConfigProblem[]>();

/** Problems in the configuration calls of a Python module. */
export function validateSparkConfig(tree: ConfigSource, index?: SparkConfigIndex): SparkConfigProblem[] {
  // a copied tree never changes (a web-tree-sitter Tree can be edited): its problems can be kept
  const cacheable = !index && !('rootNode' in tree);
  const cached = cacheable ? problemsOfCopy.get(tree) : undefined;
  if (cached) return [...cached];
  const problems = findProblems(tree, index ?? sparkConfigIndex());
  if (cacheable) problemsOfCopy.set(tree, problems);
  return [...problems];
}

/** Calls that read a key: the key is expected to be set (see checkConfigEntry's `readBack`). */
const READ_METHODS = new Set(['get', 'contains']);

function findProblems(tree: ConfigSource, index: SparkConfigIndex): SparkConfigProblem[] {
  const problems: SparkConfigProblem[] = [];
  const pairs = findConfigPairs(tree);
  const readBack = new Set<string>();
  for (const pair of pairs) if (READ_METHODS.has(pair.method) && pair.key.value?.kind === 'string') readBack.add(pair.key.value.text);
  for (const pair of pairs) {
    const key = pair.key.value;
    if (key?.kind !== 'string' || !pair.key.contentRange) continue;
    const valueRange = pair.value ? (pair.value.contentRange ?? pair.value.range) : undefined;
    problems.push(...checkConfigEntry(key.text, pair.key.contentRange, pair.value?.value, valueRange, index, readBack.has(key.text), readBack));
  }
  return problems;
}

/** One `sparkConf` entry of a JSON job spec, located by the caller. */
export interface SparkConfEntryInput {
  readonly key: string;
  readonly value: unknown;
  /** The key text inside its quotes. */
  readonly keyRange: Range;
  /** The value (inside the quotes for a string). */
  readonly valueRange: Range;
}

function jsonValue(value: unknown): ConfigValue | undefined {
  if (typeof value === 'string') return { kind: 'string', text: value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'number') return { kind: Number.isInteger(value) ? 'int' : 'float', text: String(value) };
  if (value === null) return { kind: 'none' };
  return undefined;
}

/** Problems in a `sparkConf` object of a job spec. */
export function validateSparkConfEntries(entries: readonly SparkConfEntryInput[], index: SparkConfigIndex = sparkConfigIndex()): SparkConfigProblem[] {
  return entries.flatMap((entry) => checkConfigEntry(entry.key, entry.keyRange, jsonValue(entry.value), entry.valueRange, index));
}
