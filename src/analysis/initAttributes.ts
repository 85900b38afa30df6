// Attributes of `self` that only `__init__` assigns: whichever method reads one later, it holds what
// `__init__` left there (no other method of the class changes it, on `self` or on an instance such as
// `job = cls(); job.df = ...`), so the model can follow it across methods. Found from the syntax of the
// class body, once per class; code outside the class that sets the attribute is not looked at.
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
      if (node.type !== 'attribute' || !isTarget(node)) return;
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

/** An assignment, augmented assignment, `for` or `del` target, alone or in a tuple of targets. */
function isTarget(node: PyNode): boolean {
  let target = node;
  while (target.parent && TARGET_PARENTS.has(target.parent.type)) target = target.parent;
  const parent = target.parent;
  if (!parent) return false;
  if (parent.type === 'delete_statement') return true;
  if (parent.type === 'as_pattern_target') return true;
  return target.field === 'left' && (parent.type === 'assignment' || parent.type === 'augmented_assignment' || parent.type === 'for_statement' || parent.type === 'for_in_clause');
}

function visit(node: PyNode, each: (node: PyNode) => void): void {
  each(node);
  for (const child of node.children) visit(child, each);
}
