// The rule table, sorted by code. Adding a rule: one file under catalog/, one line here, a fixture and a
// snapshot under test/rules, then `npx tsx scripts/gen-rule-docs.ts`.
import { collectUnbounded } from './catalog/collectUnbounded';
import type { Rule } from './rule';

export type { Rule } from './rule';

const all: Rule[] = [
  collectUnbounded,
];

export const rules: readonly Rule[] = Object.freeze([...all].sort((a, b) => a.meta.code.localeCompare(b.meta.code)));

const byCode = new Map(rules.map((rule) => [rule.meta.code, rule]));

export function ruleByCode(code: string): Rule | undefined {
  return byCode.get(code.toUpperCase());
}

export const DOCS_BASE_URL = 'https://github.com/sparkml-toolkit/spark-ml-toolkit/blob/main/docs/rules';

export function ruleDocUrl(code: string): string {
  return `${DOCS_BASE_URL}/${code.toUpperCase()}.md`;
}
