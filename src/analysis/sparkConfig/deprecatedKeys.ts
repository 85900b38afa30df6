// Keys Spark still reads under an old name (SparkConf.configsWithAlternatives, Spark 3.5/4.0): it warns
// "deprecated" and uses the value for the current key, so such a key is not ignored, only outdated.

/** Deprecated key -> [current key, the Spark version that deprecated it]. */
const DEPRECATED_KEYS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['spark.io.compression.lz4.block.size', ['spark.io.compression.lz4.blockSize', '1.4']],
  ['spark.streaming.minRememberDuration', ['spark.streaming.fileStream.minRememberDuration', '1.5']],
  ['spark.unsafe.offHeap', ['spark.memory.offHeap.enabled', '1.6']],
  ['spark.yarn.jar', ['spark.yarn.jars', '2.0']],
  ['spark.reducer.maxReqSizeShuffleToMem', ['spark.network.maxRemoteBlockSizeFetchToMem', '2.3']],
  ['spark.maxRemoteBlockSizeFetchToMem', ['spark.network.maxRemoteBlockSizeFetchToMem', '3.0']],
  ['spark.scheduler.listenerbus.eventqueue.size', ['spark.scheduler.listenerbus.eventqueue.capacity', '2.3']],
  ['spark.yarn.driver.memoryOverhead', ['spark.driver.memoryOverhead', '2.3']],
  ['spark.yarn.executor.memoryOverhead', ['spark.executor.memoryOverhead', '2.3']],
  ['spark.yarn.keytab', ['spark.kerberos.keytab', '3.0']],
  ['spark.yarn.principal', ['spark.kerberos.principal', '3.0']],
  ['spark.yarn.kerberos.relogin.period', ['spark.kerberos.relogin.period', '3.0']],
  ['spark.yarn.access.namenodes', ['spark.kerberos.access.hadoopFileSystems', '2.2']],
  ['spark.yarn.access.hadoopFileSystems', ['spark.kerberos.access.hadoopFileSystems', '3.0']],
  ['spark.sql.kafkaConsumerCache.capacity', ['spark.kafka.consumer.cache.capacity', '3.0']],
  ['spark.yarn.max.executor.failures', ['spark.executor.maxNumFailures', '3.5']],
  ['spark.yarn.executor.failuresValidityInterval', ['spark.executor.failuresValidityInterval', '3.5']],
]);

export function currentKeyOf(key: string): { key: string; since: string } | undefined {
  const current = DEPRECATED_KEYS.get(key);
  return current && { key: current[0], since: current[1] };
}
