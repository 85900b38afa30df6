// A plain JavaScript copy of the tree-sitter tree. Walking web-tree-sitter nodes crosses into wasm on
// every property access; the analysis visits each node several times, so one cursor walk that copies the
// tree is both faster and simpler to work with (parents, fields and text are plain properties).
import type { Tree } from 'web-tree-sitter';
import { type CopyCursor, copyCursor } from './rawCursor';

export interface PyNode {
  /** Sequential id in document order; stable for one copy of a tree. */
  readonly id: number;
  readonly type: string;
  readonly named: boolean;
  /** The grammar field this node fills in its parent (`function`, `arguments`, ...). */
  readonly field: string | null;
  readonly missing: boolean;
  /** UTF-16 offsets into the source text. */
  readonly startIndex: number;
  readonly endIndex: number;
  /** 0-based line and UTF-16 column. */
  readonly startRow: number;
  readonly startCol: number;
  readonly endRow: number;
  readonly endCol: number;
  readonly parent: PyNode | null;
  readonly children: PyNode[];
}

export interface SyntaxTree {
  readonly root: PyNode;
  readonly text: string;
  readonly comments: PyNode[];
  readonly errors: PyNode[];
  readonly nodeCount: number;
  /** Every node in document order (preorder): `nodes[n.id] === n`, and a subtree's ids are contiguous. */
  readonly nodes: readonly PyNode[];
}

/**
 * Copies a tree-sitter tree into plain objects in one cursor walk. Every cursor property is a call into
 * wasm, so the walk reads only the type id, the two offsets and (for named nodes) the field id; names,
 * "is named" and line/column positions are computed on the JavaScript side. Lines follow LSP: \n, \r\n
 * and a lone \r each end a line; columns are UTF-16 units. In a tree without syntax errors, punctuation
 * (brackets, commas, dots, colons, semicolons) is left out: nothing reads it, and it is a quarter of
 * the nodes. Operators and keywords stay.
 *
 * With `previous` (the copy of the same document before an edit), top-level statements whose type and
 * text did not change are moved over from it (offsets and lines shifted) instead of being copied again
 * through wasm. `previous` is consumed: its nodes now belong to the new copy.
 */
export function copyTree(tree: Tree, text: string, previous?: SyntaxTree): SyntaxTree {
  const copier = new Copier(tree, text);
  try {
    return copier.copy(previous);
  } finally {
    copier.cursor.delete();
  }
}

/**
 * Where a top-level statement starts in its copy's text. Its nodes keep their offsets relative to it: after
 * an edit, a statement the edit did not touch moves into the next copy by one update of its anchor, not of
 * each of its nodes (most of a large file's nodes, on an edit near its top). Ids and rows are plain fields:
 * they change only when an edit adds or removes nodes or lines before the statement (typing does not).
 */
interface Anchor {
  start: number;
}

/**
 * A node of the copy (one class: every node has the same shape, and its reads stay monomorphic). Its
 * fields are declared, not defined: class fields are defined one by one before the constructor runs, which
 * made copying a tree a quarter slower.
 */
class AnchoredNode implements PyNode {
  declare readonly anchor: Anchor;
  declare id: number;
  declare readonly type: string;
  declare readonly named: boolean;
  declare readonly field: string | null;
  declare readonly missing: boolean;
  declare private readonly relativeStart: number;
  declare private readonly relativeEnd: number;
  declare startRow: number;
  declare readonly startCol: number;
  declare endRow: number;
  declare readonly endCol: number;
  declare parent: PyNode | null;
  declare children: PyNode[];

  constructor(anchor: Anchor, id: number, type: string, named: boolean, field: string | null, missing: boolean, relativeStart: number, relativeEnd: number, startRow: number, startCol: number, endRow: number, endCol: number, parent: PyNode | null, children: PyNode[]) {
    this.anchor = anchor;
    this.id = id;
    this.type = type;
    this.named = named;
    this.field = field;
    this.missing = missing;
    this.relativeStart = relativeStart;
    this.relativeEnd = relativeEnd;
    this.startRow = startRow;
    this.startCol = startCol;
    this.endRow = endRow;
    this.endCol = endCol;
    this.parent = parent;
    this.children = children;
  }

  get startIndex(): number {
    return this.anchor.start + this.relativeStart;
  }
  get endIndex(): number {
    return this.anchor.start + this.relativeEnd;
  }
}

