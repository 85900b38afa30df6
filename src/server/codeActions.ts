// Code actions for sparkml diagnostics: the rule's fix (computed with the diagnostic), a `# noqa`
// for the line, and the rule's documentation; plus `source.fixAll.sparkml`. Edits carry the document
// version they were computed for, so VS Code refuses them if the document changed since.
import { CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { showRuleDocsCommand } from '../shared/protocol';
import type { Finding, Fix } from '../rules/types';
import { isApplicable } from '../rules/fixes';
import { continuingLines } from '../rules/lineScanner';
import { noqaLine } from '../rules/noqa';
import type { LintedDocument } from './documentLinter';
import { diagnosticSource, sameRange, toDiagnostic } from './toDiagnostic';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.sparkml`;

function versionedEdit(linted: LintedDocument, edits: TextEdit[]) {
  return { documentChanges: [{ textDocument: { uri: linted.uri, version: linted.version }, edits }] };
}

/**
 * A fix's edits as versioned changes of the documents they edit: the finding's, and in a notebook the other
 * cells a fix edits (an import added to the first); undefined when such a cell's version is not known.
 */
function fixChanges(fix: Fix, linted: LintedDocument): { documentChanges: TextDocumentEdit[] } | undefined {
  const byDocument = new Map<string, TextEdit[]>();
  for (const { uri = linted.uri, range, newText } of fix.edits) {
    let edits = byDocument.get(uri);
    if (!edits) byDocument.set(uri, (edits = []));
    edits.push({ range, newText });
  }
  const documentChanges: TextDocumentEdit[] = [];
  for (const [uri, edits] of byDocument) {
    const version = uri === linted.uri ? linted.version : linted.otherVersions?.get(uri);
    if (version === undefined) return undefined;
    documentChanges.push({ textDocument: { uri, version }, edits });
  }
  return { documentChanges };
}

function fixAction(fix: Fix, diagnostic: Diagnostic, linted: LintedDocument): CodeAction | undefined {
  const changes = fixChanges(fix, linted);
  if (!changes) return undefined;
  const title = fix.safety === 'unsafe' ? `${fix.title} (unsafe fix: check the result)` : fix.title;
  const action = CodeAction.create(title, changes, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = fix.safety === 'safe';
  return action;
}

const noqaPattern = /#\s*noqa(?::\s*([A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?/i;

/**
 * Adds the code to the line's `# noqa: ...` list, or appends one, the way ruff writes it: on the line where
 * the finding's line ends (after a backslash continuation or a triple-quoted string that goes on).
 * `continuing`: continuingLines of the document, when the caller has them (one scan per request).
 */
export function noqaEdit(document: TextDocument, findingLine: number, code: string, continuing = continuingLines(document.getText())): TextEdit | undefined {
  const line = noqaLine(continuing, findingLine);
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const match = noqaPattern.exec(text);
  if (match && !match[1]) return undefined; // a bare `# noqa` already silences every code on the line
  if (match) {
    const end = match.index + match[0].length;
    return { range: { start: { line, character: end }, end: { line, character: end } }, newText: `, ${code}` };
  }
  const trimmed = text.replace(/\s+$/, '');
  return { range: { start: { line, character: trimmed.length }, end: { line, character: text.length } }, newText: `  # noqa: ${code}` };
}

function findingFor(diagnostic: Diagnostic, linted: LintedDocument): Finding | undefined {
  return linted.findings.find((finding) => finding.code === diagnostic.code && sameRange(finding.range, diagnostic.range));
}

/** Safe fixes of the whole document that do not overlap each other, in document order (in a notebook cell, those that edit only the cell). */
export function fixAllEdits(findings: Finding[]): TextEdit[] {
  const offset = (p: { line: number; character: number }) => p.line * 1e7 + p.character;
  const taken: Array<[number, number]> = [];
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    if (!finding.fix || !isApplicable(finding.fix) || finding.fix.edits.some((edit) => edit.uri)) continue;
    const spans = finding.fix.edits.map((edit): [number, number] => [offset(edit.range.start), offset(edit.range.end)]);
    if (spans.some(([start, end]) => taken.some(([s, e]) => start < e && s < end))) continue;
    taken.push(...spans);
    edits.push(...finding.fix.edits);
  }
  return edits;
}

/** LSP kinds are hierarchical: `source` asks for `source.fixAll.sparkml` too. */
function asksFor(only: string[] | undefined, kind: string): boolean {
  return !!only?.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

export function codeActions(params: CodeActionParams, linted: LintedDocument, document: TextDocument): CodeAction[] {
  const only = params.context.only;
  if (asksFor(only, fixAllKind)) {
    const edits = fixAllEdits(linted.findings);
    return edits.length ? [CodeAction.create('Fix all safely fixable Spark ML problems', versionedEdit(linted, edits), fixAllKind)] : [];
  }
  if (only && !asksFor(only, CodeActionKind.QuickFix)) return [];
  const actions: CodeAction[] = [];
  let continuing: boolean[] | undefined;
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== diagnosticSource || typeof diagnostic.code !== 'string') continue;
    const finding = findingFor(diagnostic, linted);
    if (!finding) continue;
    const current = toDiagnostic(finding, linted.uri);
    const fix = finding.fix && fixAction(finding.fix, current, linted);
    if (fix) actions.push(fix);
    const noqa = noqaEdit(document, finding.range.start.line, finding.code, (continuing ??= continuingLines(document.getText())));
    if (noqa) {
      const action = CodeAction.create(`Disable ${finding.code} for this line`, versionedEdit(linted, [noqa]), CodeActionKind.QuickFix);
      action.diagnostics = [current];
      actions.push(action);
    }
    const docs = CodeAction.create(
      `Show documentation for ${finding.code} (${finding.name})`,
      { title: 'Show documentation', command: showRuleDocsCommand, arguments: [finding.code] },
      CodeActionKind.QuickFix,
    );
    docs.diagnostics = [current];
    actions.push(docs);
  }
  return actions;
}
