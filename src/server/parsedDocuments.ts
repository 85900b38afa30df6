// Open Python documents with their syntax trees. Edits are applied to the tree with `tree.edit` and
// the document is re-parsed incrementally, so a keystroke in a 5,000-line job re-parses one region.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { Parser, Tree } from 'web-tree-sitter';
import { parsePython } from '../analysis/parser';

export interface ParsedDocument {
  document: TextDocument;
  tree: Tree;
  /**
   * The tree last linted, kept alive until the next lint: the engine reuses its copy of every
   * statement an edit did not touch (see lintTree's previousTree).
   */
  linted?: Tree;
}

export class ParsedDocuments {
  private readonly open = new Map<string, ParsedDocument>();

  constructor(private readonly parser: () => Parser | undefined) {}

  get(uri: string): ParsedDocument | undefined {
    return this.open.get(uri);
  }

  /** The document's text, even when the parser could not be loaded. */
  text(uri: string): TextDocument | undefined {
    return this.open.get(uri)?.document ?? this.unparsed.get(uri);
  }

  private readonly unparsed = new Map<string, TextDocument>();

  openDocument(uri: string, languageId: string, version: number, text: string): void {
    this.close(uri);
    const document = TextDocument.create(uri, languageId, version, text);
    const parser = this.parser();
    // Only Python is parsed; other documents the server serves (spark-defaults.conf) keep their text.
    if (!parser || languageId !== 'python') {
      this.unparsed.set(uri, document);
      return;
    }
    const tree = parsePython(parser, text);
    if (tree) this.open.set(uri, { document, tree });
    else this.unparsed.set(uri, document);
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    const entry = this.open.get(uri);
    const parser = this.parser();
    if (!entry || !parser) {
      const document = this.unparsed.get(uri);
      if (document) this.unparsed.set(uri, TextDocument.update(document, changes, version));
      return;
    }
    let { document } = entry;
    let treeMatchesEdits = true;
    for (const change of changes) {
      if (!('range' in change)) {
        document = TextDocument.update(document, [change], version);
        treeMatchesEdits = false; // the whole text was replaced: parse from scratch
        continue;
      }
      const startIndex = document.offsetAt(change.range.start);
      const oldEndIndex = document.offsetAt(change.range.end);
      document = TextDocument.update(document, [change], version);
      const newEndIndex = startIndex + change.text.length;
      const newEnd = document.positionAt(newEndIndex);
      entry.tree.edit({
        startIndex,
        oldEndIndex,
        newEndIndex,
        startPosition: { row: change.range.start.line, column: change.range.start.character },
        oldEndPosition: { row: change.range.end.line, column: change.range.end.character },
        newEndPosition: { row: newEnd.line, column: newEnd.character },
      });
    }
    const reparsed = parsePython(parser, document.getText(), treeMatchesEdits ? entry.tree : null);
    if (reparsed) {
      if (entry.tree !== entry.linted) entry.tree.delete();
      entry.tree = reparsed;
    }
    entry.document = document;
  }

  /** Marks the current tree as linted and frees the one linted before it. */
  markLinted(uri: string): void {
    const entry = this.open.get(uri);
    if (!entry || entry.linted === entry.tree) return;
    entry.linted?.delete();
    entry.linted = entry.tree;
  }

  close(uri: string): void {
    const entry = this.open.get(uri);
    if (entry?.linted && entry.linted !== entry.tree) entry.linted.delete();
    entry?.tree.delete();
    this.open.delete(uri);
    this.unparsed.delete(uri);
  }

  /** Re-parses every open document (after the parser becomes available). */
  reparseAll(): void {
    for (const [uri, document] of [...this.unparsed]) {
      if (document.languageId === 'python') this.openDocument(uri, document.languageId, document.version, document.getText());
    }
  }

  uris(): string[] {
    return [...this.open.keys(), ...this.unparsed.keys()];
  }
}
