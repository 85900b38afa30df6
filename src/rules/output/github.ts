// `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as annotations
// on the pull request's changed lines (ruff's `--output-format github`). Notices (syntax errors, skipped
// files, internal errors) are annotations too, so a broken file shows in the review rather than only in
// the log.
import type { Finding } from '../types';
import type { FileResult } from './findingRows';

const LEVELS: Record<string, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Workflow-command escaping: `%`, CR and LF in the message; also `:` and `,` in property values. */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(file: string, finding: Finding, level: 'error' | 'warning' | 'notice'): string {
  const { start, end } = finding.range;
  const properties = [
    `title=${escapeProperty(`${finding.code} (${finding.name})`)}`,
    `file=${escapeProperty(file)}`,
    `line=${start.line + 1}`,
    `col=${start.character + 1}`,
    `endLine=${end.line + 1}`,
    `endColumn=${end.character + 1}`,
  ];
  return `::${level} ${properties.join(',')}::${escapeData(`${finding.code} ${finding.message}`)}`;
}

export function formatGithub(results: FileResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const finding of result.findings) lines.push(annotation(result.file, finding, LEVELS[finding.severity] ?? 'warning'));
    for (const notice of result.notices) lines.push(annotation(result.file, notice, notice.severity === 'error' ? 'error' : 'notice'));
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
