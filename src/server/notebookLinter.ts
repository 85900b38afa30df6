// Jupyter notebooks open in the editor (LSP notebook document sync): a notebook's Python cells are
// linted together as the one program they are when run top to bottom (the CLI's join, notebook.ts), and
// each cell gets the findings in its own lines. A cell is a document of its own to the editor: code
// actions and hovers read the findings kept here per cell, never re-linting (as DocumentLinter does).
// The joined text's syntax tree is kept from lint to lint and edited where the text changed, so a
// keystroke re-lints incrementally, as in a .py file (lintTree with the previous tree).
import { NotebookCellKind, NotebookDocuments, type Connection, type DidChangeNotebookDocumentParams, type NotebookDocument } from 'vscode-languageserver/node';
import { TextDocument, type Position, type Range } from 'vscode-languageserver-textdocument';
import type { Parser, Tree } from 'web-tree-sitter';
import { parsePython } from '../analysis/parser';
import { editBetween } from '../analysis/treeEdit';
import { lintTree, skipReason, skippedNotice, type LintOptions, type LintResult } from '../rules/engine';
import { brokenCellNotices, joinNotebookCells } from '../rules/notebook';
import { findingsByCell } from '../rules/notebookFindings';
import type { LintedDocument } from './documentLinter';

/** Notebooks whose Python cells are synced to the server: VS Code's Jupyter notebooks (.ipynb). */
export const notebookSelector = [{ notebook: { notebookType: 'jupyter-notebook' }, cells: [{ language: 'python' }] }];

interface LintedNotebook {
  /** The notebook version and every cell's document and version it was linted at. */
  key: string;
  cells: Map<string, LintedDocument>;
  /** Each Python cell's first line in the joined text. */
  firstLines: Map<string, number>;
}

/** A cell's place in its notebook's joined text, for features that read the syntax tree (Spark configuration). */
export interface JoinedCell {
  /** The joined text, as a document (configuration completion reads its lines). */
  document: TextDocument;
  tree: Tree;
  /** The position in the joined text of a position in the cell, and back. */
  toJoined(position: Position): Position;
  toCell(range: Range): Range;
}

/**
 * The notebook's own metadata (kernelspec, language_info, Databricks'): VS Code's ipynb serializer keeps
 * it under `metadata` of the notebook document's metadata (older versions under `custom.metadata`).
 */
function ipynbMetadata(documentMetadata: object | undefined): Record<string, unknown> {
  const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
  const metadata = isObject(documentMetadata) ? documentMetadata : undefined;
  if (isObject(metadata?.metadata)) return metadata.metadata;
  const custom = metadata?.custom;
  if (isObject(custom) && isObject(custom.metadata)) return custom.metadata;
  return {};
}

export class NotebookLinter {
  private readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly results = new Map<string, LintedNotebook>();
  /** Per notebook, its joined text and that text's tree as last linted (the next lint edits it). */
  private readonly parsed = new Map<string, { text: string; tree: Tree }>();

  /**
   * `refresh` asks the client to pull every document's diagnostics again: the client pulls only the cells
   * it changed, and a lint can change other cells' problems (`df.cache()` added in one cell, a cell
   * deleted or moved, the kernel changed).
   */
  constructor(
    private readonly parser: () => Parser | undefined,
    private readonly optionsFor: (uri: string) => Promise<LintOptions | undefined>,
    private readonly refresh: () => void,
  ) {}

  /** Follows the notebooks the client opens, changes and closes; `closed` gets the URIs of cells gone (closed, deleted) and of closed notebooks. */
  listen(connection: Connection, closed: (uris: string[]) => void): void {
    // the library's listen() owns the notebook notification handlers: it gets them through this object,
    // which also sees each change once the library applied it (its events miss a cell moved)
    const synchronization = connection.notebooks.synchronization;
    const observed = {
      notebooks: {
        synchronization: {
          onDidOpenNotebookDocument: synchronization.onDidOpenNotebookDocument.bind(synchronization),
          onDidSaveNotebookDocument: synchronization.onDidSaveNotebookDocument.bind(synchronization),
          onDidCloseNotebookDocument: synchronization.onDidCloseNotebookDocument.bind(synchronization),
          onDidChangeNotebookDocument: (handler: (params: DidChangeNotebookDocumentParams) => Promise<void>) =>
            synchronization.onDidChangeNotebookDocument(async (params) => {
              await handler(params);
              this.changed(params, closed);
            }),
        },
      },
    } as unknown as Connection;
    this.notebooks.listen(observed);
    this.notebooks.onDidClose((notebook) => {
      this.results.delete(notebook.uri);
      this.forgetTree(notebook.uri);
      closed([notebook.uri, ...notebook.cells.map((cell) => cell.document)]);
    });
  }

