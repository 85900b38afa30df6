// Keys Spark still reads under an old name (SparkConf.configsWithAlternatives, and the SQL keys of
// SQLConf.deprecatedSQLConfigs the new key falls back to): it warns "deprecated" and uses the value for
// the current key, so such a key is not ignored, only outdated. Left out: the names
// deprecated in 3.5 (`spark.yarn.max.executor.failures`), which are the current ones for older Sparks.

interface CurrentKey {
  key: string;
  /** The Spark version that deprecated the old name. */
  since: string;
  /** The old name's value means something else under the new one (`.mb`, `.kb`, `.seconds`, tries): no replacement. */
  translated?: boolean;
  /** The Spark version that removed the old name (a value other than its default fails there). */
  removedIn?: string;
}

const DEPRECATED_KEYS: ReadonlyMap<string, CurrentKey> = new Map([
  ['spark.files.userClassPathFirst', { key: 'spark.executor.userClassPathFirst', since: '1.3' }],
  ['spark.history.fs.update.interval.seconds', { key: 'spark.history.fs.update.interval', since: '1.4', translated: true }],
  ['spark.history.fs.updateInterval', { key: 'spark.history.fs.update.interval', since: '1.3', translated: true }],
  ['spark.history.updateInterval', { key: 'spark.history.fs.update.interval', since: '1.3', translated: true }],
  ['spark.history.fs.cleaner.interval.seconds', { key: 'spark.history.fs.cleaner.interval', since: '1.4', translated: true }],
  ['spark.history.fs.cleaner.maxAge.seconds', { key: 'spark.history.fs.cleaner.maxAge', since: '1.4', translated: true }],
  ['spark.yarn.applicationMaster.waitTries', { key: 'spark.yarn.am.waitTime', since: '1.3', translated: true }],
  ['spark.reducer.maxMbInFlight', { key: 'spark.reducer.maxSizeInFlight', since: '1.4', translated: true }],
  ['spark.kryoserializer.buffer.mb', { key: 'spark.kryoserializer.buffer', since: '1.4', translated: true }],
  ['spark.kryoserializer.buffer.max.mb', { key: 'spark.kryoserializer.buffer.max', since: '1.4', translated: true }],
  ['spark.shuffle.file.buffer.kb', { key: 'spark.shuffle.file.buffer', since: '1.4', translated: true }],
  ['spark.executor.logs.rolling.size.maxBytes', { key: 'spark.executor.logs.rolling.maxSize', since: '1.4' }],
  ['spark.io.compression.snappy.block.size', { key: 'spark.io.compression.snappy.blockSize', since: '1.4' }],
  ['spark.io.compression.lz4.block.size', { key: 'spark.io.compression.lz4.blockSize', since: '1.4' }],
  ['spark.akka.num.retries', { key: 'spark.rpc.numRetries', since: '1.4' }],
  ['spark.akka.retry.wait', { key: 'spark.rpc.retry.wait', since: '1.4' }],
  ['spark.streaming.minRememberDuration', { key: 'spark.streaming.fileStream.minRememberDuration', since: '1.5' }],
  ['spark.yarn.max.worker.failures', { key: 'spark.yarn.max.executor.failures', since: '1.5' }],
  ['spark.unsafe.offHeap', { key: 'spark.memory.offHeap.enabled', since: '1.6' }],
  ['spark.yarn.jar', { key: 'spark.yarn.jars', since: '2.0' }],
  ['spark.yarn.access.namenodes', { key: 'spark.kerberos.access.hadoopFileSystems', since: '2.2' }],
  ['spark.reducer.maxReqSizeShuffleToMem', { key: 'spark.network.maxRemoteBlockSizeFetchToMem', since: '2.3' }],
  ['spark.scheduler.listenerbus.eventqueue.size', { key: 'spark.scheduler.listenerbus.eventqueue.capacity', since: '2.3' }],
  ['spark.yarn.driver.memoryOverhead', { key: 'spark.driver.memoryOverhead', since: '2.3' }],
  ['spark.yarn.executor.memoryOverhead', { key: 'spark.executor.memoryOverhead', since: '2.3' }],
  ['spark.maxRemoteBlockSizeFetchToMem', { key: 'spark.network.maxRemoteBlockSizeFetchToMem', since: '3.0' }],
  ['spark.yarn.keytab', { key: 'spark.kerberos.keytab', since: '3.0' }],
  ['spark.yarn.principal', { key: 'spark.kerberos.principal', since: '3.0' }],
  ['spark.yarn.kerberos.relogin.period', { key: 'spark.kerberos.relogin.period', since: '3.0' }],
  ['spark.yarn.access.hadoopFileSystems', { key: 'spark.kerberos.access.hadoopFileSystems', since: '3.0' }],
  ['spark.sql.kafkaConsumerCache.capacity', { key: 'spark.kafka.consumer.cache.capacity', since: '3.0' }],
  // SQLConf.deprecatedSQLConfigs whose new key reads the old one when unset (`fallbackConf`, `withAlternative`);
  // Spark 4.0 moved five of the rebase-mode names to its removed configurations
  ['spark.sql.execution.arrow.enabled', { key: 'spark.sql.execution.arrow.pyspark.enabled', since: '3.0' }],
  ['spark.sql.execution.arrow.fallback.enabled', { key: 'spark.sql.execution.arrow.pyspark.fallback.enabled', since: '3.0' }],
  ['spark.sql.adaptive.shuffle.targetPostShuffleInputSize', { key: 'spark.sql.adaptive.advisoryPartitionSizeInBytes', since: '3.0' }],
  ['spark.sql.legacy.parquet.int96RebaseModeInWrite', { key: 'spark.sql.parquet.int96RebaseModeInWrite', since: '3.2', removedIn: '4.0' }],
  ['spark.sql.legacy.parquet.int96RebaseModeInRead', { key: 'spark.sql.parquet.int96RebaseModeInRead', since: '3.2', removedIn: '4.0' }],
  ['spark.sql.legacy.parquet.datetimeRebaseModeInWrite', { key: 'spark.sql.parquet.datetimeRebaseModeInWrite', since: '3.2', removedIn: '4.0' }],
  ['spark.sql.legacy.parquet.datetimeRebaseModeInRead', { key: 'spark.sql.parquet.datetimeRebaseModeInRead', since: '3.2' }],
  ['spark.sql.legacy.avro.datetimeRebaseModeInWrite', { key: 'spark.sql.avro.datetimeRebaseModeInWrite', since: '3.2', removedIn: '4.0' }],
  ['spark.sql.legacy.avro.datetimeRebaseModeInRead', { key: 'spark.sql.avro.datetimeRebaseModeInRead', since: '3.2', removedIn: '4.0' }],
]);

export function currentKeyOf(key: string): CurrentKey | undefined {
  return DEPRECATED_KEYS.get(key);
}

/**
 * Keys Spark stopped reading when their setting moved to a new name (no deprecation alternative): the old
 * name is ignored. `spark.debug.maxToStringFields` is still named by Spark 2's truncation warning and in
 * answers that quote it.
 */
const MOVED_KEYS: ReadonlyMap<string, CurrentKey> = new Map([
  ['spark.debug.maxToStringFields', { key: 'spark.sql.debug.maxToStringFields', since: '3.0' }],
]);

export function movedKeyOf(key: string): CurrentKey | undefined {
  return MOVED_KEYS.get(key);
}
