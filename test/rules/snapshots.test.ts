// A fixture and a snapshot per rule code, like ruff: the snapshot holds what the rule reports on its
// fixture and the fixture's text after applying the rule's fixes. UPDATE_SNAPSHOTS=1 rewrites them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyFixes } from '../../src/rules/fixes';
import { rules } from '../../src/rules/registry';
import type { Finding } from '../../src/rules/types';
import { lint } from './helpers';
import { FIXTURES_DIR } from './labels';

const SNAPSHOT_DIR = join(__dirname, 'snapshots');
const update = process.env.UPDATE_SNAPSHOTS === '1';

function renderFinding(finding: Finding): string {
  const { start, end } = finding.range;
  const lines = [`${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${finding.severity} ${finding.code} ${finding.message}`];
  if (finding.fix) lines.push(`  fix (${finding.fix.safety}): ${finding.fix.title}`);
  for (const related of finding.related ?? []) lines.push(`  related ${related.range.start.line + 1}:${related.range.start.character + 1}: ${related.message}`);
  return lines.join('\n');
}

export function renderSnapshot(code: string, fixture: string, findings: Finding[]): string {
  const fixed = applyFixes(fixture, findings);
  return [
    `# ${code} on test/rules/fixtures/${code}.py`,
    '',
    `## Findings (${findings.length})`,
    ...findings.map(renderFinding),
    '',
    `## Text after fixes (${fixed.applied} applied, ${fixed.skipped} skipped)`,
    fixed.text,
  ].join('\n');
}

describe('rule snapshots', () => {
  for (const rule of rules) {
    const code = rule.meta.code;
    it(`${code} ${rule.meta.name} matches its snapshot`, async () => {
      const fixturePath = join(FIXTURES_DIR, `${code}.py`);
      assert.ok(existsSync(fixturePath), `missing fixture ${fixturePath}`);
      const fixture = readFileSync(fixturePath, 'utf8');
      // the fixture's own path: reads of local data (test/rules/fixtures/data) resolve against its folder
      const { findings, notices } = await lint(fixture, { select: [code], filePath: fixturePath });
      assert.deepEqual(notices, [], 'fixtures must parse');
      assert.ok(findings.length > 0, `${code} reports nothing on its own fixture`);
      const rendered = renderSnapshot(code, fixture, findings);
      const snapshotPath = join(SNAPSHOT_DIR, `${code}.snap`);
      if (update) {
        mkdirSync(SNAPSHOT_DIR, { recursive: true });
        writeFileSync(snapshotPath, rendered);
      }
      assert.ok(existsSync(snapshotPath), `missing snapshot ${snapshotPath}; run with UPDATE_SNAPSHOTS=1 and review it`);
      assert.equal(rendered, readFileSync(snapshotPath, 'utf8'));
    });
  }

  it('fixed fixtures still parse and the fixes do not re-trigger their rule where they applied', async () => {
    for (const rule of rules) {
      if (rule.meta.fix === 'none') continue;
      const code = rule.meta.code;
      const fixturePath = join(FIXTURES_DIR, `${code}.py`);
      const fixture = readFileSync(fixturePath, 'utf8');
      const before = await lint(fixture, { select: [code], filePath: fixturePath });
      const fixed = applyFixes(fixture, before.findings);
      const after = await lint(fixed.text, { select: [code], filePath: fixturePath });
      assert.deepEqual(after.notices, [], `${code}: text after fixes does not parse`);
      const fixable = before.findings.filter((finding) => finding.fix).length;
      assert.ok(fixable > 0, `${code} declares a fix but its fixture shows none`);
      assert.equal(after.findings.length, before.findings.length - fixed.applied, `${code}: applied fixes should remove their findings`);
    }
  });
});