  /**
   * After a change the client will not pull for (cells deleted, moved or turned into markdown, the
   * metadata): the notebook is linted again now, and the client asked to pull if another cell changed.
   */
  private changed(params: DidChangeNotebookDocumentParams, closed: (uris: string[]) => void): void {
    const structure = params.change.cells?.structure;
    if (structure?.didClose?.length) closed(structure.didClose.map((cell) => cell.uri));
    if (!structure && !params.change.cells?.data && !params.change.metadata) return;
    const first = this.notebooks.getNotebookDocument(params.notebookDocument.uri)?.cells[0];
    if (first) void this.lint(first.document, { pulled: false });
  }

  /** True for a cell of an open notebook. */
  handles(uri: string): boolean {
    return !!this.notebooks.findNotebookDocumentForCell(uri)?.cells.some((cell) => cell.document === uri);
  }

  cellText(uri: string): TextDocument | undefined {
    return this.handles(uri) ? this.notebooks.cellTextDocuments.get(uri) : undefined;
  }

  /**
   * The cell's findings, from a lint of its notebook as it is now (linted again only if it changed since).
   * When a new lint changes the problems of a cell the client is not pulling now (any cell but this one when
   * it is `pulled`; every cell after a structure change or for a hover), the client is asked to pull again.
   */
  async lint(cellUri: string, { pulled = true }: { pulled?: boolean } = {}): Promise<LintedDocument | undefined> {
    const notebook = this.notebooks.findNotebookDocumentForCell(cellUri);
    if (!notebook || !this.handles(cellUri)) return undefined;
    let linted = this.results.get(notebook.uri);
    if (!linted || linted.key !== this.keyOf(notebook)) {
      const options = await this.optionsFor(notebook.uri);
      // the notebook may have changed or closed while settings were read: lint what is current now
      const current = this.notebooks.getNotebookDocument(notebook.uri);
      if (!current) return undefined;
      const previous = this.results.get(current.uri);
      linted = { key: this.keyOf(current), ...this.lintNotebook(current, options) };
      this.results.set(current.uri, linted);
      if (previous && othersChanged(previous.cells, linted.cells, pulled ? cellUri : undefined)) this.refresh();
    }
    return linted.cells.get(cellUri);
  }

  /** The cell in the joined text of its notebook as it is now (linted first if it changed), or undefined when it is not in it. */
  async joinedCell(cellUri: string): Promise<JoinedCell | undefined> {
    if (!(await this.lint(cellUri, { pulled: false }))) return undefined;
    const notebook = this.notebooks.findNotebookDocumentForCell(cellUri);
    const parsed = notebook && this.parsed.get(notebook.uri);
    const firstLine = notebook && this.results.get(notebook.uri)?.firstLines.get(cellUri);
    if (!parsed || firstLine === undefined) return undefined;
    const toCell = (position: Position): Position => (position.line < firstLine ? { line: 0, character: 0 } : { line: position.line - firstLine, character: position.character });
    return {
      document: TextDocument.create(notebook.uri, 'python', 0, parsed.text),
      tree: parsed.tree,
      toJoined: (position) => ({ line: position.line + firstLine, character: position.character }),
      toCell: (range) => ({ start: toCell(range.start), end: toCell(range.end) }),
    };
  }

