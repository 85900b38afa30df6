// Which keys a running session cannot change: `spark.conf.set(k, v)` and SQL `SET k=v` both go through
// RuntimeConfig.set, whose requireNonStaticConf (Spark 3.0-3.5, sql/core RuntimeConfig.scala) raises
// AnalysisException for a static SQL configuration, and, while the internal
// `spark.sql.legacy.setCommandRejectsSparkCoreConfs` is true (its default since 3.0), for any key with a
// registered core ConfigEntry. Keys without an entry (`spark.app.name`) are stored and change nothing.
import { compareVersions } from '../../shared/versions';
import { lookupSparkConfig, type SparkConfigIndex } from './table';

/** StaticSQLConf's keys (Spark 3.5) and HiveUtils' static ones: fixed when the session starts. */
const STATIC_SQL_KEYS: ReadonlySet<string> = new Set([
  'spark.sql.warehouse.dir',
  'spark.sql.catalog.spark_catalog.defaultDatabase',
  'spark.sql.catalogImplementation',
  'spark.sql.globalTempDatabase',
  'spark.sql.sources.schemaStringLengthThreshold',
  'spark.sql.filesourceTableRelationCacheSize',
  'spark.sql.codegen.cache.maxEntries',
  'spark.sql.codegen.comments',
  'spark.sql.debug',
  'spark.sql.hive.thriftServer.singleSession',
  'spark.sql.extensions',
  'spark.sql.cache.serializer',
  'spark.sql.queryExecutionListeners',
  'spark.sql.streaming.streamingQueryListeners',
  'spark.sql.ui.retainedExecutions',
  'spark.sql.broadcastExchange.maxThreadThreshold',
  'spark.sql.subquery.maxThreadThreshold',
  'spark.sql.event.truncate.length',
  'spark.sql.legacy.sessionInitWithConfigDefaults',
  'spark.sql.defaultUrlStreamHandlerFactory.enabled',
  'spark.sql.streaming.ui.enabled',
  'spark.sql.streaming.ui.retainedProgressUpdates',
  'spark.sql.streaming.ui.retainedQueries',
  'spark.sql.metadataCacheTTLSeconds',
  'spark.sql.streaming.ui.enabledCustomMetricList',
  'spark.sql.sources.disabledJdbcConnProviderList',
  'spark.sql.hive.metastore.version',
  'spark.sql.hive.version',
  'spark.sql.hive.metastore.jars',
  'spark.sql.hive.metastore.jars.path',
  'spark.sql.hive.metastore.sharedPrefixes',
  'spark.sql.hive.metastore.barrierPrefixes',
]);

/**
 * Families of the ConfigEntries every running driver has registered: core's `config` package object (shuffle,
 * reducer, I/O, broadcast, storage, cleaner and RPC settings among them) and its UI, Network and Kryo objects
 * (resource-manager modules register theirs only when loaded).
 */
const CORE_ENTRY_PREFIXES: readonly string[] = [
  'spark.driver.', 'spark.executor.', 'spark.dynamicAllocation.', 'spark.memory.', 'spark.kryo.', 'spark.kryoserializer.',
  'spark.eventLog.', 'spark.ui.', 'spark.network.', 'spark.speculation', 'spark.task.', 'spark.locality.',
  'spark.shuffle.', 'spark.reducer.', 'spark.io.', 'spark.broadcast.', 'spark.rdd.', 'spark.storage.', 'spark.cleaner.', 'spark.rpc.',
];
const CORE_ENTRY_KEYS: ReadonlySet<string> = new Set(['spark.serializer', 'spark.jars', 'spark.cores.max', 'spark.scheduler.mode', 'spark.files']);

/** `spark.jars.packages` and its ivy settings got ConfigEntries in Spark 3.2: before, a runtime set was only kept. */
const ENTRY_SINCE_3_2 = /^spark\.jars\.(packages|repositories|ivy|ivySettings|excludes)$/;

/**
 * Launch settings without a ConfigEntry of their own: a runtime set is stored (`spark.conf.get` returns it)
 * and changes nothing. `defaultJavaOptions` are prepended to the Java options entry (only that one is
 * registered); the role-specific rpc and Netty settings are read by name when the context starts.
 */
const UNREGISTERED_LAUNCH_KEYS: ReadonlySet<string> = new Set(['spark.app.name', 'spark.master', 'spark.default.parallelism', 'spark.driver.defaultJavaOptions', 'spark.executor.defaultJavaOptions']);
const UNREGISTERED_LAUNCH_FAMILIES = /^spark\.(?:(?:driver|executor)\.rpc\.|network\.io\.)/;

export type RuntimeSetOutcome =
  /** AnalysisException: "Cannot modify the value of a static config" (`static`) or "... of a Spark config"
   *  (a core entry, refused since Spark 3.0), from `since` on (the key's entry came with that version); before, ignored. */
  | { readonly refused: 'static' | 'core'; readonly since: string }
  /** Accepted, with no effect on the running application. */
  | 'ignored'
  | undefined;

/** What setting `key` in a running session does; undefined for keys it can change (or that it does not know). */
export function runtimeSetOutcome(key: string, index: SparkConfigIndex): RuntimeSetOutcome {
  const entry = lookupSparkConfig(index, key);
  const documented = entry?.name === key ? entry : undefined;
  const since = (version: string) => (documented?.since && compareVersions(documented.since, version) > 0 ? documented.since : version);
  if (STATIC_SQL_KEYS.has(key)) return { refused: 'static', since: since('3.0') };
  if (UNREGISTERED_LAUNCH_KEYS.has(key) || UNREGISTERED_LAUNCH_FAMILIES.test(key)) return documented ? 'ignored' : undefined;
  if (ENTRY_SINCE_3_2.test(key)) return { refused: 'core', since: since('3.2') };
  // documented keys only: an unknown one is SPK403's (a typo), and families such as spark.executorEnv.* have no entry
  if (!documented) return undefined;
  if (CORE_ENTRY_KEYS.has(key) || CORE_ENTRY_PREFIXES.some((prefix) => key.startsWith(prefix))) return { refused: 'core', since: since('3.0') };
  return undefined;
}
