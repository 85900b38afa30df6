// Findings of many files as rows with 1-based lines and columns, the shape the CLI's outputs share.
import { isApplicable } from '../fixes';
import { SYNTAX_NOTICE } from '../engine';
import { type NotebookCell, cellRange } from '../notebook';
import type { Finding, Range } from '../types';

export interface FileResult {
  /** Path as shown to the user (relative to the working folder). */
  file: string;
  findings: Finding[];
  notices: Finding[];
  /** A notebook: the findings are in the text of its joined cells (src/rules/notebook.ts). */
  cells?: NotebookCell[];
}

/** Where a range is shown: in a notebook, the cell it is in and the range within that cell. */
export function shownRange(result: FileResult, range: Range): { cell?: number; range: Range } {
  return result.cells ? cellRange(result.cells, range) : { range };
}

/** `path:line:col` (1-based), or ruff's `path:cell 3:line:col` in a notebook. */
export function shownLocation(result: FileResult, range: Range): string {
  const shown = shownRange(result, range);
  return `${result.file}:${shown.cell ? `cell ${shown.cell}:` : ''}${shown.range.start.line + 1}:${shown.range.start.character + 1}`;
}

export interface JsonEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

export interface JsonFinding {
  file: string;
  /** In a notebook: the cell (1-based, every cell counted); lines and columns are within it. */
  cell?: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  name: string;
  severity: string;
  message: string;
  fix: { title: string; safety: string; edits: JsonEdit[] } | null;
}

export function toJsonFinding(result: FileResult, finding: Finding): JsonFinding {
  const { cell, range: { start, end } } = shownRange(result, finding.range);
  return {
    file: result.file,
    ...(cell ? { cell } : {}),
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    code: finding.code,
    name: finding.name,
    severity: finding.severity,
    message: finding.message,
    fix: finding.fix
      ? {
          title: finding.fix.title,
          safety: finding.fix.safety,
          edits: finding.fix.edits.map((edit) => ({
            line: edit.range.start.line + 1,
            column: edit.range.start.character + 1,
            endLine: edit.range.end.line + 1,
            endColumn: edit.range.end.character + 1,
            newText: edit.newText,
          })),
        }
      : null,
  };
}

export function formatJson(results: FileResult[]): string {
  return JSON.stringify(results.flatMap((result) => result.findings.map((finding) => toJsonFinding(result, finding))), null, 2) + '\n';
}

export interface TextDisplay {
  /** `--unsafe-fixes`: unsafe fixes count as fixable. */
  unsafeFixes?: boolean;
  /** With `--fix`: how many findings were fixed (the results hold what remains). */
  fixed?: number;
}

const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** ruff's text output: `[*]` marks a fix `--fix` applies; the summary counts fixed and hidden (unsafe) fixes. */
export function formatText(results: FileResult[], display: TextDisplay = {}): string {
  const lines: string[] = [];
  let total = 0;
  let fixable = 0;
  let hidden = 0;
  const bySeverity = new Map<string, number>();
  for (const result of results) {
    for (const finding of result.findings) {
      total++;
      bySeverity.set(finding.severity, (bySeverity.get(finding.severity) ?? 0) + 1);
      const applicable = !!finding.fix && isApplicable(finding.fix, display.unsafeFixes);
      if (applicable) fixable++;
      else if (finding.fix) hidden++;
      lines.push(`${shownLocation(result, finding.range)}: ${finding.code} ${applicable ? '[*] ' : ''}${finding.message}`);
    }
  }
  const fixed = display.fixed ?? 0;
  // files that were not analysed (binary, too large, notebooks) passed nothing: their reasons are on stderr
  const skipped = results.filter((result) => result.notices.some((notice) => notice.code === 'file-skipped')).length;
  const notAnalysed = skipped ? ` ${plural(skipped, 'file')} not analysed (the reason is on stderr).` : '';
  // a syntax error makes the exit code 1 as a finding does: the summary must not say all passed
  const broken = results.filter((result) => result.notices.some((notice) => notice.code === SYNTAX_NOTICE.code)).length;
  const syntaxErrors = broken ? ` ${broken === 1 ? '1 file has' : `${broken} files have`} syntax errors (on stderr; the rules checked the code that parses).` : '';
  if (!total && !fixed) {
    if (skipped && skipped === results.length) return [...lines, `Nothing analysed: ${plural(skipped, 'file')} skipped (the reason is on stderr).`].join('\n') + '\n';
    return [...lines, `${broken ? 'No problems found, but' : 'All checks passed!'}${syntaxErrors}${notAnalysed}`].join('\n') + '\n';
  }
  // ruff says "errors" for everything; most of ours are warnings and hints, so say which (like ESLint)
  const severities = SEVERITIES.filter((severity) => bySeverity.has(severity)).map((severity) => plural(bySeverity.get(severity)!, severity)).join(', ');
  lines.push(display.fixed === undefined
    ? `Found ${plural(total, 'problem')} (${severities}).${syntaxErrors}${notAnalysed}`
    : `Found ${plural(total + fixed, 'problem')} (${fixed} fixed, ${total} remaining${total ? `: ${severities}` : ''}).${syntaxErrors}${notAnalysed}`);
  const hiddenNote = hidden ? `${hidden} hidden ${hidden === 1 ? 'fix' : 'fixes'} can be enabled with the \`--unsafe-fixes\` option` : '';
  if (fixable) lines.push(`[*] ${fixable} fixable with the \`--fix\` option${hiddenNote ? ` (${hiddenNote})` : ''}.`);
  else if (hiddenNote) lines.push(`No fixes available (${hiddenNote}).`);
  return lines.join('\n') + '\n';
}

/** Syntax and skipped-file notices, for stderr. */
export function formatNotices(results: FileResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    for (const notice of result.notices) lines.push(`${shownLocation(result, notice.range)}: ${notice.code}: ${notice.message}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