class Copier {
  readonly cursor: CopyCursor;
  private readonly types: string[];
  private readonly fields: (string | null)[];
  private readonly named: Map<number, boolean>;
  /** By type id: punctuation the copy leaves out (no rule reads it; fewer objects to make and collect). */
  private readonly skipped: readonly boolean[];
  private readonly lines: Int32Array;
  private readonly comments: PyNode[] = [];
  private readonly errors: PyNode[] = [];
  /**
   * The nodes in preorder (`nodes[id]` is the node with that id). While a copy continues the previous one,
   * the previous copy's statements not yet matched follow the ones made or moved so far (see copy).
   */
  private nodes: PyNode[] = [];
  /**
   * Statements copied anew into the preorder of the previous copy, not yet in `nodes`: their nodes, to go
   * in at `insertAt` in one splice per run of such statements (a run can be the whole file, reformatted).
   */
  private inserted: PyNode[] = [];
  private insertAt = 0;
  private inserting = false;
  /** How far the previous copy's comments and errors were taken over (moved statements come in order). */
  private takenComments = 0;
  private takenErrors = 0;
  private nextId = 0;
  /** The anchor of the top-level statement being copied (see AnchoredNode). */
  private anchor: Anchor = { start: 0 };
  /** Start offsets of the top-level statements with a syntax error in them (when the tree has one). */
  private readonly statementsWithErrors: Set<number> | undefined;

  constructor(private readonly tree: Tree, private readonly text: string) {
    // A tree with errors keeps its punctuation: a MISSING `)` or `:` is what the syntax notice names.
    // (Asked before the cursor exists: any other tree-sitter call would overwrite the raw cursor's state.)
    const root = tree.rootNode;
    this.skipped = skippedIds(tree.language, !root.hasError);
    // error recovery can parse the same text differently in another context: such statements are copied
    if (root.hasError) this.statementsWithErrors = new Set(root.children.filter((child) => child?.hasError).map((child) => child!.startIndex));
    this.cursor = copyCursor(tree);
    const language = tree.language;
    this.types = language.types;
    this.fields = language.fields;
    this.named = namedTypeCache.get(language) ?? new Map<number, boolean>();
    namedTypeCache.set(language, this.named);
    this.lines = lineStarts(text);
  }

