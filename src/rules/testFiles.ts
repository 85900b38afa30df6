// Test files: tests run Spark on data they make themselves (a few literal rows, a fixture file, a table
// they just wrote) and are not jobs, so the rules about production data and job methodology are off in
// them by default (`test-ignore` in [tool.sparkml]). A test file is one pytest or unittest would
// collect by its name, a conftest.py, or a module that imports pytest or unittest.
import { basename } from 'node:path';

/** The rule prefixes off in test files unless `test-ignore` says otherwise: ML methodology and actions. */
export const DEFAULT_TEST_IGNORE: readonly string[] = ['SPK0', 'SPK1'];

const TEST_FILE_NAME = /^(test_.*|.*_tests?|tests|conftest)\.py$/;
const TEST_FRAMEWORKS = new Set(['pytest', 'unittest']);

/** True for a test module: by its file name, or because it imports a test framework. */
export function isTestFile(filePath: string | undefined, imports: ReadonlyMap<string, string>): boolean {
  if (filePath && TEST_FILE_NAME.test(basename(filePath))) return true;
  for (const qualified of imports.values()) if (TEST_FRAMEWORKS.has(qualified.split('.')[0]!)) return true;
  return false;
}
