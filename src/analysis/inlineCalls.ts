// The inline evaluations of helper calls one build made (a call to a function defined in the file is
// evaluated with that call's arguments), kept so the next build of the same document can take them over.
//
// After an edit of one helper, the statements that call it are evaluated again, and with them every other
// helper they call: `main()` calling 150 loaders evaluated 150 bodies to re-check one. A call is taken
// over when it is the same call node (or, in a statement an edit copied anew, the node it was before:
// editedStatement.ts) in the same top-level statement, of the same function value, at the same inline
// depth and flow mode, with the same arguments; what its body read of the module is unchanged and the
// budget left covers what it spent (moduleState.ts checks both); and no value it made was changed in
// place after it returned. Its result and the actions and ML objects it recorded are then the ones it
// gave last time, and each entry is taken over at most once per build.
//
// "Same arguments": the same values, or, for values no rule tells apart by identity (a SparkSession, an
// unknown value, a scalar), values made at the same node the same way. A DataFrame argument must be the
// very same value, so the lineage the rules follow stays one graph.
import type { ActionRecord } from './model';
import type { InlineReads } from './moduleState';
import type { PyNode } from './syntax';
import type { Value, ValueKind } from './values';

export interface InlineCall {
  fn: Value;
  /** By parameter name; in an entry, the values of the call that made it, on current nodes (see adoptNodes). */
  args: ReadonlyMap<string, Value>;
  depth: number;
  recordsFlow: boolean;
}

export interface InlineEntry extends InlineCall {
  /** The top-level statement whose evaluation made the call: only its evaluation may take the entry over. */
  statement: PyNode;
  reads: InlineReads;
  result: Value;
  /** What the body appended to the model's lists (in order). */
  actions: ActionRecord[];
  mlObjects: Value[];
  /** The ids of the values the body made: [firstId, endId). */
  firstId: number;
  endId: number;
  /** The entries of the calls made inside the body, kept along when this one is taken over. */
  nested: Array<[PyNode, InlineEntry]>;
  /** A value the body made was changed in place after the call: the next build may not take it over. */
  changedAfter: boolean;
  /** Taken over already, itself or as part of the call around it. */
  taken: boolean;
}

/** Kinds whose values no rule compares by identity: for these, made at the same node the same way is the same. */
const INTERCHANGEABLE: ReadonlySet<ValueKind> = new Set(['SparkSession', 'SparkContext', 'SessionBuilder', 'Unknown', 'PyScalar', 'None', 'Symbol']);
const MAX_ARGUMENT_DEPTH = 8;

export class InlineCalls {
  private readonly byCall = new Map<PyNode, InlineEntry[]>();
  /** Every entry added to this set, for `changed`. */
  private readonly all: InlineEntry[] = [];

  /**
   * Arguments of this build found the same as an entry's (this build's value -> the entry's): every call of
   * main's 137 loaders passes the same session, compared once. Lives as long as the one build that takes
   * entries from this set.
   */
  private readonly sameAs = new Map<Value, Value>();

  /** The entries by the top-level statement they were made in, for statements taken over whole. */
  private readonly byStatement = new Map<PyNode, Array<[PyNode, InlineEntry]>>();

  add(call: PyNode, entry: InlineEntry): void {
    const list = this.byCall.get(call);
    if (list) list.push(entry);
    else this.byCall.set(call, [entry]);
    const ofStatement = this.byStatement.get(entry.statement);
    if (ofStatement) ofStatement.push([call, entry]);
    else this.byStatement.set(entry.statement, [[call, entry]]);
    this.all.push(entry);
  }

  /** A top-level statement was taken over without being evaluated: its entries stay for the next build. */
  keepStatement(previous: InlineCalls, statement: PyNode): void {
    for (const [call, entry] of previous.byStatement.get(statement) ?? []) this.add(call, entry);
  }

