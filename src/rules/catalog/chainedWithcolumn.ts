import type { CallRecord } from '../../analysis/model';
import type { PyNode } from '../../analysis/syntax';
import { commentsWithin, field, namedChildren, stringValue } from '../../analysis/syntax';
import { endOf, rangeOf, startOf } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { callsGenerator, commentsToKeep, enclosingLoop } from '../ruleHelpers';
import type { Fix } from '../types';

const MIN_CHAIN = 3;

interface Step {
  call: PyNode;
  record: CallRecord;
}

export const chainedWithcolumn: Rule = {
  meta: {
    code: 'SPK302',
    name: 'chained-withcolumn',
    severity: 'hint',
    fix: 'safe',
    minSparkVersionForFix: '3.3',
    docs: {
      whatItDoes: `Checks for ${MIN_CHAIN} or more consecutive \`withColumn\` calls that do not read each other's new columns, chained (\`df.withColumn(...).withColumn(...)\`) or as consecutive \`df = df.withColumn(...)\` statements.`,
      whyIsThisBad: 'Every `withColumn` adds a projection to the plan, and each one is analysed separately. `withColumns({...})` (Spark 3.3+) adds them in one projection: smaller plans, faster analysis, and clearer code.',
      example: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\norders = spark.read.parquet("s3://bucket/orders")\norders = orders.withColumn("year", F.year("ts")).withColumn("month", F.month("ts")).withColumn("day", F.dayofmonth("ts"))',
      useInstead: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\norders = spark.read.parquet("s3://bucket/orders")\norders = orders.withColumns({"year": F.year("ts"), "month": F.month("ts"), "day": F.dayofmonth("ts")})',
      fixSafety: 'The fix is offered when every column name is a string literal, the names are distinct and no expression mentions a column added earlier in the run; then one `withColumns` computes the same columns, so it is safe. It is unsafe when a later expression holds a value the analysis cannot see into (`cond = is_flagged()` imported from another module, a parameter), which might read a column the run rewrites. It needs Spark 3.3.',
      notFlagged: 'Runs shorter than three, a second generator in a run (`explode`, `posexplode`, `inline`, `stack`, `json_tuple`: Spark allows one per projection, so it starts the next run), runs where a later expression reads a column an earlier step added (they are not independent: a field of it such as `col("s.f")`, the name in another case, an argument in SQL text such as `expr("add_months(now, k)")`), directly or through a column or window spec held in a name (`count("*").over(w)` with `w = Window.partitionBy("id")` after a step that rewrites `id`), and `withColumn` inside loops (SPK301).',
    },
  },
  visit: {
    call(node, context) {
      const record = context.model.callAt(node);
      if (!isWithColumnOnDataFrame(record) || enclosingLoop(node)) return;
      // only start from the last call of a chain
      if (node.parent?.type === 'attribute' && node.field === 'object' && node.parent.parent?.type === 'call' && isWithColumnOnDataFrame(context.model.callAt(node.parent.parent))) return;
      const chain: Step[] = [];
      for (let current: PyNode | undefined = node; current?.type === 'call';) {
        const step = context.model.callAt(current);
        if (!isWithColumnOnDataFrame(step)) break;
        chain.unshift({ call: current, record: step! });
        current = step!.parts.receiver;
      }
      for (const run of independentRuns(chain, context)) {
        if (run.length >= MIN_CHAIN) reportRun(run, context);
      }
    },
    block(node, context) {
      checkStatements(node, context);
    },
    module(node, context) {
      checkStatements(node, context);
    },
  },
};

function isWithColumnOnDataFrame(record: CallRecord | undefined): boolean {
  return !!record && record.parts.method === 'withColumn' && record.receiver?.kind === 'DataFrame' && record.parts.positional.length === 2 &&
    !record.parts.keywords.size && !record.parts.hasStarArgs && record.parts.positional[0]!.type === 'string';
}

/**
 * `chain` cut into runs whose names are distinct literals that later steps of the run do not read: a step
 * that reads or adds again a column of the run starts the next run (the run before it stays one).
 */
