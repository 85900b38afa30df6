import type { Value } from '../../analysis/values';
import type { PyNode } from '../../analysis/syntax';
import { field, namedChildren } from '../../analysis/syntax';
import { rangeOf, replaceNode } from '../positions';
import { analyseUdf, udfImplementation } from '../udfAnalysis';
import type { Rule, RuleContext } from '../rule';
import { commentsToKeep, functionsReference, onlyCalledWithOneArgument } from '../ruleHelpers';
import type { Fix } from '../types';

export const udfHasBuiltin: Rule = {
  meta: {
    code: 'SPK201',
    name: 'udf-has-builtin',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      whatItDoes: 'Checks for row-at-a-time Python UDFs (`@udf`, `udf(lambda ...)`, Spark 2\'s `UserDefinedFunction(f, type)`, `spark.udf.register`) whose body only does what Spark built-in functions do: string methods (`lower`, `upper`, `strip`, `split`, `replace`; the text before the first or after the last separator, `path.rsplit("/", 1)[-1]` or `name.split(".")[0]`, is `substring_index`, which reads the separator as written), `len`, arithmetic and comparisons, `if`/`else` ladders, `math.*`, datetime fields (`.hour`, `.weekday()`, `.date()`), formatting and parsing with a format written in the call or held in a module constant (`strftime`, `datetime.strptime(s, "%m/%d/%Y")`: the message gives the format as a Spark datetime pattern, `M/d/yyyy`, and names `to_date` when the UDF returns a `DateType`), `timedelta(milliseconds=ms).days` (arithmetic), reductions of one array (`max(values)`, `np.max`, `np.min`, `np.sum`, `np.mean`: `array_max`, `array_min`, `aggregate`; `max(a, b)` is `greatest`), a list comprehension over an array whose element and condition are such expressions (`[t.lower() for t in tokens if len(t) >= 3]`: `transform` and `filter`, Spark 3.1+), and a constant (a UDF without arguments returning a literal or a captured value, which is `lit`). A lambda that only hands its parameters to a function of the file (`udf(lambda m: month_to_quarter(m))`) is read as that function, also one defined further down; so is the function `spark.udf.register("name", f)` registers when `f` is defined further down. A module constant the body reads (`PREFIX = "db_"` then `lambda t: PREFIX + t`) is `lit(PREFIX)`; a string added with `+` is `concat`. Where Spark\'s look-alike does something else, the message names the right built-ins: `strip("$")` is `btrim` (`trim` strips spaces only, and the message notes that `strip()` also removes tabs and line breaks), `capitalize()` is `upper` of the first letter and `lower` of the rest (`initcap` capitalizes every word), and it warns when a `split` or `replace` argument means something else as the regular expression Spark reads (`"."`). `len` maps to `length` on strings and `size` on arrays; an index of a UDF only ever given structs (`row[0]` of `ratio(F.struct("buyers", "non_buyers"))`) reads a field, `Column.getField`.',
      whyIsThisBad: 'A Python UDF serializes every row to a Python worker and back and is a black box to the optimizer (no predicate pushdown, no code generation). The same logic written with `pyspark.sql.functions` runs inside the JVM, typically an order of magnitude faster.',
      example: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\nfrom pyspark.sql.types import StringType\n\nspark = SparkSession.builder.getOrCreate()\nusers = spark.read.parquet("s3://bucket/users")\nnormalize = F.udf(lambda s: s.lower(), StringType())\nusers = users.withColumn("email", normalize(F.col("email")))',
      useInstead: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\n\nspark = SparkSession.builder.getOrCreate()\nusers = spark.read.parquet("s3://bucket/users")\nnormalize = F.lower\nusers = users.withColumn("email", normalize(F.col("email")))',
      fixSafety: 'A fix is offered only when the body is exactly `s.lower()` or `s.upper()` of its single argument and the UDF is only ever called on one column (`udf(...)(col)`, or a name whose every use in the file is a one-argument call; not one registered with `spark.udf.register` or made `asNondeterministic()`, which a plain function cannot be): the UDF is replaced by `F.lower`/`F.upper`. It is unsafe because nulls behave differently: the UDF raises on `None`, the built-in returns null. Other bodies name the built-ins to use in the message.',
      notFlagged: 'UDFs doing real custom work (regular-expression or hashing libraries, parsing other than `strptime`, formats with directives Spark has no pattern letter for or reads otherwise (`%U`, `%c`, `%z`, and `%y`, `%a` when parsing: Python reads `85` as 1985, Spark as 2085), formats held in parameters or lookups, lookups in Python objects, loops, try/except), bodies reading names that are not module constants or numbers computed from numbers (`ratio = positives.count() / df.count()`, a `lit()`) (a dict, an import, a parameter of an enclosing function: their type is unknown), UDFs that index ML vectors (SPK203), and `pandas_udf`.',
    },
  },
  finish(context) {
    for (const udf of context.model.udfs) {
      if (udf.udf?.flavor !== 'python' || !udfImplementation(context, udf)) continue;
      const analysis = analyseUdf(context, udf);
      if (analysis?.kind !== 'builtin') continue;
      // a parsed datetime returned as a DateType is a date: to_date, not to_timestamp
      const returnsDate = DATE_TYPE.test(returnTypeText(context, udf) ?? '');
      const asDate = (name: string) => (returnsDate ? name.replace('to_timestamp', 'to_date') : name);
      // `row[0]` of a UDF only ever given `F.struct("buyers", "non_buyers")` reads a field of the struct
      // (a slice of a field, `row[0][:3]`, is still a substring of it)
      const onStructs = analysis.builtins.includes('substring or element_at') && calledOnStructs(context, udf);
      const ofStruct = (name: string) => (name === 'substring or element_at' && onStructs ? ['Column.getField', ...(analysis.slices ? ['substring'] : [])] : [name]);
      const builtins = [...new Set(analysis.builtins.map(asDate).flatMap(ofStruct))].sort();
      const notes = analysis.notes?.map(asDate);
      context.report({
        range: rangeOf(udf.udf.anchor),
        message: `This Python UDF only does what built-in functions do (${builtinsText(builtins)}); built-ins run in the JVM without serializing rows to Python.${notes ? ` Note: ${notes.join('; ')}.` : ''}`,
        fix: analysis.exactBuiltin ? exactFix(context, udf, analysis.exactBuiltin) : undefined,
      });
    }
  },
};

