import type { CallRecord } from '../../analysis/model';
import { isStreaming } from '../../analysis/valueFlow';
import type { PyNode } from '../../analysis/syntax';
import { ancestor, field, forEachNode, intValue, namedChildren } from '../../analysis/syntax';
import { replaceNode } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { FUNCTIONS, isSmallByConstruction, methodCall, methodRange } from '../ruleHelpers';

/** For `count() OP n`: true when the comparison means "is empty", false for "is not empty". */
const MEANS_EMPTY: Record<string, Record<number, boolean>> = {
  '==': { 0: true }, '!=': { 0: false }, '>': { 0: false }, '>=': { 1: false }, '<': { 1: true }, '<=': { 0: true },
};
const MIRRORED: Record<string, string> = { '==': '==', '!=': '!=', '>': '<', '<': '>', '>=': '<=', '<=': '>=' };
const TRUTHY_PARENTS = new Set(['if_statement', 'elif_clause', 'while_statement', 'boolean_operator', 'conditional_expression', 'assert_statement']);

export const countForEmptiness: Rule = {
  meta: {
    code: 'SPK104',
    name: 'count-for-emptiness',
    severity: 'warning',
    fix: 'safe',
    minSparkVersionForFix: '3.3',
    docs: {
      whatItDoes: 'Checks for emptiness tests written with `count()`: `df.count() == 0`, `df.count() > 0`, `if df.count():`, `not df.count()`. When a branch of the `if` counts the same rows again (`if df.count() > 0: print(df.count())`), it says to count once into a variable instead.',
      whyIsThisBad: '`count()` scans every partition to count every row. To know whether there is at least one row Spark only needs to find one: `df.isEmpty()` (Spark 3.3+) stops at the first row.',
      example: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\norders = spark.read.parquet("s3://bucket/orders")\nif orders.count() == 0:\n    raise SystemExit("no orders")',
      useInstead: 'from pyspark.sql import SparkSession\n\nspark = SparkSession.builder.getOrCreate()\norders = spark.read.parquet("s3://bucket/orders")\nif orders.isEmpty():\n    raise SystemExit("no orders")',
      fixSafety: 'The fix rewrites the test to `df.isEmpty()` or `not df.isEmpty()`; the truth value is the same, so it is safe. It needs Spark 3.3 (`DataFrame.isEmpty`); with `spark-version` below 3.3 (or a file read as Spark 2) the fix is not offered and the message advises the portable `len(df.head(1)) == 0`. No fix when a branch counts again: `isEmpty()` would keep that full count, and counting once takes a new statement.',
      notFlagged: '`count()` whose number is used (printed, stored, compared with other numbers than 0/1), a test in a statement that always counts the same rows again as a number (`check(df.count() > 0, f"{df.count()} rows")`: `isEmpty()` would leave that count; counting twice is the waste, which SPK105 reports; an assert\'s message, counted only when the assertion fails, does not count), `count()` on lists and other non-Spark objects, `count()` on grouped data (`groupBy().count()` is a transformation), and `count()` of DataFrames that are small by construction (literals, `limit(n)` or `spark.sql` text ending in `LIMIT n`; not `sample()`) or aggregates (`groupBy(...).agg(...)`: the shuffle runs in full before either call can answer).',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, 'count');
      if (!call || call.receiver?.kind !== 'DataFrame' || call.parts.positional.length || isStreaming(call.receiver)) return; // a stream: SPK109
      // a few rows (literals, a limit) or an aggregate: the scan isEmpty() saves is nothing, or the shuffle both run in full
      if (isSmallByConstruction(call.receiver)) return;
      const receiverText = context.text(call.parts.receiver!);
      const test = emptinessTest(node, context);
      if (!test || countedAgainInStatement(node, receiverText, context)) return;
      // `if df.count() > 0: print(df.count())`: isEmpty() would still leave the full count
      if (countedAgainInBranch(node, receiverText, context)) {
        context.report({
          range: methodRange(node, call),
          message: `\`count()\` tests for emptiness here and a branch of the \`if\` counts the same rows again: count once (\`n = ${receiverText}.count()\`) and test \`n\`, one job instead of two.`,
        });
        return;
      }
      // DataFrame.isEmpty() came with Spark 3.3: older ones take the first row
      const message = context.sparkAtLeast('3.3')
        ? `\`count()\` used to test for emptiness scans all rows; \`${receiverText}.isEmpty()\` stops at the first one.`
        : `\`count()\` used to test for emptiness scans all rows; \`len(${receiverText}.head(1)) == 0\` stops at the first one (\`isEmpty()\` needs Spark 3.3).`;
      context.report({
        range: methodRange(node, call),
        message,
        fix: {
          title: test.meansEmpty ? `Replace with ${receiverText}.isEmpty()` : `Replace with not ${receiverText}.isEmpty()`,
          safety: 'safe',
          edits: [replaceNode(test.replace, `${test.meansEmpty ? '' : 'not '}${receiverText}.isEmpty()`)],
        },
      });
    },
  },
};

