// Labelled fixtures: a line expected to be reported carries `# expect: SPK101` (several codes separated
// by commas). Everything not labelled is expected to stay quiet.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_DIR = join(__dirname, 'fixtures');
export const CORPUS_DIR = join(__dirname, 'corpus');
/** Labelled ML jobs for the leakage family (SPK0xx): half of them negative controls. */
export const LEAKAGE_DIR = join(__dirname, 'leakage');

export interface LabelledFile {
  name: string;
  path: string;
  text: string;
  /** `line:code` with 0-based lines */
  expected: Set<string>;
}

export function expectedLabels(text: string): Set<string> {
  const expected = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /#\s*expect:\s*([A-Z0-9, ]+)/.exec(line);
    if (!match) return;
    for (const code of match[1]!.split(/[\s,]+/)) if (code) expected.add(`${index}:${code}`);
  });
  return expected;
}

export function labelledFiles(dir: string): LabelledFile[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.py')).sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    return { name, path, text, expected: expectedLabels(text) };
  });
}