  /** The findings of a cell at exactly its current version (or `version`), or undefined when they are stale. */
  findingsAt(cellUri: string, version?: number): LintedDocument | undefined {
    const notebook = this.notebooks.findNotebookDocumentForCell(cellUri);
    const linted = notebook ? this.results.get(notebook.uri)?.cells.get(cellUri) : undefined;
    const current = this.cellText(cellUri)?.version;
    if (!linted || current !== linted.version || (version !== undefined && version !== linted.version)) return undefined;
    return linted;
  }

  /** Settings or pyproject.toml changed: every result is stale (the server asks the client to pull all again). */
  invalidate(): void {
    this.results.clear();
  }

  /** Lints the joined text, re-parsing and re-analysing only what changed since the last lint of the notebook. */
  private lintJoined(uri: string, parser: Parser, text: string, options: LintOptions): LintResult {
    const reason = skipReason(text);
    if (reason) {
      this.forgetTree(uri);
      return { findings: [], notices: [skippedNotice(reason)] };
    }
    const previous = this.parsed.get(uri);
    const edit = previous && editBetween(previous.text, text);
    if (edit) previous.tree.edit(edit);
    const tree = parsePython(parser, text, previous?.tree ?? null);
    if (!tree) {
      this.forgetTree(uri);
      return { findings: [], notices: [skippedNotice('not analysed: the parser gave no tree')] };
    }
    const result = lintTree(tree, text, options, previous?.tree);
    previous?.tree.delete();
    this.parsed.set(uri, { text, tree });
    return result;
  }

  private forgetTree(uri: string): void {
    this.parsed.get(uri)?.tree.delete();
    this.parsed.delete(uri);
  }

  private keyOf(notebook: NotebookDocument): string {
    return `${notebook.version}|${notebook.cells.map((cell) => `${cell.document}@${this.notebooks.cellTextDocuments.get(cell.document)?.version}`).join('|')}`;
  }

  private lintNotebook(notebook: NotebookDocument, options: LintOptions | undefined): Omit<LintedNotebook, 'key'> {
    const texts = notebook.cells.map((cell) => {
      const document = this.notebooks.cellTextDocuments.get(cell.document);
      return { uri: cell.document, document, code: cell.kind === NotebookCellKind.Code && document?.languageId === 'python' ? document.getText() : undefined };
    });
    const linted = new Map<string, LintedDocument>();
    const firstLines = new Map<string, number>();
    // a fix may edit another cell than its finding's: its edit is versioned with that cell's version now
    const otherVersions = new Map(texts.flatMap(({ uri, document }) => (document ? [[uri, document.version] as const] : [])));
    for (const { uri, document } of texts) if (document) linted.set(uri, { uri, version: document.version, otherVersions, findings: [], notices: [] });
    const parser = this.parser();
    if (!options || !parser) return { cells: linted, firstLines };
    const source = joinNotebookCells(
      texts.map((text) => text.code),
      ipynbMetadata(notebook.metadata),
    );
    if ('skipped' in source) return { cells: linted, firstLines };
    for (const cell of source.cells) firstLines.set(texts[cell.number - 1]!.uri, cell.firstLine);
    const result = this.lintJoined(notebook.uri, parser, source.text, options);
    const cellTexts = new Map(source.cells.map((cell) => [cell.number, texts[cell.number - 1]!.code ?? '']));
    const byCell = findingsByCell({ findings: result.findings, notices: [...brokenCellNotices(source.brokenCells), ...result.notices] }, source, cellTexts, (number) => texts[number - 1]!.uri);
    for (const [number, found] of byCell) {
      const entry = linted.get(texts[number - 1]!.uri);
      if (entry) Object.assign(entry, found);
    }
    return { cells: linted, firstLines };
  }
}

/** True when a cell other than `except` has other problems in `after` than in `before` (cells in both). */
function othersChanged(before: ReadonlyMap<string, LintedDocument>, after: ReadonlyMap<string, LintedDocument>, except: string | undefined): boolean {
  const problems = (linted: LintedDocument) => JSON.stringify([linted.findings, linted.notices]);
  for (const [uri, linted] of after) {
    const earlier = before.get(uri);
    if (uri !== except && earlier && problems(earlier) !== problems(linted)) return true;
  }
  return false;
}
