// Attributes of `self` that only `__init__` assigns: whichever method reads one later, it holds what
// `__init__` left there (no other method of the class changes it, on `self` or on an instance such as
// `job = cls(); job.df = ...`; a `del` only drops it), so the model can follow it across methods. Found
// from the syntax of the class body, once per class; code outside the class that sets it is not looked at.
import { type PyNode, field, namedChildren } from './syntax';

const TARGET_PARENTS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list', 'parenthesized_expression']);

/** `self.<name>` keys assigned only in `__init__` among the class body's methods. */
export function initOnlyAttributes(classBody: PyNode, text: (node: PyNode) => string): Set<string> {
  const inInit = new Set<string>();
  const elsewhere = new Set<string>();
  for (const statement of namedChildren(classBody)) {
    const method = statement.type === 'decorated_definition' ? field(statement, 'definition') : statement;
    if (method?.type !== 'function_definition') continue;
    const name = field(method, 'name');
    const keys = name && text(name) === '__init__' ? inInit : elsewhere;
    visit(method, (node) => {
      const target = node.type === 'attribute' ? targetKind(node) : undefined;
      // `del self.train_data` when done with it: what a later read finds is still `__init__`'s (or nothing)
      if (!target || (target === 'deleted' && keys === elsewhere)) return;
      const object = field(node, 'object');
      const attribute = field(node, 'attribute');
      if (!attribute) return;
      // `job = cls(); job.df = ...` in a factory method sets it on an instance too
      const onSelf = object?.type === 'identifier' && text(object) === 'self';
      (onSelf ? keys : elsewhere).add(`self.${text(attribute)}`);
    });
  }
  for (const key of elsewhere) inInit.delete(key);
  return inInit;
}

/** An assignment, augmented assignment, `for` or `with ... as` target, or a `del` target, alone or in a tuple of targets. */
function targetKind(node: PyNode): 'assigned' | 'deleted' | undefined {
  let target = node;
  while (target.parent && TARGET_PARENTS.has(target.parent.type)) target = target.parent;
  const parent = target.parent;
  if (!parent) return undefined;
  if (parent.type === 'delete_statement') return 'deleted';
  if (parent.type === 'as_pattern_target') return 'assigned';
  const assigns = target.field === 'left' && (parent.type === 'assignment' || parent.type === 'augmented_assignment' || parent.type === 'for_statement' || parent.type === 'for_in_clause');
  return assigns ? 'assigned' : undefined;
}

function visit(node: PyNode, each: (node: PyNode) => void): void {
  each(node);
  for (const child of node.children) visit(child, each);
}
