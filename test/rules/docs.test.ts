// The rule catalog's contract: unique codes, kebab-case names, complete docs whose Example triggers the
// rule and whose "Use instead" does not, a fixture and a snapshot per code, and committed docs pages that
// match what scripts/gen-rule-docs.ts writes.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DOCS_DIR, renderAll } from '../../scripts/gen-rule-docs';
import { ruleByCode, ruleDocUrl, rules } from '../../src/rules/registry';
import { lint } from './helpers';
import { FIXTURES_DIR } from './labels';

describe('rule catalog', () => {
  it('has unique, well-formed codes sorted in the registry', () => {
    const codes = rules.map((rule) => rule.meta.code);
    assert.equal(new Set(codes).size, codes.length, 'duplicate codes');
    assert.deepEqual(codes, [...codes].sort());
    for (const code of codes) assert.match(code, /^SPK\d{3}$/);
    const names = rules.map((rule) => rule.meta.name);
    assert.equal(new Set(names).size, names.length, 'duplicate names');
    for (const name of names) {
      assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${name} is not kebab-case`);
      assert.doesNotMatch(name, /^(no|avoid)-/, `${name}: names name the pattern, without no-/avoid-`);
    }
    assert.equal(ruleByCode('spk101')?.meta.name, 'collect-unbounded');
    assert.equal(ruleDocUrl('SPK101'), 'https://github.com/sparkml-toolkit/spark-ml-toolkit/blob/main/docs/rules/SPK101.md');
  });

  for (const rule of rules) {
    const { code, docs } = rule.meta;
    describe(`${code} ${rule.meta.name}`, () => {
      it('has every docs section, a fixture and a snapshot', () => {
        for (const section of ['whatItDoes', 'whyIsThisBad', 'example', 'useInstead', 'fixSafety', 'notFlagged'] as const) {
          assert.ok(docs[section] && docs[section]!.trim().length > 20, `${code}: docs.${section} is missing or too short`);
        }
        assert.ok(existsSync(join(FIXTURES_DIR, `${code}.py`)), `${code}: no fixture`);
        assert.ok(existsSync(join(__dirname, 'snapshots', `${code}.snap`)), `${code}: no snapshot`);
        if (rule.meta.fix !== 'none') assert.match(docs.fixSafety, /safe|unsafe/);
      });

      it('reports its docs Example', async () => {
        const { findings, notices } = await lint(docs.example, { select: [code] });
        assert.deepEqual(notices, []);
        assert.ok(findings.some((finding) => finding.code === code), `${code}: the Example does not trigger the rule`);
      });

      it('stays quiet on its docs "Use instead"', async () => {
        const { findings, notices } = await lint(docs.useInstead, { select: [code] });
        assert.deepEqual(notices, []);
        assert.deepEqual(findings.map((finding) => `${finding.code}: ${finding.message}`), []);
      });
    });
  }

  it('committed docs/rules pages are current (run scripts/gen-rule-docs.ts)', () => {
    for (const [name, content] of renderAll()) {
      const path = join(DOCS_DIR, name);
      assert.ok(existsSync(path), `${path} is missing; run node --import tsx scripts/gen-rule-docs.ts`);
      assert.equal(readFileSync(path, 'utf8'), content, `${path} is stale; run node --import tsx scripts/gen-rule-docs.ts`);
    }
  });
});
