// The findings the rules' visitors reported in each top-level statement, kept for the next lint of the
// same document. After an edit, a statement the model took over unchanged (same text, same reads; see
// analysis/moduleState.ts) gets the same findings from the visitors, moved by the lines the edit added or
// removed above it, so its nodes are not visited again.
//
// What a visitor sees beyond its statement is the model's values (unchanged for a taken-over statement) and
// a few file-wide facts, which are part of the key: the options, whether the file is a job, its imports.
// Findings with a range, fix edit or related location outside their statement are not kept (an edit
// elsewhere could move those).
import type { SemanticModel } from '../analysis/model';
import type { PyNode } from '../analysis/syntax';
import type { LintOptions } from './options';
import type { Finding, Range } from './types';

interface Entry {
  startRow: number;
  findings: Finding[];
}

export class StatementFindings {
  private readonly entries = new Map<PyNode, Entry>();

  constructor(readonly key: string) {}

  /**
   * The key of what the visitors read beyond the statement's own nodes and values. `activeCodes`: the
   * rules that run, which the whole file decides too (a test file: an `assert` added anywhere).
   */
  static keyOf(model: SemanticModel, options: LintOptions, activeCodes: Iterable<string>): string {
    return JSON.stringify([options, model.isJobFile, model.isJobFile && model.writesOutput, [...model.imports], [...activeCodes]]);
  }

  /** Keeps what the visitors reported in `statement`, when every position lies inside it. */
  keep(statement: PyNode, findings: Finding[]): void {
    const inside = (range: Range) => range.start.line >= statement.startRow && range.end.line <= statement.endRow;
    const contained = findings.every((finding) => inside(finding.range) &&
      (finding.fix?.edits ?? []).every((edit) => inside(edit.range)) && (finding.related ?? []).every((related) => inside(related.range)));
    if (contained) this.entries.set(statement, { startRow: statement.startRow, findings });
  }

  /** The findings kept for `statement` (a node moved over from the previous tree), at its lines now. */
  takeOver(previous: StatementFindings, statement: PyNode): Finding[] | undefined {
    const entry = previous.entries.get(statement);
    if (!entry) return undefined;
    const shift = statement.startRow - entry.startRow;
    const findings = shift ? entry.findings.map((finding) => shifted(finding, shift)) : entry.findings;
    this.entries.set(statement, { startRow: statement.startRow, findings });
    return findings;
  }
}

function shifted(finding: Finding, lines: number): Finding {
  const move = (range: Range): Range => ({ start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } });
  const result: Finding = { ...finding, range: move(finding.range) };
  if (finding.fix) result.fix = { ...finding.fix, edits: finding.fix.edits.map((edit) => ({ ...edit, range: move(edit.range) })) };
  if (finding.related) result.related = finding.related.map((related) => ({ ...related, range: move(related.range) }));
  return result;
}
