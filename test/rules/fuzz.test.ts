// Seeded fuzzing: mutate the rule fixtures token by token (delete, duplicate, swap, insert brackets or
// quotes) and lint every variant with all rules. No exception may escape, every range must lie inside
// the text, and fixes must apply. Deterministic: the same seed gives the same cases. Time per file is
// printed, not asserted (the 100 ms budget is checked in bench/lint).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintText } from '../../src/rules/engine';
import { applyFixes } from '../../src/rules/fixes';
import type { Range } from '../../src/rules/types';
import { testParser } from './helpers';
import { FIXTURES_DIR, labelledFiles } from './labels';
import { mutate, random } from './mutate';

const SEED = 0x5eed_2026;
const CASES = Number(process.env.SPARKML_FUZZ_CASES ?? 1000);
function assertInside(range: Range, lines: string[], what: string): void {
  const { start, end } = range;
  assert.ok(start.line >= 0 && start.line < lines.length, `${what}: start line ${start.line} outside the text`);
  assert.ok(end.line >= start.line && end.line < lines.length, `${what}: end line ${end.line}`);
  assert.ok(start.character >= 0 && start.character <= lines[start.line]!.length, `${what}: start column`);
  assert.ok(end.character >= 0 && end.character <= lines[end.line]!.length, `${what}: end column`);
  if (end.line === start.line) assert.ok(end.character >= start.character, `${what}: empty-negative range`);
}

describe('fuzz', () => {
  it(`${CASES} mutated fixtures lint without exceptions and with valid ranges (seed ${SEED})`, async () => {
    const parser = await testParser();
    const sources = labelledFiles(FIXTURES_DIR).map((file) => file.text);
    assert.ok(sources.length > 0);
    const next = random(SEED);
    let slowest = 0;
    let slowestCase = -1;
    let findings = 0;
    for (let n = 0; n < CASES; n++) {
      const text = mutate(sources[n % sources.length]!, next);
      const started = performance.now();
      let result;
      try {
        result = await lintText(parser, text);
      } catch (error) {
        assert.fail(`case ${n} threw ${(error as Error).stack}\n--- input ---\n${text}`);
      }
      const elapsed = performance.now() - started;
      if (elapsed > slowest) [slowest, slowestCase] = [elapsed, n];
      const lines = text.split(/\r\n|\r|\n/);
      for (const finding of [...result.findings, ...result.notices]) {
        assertInside(finding.range, lines, `case ${n} ${finding.code}`);
        for (const edit of finding.fix?.edits ?? []) assertInside(edit.range, lines, `case ${n} ${finding.code} fix`);
      }
      findings += result.findings.length;
      assert.equal(typeof applyFixes(text, result.findings).text, 'string');
    }
    console.log(`fuzz: ${CASES} cases, ${findings} findings, slowest ${slowest.toFixed(1)} ms (case ${slowestCase})`);
  });
});
