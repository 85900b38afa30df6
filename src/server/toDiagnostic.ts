// Findings from the rules, as LSP diagnostics.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { ruleDocUrl } from '../rules/registry';
import type { Finding, Severity } from '../rules/types';

export const diagnosticSource = 'sparkml';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const tags = { unnecessary: DiagnosticTag.Unnecessary, deprecated: DiagnosticTag.Deprecated } as const;

export function toDiagnostic(finding: Finding, uri: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: severities[finding.severity],
    source: diagnosticSource,
    message: finding.message,
  };
  if (/^SPK\d{3}$/.test(finding.code)) {
    diagnostic.code = finding.code;
    diagnostic.codeDescription = { href: ruleDocUrl(finding.code) };
  }
  if (finding.tags?.length) diagnostic.tags = finding.tags.map((tag) => tags[tag]);
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((related) => ({ location: { uri: related.uri ?? uri, range: related.range }, message: related.message }));
  }
  return diagnostic;
}

/** The finding a diagnostic sent back by the client (in a code action request) came from. */
export function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
