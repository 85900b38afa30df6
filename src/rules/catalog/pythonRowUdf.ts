import { type PyNode, field, identifiersNamedWithin, namedChildren } from '../../analysis/syntax';
import type { Value } from '../../analysis/values';
import { rangeOf } from '../positions';
import { analyseUdf, declaredReturnType, udfImplementation } from '../udfAnalysis';
import type { Rule, RuleContext } from '../rule';

export const pythonRowUdf: Rule = {
  meta: {
    code: 'SPK202',
    name: 'python-row-udf',
    severity: 'info',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for row-at-a-time Python UDFs (`@udf`, `udf(f)`, Spark 2\'s `UserDefinedFunction(f, type)`, `spark.udf.register`) doing custom work that no built-in covers (numeric formulas, parsing, calls into other libraries or modules).',
      whyIsThisBad: 'A row-at-a-time UDF pays Python call and pickling overhead for every row. A `pandas_udf` receives whole Arrow batches as pandas Series and usually runs several times faster for the same logic.',
      example: 'import numpy as np\nfrom pyspark.sql import SparkSession\nfrom pyspark.sql.functions import udf\n\nspark = SparkSession.builder.getOrCreate()\n\n@udf("double")\ndef risk(amount, limit):\n    return float(np.tanh(amount / limit) * np.log1p(limit))',
      useInstead: 'import numpy as np\nimport pandas as pd\nfrom pyspark.sql import SparkSession\nfrom pyspark.sql.functions import pandas_udf\n\nspark = SparkSession.builder.getOrCreate()\n\n@pandas_udf("double")\ndef risk(amount: pd.Series, limit: pd.Series) -> pd.Series:\n    return np.tanh(amount / limit) * np.log1p(limit)',
      fixSafety: 'No automatic fix: a vectorized version has to be written against pandas Series.',
      notFlagged: 'UDFs doing real custom work per value with hashing or regular-expression libraries (`hashlib`, `re`, `uuid.uuid5`, ...), also through a function of the file they call or a pattern compiled into a module name (`PATTERN = re.compile(...)`), where a vectorized rewrite gains little; `pandas_udf` and `mapInPandas`/`applyInPandas`, UDFs that built-ins can replace (reported by SPK201 instead), UDFs that index ML vectors (SPK203), functions that build Column expressions (they call pyspark.sql.functions, `F.sin(lat)`: registered as a UDF by mistake, they would fail on the first row), UDFs that return an ML Vector (`VectorUDT()`: a `pandas_udf` cannot return one; `array_to_vector` (Spark 3.1+) makes a vector from an array column and `MLUtils.convertVectorColumnsToML` converts pyspark.mllib vectors), and UDFs wrapping a function passed in as a parameter (`def as_udf(func): return udf(func, DoubleType())`: library code that cannot know whether the function would work on whole batches).',
    },
  },
  finish(context) {
    for (const udf of context.model.udfs) {
      if (udf.udf?.flavor !== 'python') continue;
      const implementation = udfImplementation(context, udf);
      // implementations outside this file are unknown work: still row-at-a-time
      if (implementation && analyseUdf(context, udf)?.kind !== 'custom') continue;
      if (!implementation && wrapsParameter(context, udf.udf.creationCall)) continue;
      // `register("tag", tag)` of a name whose plain `def` the file does not show: a UDF object, a parameter, ...
      if (!implementation && udf.op === 'register') continue;
      // a pandas_udf cannot return an ML Vector (Arrow has no VectorUDT): the advice would not apply
      const returnType = declaredReturnType(context, udf.udf);
      if (returnType && /\bVectorUDT\b/.test(context.text(returnType))) continue;
      context.report({
        range: rangeOf(udf.udf.anchor),
        message: takesNoColumns(context, udf)
          ? 'Row-at-a-time Python UDF without arguments: Spark calls it once per row in a Python worker, and a pandas_udf cannot replace it (pandas UDFs take at least one column). For random or unique values use the built-ins `rand()`, `randn()`, `monotonically_increasing_id()` or SQL\'s `uuid()`; to generate other values in batches, use `mapInPandas`.'
          : 'Row-at-a-time Python UDF: every row is pickled to a Python worker; a pandas_udf processes Arrow batches and is usually much faster.',
      });
    }
  },
};

const PARAMETERS: ReadonlySet<string> = new Set(['parameters', 'typed_parameter', 'default_parameter', 'typed_default_parameter']);

/** `udf(func, ...)` / `UserDefinedFunction(wrapped.func, ...)` where `func` / `wrapped` is a parameter of the enclosing function. */
function wrapsParameter(context: RuleContext, creationCall: PyNode | undefined): boolean {
  const parts = creationCall && context.model.callAt(creationCall)?.parts;
  let argument = parts ? (parts.positional[0] ?? parts.keywords.get('f')) : undefined;
  while (argument?.type === 'attribute') argument = field(argument, 'object');
  if (argument?.type !== 'identifier') return false;
  const name = context.text(argument);
  for (let scope = argument.parent; scope; scope = scope.parent) {
    if (scope.type !== 'function_definition' && scope.type !== 'lambda') continue;
    const parameters = field(scope, 'parameters');
    if (parameters && identifiersNamedWithin(context.tree, name, parameters.startIndex, parameters.endIndex).some((node) => PARAMETERS.has(node.parent?.type ?? ''))) return true;
  }
  return false;
}

/** A UDF whose function has no parameters, or (defined elsewhere) that every call in the file passes nothing. */
function takesNoColumns(context: RuleContext, udf: Value): boolean {
  const implementation = udfImplementation(context, udf);
  if (implementation) {
    const parameters = field(implementation, 'parameters');
    return !parameters || namedChildren(parameters).length === 0;
  }
  const calls = context.model.udfCalls.filter((call) => call.udf === udf);
  return calls.length > 0 && calls.every(({ call }) => {
    const parts = context.model.callAt(call)?.parts;
    return !!parts && !parts.positional.length && !parts.keywords.size && !parts.hasStarArgs;
  });
}