function independentRuns(chain: Step[], context: RuleContext): Step[][] {
  const runs: Step[][] = [];
  let run: Array<{ step: Step; name: string; mentioned: RegExp | undefined; generates: boolean }> = [];
  const close = () => {
    runs.push(run.map((item) => item.step));
    run = [];
  };
  for (const step of chain) {
    const name = stringValue(context.tree, step.record.parts.positional[0]);
    if (name === undefined) {
      close();
      continue;
    }
    const expression = readText(step.record.parts.positional[1]!, context);
    const dependsOnRun = run.some((earlier) => earlier.mentioned?.test(expression));
    const duplicate = run.some((earlier) => earlier.name === name);
    // Spark allows one generator per projection: two explodes in one withColumns fail analysis
    const generates = callsGenerator(step.record.parts.positional[1]!, context);
    const secondGenerator = generates && run.some((earlier) => earlier.generates);
    if (dependsOnRun || duplicate || secondGenerator) close();
    run.push({ step, name, mentioned: mentionPattern(name), generates });
  }
  close();
  return runs;
}

/**
 * The text of what an expression reads: itself, and the definitions of the window specs, columns, SQL
 * strings and helper functions it names (`count("*").over(w)` reads the columns
 * `w = Window.partitionBy("customer_id")` partitions by; `year(ts)` reads the column
 * `ts = col("pickup_datetime")` names; `net_price()` reads what its body reads).
 */
function readText(expression: PyNode, context: RuleContext): string {
  let text = context.text(expression);
  const visit = (node: PyNode): void => {
    if (node.type === 'identifier') {
      const value = context.model.valueOf(node);
      // a Column, SQL text (`F.expr(net_sql)`) or helper (`net_price()`) held in a name reads what its definition reads
      if ((value?.kind === 'Column' || value?.kind === 'PyScalar') && value.node) text += ` ${context.text(value.node)}`;
      if (value?.kind === 'Function' && value.fn) text += ` ${context.text(value.fn.node)}`;
      for (let spec = value; spec?.kind === 'WindowSpec' && spec.node; spec = spec.parents[0]) text += ` ${context.text(spec.node)}`;
    }
    for (const child of node.children) visit(child);
  };
  visit(expression);
  return text;
}

/**
 * A later step's expression holds a value the analysis cannot see into (`cond = is_flagged()` from another
 * module, a parameter): it may read a column an earlier step rewrites, which one withColumns would read
 * as it was. The fix is then unsafe.
 */
function readsOpaque(steps: readonly Step[], context: RuleContext): boolean {
  let found = false;
  const visit = (node: PyNode): void => {
    if (found || node.type === 'lambda') return; // `F.transform("arr", lambda v: v + 1)`: its parameters are columns
    if (node.type === 'identifier' || node.type === 'call') {
      const value = context.model.valueOf(node) ?? (node.type === 'call' ? context.model.callAt(node)?.result : undefined);
      if (value?.kind === 'Unknown' && !(node.type === 'identifier' && node.parent?.type === 'call' && node.field === 'function')) found = true;
    }
    for (const child of node.children) visit(child);
  };
  for (const step of steps.slice(1)) {
    const expression = step.record.parts.positional[1];
    if (expression) visit(expression);
  }
  return found;
}

/** One finding for a run of independent withColumn calls, with the fix that makes them one withColumns. */
function reportRun(run: Step[], context: RuleContext): void {
  const first = run[0]!;
  const last = run[run.length - 1]!.call;
  const names = run.map((step) => context.text(step.record.parts.positional[0]!));
  const pairs = run.map((step) => `${context.text(step.record.parts.positional[0]!)}: ${context.text(step.record.parts.positional[1]!)}`);
  // a comment inside what the edit replaces would be lost (not one earlier in the chain: a call starts where its receiver does)
  const fix: Fix | undefined = hasCommentBetween(context, first.record.parts.methodNode!, last)
    ? undefined
    : {
      title: 'Combine into one withColumns',
      safety: readsOpaque(run, context) ? 'unsafe' : 'safe',
      edits: [{ range: { start: startOf(first.record.parts.methodNode!), end: endOf(last) }, newText: `withColumns({${pairs.join(', ')}})` }],
    };
  context.report({
    range: { start: startOf(first.record.parts.methodNode!), end: endOf(first.call) },
    message: `${run.length} chained withColumn calls (${names.join(', ')}) can be one \`withColumns({...})\`.`,
    fix,
  });
}

