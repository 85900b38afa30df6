import type { SemanticModel } from '../../analysis/model';
import type { PyNode } from '../../analysis/syntax';
import { forEachNode, stringValue } from '../../analysis/syntax';
import { rangeOf } from '../positions';
import type { Rule, RuleContext } from '../rule';
import { methodCall } from '../ruleHelpers';

const FILTERS = new Set(['filter', 'where']);

export const udfInFilter: Rule = {
  meta: {
    code: 'SPK204',
    name: 'udf-in-filter',
    severity: 'warning',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for a UDF call inside the condition of `filter(...)` or `where(...)` on a DataFrame.',
      whyIsThisBad: 'Spark cannot push a UDF predicate down to the data source (Parquet row-group skipping, partition pruning, JDBC WHERE clauses), so it reads everything and then calls Python for every row just to drop most of them.',
      example: 'from pyspark.sql import SparkSession\nfrom pyspark.sql.functions import udf, col\n\nspark = SparkSession.builder.getOrCreate()\nlogs = spark.read.parquet("s3://bucket/logs")\nis_error = udf(lambda level: level in ("ERROR", "FATAL"), "boolean")\nerrors = logs.filter(is_error(col("level")))',
      useInstead: 'from pyspark.sql import SparkSession\nfrom pyspark.sql.functions import col\n\nspark = SparkSession.builder.getOrCreate()\nlogs = spark.read.parquet("s3://bucket/logs")\nerrors = logs.filter(col("level").isin("ERROR", "FATAL"))',
      fixSafety: 'No automatic fix: the predicate has to be written with column expressions.',
      notFlagged: 'UDFs used in `select`/`withColumn`, and filters whose conditions only use built-in functions. A UDF registered for SQL (`spark.udf.register("is_valid", f)`) is found by its name in the condition\'s text (`filter("is_valid(email)")`, `F.expr(...)` in the condition); not in `spark.sql` queries.',
    },
  },
  visit: {
    call(node, context) {
      const call = methodCall(node, context, FILTERS);
      if (!call || call.receiver?.kind !== 'DataFrame' || !call.parts.argumentList) return;
      const udfCalls: PyNode[] = [];
      forEachNode(call.parts.argumentList, (inner) => {
        if (inner.type === 'call' && context.model.callAt(inner)?.callee.kind === 'UDF') udfCalls.push(inner);
      });
      for (const udfCall of udfCalls) {
        context.report({
          node: udfCall,
          range: rangeOf(udfCall),
          message: `A UDF in \`${call.parts.method}()\` blocks predicate pushdown and runs Python for every row; express the condition with built-in column functions.`,
        });
      }
      // `filter("is_valid(email)")`, `where(F.expr("is_valid(email)") & ...)`: a UDF registered for SQL, called in SQL text
      const texts: PyNode[] = [];
      forEachNode(call.parts.argumentList, (inner) => {
        if (inner.type === 'string' && (inner.parent === call.parts.argumentList || isExprArgument(inner, context))) texts.push(inner);
      });
      const registered = texts.length ? registeredUdfNames(context) : undefined;
      if (!registered?.size) return;
      for (const inner of texts) {
        // the SQL's own quoted text is no call (`"note = 'is_valid(x)'"`)
        const text = context.text(inner).replace(/^[rbuf]*(['"])/i, ' ').replace(/'[^']*'/g, "''");
        const name = [...registered].find((candidate) => new RegExp(`(?<![\\w.])${candidate}\\s*\\(`, 'i').test(text));
        if (!name) continue;
        context.report({
          node: inner,
          range: rangeOf(inner),
          message: `The condition of \`${call.parts.method}()\` calls the UDF \`${name}\` registered for SQL: it blocks predicate pushdown and runs Python for every row; express the condition with built-in functions.`,
        });
      }
    },
  },
};

/** `F.expr("...")`'s text. */
function isExprArgument(text: PyNode, context: RuleContext): boolean {
  const call = text.parent?.type === 'argument_list' ? text.parent.parent : undefined;
  const callee = call?.type === 'call' ? context.model.callAt(call)?.callee.name : undefined;
  return !!callee && /^pyspark\.sql\.functions\.expr$/.test(callee);
}

const registeredNames = new WeakMap<SemanticModel, ReadonlySet<string>>();

/** The names the file registers UDFs under (`spark.udf.register("is_valid", f)`), read once per lint. */
function registeredUdfNames(context: RuleContext): ReadonlySet<string> {
  let names = registeredNames.get(context.model);
  if (!names) {
    const found = new Set<string>();
    // every call of the file is looked at only when the text registers something
    const registers = /\bregister\s*\(/.test(context.text(context.tree.root));
    for (const node of registers ? context.tree.nodes : []) {
      if (node.type !== 'call') continue;
      const record = context.model.callAt(node);
      if (record?.result.kind !== 'UDF' || record.result.op !== 'register') continue;
      const name = stringValue(context.tree, record.parts.positional[0] ?? record.parts.keywords.get('name'));
      if (name && /^\w+$/.test(name)) found.add(name);
    }
    registeredNames.set(context.model, (names = found));
  }
  return names;
}
