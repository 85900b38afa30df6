// The rule catalogue as the client sees it: summaries for pickers, documentation sections for the
// documentation panel and for hovers.
import type { RuleDocsResult, RuleSummary } from '../shared/protocol';
import { ruleByCode, ruleDocUrl, rules } from '../rules/registry';
import type { RuleMeta } from '../rules/types';

function summary(meta: RuleMeta): RuleSummary {
  return { code: meta.code, name: meta.name, severity: meta.severity, fix: meta.fix, url: ruleDocUrl(meta.code) };
}

/** Examples are Python source; other sections are Markdown. */
function asPython(code: string): string {
  return code.includes('```') ? code : '```python\n' + code.trim() + '\n```';
}

export function ruleSummaries(): RuleSummary[] {
  return rules.map((rule) => summary(rule.meta));
}

export function ruleDocs(code: string): RuleDocsResult | undefined {
  const meta = ruleByCode(code)?.meta;
  if (!meta) return undefined;
  const { docs } = meta;
  const sections = [
    { title: 'What it does', markdown: docs.whatItDoes },
    { title: 'Why is this bad?', markdown: docs.whyIsThisBad },
    { title: 'Example', markdown: asPython(docs.example) },
    { title: 'Use instead', markdown: asPython(docs.useInstead) },
    { title: 'Fix safety', markdown: docs.fixSafety },
  ];
  if (docs.notFlagged) sections.push({ title: 'What it does not flag', markdown: docs.notFlagged });
  const result: RuleDocsResult = { ...summary(meta), sections };
  if (meta.minSparkVersionForFix) result.minSparkVersionForFix = meta.minSparkVersionForFix;
  return result;
}

/** Hover text for a finding: the message, then the rule's first two sections and a link. */
export function hoverMarkdown(code: string, message: string): string {
  const docs = ruleDocs(code);
  if (!docs) return message;
  const [what, why] = docs.sections;
  return [`**${docs.code} ${docs.name}**: ${message}`, '', `**${what.title}** ${what.markdown}`, '', `**${why.title}** ${why.markdown}`, '', `[Documentation](${docs.url})`].join('\n');
}
