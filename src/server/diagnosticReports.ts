// Pull-diagnostic reports with result ids (LSP 3.17). When a re-lint gives exactly the diagnostics the
// client holds under the result id it sends back (most keystrokes: inside a string, a comment, a line
// without findings), the answer is `unchanged`: the editor neither receives nor re-renders them.
import { DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticReport } from 'vscode-languageserver/node';

interface SentReport {
  resultId: string;
  /** The items as sent, serialized: equal text is equal diagnostics (toDiagnostic builds them in one key order). */
  serialized: string;
}

export class DiagnosticReports {
  private readonly sent = new Map<string, SentReport>();
  private nextResultId = 1;

  report(uri: string, items: Diagnostic[], previousResultId: string | undefined): DocumentDiagnosticReport {
    const serialized = JSON.stringify(items);
    const last = this.sent.get(uri);
    if (last && last.resultId === previousResultId && last.serialized === serialized) {
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.resultId };
    }
    const resultId = String(this.nextResultId++);
    this.sent.set(uri, { resultId, serialized });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }
}
