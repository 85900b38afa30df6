// The line the in-host suite prints with mocha's exact counts, and the runner that reads it from the
// workbench log. Shared by both sides so the format is declared once. No `vscode` import here.

export const resultMarker = 'SPARKML_INTEGRATION_RESULT ';

export interface LayerResult {
  passed: number;
  failed: number;
  skipped: number;
  skipReasons: string[];
}

export function formatResult(result: LayerResult): string {
  return resultMarker + JSON.stringify(result);
}

/** Finds the last result line in a log; undefined when the suite never got to print one. */
export function parseResult(log: string): LayerResult | undefined {
  const lines = log.split('\n').filter((line) => line.includes(resultMarker));
  const last = lines.at(-1);
  if (!last) return undefined;
  const parsed = JSON.parse(last.slice(last.indexOf(resultMarker) + resultMarker.length).trim()) as LayerResult;
  for (const key of ['passed', 'failed', 'skipped'] as const) {
    if (!Number.isInteger(parsed[key])) throw new Error(`result line has no integer "${key}": ${last}`);
  }
  return { ...parsed, skipReasons: Array.isArray(parsed.skipReasons) ? parsed.skipReasons : [] };
}
