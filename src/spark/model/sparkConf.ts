// Reads the few Spark settings the model needs, in Spark's own formats.

const UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/**
 * A JVM memory string as spark.executor.memory takes it (`4g`, `512m`, `2048` = MiB) in bytes;
 * undefined when it is not one.
 */
export function parseJvmMemory(text: string | undefined, defaultUnit: 'm' | 'b' = 'm'): number | undefined {
  if (text === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([bkmgtp])?b?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? defaultUnit).toLowerCase();
  return Math.round(Number(match[1]) * UNITS[unit]);
}

/** Cores of a local master: `local` = 1, `local[4]` = 4, `local[*]`/`local[*,3]` = undefined (the machine's). */
export function localMasterCores(master: string | undefined): number | undefined {
  if (master === undefined) return undefined;
  if (master === 'local') return 1;
  const match = /^local(?:-cluster)?\[(\d+)/.exec(master);
  return match && master.startsWith('local[') ? Number(match[1]) : undefined;
}
