// The Spark ML language server: pull diagnostics, code actions and hovers for Python documents.
// Started by the extension over IPC (or with --stdio by any LSP client).
import {
  createConnection,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver/node';
import type { Parser } from 'web-tree-sitter';
import { pathToFileURL } from 'node:url';
import { createPythonParser } from '../analysis/parser';
import { findPythonFiles } from '../rules/workspaceFiles';
import {
  lintFileRequest,
  pythonFilesRequest,
  ruleDocsRequest,
  rulesRequest,
  serverStatusNotification,
  settingsProblemNotification,
  type LintFileParams,
  type LintFileResult,
  type PythonFilesParams,
  type PythonFilesResult,
  type RuleDocsParams,
  type ServerStatusParams,
  type SettingsProblemParams,
} from '../shared/protocol';
import { codeActions, fixAllKind } from './codeActions';
import { DiagnosticReports } from './diagnosticReports';
import { DocumentLinter, type LintedDocument } from './documentLinter';
import { NotebookLinter, notebookSelector } from './notebookLinter';
import { ParsedDocuments } from './parsedDocuments';
import { IdleCollector } from './idleCollector';
import { hoverMarkdown, ruleDocs, ruleSummaries } from './ruleDocs';
import { SettingsCache } from './settingsCache';
import { isJobSpec, jobSpecHover } from './jobSpecConfig';
import { configCompletions, configHover } from './sparkConfigFeatures';
import { toDiagnostic } from './toDiagnostic';

interface InitializationOptions {
  /** Folder with the tree-sitter wasm files; defaults to the folder of this bundle (dist/). */
  wasmDir?: string;
}

export function startServer(connection: Connection): void {
  let parser: Parser | undefined;
  let parserError: string | undefined;
  let supportsConfiguration = false;

  const documents = new ParsedDocuments(() => parser);
  const settings = new SettingsCache(connection, () => supportsConfiguration);
  // A broken pyproject.toml is the user's to fix: say so in the log and in a notification.
  const reportConfigProblem = (message: string) => {
    connection.console.warn(message);
    void connection.sendNotification(settingsProblemNotification, { problems: [message] } satisfies SettingsProblemParams);
  };
  const linter = new DocumentLinter(documents, (uri) => settings.get(uri), reportConfigProblem);
  const reports = new DiagnosticReports();
  const idle = new IdleCollector();
  const notebooks = new NotebookLinter(() => parser, (uri) => linter.optionsFor(uri), () => void connection.languages.diagnostics.refresh());
  /** The findings of a document or notebook cell at its current version (what code actions and hovers read). */
  const findingsAt = (uri: string) => (notebooks.handles(uri) ? notebooks.findingsAt(uri) : linter.findingsAt(uri));
  const textOf = (uri: string) => notebooks.cellText(uri) ?? documents.text(uri);
  const diagnosticsOf = (linted: LintedDocument) => [...linted.findings, ...linted.notices].map((finding) => toDiagnostic(finding, linted.uri));

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    supportsConfiguration = !!params.capabilities.workspace?.configuration;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    try {
      parser = await createPythonParser(options.wasmDir ?? __dirname);
    } catch (error) {
      parserError = (error as Error).message;
      connection.console.error(parserError);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        notebookDocumentSync: { notebookSelector },
        diagnosticProvider: { identifier: 'sparkml', interFileDependencies: false, workspaceDiagnostics: false },
        codeActionProvider: { codeActionKinds: ['quickfix', fixAllKind] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', "'", '.'] },
      },
      serverInfo: { name: 'Spark ML language server' },
    };
  });

  connection.onInitialized(() => {
    const status: ServerStatusParams = parserError ? { state: 'error', message: parserError, pid: process.pid } : { state: 'ready', pid: process.pid };
    void connection.sendNotification(serverStatusNotification, status);
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    documents.openDocument(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    documents.change(textDocument.uri, textDocument.version, contentChanges);
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    documents.close(textDocument.uri);
    linter.forget(textDocument.uri);
    settings.forget(textDocument.uri);
    reports.forget(textDocument.uri);
    idle.afterWork();
  });

  notebooks.listen(connection, (uris) => {
    for (const uri of uris) {
      settings.forget(uri);
      reports.forget(uri);
    }
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    linter.invalidate();
    notebooks.invalidate();
    connection.languages.diagnostics.refresh();
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (!changes.some((change) => change.uri.endsWith('/pyproject.toml'))) return;
    linter.invalidate({ projectConfig: true });
    notebooks.invalidate();
    connection.languages.diagnostics.refresh();
  });

  connection.languages.diagnostics.on(async ({ textDocument, previousResultId }): Promise<DocumentDiagnosticReport> => {
    const linted = notebooks.handles(textDocument.uri) ? await notebooks.lint(textDocument.uri) : await linter.lint(textDocument.uri);
    idle.afterWork();
    if (!linted) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return reports.report(textDocument.uri, diagnosticsOf(linted), previousResultId);
  });

  connection.onCodeAction((params) => {
    const linted = findingsAt(params.textDocument.uri);
    const document = textOf(params.textDocument.uri);
    return linted && document ? codeActions(params, linted, document) : [];
  });

  connection.onHover(async ({ textDocument, position }) => {
    const at = (p: { line: number; character: number }) => p.line * 1e7 + p.character;
    const here = at(position);
    const finding = findingsAt(textDocument.uri)?.findings.find((f) => at(f.range.start) <= here && here <= at(f.range.end));
    if (finding) return { contents: { kind: 'markdown', value: hoverMarkdown(finding.code, finding.message) }, range: finding.range };
    if (notebooks.handles(textDocument.uri)) {
      // a notebook cell: the configuration in it is read in the joined cells' tree
      const cell = await notebooks.joinedCell(textDocument.uri);
      const hover = cell && configHover(cell.tree, cell.toJoined(position));
      return hover ? { ...hover, ...(hover.range ? { range: cell.toCell(hover.range) } : {}) } : null;
    }
    const parsed = documents.get(textDocument.uri);
    if (parsed) return configHover(parsed.tree, position);
    const document = documents.text(textDocument.uri);
    const spec = document && isJobSpec(document.uri) ? jobSpecHover(document, position) : undefined;
    return spec ? { contents: { kind: 'markdown', value: spec.markdown }, range: spec.range } : null;
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    if (notebooks.handles(textDocument.uri)) {
      const cell = await notebooks.joinedCell(textDocument.uri);
      if (!cell) return [];
      return configCompletions(cell.document, cell.tree, cell.toJoined(position)).map((item) =>
        item.textEdit && 'range' in item.textEdit ? { ...item, textEdit: { ...item.textEdit, range: cell.toCell(item.textEdit.range) } } : item,
      );
    }
    const document = documents.text(textDocument.uri);
    return document ? configCompletions(document, documents.get(textDocument.uri)?.tree, position) : [];
  });

  connection.onRequest(rulesRequest, () => ruleSummaries());
  connection.onRequest(ruleDocsRequest, (params: RuleDocsParams) => ruleDocs(params.code) ?? null);

  connection.onRequest(lintFileRequest, async ({ uri }: LintFileParams): Promise<LintFileResult> => {
    if (!parser) return { diagnostics: [], skipped: parserError ?? 'the Python parser is not loaded' };
    const result = await linter.lintFile(uri, parser);
    idle.afterWork();
    return { diagnostics: result.findings.map((finding) => toDiagnostic(finding, uri)), ...(result.skipped ? { skipped: result.skipped } : {}) };
  });

  connection.onRequest(pythonFilesRequest, async ({ folders }: PythonFilesParams, token): Promise<PythonFilesResult> => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    const found = await findPythonFiles(folders, process.cwd(), controller.signal, { notebooks: true });
    return { uris: found.files.map((file) => pathToFileURL(file).href), errors: found.errors };
  });

  connection.listen();
}

// Node's IPC channel when started by the extension, --stdio or --node-ipc as any LSP client chooses.
startServer(createConnection());
process.on('unhandledRejection', (reason) => console.error('Spark ML language server: unhandled rejection', reason));
