// Options for one lint run. Select/ignore take ruff-style prefixes: "SPK1" means SPK100-SPK199.
import type { Severity } from './types';
export { compareVersions } from '../shared/versions';

export interface LintOptions {
  select?: string[];
  ignore?: string[];
  severity?: Record<string, Severity>;
  /** The Spark version the job runs on ("3.5"); fixes needing a newer API are left out. */
  sparkVersion?: string;
  /** absolute path, for per-file-ignores, test files and local data a fix reads */
  filePath?: string;
  /** Codes or prefixes off in test files (testFiles.ts); undefined: DEFAULT_TEST_IGNORE, [] lints tests in full. */
  testIgnore?: string[];
}

/** True when `code` is enabled: the most specific matching prefix wins, ignore wins a tie (ruff's rule). */
export function isCodeEnabled(code: string, options: LintOptions): boolean {
  const longest = (prefixes: string[] | undefined): number => {
    let best = -1;
    for (const raw of prefixes ?? []) {
      const prefix = raw.trim().toUpperCase();
      if (prefix === 'ALL') best = Math.max(best, 0);
      else if (prefix && code.startsWith(prefix)) best = Math.max(best, prefix.length);
    }
    return best;
  };
  const selected = options.select === undefined ? 0 : longest(options.select);
  const ignored = longest(options.ignore);
  if (selected < 0) return false;
  return ignored < 0 || selected > ignored;
}

/** The severity for `code`: the longest matching prefix in the overrides, else the rule's default. */
export function severityFor(code: string, fallback: Severity, overrides: Record<string, Severity> | undefined): Severity {
  let best = -1;
  let result = fallback;
  for (const [prefix, severity] of Object.entries(overrides ?? {})) {
    const normalized = prefix.trim().toUpperCase();
    if (code.startsWith(normalized) && normalized.length > best) {
      best = normalized.length;
      result = severity;
    }
  }
  return result;
}

