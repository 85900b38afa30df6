// Locates ../shared/fixtures (real Spark output) from the repository root, and indexes the REST
// expectations by URL. Tests skip with this module's reason when the fixtures are absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const fixturesRoot = resolve(repoRoot, '..', 'shared', 'fixtures');
export const restDir = join(fixturesRoot, 'spark-rest');
export const eventsDir = join(fixturesRoot, 'spark-events');
export const compressedDir = join(fixturesRoot, 'spark-events-compressed');

export function missingFixtures(...dirs: string[]): string | undefined {
  for (const dir of dirs) if (!existsSync(dir)) return `fixtures absent: ${dir} (../shared/fixtures is provided beside the repository)`;
  return undefined;
}

export interface RestEndpoint {
  file: string;
  /** Relative to /api/v1/, with the query string. */
  path: string;
  name: string;
  appId: string;
}

export function restEndpoints(): RestEndpoint[] {
  return JSON.parse(readFileSync(join(restDir, 'endpoints.json'), 'utf8')) as RestEndpoint[];
}

export function readExpectation<T = unknown>(endpoint: RestEndpoint): T {
  return JSON.parse(readFileSync(join(restDir, endpoint.file), 'utf8')) as T;
}

/** Every event log of spark-events/ and spark-events-compressed/ (files and rolling folders). */
export function allEventLogs(): string[] {
  const logs: string[] = [];
  for (const dir of [eventsDir, compressedDir]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) logs.push(join(dir, name));
  }
  return logs;
}
