// A faster tree cursor for the one walk that copies a tree (syntax.ts). web-tree-sitter's TreeCursor keeps
// the cursor's four words in JavaScript and writes them into wasm memory (the "transfer buffer") before
// every call, reading them back after every move: for a 100k-node tree that marshalling costs more than
// the walk itself. The wasm functions behind it read the cursor from the transfer buffer and the moves
// write it back there, so once the buffer holds the cursor, a walk that makes no other tree-sitter call
// can call them directly. The Emscripten module is the options object given to `Parser.init`
// (src/analysis/parser.ts registers it); without it the copy uses the ordinary TreeCursor.
import type { Tree, TreeCursor } from 'web-tree-sitter';

/** The subset of a tree cursor the copy uses. */
export interface CopyCursor {
  readonly nodeTypeId: number;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly currentFieldId: number;
  readonly nodeIsMissing: boolean;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}

/** The exports of tree-sitter.wasm the copy calls (names as the Emscripten module has them). */
interface WasmModule {
  HEAP32: Int32Array;
  _ts_init(): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
}

const REQUIRED = [
  '_ts_init', '_ts_tree_cursor_current_node_type_id_wasm', '_ts_tree_cursor_start_index_wasm', '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_field_id_wasm', '_ts_tree_cursor_current_node_is_missing_wasm', '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm', '_ts_tree_cursor_goto_parent_wasm',
] as const;

let wasm: { module: WasmModule; transferBuffer: number } | undefined;
let disabled = false;

/**
 * Registers the object passed to `Parser.init` once the runtime is loaded: Emscripten fills it with the
 * module's exports. Ignored when it is not that module (the runtime had been loaded with other options).
 */
export function registerTreeSitterModule(moduleOptions: object): void {
  if (wasm) return;
  const candidate = moduleOptions as Partial<Record<string, unknown>>;
  if (!REQUIRED.every((name) => typeof candidate[name] === 'function') || !(candidate.HEAP32 instanceof Int32Array)) return;
  const module = moduleOptions as WasmModule;
  wasm = { module, transferBuffer: module._ts_init() };
}

/** For tests: copy through web-tree-sitter's own TreeCursor (false) or the direct calls when available (true). */
export function useRawCursor(enabled: boolean): void {
  disabled = !enabled;
}

export function rawCursorAvailable(): boolean {
  return !!wasm && !disabled;
}

/** A cursor at the root of `tree` for one uninterrupted walk. */
export function copyCursor(tree: Tree): CopyCursor {
  const cursor = tree.walk();
  if (!wasm || disabled) return cursor;
  return new RawCursor(cursor, tree, wasm.module, wasm.transferBuffer);
}

type Words = { 0: number; 1: number; 2: number; 3: number };

class RawCursor implements CopyCursor {
  private readonly treeAddress: number;

  constructor(private readonly cursor: TreeCursor, tree: Tree, private readonly module: WasmModule, private readonly transferBuffer: number) {
    this.treeAddress = (tree as unknown as { 0: number })[0];
    // put the cursor into the transfer buffer once; every move below keeps it there
    const words = cursor as unknown as Words;
    const heap = module.HEAP32;
    const at = transferBuffer >> 2;
    heap[at] = words[0];
    heap[at + 1] = words[1];
    heap[at + 2] = words[2];
    heap[at + 3] = words[3];
  }

  get nodeTypeId(): number {
    return this.module._ts_tree_cursor_current_node_type_id_wasm(this.treeAddress);
  }
  get startIndex(): number {
    return this.module._ts_tree_cursor_start_index_wasm(this.treeAddress);
  }
  get endIndex(): number {
    return this.module._ts_tree_cursor_end_index_wasm(this.treeAddress);
  }
  get currentFieldId(): number {
    return this.module._ts_tree_cursor_current_field_id_wasm(this.treeAddress);
  }
  get nodeIsMissing(): boolean {
    return this.module._ts_tree_cursor_current_node_is_missing_wasm(this.treeAddress) === 1;
  }
  gotoFirstChild(): boolean {
    return this.module._ts_tree_cursor_goto_first_child_wasm(this.treeAddress) === 1;
  }
  gotoNextSibling(): boolean {
    return this.module._ts_tree_cursor_goto_next_sibling_wasm(this.treeAddress) === 1;
  }
  gotoParent(): boolean {
    return this.module._ts_tree_cursor_goto_parent_wasm(this.treeAddress) === 1;
  }

  /** Reads the cursor back from the transfer buffer and frees it. */
  delete(): void {
    const words = this.cursor as unknown as Words;
    const heap = this.module.HEAP32; // the view changes when wasm memory grows
    const at = this.transferBuffer >> 2;
    words[0] = heap[at]!;
    words[1] = heap[at + 1]!;
    words[2] = heap[at + 2]!;
    words[3] = heap[at + 3]!;
    this.cursor.delete();
  }
}
