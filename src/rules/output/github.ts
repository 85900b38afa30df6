// `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as annotations
// on the pull request's changed lines (ruff's `--output-format github`). Notices (syntax errors, skipped
// files, internal errors) are annotations too, so a broken file shows in the review rather than only in
// the log.
import type { Finding } from '../types';
import { type FileResult, shownRange } from './findingRows';

const LEVELS: Record<string, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Workflow-command escaping: `%`, CR and LF in the message; also `:` and `,` in property values. */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(result: FileResult, finding: Finding, level: 'error' | 'warning' | 'notice'): string {
  const { cell, range: { start, end } } = shownRange(result, finding.range);
  const properties = [`title=${escapeProperty(`${finding.code} (${finding.name})`)}`, `file=${escapeProperty(result.file)}`];
  // GitHub places line numbers in the file as stored: a notebook's are lines of its JSON, so its
  // annotations are on the file and name the cell
  if (!cell) properties.push(`line=${start.line + 1}`, `col=${start.character + 1}`, `endLine=${end.line + 1}`, `endColumn=${end.character + 1}`);
  const where = cell ? `cell ${cell}, line ${start.line + 1}: ` : '';
  return `::${level} ${properties.join(',')}::${escapeData(`${where}${finding.code} ${finding.message}`)}`;
}

export function formatGithub(results: FileResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const finding of result.findings) lines.push(annotation(result, finding, LEVELS[finding.severity] ?? 'warning'));
    for (const notice of result.notices) lines.push(annotation(result, notice, notice.severity === 'error' ? 'error' : 'notice'));
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
