// The configuration features read two kinds of trees: the server's web-tree-sitter Tree (completion and
// hover on the live document) and the copied SyntaxTree the rule engine walks (diagnostics). A SyntaxView
// is the little both provide (type, text, range, children, fields), created lazily per node visited.
import type { Node, Tree } from 'web-tree-sitter';
import { callParts, perStatement, type PyNode, type SyntaxTree, textOf } from '../syntax';

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based UTF-16 column. */
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface SyntaxView {
  readonly type: string;
  readonly text: string;
  readonly range: Range;
  readonly children: SyntaxView[];
  /** Named children without comments. */
  readonly namedChildren: SyntaxView[];
  field(name: string): SyntaxView | undefined;
}

// the calls of each top-level statement of copied trees (see perStatement), by the method names asked for
const ALL_METHODS: ReadonlySet<string> = new Set();
const callsByMethods = new WeakMap<ReadonlySet<string>, WeakMap<PyNode, PyNode[]>>();

/** Either tree the server or the rule engine has. */
export type ConfigSource = Tree | SyntaxTree;

class TreeSitterView implements SyntaxView {
  constructor(private readonly node: Node) {}
  get type(): string {
    return this.node.type;
  }
  get text(): string {
    return this.node.text;
  }
  get range(): Range {
    const { startPosition: start, endPosition: end } = this.node;
    return { start: { line: start.row, character: start.column }, end: { line: end.row, character: end.column } };
  }
  get children(): SyntaxView[] {
    return this.node.children.filter((child): child is Node => child !== null).map((child) => new TreeSitterView(child));
  }
  get namedChildren(): SyntaxView[] {
    return this.node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment').map((child) => new TreeSitterView(child));
  }
  field(name: string): SyntaxView | undefined {
    const child = this.node.childForFieldName(name);
    return child ? new TreeSitterView(child) : undefined;
  }
}

class CopiedView implements SyntaxView {
  constructor(
    private readonly tree: SyntaxTree,
    private readonly node: PyNode,
  ) {}
  get type(): string {
    return this.node.type;
  }
  get text(): string {
    return textOf(this.tree, this.node);
  }
  get range(): Range {
    const { startRow, startCol, endRow, endCol } = this.node;
    return { start: { line: startRow, character: startCol }, end: { line: endRow, character: endCol } };
  }
  get children(): SyntaxView[] {
    return this.node.children.map((child) => new CopiedView(this.tree, child));
  }
  get namedChildren(): SyntaxView[] {
    return this.node.children.filter((child) => child.named && child.type !== 'comment').map((child) => new CopiedView(this.tree, child));
  }
  field(name: string): SyntaxView | undefined {
    const child = this.node.children.find((candidate) => candidate.field === name);
    return child ? new CopiedView(this.tree, child) : undefined;
  }
}

function isTreeSitterTree(source: ConfigSource): source is Tree {
  return 'rootNode' in source;
}

/**
 * Every `call` node of the tree, in document order. With `methods`, only calls of the copied tree whose
 * callee is `x.<method>` with one of those names (a cheap filter before any view is made).
 */
export function callNodes(source: ConfigSource, methods?: ReadonlySet<string>): SyntaxView[] {
  if (isTreeSitterTree(source)) {
    return source.rootNode.descendantsOfType('call').filter((node): node is Node => node !== null).map((node) => new TreeSitterView(node));
  }
  const key = methods ?? ALL_METHODS;
  let cache = callsByMethods.get(key);
  if (!cache) callsByMethods.set(key, (cache = new WeakMap()));
  const calls = perStatement(source, cache, (nodes) => nodes.filter((node) => node.type === 'call' && (!methods || methods.has(callParts(source, node)?.method ?? ''))));
  return calls.flat().map((node) => new CopiedView(source, node));
}
