// The Spark configuration table (resources/spark-config/sparkConfig.json) and key lookups on it:
// exact names, documented families with a placeholder (`spark.executorEnv.[EnvironmentVariableName]`)
// and the nearest known key for a typo.
import { distance } from 'fastest-levenshtein';
import tableJson from '../../../resources/spark-config/sparkConfig.json';

export type SparkConfigType =
  | 'memory'
  | 'boolean'
  | 'int'
  | 'double'
  | 'duration'
  | 'string'
  | 'enum'
  | 'list'
  | 'class'
  | 'path'
  | 'url';

export interface SparkConfigEntry {
  /** The key; a placeholder (`[Name]`, `{name}`, `<name>`, `${name}` or `*`) stands for any text, as in the Spark docs. */
  readonly name: string;
  /** The documented default as Spark prints it, or null when there is none. */
  readonly default: string | null;
  readonly type: SparkConfigType;
  /** The accepted values of an enum. */
  readonly values?: readonly string[];
  /** What the key does, in our own words. */
  readonly meaning: string;
  /** The Spark version that introduced the key, when the docs say. */
  readonly since?: string;
}

export interface SparkConfigTableFile {
  readonly source: string;
  readonly sparkVersion: string;
  readonly entries: readonly SparkConfigEntry[];
}

export interface SparkConfigIndex {
  readonly entries: readonly SparkConfigEntry[];
  readonly byName: ReadonlyMap<string, SparkConfigEntry>;
  /** Entries whose name has a placeholder, with the regular expression that matches real keys. */
  readonly families: readonly { readonly entry: SparkConfigEntry; readonly pattern: RegExp; readonly prefix: string }[];
  /** Exact names, for "did you mean". */
  readonly names: readonly string[];
}

/**
 * Namespaces owned by libraries and platforms outside Apache Spark (Delta Lake, RAPIDS, connectors).
 * Spark accepts any `spark.*` key, so these are legitimate and never reported as unknown.
 */
export const EXTERNAL_PREFIXES: readonly string[] = [
  'spark.databricks.',
  'spark.delta.',
  'spark.rapids.',
  'spark.cassandra.',
  'spark.mongodb.',
  'spark.es.',
  'spark.snowflake.',
  'spark.openlineage.',
  'spark.iomete.',
  'spark.hive.',
  'spark.redis.',
  'spark.neo4j.',
  'spark.synapse.',
  'spark.microsoft.',
  'spark.yarn.appMasterEnv.',
  'spark.dataproc.',
  'spark.emr.',
  'spark.glue.',
  'spark.lineage.',
  'spark.comet.',
  'spark.gluten.',
  'spark.celeborn.',
  'spark.blaze.',
  'spark.mlflow.',
  // Apache Iceberg's session properties: write-audit-publish ids and branches, and its SQL options
  'spark.wap.',
  'spark.sql.iceberg.',
];

/**
 * Namespaces that the docs list only in part (the SQL settings are generated from Spark's source, and
 * the docs pages show a subset; Mesos' `spark.mesos.*` is documented up to Spark 3.5, not in the 4.0
 * pages the table is built from). An unknown key there is reported only when it is a near miss.
 */
export const PARTIAL_PREFIXES: readonly string[] = ['spark.sql.', 'spark.connect.', 'spark.shuffle.push.', 'spark.kubernetes.', 'spark.mesos.'];

const PLACEHOLDER = /\$\{[^}]+\}|\[[^\]]+\]|\{[^}]+\}|<[^>]+>|\*/g;
const PLACEHOLDER_START = /\$\{|[[{<*]/;

export function isFamily(entry: SparkConfigEntry): boolean {
  return PLACEHOLDER_START.test(entry.name);
}

/** The literal text before the first placeholder: `spark.executorEnv.` for `spark.executorEnv.[Name]`. */
export function familyPrefix(entry: SparkConfigEntry): string {
  const match = PLACEHOLDER_START.exec(entry.name);
  return match ? entry.name.slice(0, match.index) : entry.name;
}

function familyPattern(name: string): RegExp {
  const parts = name.split(PLACEHOLDER).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}

export function indexSparkConfig(entries: readonly SparkConfigEntry[]): SparkConfigIndex {
  const byName = new Map<string, SparkConfigEntry>();
  const families: { entry: SparkConfigEntry; pattern: RegExp; prefix: string }[] = [];
  for (const entry of entries) {
    if (isFamily(entry)) families.push({ entry, pattern: familyPattern(entry.name), prefix: familyPrefix(entry) });
    else byName.set(entry.name, entry);
  }
  return { entries, byName, families, names: [...byName.keys()] };
}

let defaultIndex: SparkConfigIndex | undefined;

/** The table shipped with the extension, indexed once per process. */
export function sparkConfigIndex(): SparkConfigIndex {
  defaultIndex ??= indexSparkConfig((tableJson as SparkConfigTableFile).entries);
  return defaultIndex;
}

/** The entry describing `key`: an exact name first, else a documented family it belongs to. */
export function lookupSparkConfig(index: SparkConfigIndex, key: string): SparkConfigEntry | undefined {
  const exact = index.byName.get(key);
  if (exact) return exact;
  return index.families.find((family) => family.pattern.test(key))?.entry;
}

/**
 * Keys Spark reads that its configuration pages do not list: `spark.home` (`SparkConf.setSparkHome`) and
 * `spark.executor.allowSparkContext` (Spark 3.1's migration guide).
 */
const READ_BUT_UNDOCUMENTED = new Set(['spark.home', 'spark.executor.allowSparkContext']);

export function isExternalKey(key: string): boolean {
  return READ_BUT_UNDOCUMENTED.has(key) || EXTERNAL_PREFIXES.some((prefix) => key.startsWith(prefix));
}

export function isPartiallyDocumented(key: string): boolean {
  return PARTIAL_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/**
 * The known key closest to `key` by edit distance, when it is close enough to be a typo: at most
 * `maxDistance` (3) edits
 * and at most a fifth of the key's length (so short keys need to be nearly right).
 */
export function nearestSparkConfig(index: SparkConfigIndex, key: string, maxDistance = 3): string | undefined {
  // `spark.executor.javaOptions` is `spark.executor.extraJavaOptions` (likewise classPath, libraryPath):
  // five letters away, too far for the edit distance, and a silent misconfiguration (-Xss never applied)
  const dot = key.lastIndexOf('.');
  const last = key.slice(dot + 1);
  const extra = `${key.slice(0, dot + 1)}extra${last.charAt(0).toUpperCase()}${last.slice(1)}`;
  if (!last.startsWith('extra') && lookupSparkConfig(index, extra)) return extra;
  const limit = Math.min(maxDistance, Math.floor(key.length / 5));
  let best: string | undefined;
  let bestDistance = limit + 1;
  const lowerKey = key.toLowerCase();
  for (const name of index.names) {
    // Cheap length filter first: the distance is at least the difference in length.
    if (Math.abs(name.length - key.length) >= bestDistance) continue;
    const d = name.toLowerCase() === lowerKey ? 0.5 : distance(name, key);
    if (d < bestDistance) {
      bestDistance = d;
      best = name;
    }
  }
  return best;
}
