// Precision and recall per rule over the labelled fixtures (test/rules/fixtures, one per code) and the
// realistic job files in test/rules/corpus. All rules run on every file; a line marked
// `# expect: SPKxxx` must be reported with that code, every other finding is a false positive.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rules } from '../../src/rules/registry';
import { lint } from './helpers';
import { CORPUS_DIR, FIXTURES_DIR, labelledFiles } from './labels';

const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.9;

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

describe('precision and recall on labelled fixtures', () => {
  it(`every rule has precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL}`, async () => {
    const files = [...labelledFiles(FIXTURES_DIR), ...labelledFiles(CORPUS_DIR)];
    assert.ok(files.length >= rules.length, 'labelled fixtures are missing');
    const counts = new Map<string, Counts>(rules.map((rule) => [rule.meta.code, { tp: 0, fp: 0, fn: 0 }]));
    const mistakes: string[] = [];
    for (const file of files) {
      const { findings } = await lint(file.text);
      const reported = new Set(findings.map((finding) => `${finding.range.start.line}:${finding.code}`));
      for (const key of reported) {
        const [line, code] = key.split(':') as [string, string];
        const entry = counts.get(code)!;
        if (file.expected.has(key)) entry.tp++;
        else {
          entry.fp++;
          mistakes.push(`false positive ${code} at ${file.name}:${Number(line) + 1}`);
        }
      }
      for (const key of file.expected) {
        if (reported.has(key)) continue;
        const [line, code] = key.split(':') as [string, string];
        const entry = counts.get(code);
        if (entry) entry.fn++;
        mistakes.push(`missed ${code} at ${file.name}:${Number(line) + 1}`);
      }
    }
    const table = ['code    TP  FP  FN  precision  recall'];
    const failing: string[] = [];
    for (const [code, { tp, fp, fn }] of counts) {
      const precision = tp + fp ? tp / (tp + fp) : 1;
      const recall = tp + fn ? tp / (tp + fn) : 1;
      table.push(`${code}  ${String(tp).padStart(3)} ${String(fp).padStart(3)} ${String(fn).padStart(3)}  ${precision.toFixed(3).padStart(9)}  ${recall.toFixed(3).padStart(6)}`);
      if (tp + fn === 0) failing.push(`${code} has no labelled positive case`);
      if (precision < MIN_PRECISION || recall < MIN_RECALL) failing.push(`${code}: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}`);
    }
    console.log(`precision/recall over ${files.length} labelled files\n${table.join('\n')}`);
    if (mistakes.length) console.log(mistakes.join('\n'));
    assert.deepEqual(failing, []);
  });
});