  copy(previous?: SyntaxTree): SyntaxTree {
    const { cursor } = this;
    // the previous copy's preorder, edited in place: an array of every node of a large file is costly to
    // make anew on each edit (and to collect), and most of it stays where it was
    if (previous) this.nodes = previous.nodes as PyNode[];
    const root = this.make(null, cursor.nodeTypeId);
    const moved = new Set<PyNode>();
    if (!previous || previous.root.type !== root.type) {
      this.copyChildren(root);
    } else if (cursor.gotoFirstChild()) {
      // from here: nodes[0, nextId) are this copy's, and nodes[nextId, ...) the previous copy's statements
      // from old[next] on, in order
      const old = previous.root.children;
      const oldWithErrors = new Set(previous.errors.map((node) => topLevelOf(node)));
      let next = 0;
      // statements copied anew, with the index of the first old statement not yet matched at that point
      const copied: Array<[PyNode, number]> = [];
      do {
        const typeId = cursor.nodeTypeId;
        if (this.skipped[typeId]) continue; // a `;` between statements
        const startIndex = cursor.startIndex;
        const endIndex = cursor.endIndex;
        const type = this.types[typeId] ?? 'ERROR';
        // unchanged statements keep their order: look a little ahead of the last match
        let match = -1;
        for (let j = next; j < Math.min(old.length, next + 64); j++) {
          const candidate = old[j]!;
          if (candidate.type === type && candidate.endIndex - candidate.startIndex === endIndex - startIndex &&
            previous.text.slice(candidate.startIndex, candidate.endIndex) === this.text.slice(startIndex, endIndex) &&
            candidate.startCol === startIndex - this.lines[rowAt(this.lines, startIndex)]!) {
            match = j;
            break;
          }
        }
        if (match >= 0 && type !== 'ERROR' && !this.statementsWithErrors?.has(startIndex) && !oldWithErrors.has(old[match]!) && (this.statementsWithErrors || !copiedBesideErrors.has(old[match]!))) {
          this.flushInserted();
          // the old statements passed over (edited or gone) leave the preorder
          const passedOver = old[match]!.id - old[next]!.id;
          if (passedOver) this.nodes.splice(this.nextId, passedOver);
          moved.add(old[match]!);
          root.children.push(this.move(old[match]!, root, startIndex, previous));
          next = match + 1;
        } else {
          const statement = this.copyInserted(root);
          root.children.push(statement);
          if (!this.statementsWithErrors?.has(startIndex)) copied.push([statement, next]);
        }
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
      // the old statements after the last match are gone: the new ones take their place
      if (this.inserted.length) {
        this.nodes.length = this.insertAt;
        for (const node of this.inserted) this.nodes.push(node);
        this.inserted = [];
      }
      recordEditedStatements(copied, old, moved, oldWithErrors, previous.text);
    }
    // (a statement taken over keeps what it was copied from)
    if (this.statementsWithErrors) for (const statement of root.children) if (!moved.has(statement)) copiedBesideErrors.add(statement);
    const { nodes } = this;
    nodes.length = this.nextId;
    preorders.set(root, nodes);
    if (previous) {
      // the previous copy is consumed: its root must not keep its statements and node list alive, which a
      // value still pointing into an old version of an edited statement would (through the root, each old
      // root's statements point on to the next copy's root: a chain of every copy since)
      preorders.delete(previous.root);
      (previous.root as AnchoredNode).children = [];
    }
    return { root, text: this.text, comments: this.comments, errors: this.errors, nodeCount: this.nextId, nodes };
  }

  /** The walk visits nodes in document order: the row of the next start is at or after the last one's. */
  private lastRow = 0;
  private rowOf(offset: number): number {
    const { lines } = this;
    if (offset < lines[this.lastRow]!) this.lastRow = rowAt(lines, offset); // moved-over statements jump back
    else this.lastRow = rowFrom(lines, this.lastRow, offset);
    return this.lastRow;
  }

  private make(parent: PyNode | null, typeId: number): PyNode {
    const { cursor, text, lines } = this;
    let isNamed = this.named.get(typeId);
    if (isNamed === undefined) this.named.set(typeId, (isNamed = typeId === 65535 || this.tree.language.nodeTypeIsNamed(typeId)));
    const type = this.types[typeId] ?? 'ERROR';
    const startIndex = cursor.startIndex;
    // a keyword or punctuation token's text is its type: its end needs no call into wasm
    const endIndex = !isNamed && text.startsWith(type, startIndex) ? startIndex + type.length : cursor.endIndex;
    const startRow = this.rowOf(startIndex);
    const endRow = endIndex === startIndex ? startRow : rowFrom(lines, startRow, endIndex);
    const id = this.nextId++;
    // the root and each top-level statement start an anchor; a statement's descendants share its one
    if (!parent || !parent.parent) this.anchor = { start: startIndex };
    const { anchor } = this;
    const node = new AnchoredNode(
      anchor,
      id,
      type,
      isNamed,
      isNamed && parent ? (this.fields[cursor.currentFieldId] ?? null) : null,
      startIndex === endIndex && cursor.nodeIsMissing,
      startIndex - anchor.start,
      endIndex - anchor.start,
      startRow,
      startIndex - lines[startRow]!,
      endRow,
      endIndex - lines[endRow]!,
      parent,
      // tokens and the named leaf types never get children: they share one empty (frozen) array
      isNamed && !LEAF_TYPES.has(type) ? [] : NO_CHILDREN,
    );
    if (this.inserting) this.inserted.push(node);
    else this.nodes[id] = node;
    this.collect(node);
    return node;
  }

  private collect(node: PyNode): void {
    if (node.type === 'comment') this.comments.push(node);
    else if (node.type === 'ERROR' || node.missing) this.errors.push(node);
  }

  /** Copies the children of `node` (the cursor is on it) and leaves the cursor on it. */
  private copyChildren(node: PyNode): void {
    const { cursor } = this;
    if (!node.named || LEAF_TYPES.has(node.type) || !cursor.gotoFirstChild()) return;
    for (;;) {
      if (this.keptFromHere() < 0) return; // back on `node`
      node.children.push(this.copySubtree(node));
      if (!cursor.gotoNextSibling()) break;
    }
    cursor.gotoParent();
  }

  /**
   * Copies a top-level statement into the preorder being edited in place: its nodes go in at `nextId`,
   * before the previous copy's statements not yet matched.
   */
  private copyInserted(root: PyNode): PyNode {
    if (!this.inserted.length) this.insertAt = this.nextId;
    this.inserting = true;
    try {
      return this.copySubtree(root);
    } finally {
      this.inserting = false;
    }
  }

  /** Puts the nodes of the statements copied anew since the last move into the preorder, before the old tail. */
  private flushInserted(): void {
    const { inserted, insertAt } = this;
    if (!inserted.length) return;
    // splice moves the rest natively (copyWithin goes element by element); its arguments are bounded
    for (let from = 0; from < inserted.length; from += SPLICE_CHUNK) this.nodes.splice(insertAt + from, 0, ...inserted.slice(from, from + SPLICE_CHUNK));
    this.inserted = [];
  }

  /** Copies the node under the cursor and its descendants; the cursor ends where it started. */
  private copySubtree(parent: PyNode): PyNode {
    const { cursor } = this;
    const top = this.make(parent, cursor.nodeTypeId);
    let current = top;
    for (;;) {
      // tokens (anonymous nodes) and the named leaf types have no children: skip the call that would say so
      if (current.named && !LEAF_TYPES.has(current.type) && cursor.gotoFirstChild()) {
        const typeId = this.keptFromHere();
        if (typeId >= 0) {
          const child = this.make(current, typeId);
          current.children.push(child);
          current = child;
          continue;
        }
        // only punctuation below: the cursor is back on `current`
      }
      for (;;) {
        if (current === top) return top;
        if (cursor.gotoNextSibling()) {
          const typeId = this.keptFromHere();
          if (typeId >= 0) {
            const sibling = this.make(current.parent, typeId);
            current.parent!.children.push(sibling);
            current = sibling;
            break;
          }
          // no sibling left to copy: the cursor is back on the parent
          current = current.parent!;
          continue;
        }
        cursor.gotoParent();
        current = current.parent!;
      }
    }
  }

  /**
   * Passes over punctuation from the cursor's node on, among its siblings. Returns the type id of the
   * node it stops on, or -1 when none is left (the cursor is then back on the parent).
   */
  private keptFromHere(): number {
    const { cursor, skipped } = this;
    for (;;) {
      const typeId = cursor.nodeTypeId;
      if (!skipped[typeId]) return typeId;
      if (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        return -1;
      }
    }
  }

  /**
   * Moves an unchanged statement from the previous copy: its offsets shift with its anchor; its ids and
   * lines, node by node, when they changed.
   */
  private move(node: PyNode, parent: PyNode, newStart: number, previous: SyntaxTree): PyNode {
    previousVersions.delete(node); // not edited by this edit
    const top = node as AnchoredNode;
    top.parent = parent;
    // the subtree is a range of the previous copy's preorder (taken before the ids change)
    const first = node.id;
    const end = endId(node);
    this.takenComments = takeRange(previous.comments, first, end, this.comments, this.takenComments);
    this.takenErrors = takeRange(previous.errors, first, end, this.errors, this.takenErrors);
    top.anchor.start = newStart;
    // its nodes are at nextId in the preorder already (see copy); ids and rows shift when nodes or lines
    // were added or removed above it
    const idShift = this.nextId - first;
    const rowShift = rowAt(this.lines, newStart) - node.startRow;
    const { nodes } = this;
    const to = this.nextId + end - first;
    if (idShift || rowShift) {
      for (let i = this.nextId; i < to; i++) {
        const current = nodes[i] as AnchoredNode;
        current.id += idShift;
        current.startRow += rowShift;
        current.endRow += rowShift;
      }
    }
    this.nextId = to;
    return node;
  }
}

/** An edited top-level statement's version before the edit, with the text it was in. */
export interface PreviousVersion {
  node: PyNode;
  text: string;
}

const previousVersions = new WeakMap<PyNode, PreviousVersion>();

/**
 * The version before the edit of a statement copied anew because its text changed (one statement edited
 * in place: the old one in the same place between two unchanged ones, of the same type, without errors).
 */
export function previousVersionOf(statement: PyNode): PreviousVersion | undefined {
  return previousVersions.get(statement);
}

function recordEditedStatements(copied: ReadonlyArray<[PyNode, number]>, old: readonly PyNode[], moved: ReadonlySet<PyNode>, oldWithErrors: ReadonlySet<PyNode>, oldText: string): void {
  const counts = new Map<number, number>();
  for (const [, index] of copied) counts.set(index, (counts.get(index) ?? 0) + 1);
  for (const [statement, index] of copied) {
    const before = old[index];
    if (!before || counts.get(index) !== 1 || moved.has(before) || before.type !== statement.type || oldWithErrors.has(before)) continue;
    // one version back only: the old statement's own previous version is not kept alive
    previousVersions.delete(before);
    previousVersions.set(statement, { node: before, text: oldText });
  }
}

/**
 * Appends the nodes of `sorted` (in id order from index `after` on) whose ids are in [from, to), and
 * returns the index after them. Entries before `after` were moved already and carry new ids.
 */
function takeRange(sorted: readonly PyNode[], from: number, to: number, into: PyNode[], after: number): number {
  let i = lowerBound(sorted, (node) => node.id, from, after);
  for (; i < sorted.length && sorted[i]!.id < to; i++) into.push(sorted[i]!);
  return i;
}

/** The index of the first node of `sorted` (ascending by `key` from `low` on) whose key is not below `value`. */
function lowerBound(sorted: readonly PyNode[], key: (node: PyNode) => number, value: number, low = 0): number {
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (key(sorted[mid]!) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Nodes inserted into the preorder per splice call (each is an argument). */
const SPLICE_CHUNK = 8192;

const namedTypeCache = new WeakMap<object, Map<number, boolean>>();

/** Bracket, comma, dot, colon, semicolon: tokens whose position the copy does not need. */
const PUNCTUATION: ReadonlySet<string> = new Set(['(', ')', '[', ']', '{', '}', ',', '.', ':', ';']);
const skippedCache = new WeakMap<object, { withPunctuation: boolean[]; continuationsOnly: boolean[] }>();

/**
 * By type id, the nodes the copy leaves out: a backslash line continuation always (tree-sitter makes it a
 * named node where it stands, such as among a call's arguments, where it would read as one), and
 * punctuation too when `punctuation`.
 */
function skippedIds(language: Tree['language'], punctuation: boolean): boolean[] {
  let ids = skippedCache.get(language);
  if (!ids) {
    const continuation = (type: string) => type === 'line_continuation';
    ids = {
      withPunctuation: language.types.map((type, id) => continuation(type) || (PUNCTUATION.has(type) && !language.nodeTypeIsNamed(id))),
      continuationsOnly: language.types.map(continuation),
    };
    skippedCache.set(language, ids);
  }
  return punctuation ? ids.withPunctuation : ids.continuationsOnly;
}

const NO_CHILDREN: PyNode[] = Object.freeze([]) as unknown as PyNode[];

/** The root of each copy -> its nodes in preorder, so a walk over a subtree is a loop over a slice. */
const preorders = new WeakMap<PyNode, readonly PyNode[]>();

/**
 * Top-level statements copied from a tree with a syntax error elsewhere: error recovery can resolve an
 * ambiguity of the grammar differently (`c, d` in `a, b = c, d` as a pattern list, as in a chained
 * assignment) with no error in the statement itself. The first copy without an error copies them again
 * instead of taking them over because their text is the same (while errors remain they are taken over:
 * copying every statement on each keystroke of a file opened with an error would cost a full copy).
 */
const copiedBesideErrors = new WeakSet<PyNode>();

const LEAF_TYPES: ReadonlySet<string> = new Set([
  'identifier', 'integer', 'float', 'comment', 'string_start', 'string_content', 'string_end', 'escape_sequence',
  'true', 'false', 'none', 'ellipsis',
]);

/**
 * Offsets where lines start (LSP line breaks: \n, \r\n, \r). Counted first, then filled: every re-lint of
 * a large file computes this, and an array grown line by line was a tenth of what a re-lint allocates.
 */
export function lineStarts(text: string): Int32Array {
  if (!text.includes('\r')) {
    // the common case, searched natively
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    const starts = new Int32Array(count);
    let row = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[row++] = i + 1;
    return starts;
  }
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return Int32Array.from(starts);
}

/** The row of `offset`, searching forward from row `from` (which must start at or before it). */
function rowFrom(starts: Int32Array, from: number, offset: number): number {
  let row = from;
  // a few lines ahead at most for a node: step; farther (a long string, a gap), search
  for (let steps = 0; steps < 8; steps++) {
    if (row + 1 >= starts.length || starts[row + 1]! > offset) return row;
    row++;
  }
  return rowAt(starts, offset);
}

function rowAt(starts: Int32Array, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The source text of a node. In a large document, names, literals and short expressions come back as
 * strings of their own: V8 slices a string of 13 or more characters out of the document text, and a slice
 * keeps the whole text alive. The model keeps such strings (names, options, facts) across re-lints for the
 * statements it takes over, and each would pin the version of the document it was read from: for a
 * 5,000-line job, a copy of 200 KB per statement edited since. (In a small file the copies cost more
 * than the versions they would free.)
 */
export function textOf(tree: SyntaxTree, node: PyNode): string {
  const text = tree.text.slice(node.startIndex, node.endIndex);
  return text.length <= OWN_STRING_MAX && tree.text.length >= OWN_STRINGS_FROM ? ownString(text) : text;
}

/** Longer node texts are whole statements and blocks, read for a pattern test and dropped. */
const OWN_STRING_MAX = 200;
/** Documents from this size (about 1,000 lines) on. */
const OWN_STRINGS_FROM = 32 * 1024;

/** `text` as a string that does not keep a larger string it was sliced from alive. */
export function ownString(text: string): string {
  // shorter strings are copied by V8 anyway; concatenating and slicing flattens a copy of the characters
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** `a + b` with `operator` '+': a binary operator node with that operator token. */
export function isBinaryOperator(node: PyNode, operator: string): boolean {
  return node.type === 'binary_operator' && node.children.some((child) => !child.named && child.type === operator);
}

/** Number, boolean and None literals. */
export const SCALAR_LITERALS: ReadonlySet<string> = new Set(['integer', 'float', 'true', 'false', 'none']);

export function field(node: PyNode, name: string): PyNode | undefined {
  for (const child of node.children) if (child.field === name) return child;
  return undefined;
}

/**
 * The named children without comments. Read-only: when every child qualifies (the usual case once
 * punctuation is left out of the copy) it is the node's own children array, not a copy.
 */
export function namedChildren(node: PyNode): readonly PyNode[] {
  const { children } = node;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (!child.named || child.type === 'comment') return children.filter((each) => each.named && each.type !== 'comment');
  }
  return children;
}

/** Unwraps `(expr)` so `(df).collect()` is seen like `df.collect()`. */
/** The parameter names of a function or lambda, in order (`''` for a `*`, `/` or other nameless one). */
export function parameterNames(tree: SyntaxTree, node: PyNode): string[] {
  const parameters = field(node, 'parameters');
  if (!parameters) return [];
  return namedChildren(parameters).map((param) => {
    const name = param.type === 'identifier' ? param : (field(param, 'name') ?? namedChildren(param).find((c) => c.type === 'identifier'));
    return name ? textOf(tree, name) : '';
  });
}

/** `lambda m, y: to_quarter(m, y)`: the name a lambda only hands its parameters to, in order; else undefined. */
export function forwardedCallee(tree: SyntaxTree, lambda: PyNode): PyNode | undefined {
  if (lambda.type !== 'lambda') return undefined;
  const body = unparenthesize(field(lambda, 'body') ?? lambda);
  if (body.type !== 'call') return undefined;
  const callee = field(body, 'function');
  const passed = namedChildren(field(body, 'arguments') ?? body);
  const params = parameterNames(tree, lambda);
  if (callee?.type !== 'identifier' || passed.length !== params.length) return undefined;
  return passed.every((arg, i) => arg.type === 'identifier' && textOf(tree, arg) === params[i]) ? callee : undefined;
}

export function unparenthesize(node: PyNode): PyNode {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = namedChildren(current)[0];
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The comments that lie within [start, end) (UTF-16 offsets), found by binary search: they are in document order. */
export function commentsWithin(tree: SyntaxTree, start: number, end: number): PyNode[] {
  const { comments } = tree;
  const inside: PyNode[] = [];
  for (let i = lowerBound(comments, (node) => node.startIndex, start); i < comments.length && comments[i]!.endIndex <= end; i++) inside.push(comments[i]!);
  return inside;
}

/** Calls `visit` on every node in document order. */
export function forEachNode(root: PyNode, visit: (node: PyNode) => void): void {
  const range = subtreeRange(root);
  if (range) {
    const { nodes, end } = range;
    for (let i = root.id; i < end; i++) visit(nodes[i]!);
    return;
  }
  const stack: PyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/**
 * A scan of the whole file done statement by statement, for the file-wide lookups rules make on every
 * lint: each top-level statement's result stays in `cache` as long as the statement does. An unchanged
 * statement is moved into the next copy as the same node, so after an edit only changed statements are
 * scanned again. `scan` gets the statement's nodes in preorder.
 */
export function perStatement<T>(tree: SyntaxTree, cache: WeakMap<PyNode, T>, scan: (nodes: readonly PyNode[]) => T): T[] {
  return tree.root.children.map((statement) => {
    let result = cache.get(statement);
    if (result === undefined) cache.set(statement, (result = scan(tree.nodes.slice(statement.id, endId(statement)))));
    return result;
  });
}

const identifiersByStatement = new WeakMap<PyNode, Map<string, PyNode[]>>();
const statementIndexes = new WeakMap<SyntaxTree, ReadonlyArray<Map<string, PyNode[]>>>();
const identifierIndexes = new WeakMap<SyntaxTree, Map<string, PyNode[]>>();

/** Per top-level statement, its identifiers by name (see perStatement), gathered once per copy. */
function statementIdentifiers(tree: SyntaxTree): ReadonlyArray<Map<string, PyNode[]>> {
  let indexes = statementIndexes.get(tree);
  if (!indexes) statementIndexes.set(tree, (indexes = tree.root.children.map((statement) => identifiersOf(tree, statement))));
  return indexes;
}

/**
 * Every `identifier` node whose text is `name`, in document order (attribute names and keyword-argument
 * names included: filter by `parent`/`field` as needed), from an index per statement (see perStatement).
 */
export function identifiersNamed(tree: SyntaxTree, name: string): readonly PyNode[] {
  let index = identifierIndexes.get(tree);
  if (!index) identifierIndexes.set(tree, (index = new Map()));
  let found = index.get(name);
  if (!found) {
    found = [];
    for (const names of statementIdentifiers(tree)) {
      const own = names.get(name);
      if (own) found.push(...own);
    }
    index.set(name, found);
  }
  return found;
}

function identifierIndex(text: string, nodes: readonly PyNode[]): Map<string, PyNode[]> {
  const index = new Map<string, PyNode[]>();
  for (const node of nodes) {
    if (node.type !== 'identifier') continue;
    // the index lives as long as its statement: its names must not be slices of this version of the text
    const name = ownString(text.slice(node.startIndex, node.endIndex));
    const list = index.get(name);
    if (list) list.push(node);
    else index.set(name, [node]);
  }
  return index;
}

/**
 * The identifiers named `name` that start in [start, end) (UTF-16 offsets): only the top-level statements
 * that overlap the range are looked at (rules ask this for a few lines of a large file on every lint).
 */
export function identifiersNamedWithin(tree: SyntaxTree, name: string, start: number, end: number): PyNode[] {
  const statements = tree.root.children;
  const inside: PyNode[] = [];
  for (let i = lowerBound(statements, (node) => node.endIndex, start + 1); i < statements.length && statements[i]!.startIndex < end; i++) {
    for (const node of identifiersOf(tree, statements[i]!).get(name) ?? []) if (node.startIndex >= start && node.startIndex < end) inside.push(node);
  }
  return inside;
}

/** One top-level statement's identifiers by name, kept as long as the statement (see perStatement). */
function identifiersOf(tree: SyntaxTree, statement: PyNode): Map<string, PyNode[]> {
  let index = identifiersByStatement.get(statement);
  if (!index) identifiersByStatement.set(statement, (index = identifierIndex(tree.text, tree.nodes.slice(statement.id, endId(statement)))));
  return index;
}

/** The preorder array of the copy `node` belongs to and the id after its last descendant, when known. */
function subtreeRange(node: PyNode): { nodes: readonly PyNode[]; end: number } | undefined {
  let top = node;
  while (top.parent) top = top.parent;
  const nodes = preorders.get(top);
  if (!nodes || nodes[node.id] !== node) return undefined;
  return { nodes, end: endId(node) };
}

/** The top-level statement `node` is in (the root's child; itself for a statement). */
export function topLevelOf(node: PyNode): PyNode {
  let top = node;
  while (top.parent?.parent) top = top.parent;
  return top;
}

/**
 * Subtree sizes of the nodes asked about. A node's subtree never changes (an edited statement is copied
 * anew), while its ids move with edits above it: the size is what stays true across re-lints.
 */
const subtreeSizes = new WeakMap<PyNode, number>();

/** The id after the last descendant of `node`: its subtree is the ids [node.id, endId(node)). */
export function endId(node: PyNode): number {
  if (!node.children.length) return node.id + 1;
  let size = subtreeSizes.get(node);
  if (size === undefined) {
    let last = node;
    while (last.children.length) last = last.children[last.children.length - 1]!;
    subtreeSizes.set(node, (size = last.id + 1 - node.id));
  }
  return node.id + size;
}

export interface CallParts {
  callee: PyNode;
  /** For `recv.method(...)`: the receiver and the method name. */
  receiver?: PyNode;
  method?: string;
  methodNode?: PyNode;
  positional: PyNode[];
  keywords: Map<string, PyNode>;
  keywordNodes: Map<string, PyNode>;
  argumentList?: PyNode;
  hasStarArgs: boolean;
}

const callPartsCache = new WeakMap<PyNode, CallParts | null>();

/**
 * Splits a `call` node into callee, receiver/method, positional and keyword arguments. The parts are
 * cached per node: the model evaluates a helper's calls once per call site, and a statement moved over
 * unchanged from the previous copy keeps its nodes, so its parts stay valid. Treat them as read-only.
 */
export function callParts(tree: SyntaxTree, call: PyNode): CallParts | undefined {
  let parts = callPartsCache.get(call);
  if (parts === undefined) callPartsCache.set(call, (parts = splitCall(tree, call) ?? null));
  return parts ?? undefined;
}

function splitCall(tree: SyntaxTree, call: PyNode): CallParts | undefined {
  const callee = field(call, 'function');
  if (!callee) return undefined;
  const argumentList = field(call, 'arguments');
  const positional: PyNode[] = [];
  const keywords = new Map<string, PyNode>();
  const keywordNodes = new Map<string, PyNode>();
  let hasStarArgs = false;
  if (argumentList) {
    for (const arg of argumentList.children) {
      if (!arg.named || arg.type === 'comment') continue;
      if (arg.type === 'keyword_argument') {
        const name = field(arg, 'name');
        const value = field(arg, 'value');
        if (name && value) {
          keywords.set(textOf(tree, name), value);
          keywordNodes.set(textOf(tree, name), arg);
        }
      } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
        hasStarArgs = true;
      } else {
        positional.push(arg);
      }
    }
  }
  const parts: CallParts = { callee, positional, keywords, keywordNodes, argumentList, hasStarArgs };
  if (callee.type === 'attribute') {
    const object = field(callee, 'object');
    const attr = field(callee, 'attribute');
    if (object && attr) {
      parts.receiver = object;
      parts.method = textOf(tree, attr);
      parts.methodNode = attr;
    }
  }
  return parts;
}

/** The argument at `index` or passed by `name`. */
export function argument(parts: CallParts, index: number, name: string): PyNode | undefined {
  return parts.keywords.get(name) ?? parts.positional[index];
}

/** The value of a plain string literal (no f-string interpolation), else undefined. */
export function stringValue(tree: SyntaxTree, node: PyNode | undefined): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  if (node.children.some((child) => child.type === 'interpolation')) return undefined;
  const content = node.children.filter((child) => child.type === 'string_content');
  return content.map((child) => contentValue(tree, node, child)).join('');
}

/**
 * What a piece of a string literal's text stands for: its escape sequences decoded (`"DRY\nRUN"` is two
 * words to SQL), except in a raw string. The copy keeps no escape nodes (string_content is a leaf).
 */
export function contentValue(tree: SyntaxTree, string: PyNode, content: PyNode): string {
  const text = textOf(tree, content);
  if (!text.includes('\\')) return text;
  const start = string.children[0];
  const raw = start?.type === 'string_start' && /r/i.test(textOf(tree, start));
  return raw ? text : text.replace(ESCAPE_SEQUENCE, decodeEscape);
}

const ESCAPE_SEQUENCE = /\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{1,3}|\r\n|[^])/g;
const SINGLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '\n': '', '\r': '', '\r\n': '' };

function decodeEscape(sequence: string): string {
  const body = sequence.slice(1);
  const single = SINGLE_ESCAPES[body];
  if (single !== undefined) return single;
  if (/^[xuU]/.test(body)) return String.fromCodePoint(Math.min(parseInt(body.slice(1), 16), 0x10ffff));
  if (/^[0-7]/.test(body)) return String.fromCharCode(parseInt(body, 8));
  // a named character (`\N{...}`) is one character; an unknown escape keeps its backslash, as in Python
  return body.startsWith('N{') ? '?' : sequence;
}

/**
 * The string Spark receives for a literal reader option (`header=True` -> "true", `sep=";"` -> ";",
 * `samplingRatio=0.1` -> "0.1"); null when the value is not a literal.
 */
export function optionText(tree: SyntaxTree, node: PyNode | undefined): string | null {
  if (!node) return null;
  const target = unparenthesize(node);
  if (target.type === 'true' || target.type === 'false') return target.type;
  if (target.type === 'integer' || target.type === 'float') return textOf(tree, target);
  return stringValue(tree, target) ?? null;
}

/** The value of an integer literal, else undefined. */
export function intValue(tree: SyntaxTree, node: PyNode | undefined): number | undefined {
  if (!node) return undefined;
  const target = unparenthesize(node);
  if (target.type !== 'integer') return undefined;
  const value = Number(textOf(tree, target).replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

export function isTrueLiteral(tree: SyntaxTree, node: PyNode | undefined): boolean {
  if (!node) return false;
  if (node.type === 'true') return true;
  const text = stringValue(tree, node);
  return text !== undefined && text.toLowerCase() === 'true';
}

/** The innermost enclosing node whose type is in `types`, stopping at `stopAt` types. */
export function ancestor(node: PyNode, types: ReadonlySet<string>, stopAt?: ReadonlySet<string>): PyNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (types.has(current.type)) return current;
    if (stopAt?.has(current.type)) return undefined;
  }
  return undefined;
}
