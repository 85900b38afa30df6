// Precision and recall per rule over the labelled fixtures (test/rules/fixtures, one per code), the
// realistic job files in test/rules/corpus and the ML jobs in test/rules/leakage (half of them negative
// controls). All rules run on every file; a line marked `# expect: SPKxxx` must be reported with that
// code, every other finding is a false positive. The leakage family (SPK0xx) must also reach precision
// 0.97 and recall 0.80 on the leakage corpus alone (issue 4).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rules } from '../../src/rules/registry';
import { lint } from './helpers';
import { CORPUS_DIR, FIXTURES_DIR, LEAKAGE_DIR, type LabelledFile, labelledFiles } from './labels';

const MIN_PRECISION = 0.95;
const MIN_RECALL = 0.9;
const LEAKAGE_MIN_PRECISION = 0.97;
const LEAKAGE_MIN_RECALL = 0.8;

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

async function score(files: LabelledFile[], codes: string[]): Promise<{ counts: Map<string, Counts>; mistakes: string[] }> {
  const counts = new Map<string, Counts>(codes.map((code) => [code, { tp: 0, fp: 0, fn: 0 }]));
  const mistakes: string[] = [];
  for (const file of files) {
    const { findings } = await lint(file.text);
    const reported = new Set(findings.map((finding) => `${finding.range.start.line}:${finding.code}`));
    for (const key of reported) {
      const [line, code] = key.split(':') as [string, string];
      const entry = counts.get(code);
      if (!entry) continue;
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
      if (!entry) continue;
      entry.fn++;
      mistakes.push(`missed ${code} at ${file.name}:${Number(line) + 1}`);
    }
  }
  return { counts, mistakes };
}

function ratios({ tp, fp, fn }: Counts): { precision: number; recall: number } {
  return { precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}

function table(counts: Map<string, Counts>): string {
  const rows = ['code    TP  FP  FN  precision  recall'];
  for (const [code, entry] of counts) {
    const { precision, recall } = ratios(entry);
    rows.push(`${code}  ${String(entry.tp).padStart(3)} ${String(entry.fp).padStart(3)} ${String(entry.fn).padStart(3)}  ${precision.toFixed(3).padStart(9)}  ${recall.toFixed(3).padStart(6)}`);
  }
  return rows.join('\n');
}

describe('precision and recall on labelled fixtures', () => {
  it(`every rule has precision >= ${MIN_PRECISION} and recall >= ${MIN_RECALL}`, async () => {
    const files = [...labelledFiles(FIXTURES_DIR), ...labelledFiles(CORPUS_DIR), ...labelledFiles(LEAKAGE_DIR)];
    assert.ok(files.length >= rules.length, 'labelled fixtures are missing');
    const { counts, mistakes } = await score(files, rules.map((rule) => rule.meta.code));
    console.log(`precision/recall over ${files.length} labelled files\n${table(counts)}`);
    if (mistakes.length) console.log(mistakes.join('\n'));
    const failing: string[] = [];
    for (const [code, entry] of counts) {
      const { precision, recall } = ratios(entry);
      if (entry.tp + entry.fn === 0) failing.push(`${code} has no labelled positive case`);
      if (precision < MIN_PRECISION || recall < MIN_RECALL) failing.push(`${code}: precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}`);
    }
    assert.deepEqual(failing, []);
  });

  it('reports exactly the labelled lines of the realistic jobs in test/rules/corpus', async () => {
    const files = labelledFiles(CORPUS_DIR);
    assert.ok(files.length >= 8, `the corpus of realistic jobs is missing (${files.length} files)`);
    const { mistakes } = await score(files, rules.map((rule) => rule.meta.code));
    assert.deepEqual(mistakes, []);
  });

  it(`the SPK0xx family reaches precision >= ${LEAKAGE_MIN_PRECISION} and recall >= ${LEAKAGE_MIN_RECALL} on the leakage corpus`, async () => {
    const files = labelledFiles(LEAKAGE_DIR);
    assert.ok(files.length >= 40, `the leakage corpus needs at least 40 files, has ${files.length}`);
    const negatives = files.filter((file) => ![...file.expected].some((key) => /:SPK0/.test(key)));
    assert.ok(negatives.length >= files.length / 2, 'at least half of the leakage corpus must be negative controls');
    const family = rules.map((rule) => rule.meta.code).filter((code) => code.startsWith('SPK0'));
    const { counts, mistakes } = await score(files, family);
    const total = [...counts.values()].reduce((sum, entry) => ({ tp: sum.tp + entry.tp, fp: sum.fp + entry.fp, fn: sum.fn + entry.fn }), { tp: 0, fp: 0, fn: 0 });
    const { precision, recall } = ratios(total);
    console.log(`SPK0xx on ${files.length} leakage jobs (${negatives.length} negative controls): precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}\n${table(counts)}`);
    if (mistakes.length) console.log(mistakes.join('\n'));
    assert.ok(precision >= LEAKAGE_MIN_PRECISION && recall >= LEAKAGE_MIN_RECALL, `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
  });
});