function exactFix(context: RuleContext, udf: Value, builtin: string): Fix | undefined {
  const reference = functionsReference(context, builtin);
  if (!reference || !udf.udf) return undefined;
  const title = `Replace the UDF with ${reference}`;
  if (!STRING_TYPE.test(returnTypeText(context, udf) ?? '"string"')) return undefined; // lower/upper return strings
  // only where the UDF is only ever called on one column: a plain function cannot be registered for SQL
  // (`spark.udf.register("n", normalize)`) nor made nondeterministic (`.asNondeterministic()`)
  const creation = udf.udf.creationCall;
  if (creation) return calledOnOneColumn(context, creation) ? { title, safety: 'unsafe', edits: [replaceNode(creation, reference)] } : undefined;
  const implementation = udf.udf.implementation;
  const decorated: PyNode | undefined = implementation?.parent?.type === 'decorated_definition' ? implementation.parent : undefined;
  const name = implementation && field(implementation, 'name');
  if (!decorated || !name || decorated.children.filter((c) => c.type === 'decorator').length !== 1 || !onlyCalledWithOneArgument(context, context.text(name))) return undefined;
  const comments = commentsToKeep(context, decorated, decorated);
  if (comments === undefined) return undefined;
  return { title, safety: 'unsafe', edits: [replaceNode(decorated, `${context.text(name)} = ${reference}${comments}`)] };
}

/** `lower, upper in pyspark.sql.functions`, with the Column methods (`Column.cast`) named apart. */
function builtinsText(builtins: readonly string[]): string {
  const functions = builtins.filter((name) => !name.startsWith('Column.'));
  const methods = builtins.filter((name) => name.startsWith('Column.'));
  if (!functions.length && !methods.length) return 'plain expressions';
  return [...(functions.length ? [`${functions.join(', ')} in pyspark.sql.functions`] : []), ...methods].join('; ');
}

/** Every call of the UDF in the file passes structs only (`ratio(F.struct("a", "b"))`). */
function calledOnStructs(context: RuleContext, udf: Value): boolean {
  const calls = context.model.udfCalls.filter((call) => call.udf.udf?.anchor === udf.udf?.anchor);
  return calls.length > 0 && calls.every(({ call }) => {
    const args = context.model.callAt(call)?.parts.positional ?? [];
    return args.length > 0 && args.every((arg) => context.model.valueOf(arg)?.op === 'struct');
  });
}

/** `udf(...)(col)`, or `name = udf(...)` with every use of `name` a one-argument call. */
function calledOnOneColumn(context: RuleContext, creation: PyNode): boolean {
  const parent = creation.parent;
  if (parent?.type === 'call' && creation.field === 'function') {
    const args = namedChildren(field(parent, 'arguments') ?? parent);
    return args.length === 1 && args[0]!.type !== 'keyword_argument' && args[0]!.type !== 'list_splat';
  }
  const target = parent?.type === 'assignment' && creation.field === 'right' ? field(parent, 'left') : undefined;
  return target?.type === 'identifier' && onlyCalledWithOneArgument(context, context.text(target));
}

const STRING_TYPE = /^(["']string["']|(\w+\.)?StringType\(\))$/;
const DATE_TYPE = /^(["']date["']|(\w+\.)?DateType\(\))$/;

/**
 * The return type a UDF declares: `udf(f, DateType())`, `@udf("string")`, `spark.udf.register("f", f,
 * DateType())`, `returnType=...`; undefined when none.
 */
function returnTypeText(context: RuleContext, udf: Value): string | undefined {
  const creation = udf.udf?.creationCall ?? (udf.op === 'register' ? udf.udf?.anchor : undefined);
  const decoratorCall = creation ? undefined : udf.udf && namedChildren(udf.udf.anchor)[0];
  const call = creation ?? (decoratorCall?.type === 'call' ? decoratorCall : undefined);
  const parts = call && context.model.callAt(call)?.parts;
  const returnType = parts?.positional[udf.op === 'register' ? 2 : creation ? 1 : 0] ?? parts?.keywords.get('returnType');
  return returnType && context.text(returnType);
}
