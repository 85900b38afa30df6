// The nodes of an edited top-level statement that the edit did not touch, matched to the nodes of the
// statement's previous version. An edit inside `def main()` copies all of main anew (new node objects);
// with this, the helper calls in the lines around the edit are still recognised as the calls of the last
// build, and their inline evaluations are taken over (inlineCalls.ts).
//
// A node lies outside the edit when it ends before the first changed character of the statement's text
// or starts after the last one; such a node is matched to the old node of the same type at the same
// distance from the statement's start (before the edit) or end (after it).
import { type PyNode, previousVersionOf } from './syntax';

export interface EditedStatement {
  /** The statement's version before the edit (its nodes keep that text's positions). */
  previousStatement: PyNode;
  /** The node of the previous version that `node` of the edited statement is, when the edit did not touch it. */
  previous(node: PyNode): PyNode | undefined;
}

/** For a statement copied anew after an edit in it (see previousVersionOf), its correspondence; else undefined. */
export function editedStatement(statement: PyNode, text: string): EditedStatement | undefined {
  const version = previousVersionOf(statement);
  if (!version) return undefined;
  const old = version.node;
  const oldText = version.text.slice(old.startIndex, old.endIndex);
  const newText = text.slice(statement.startIndex, statement.endIndex);
  const shorter = Math.min(oldText.length, newText.length);
  let prefix = 0;
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  const oldNodes = new Map<string, PyNode>();
  const stack = [old];
  while (stack.length) {
    const node = stack.pop()!;
    const key = keyOf(node, old, oldText.length, prefix, suffix);
    if (key && !oldNodes.has(key)) oldNodes.set(key, node);
    for (const child of node.children) stack.push(child);
  }
  const answers = new Map<PyNode, PyNode | undefined>();
  return {
    previousStatement: old,
    previous: (node) => {
      if (answers.has(node)) return answers.get(node);
      const key = keyOf(node, statement, newText.length, prefix, suffix);
      const answer = key === undefined ? undefined : oldNodes.get(key);
      answers.set(node, answer);
      return answer;
    },
  };
}

/** Where a node outside the edit sits: its type and its offsets from the start (before the edit) or end (after it). */
function keyOf(node: PyNode, statement: PyNode, length: number, prefix: number, suffix: number): string | undefined {
  const start = node.startIndex - statement.startIndex;
  const end = node.endIndex - statement.startIndex;
  if (end <= prefix) return `<${node.type}:${start}:${end}`;
  if (start >= length - suffix) return `>${node.type}:${length - start}:${length - end}`;
  return undefined;
}
