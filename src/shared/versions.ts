// Dotted version numbers (Spark's `3.5.1`), compared by their numbers: shared by the rules' configuration
// (`spark-version`) and the analysis of configuration keys (the version a key came with).

/** Compares dotted versions numerically: "3.10" > "3.3". */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => parseInt(part, 10) || 0);
  const right = b.split('.').map((part) => parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff) return diff;
  }
  return 0;
}