  /**
   * An entry of `call` made in `statement` that matches `wanted`, marked taken with the calls inside it: each
   * value the previous build made then belongs to one place of this build, as a fresh evaluation's would.
   */
  take(statement: PyNode, call: PyNode, wanted: InlineCall, stillValid: (entry: InlineEntry) => boolean, previousNode?: (node: PyNode) => PyNode | undefined): InlineEntry | undefined {
    const entry = this.byCall.get(call)?.find((candidate) => candidate.statement === statement && !candidate.changedAfter && available(candidate) && sameCall(candidate, wanted, this.sameAs, previousNode) && stillValid(candidate));
    if (entry) markTaken(entry);
    return entry;
  }

  /** Called when the build that filled this set is done: the next build may take over any of its entries. */
  settle(): void {
    for (const entry of this.all) entry.taken = false;
  }

  /** A value is about to be changed in place: the entries whose body made it cannot be taken over next time. */
  changed(value: Value): void {
    for (const entry of this.all) if (value.id >= entry.firstId && value.id < entry.endId) entry.changedAfter = true;
  }
}

function available(entry: InlineEntry): boolean {
  return !entry.taken && entry.nested.every(([, nested]) => available(nested));
}

function markTaken(entry: InlineEntry): void {
  entry.taken = true;
  for (const [, nested] of entry.nested) markTaken(nested);
}

/** The entry and the entries of the calls inside it, outermost first. */
export function withNested(call: PyNode, entry: InlineEntry): Array<[PyNode, InlineEntry]> {
  return [[call, entry], ...entry.nested.flatMap(([nestedCall, nested]) => withNested(nestedCall, nested))];
}

/** `previousNode`: in a statement copied anew after an edit, its node's counterpart in the version the entry was made in. */
function sameCall(entry: InlineCall, wanted: InlineCall, sameAs: Map<Value, Value>, previousNode?: (node: PyNode) => PyNode | undefined): boolean {
  if (entry.fn !== wanted.fn || entry.depth !== wanted.depth || entry.recordsFlow !== wanted.recordsFlow || entry.args.size !== wanted.args.size) return false;
  for (const [name, value] of wanted.args) {
    const before = entry.args.get(name);
    if (!before) return false;
    if (sameAs.get(value) === before) continue;
    if (!sameArgument(before, value, 0, sameAs, previousNode)) return false;
    adoptNodes(before, value, 0);
    sameAs.set(value, before);
  }
  return true;
}

/**
 * `sameAs` holds the pairs found the same before in this build, at any depth: main's loaders each get a
 * new `args.day`, whose parent `args` is the same value every time and is compared once.
 */
function sameArgument(a: Value, b: Value, depth: number, sameAs: Map<Value, Value>, previousNode?: (node: PyNode) => PyNode | undefined): boolean {
  if (a === b || sameAs.get(b) === a) return true;
  if (depth > MAX_ARGUMENT_DEPTH || a.kind !== b.kind || !INTERCHANGEABLE.has(a.kind)) return false;
  if (a.op !== b.op || a.name !== b.name || a.bound !== b.bound || a.cachedBy !== b.cachedBy || a.splitIndex !== b.splitIndex) return false;
  if (a.fn || b.fn || a.udf || b.udf || a.elements || b.elements || a.parents.length !== b.parents.length || !sameFacts(a.facts, b.facts)) return false;
  if (a.node !== b.node && !(previousNode && b.node && previousNode(b.node) === a.node)) return false;
  if (!a.parents.every((parent, index) => sameArgument(parent, b.parents[index]!, depth + 1, sameAs, previousNode))) return false;
  // (adoptNodes moves a's node to b's when the whole argument is found the same; a parent found the same
  // here already has b's node or is in the same place of that argument)
  if (depth > 0) sameAs.set(b, a);
  return true;
}

/**
 * An argument found the same as the entry's (sameArgument) but made in the statement's version before an
 * edit: the entry's value, which its result keeps as a parent, takes the current node. A fresh evaluation
 * would point there too, and the old node would otherwise keep that whole old statement alive, one more
 * copy of `main()` for each edit of it.
 */
function adoptNodes(before: Value, current: Value, depth: number): void {
  if (before === current || depth > MAX_ARGUMENT_DEPTH) return;
  if (before.node !== current.node) (before as { node?: PyNode }).node = current.node;
  before.parents.forEach((parent, index) => adoptNodes(parent, current.parents[index]!, depth + 1));
}

function sameFacts(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
