// The Spark configuration features the language server calls: completion, hover and diagnostics.
export { sparkConfigCompletions, keyCompletions, valueCompletions, type SparkConfigCompletion, type SparkConfigCompletionOptions } from './completion';
export { sparkConfigHover, type SparkConfigHover } from './hover';
export {
  validateSparkConfig,
  validateSparkConfEntries,
  type SparkConfEntryInput,
  type SparkConfigProblem,
} from './validation';
export { findConfigPairs, type ConfigPair, type ConfigSource, type Position, type Range } from './contexts';
export { sparkConfigIndex, lookupSparkConfig, type SparkConfigEntry, type SparkConfigIndex } from './table';
export { sparkDefaultsCompletions, sparkDefaultsEntries, validateSparkDefaults } from './sparkDefaults';