// Column names repeat across a file's runs: each pattern is compiled once (bounded, for a long-lived server).
const mentionPatterns = new Map<string, RegExp>();

/**
 * Matches an expression that reads `column` (`"column"`, a field of it `"column.field"`, `df.column`,
 * `column > 1`, an argument in SQL text `expr("add_months(column, 1)")`), in any case: Spark resolves names case-insensitively by default, so `col("value")` reads a
 * column added as "Value". Undefined for an empty name.
 */
function mentionPattern(column: string): RegExp | undefined {
  if (!column) return undefined;
  let pattern = mentionPatterns.get(column);
  if (!pattern) {
    const escaped = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`["'\`]${escaped}["'\`.]|\\.${escaped}\\b|\\b${escaped}\\b\\s*[<>=!+\\-*/.,)]`, 'i');
    if (mentionPatterns.size >= 1000) mentionPatterns.clear();
    mentionPatterns.set(column, pattern);
  }
  return pattern;
}

function hasCommentBetween(context: RuleContext, first: PyNode, last: PyNode): boolean {
  return commentsWithin(context.tree, first.startIndex, last.endIndex).length > 0;
}

/** Consecutive statements `df = df.withColumn("a", e)` with the same name on both sides. */
function checkStatements(container: PyNode, context: RuleContext): void {
  if (enclosingLoop(container) || container.type === 'block' && container.parent && (container.parent.type === 'for_statement' || container.parent.type === 'while_statement')) return;
  let run: Array<{ statement: PyNode; step: Step; target: string }> = [];
  const flush = () => {
    if (run.length >= MIN_CHAIN) report(run, context);
    run = [];
  };
  for (const statement of container.children) {
    if (!statement.named) continue;
    if (statement.type === 'comment') continue;
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    const right = assignment?.type === 'assignment' ? field(assignment, 'right') : undefined;
    const left = assignment?.type === 'assignment' ? field(assignment, 'left') : undefined;
    const record = right?.type === 'call' ? context.model.callAt(right) : undefined;
    const receiver = record?.parts.receiver;
    if (!right || left?.type !== 'identifier' || !isWithColumnOnDataFrame(record) || receiver?.type !== 'identifier' || context.text(receiver) !== context.text(left)) {
      flush();
      continue;
    }
    const target = context.text(left);
    if (run.length && run[0]!.target !== target) flush();
    const candidate = [...run.map((item) => item.step), { call: right, record: record! }];
    // this statement reads or adds again a column of the run: the run ends before it
    if (independentRuns(candidate, context).length > 1) flush();
    run.push({ statement, step: { call: right, record: record! }, target });
  }
  flush();
}

function report(run: Array<{ statement: PyNode; step: Step; target: string }>, context: RuleContext): void {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const names = run.map((item) => context.text(item.step.record.parts.positional[0]!));
  const pairs = run.map((item) => `${context.text(item.step.record.parts.positional[0]!)}: ${context.text(item.step.record.parts.positional[1]!)}`);
  const comments = commentsToKeep(context, first.statement, last.statement);
  const fix: Fix | undefined = comments === undefined ? undefined : {
    title: 'Combine into one withColumns',
    safety: readsOpaque(run.map((item) => item.step), context) ? 'unsafe' : 'safe',
    edits: [{ range: { start: startOf(first.statement), end: endOf(last.statement) }, newText: `${first.target} = ${first.target}.withColumns({${pairs.join(', ')}})${comments}` }],
  };
  const methodNode = first.step.record.parts.methodNode!;
  context.report({
    range: { start: startOf(methodNode), end: rangeOf(first.step.call).end },
    message: `${run.length} consecutive withColumn statements (${names.join(', ')}) can be one \`withColumns({...})\`.`,
    fix,
  });
}