/**
 * The statement counts the same rows again as a number (`check(df.count() > 0, f"{df.count()} rows")`):
 * `isEmpty()` would leave that full count, so the waste is counting twice (SPK105's), not the test.
 */
function countedAgainInStatement(call: PyNode, receiverText: string, context: RuleContext): boolean {
  // a simple statement, or the condition of an `if`/`while` (not the body it guards)
  let statement = call;
  while (statement.parent && statement.parent.type !== 'block' && statement.parent.type !== 'module' && statement.field !== 'condition') statement = statement.parent;
  let again = false;
  forEachNode(statement, (other) => {
    if (again || other === call || other.type !== 'call' || !alwaysEvaluated(other, statement)) return;
    again = countOf(other, receiverText, context) !== undefined;
  });
  return again;
}

/** `<receiverText>.count()` at `node`: its call record. */
function countOf(node: PyNode, receiverText: string, context: RuleContext): CallRecord | undefined {
  const record = context.model.callAt(node);
  return record?.parts.method === 'count' && !record.parts.positional.length && !!record.parts.receiver && context.text(record.parts.receiver) === receiverText ? record : undefined;
}

/** The call is the condition of an `if` (or of its `elif`) whose branches count the same rows again. */
function countedAgainInBranch(call: PyNode, receiverText: string, context: RuleContext): boolean {
  let condition = call;
  while (condition.parent && condition.field !== 'condition' && condition.parent.type !== 'block' && condition.parent.type !== 'module') condition = condition.parent;
  const branch = condition.field === 'condition' ? condition.parent : undefined;
  if (branch?.type !== 'if_statement' && branch?.type !== 'elif_clause') return false;
  const statement = branch.type === 'elif_clause' ? branch.parent! : branch;
  const counted = context.model.callAt(call)?.receiver;
  let again = false;
  forEachNode(statement, (other) => {
    if (again || other.type !== 'call' || other.startIndex < condition.endIndex) return;
    // a function defined there runs when called, not in the branch
    if (ancestor(other, FUNCTIONS) !== ancestor(call, FUNCTIONS)) return;
    // the same rows: the same value, not the name bound again in the branch (`df = fallback`)
    again = countOf(other, receiverText, context)?.receiver === counted;
  });
  return again;
}

/**
 * `node` runs whenever `statement` does: not in an assert's message (only when it fails), a conditional
 * expression's branches, the right operand of `and`/`or`, or a lambda.
 */
function alwaysEvaluated(node: PyNode, statement: PyNode): boolean {
  for (let at = node; at !== statement && at.parent; at = at.parent) {
    const parent = at.parent;
    if (parent.type === 'assert_statement' && at !== namedChildren(parent)[0]) return false;
    if (parent.type === 'conditional_expression' && at !== namedChildren(parent)[1]) return false;
    if (parent.type === 'boolean_operator' && at.field === 'right') return false;
    if (parent.type === 'lambda') return false;
  }
  return true;
}

function emptinessTest(call: PyNode, context: RuleContext): { replace: PyNode; meansEmpty: boolean } | undefined {
  let expression = call;
  while (expression.parent?.type === 'parenthesized_expression') expression = expression.parent;
  const parent = expression.parent;
  if (!parent) return undefined;
  if (parent.type === 'comparison_operator') {
    const operands = namedChildren(parent);
    const operators = parent.children.filter((child) => !child.named);
    if (operands.length !== 2 || operators.length !== 1) return undefined;
    let operator = context.text(operators[0]!);
    const countFirst = operands[0] === expression;
    const other = countFirst ? operands[1] : operands[0];
    if (!countFirst) operator = MIRRORED[operator] ?? operator;
    const value = intValue(context.tree, other);
    const meansEmpty = value === undefined ? undefined : MEANS_EMPTY[operator]?.[value];
    return meansEmpty === undefined ? undefined : { replace: parent, meansEmpty };
  }
  if (parent.type === 'not_operator') return { replace: parent, meansEmpty: true };
  if (TRUTHY_PARENTS.has(parent.type)) {
    // used as a condition: the condition position of if/while/elif, or an operand of and/or whose whole
    // expression is one (`total = df.count() or 1` is the count itself, and the fix would make it a bool)
    return isCondition(expression) ? { replace: expression, meansEmpty: false } : undefined;
  }
  return undefined;
}

/** An expression whose truth is what is used: a condition, negated, asserted, or an operand of such an and/or. */
function isCondition(node: PyNode): boolean {
  let expression = node;
  while (expression.parent?.type === 'parenthesized_expression') expression = expression.parent;
  const parent = expression.parent;
  if (!parent) return false;
  if (parent.type === 'if_statement' || parent.type === 'elif_clause' || parent.type === 'while_statement') return field(parent, 'condition') === expression;
  if (parent.type === 'conditional_expression') return namedChildren(parent)[1] === expression;
  if (parent.type === 'not_operator' || parent.type === 'assert_statement') return true;
  if (parent.type === 'boolean_operator') return isCondition(parent);
  return false;
}
