import { rangeOf } from '../positions';
import type { Rule } from '../rule';
import { analyseUdf } from '../udfAnalysis';
import { vectorElementFix } from './vectorElementFix';

export const vectorElementUdf: Rule = {
  meta: {
    code: 'SPK203',
    name: 'vector-element-udf',
    severity: 'warning',
    fix: 'unsafe',
    minSparkVersionForFix: '3.0',
    docs: {
      whatItDoes: 'Checks for Python UDFs that take elements out of an ML Vector: `v[1]`, `float(v[1])`, `list(v)[1]`, `v.toArray()`, `v.array[1]`, `v.values[1]`, `v.values.tolist()` (for example the positive-class probability of a classifier). A parameter is a vector when it is named like one (`v`, `features`, `prob`) or when a call in the file passes it a vector column (`"probability"`, `"rawPrediction"`, LDA\'s `"topicDistribution"`, `col("features")`, `df.scaledFeatures`), whatever the parameter is called.',
      whyIsThisBad: 'Every row\'s vector is deserialized into Python just to read one number. `pyspark.ml.functions.vector_to_array` (Spark 3.0+) converts the column in the JVM, and `vector_to_array(col)[i]` reads the element without Python.',
      example: 'from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F\nfrom pyspark.sql.types import DoubleType\n\nspark = SparkSession.builder.getOrCreate()\nscored = spark.read.parquet("s3://bucket/scored")\npositive = F.udf(lambda v: float(v[1]), DoubleType())\nscored = scored.withColumn("p1", positive("probability"))',
      useInstead: 'from pyspark.sql import SparkSession\nfrom pyspark.ml.functions import vector_to_array\n\nspark = SparkSession.builder.getOrCreate()\nscored = spark.read.parquet("s3://bucket/scored")\nscored = scored.withColumn("p1", vector_to_array("probability")[1])',
      fixSafety: 'When the body is exactly `v[i]`, `float(v[i])`, `list(v)[i]`, `v.toArray()[i]`, `v.array[i]` (not `v.values[i]`: a SparseVector\'s values are its non-zero entries), `v.toArray().tolist()` or `list(v.toArray())`, the declared return type matches (`DoubleType()` for an element, `ArrayType(DoubleType())` for the whole vector) and every use of the UDF in the file is a one-argument call, the fix turns the UDF into a plain function (or lambda) returning `vector_to_array(v)[i]` and adds the import; the call sites stay as they are. It is unsafe: on a null vector the built-in gives null where the UDF raised an error, and code elsewhere that uses the UDF as a UDF object (`asNondeterministic()`, `spark.udf.register`, another module) would break.',
      notFlagged: 'Indexing of parameters whose name does not suggest a vector and that no call in the file passes a vector column (lists and strings also support `x[1]`, and a struct column\'s Row can have a field named `values`), a `v` beside a key parameter (`lambda k, v: v[0]` is a key and a value), a parameter named like a vector that the body tests as another type (`isinstance(v, list)` or `not isinstance(v, list)`: a Vector is neither; not a test naming a Vector class such as `isinstance(v, DenseVector)`; a call passing a vector column still makes it one), a column named like a number (`"probability_score"`), and `pandas_udf`. This rule takes precedence over SPK201/SPK202 for the same UDF.',
    },
  },
  finish(context) {
    for (const udf of context.model.udfs) {
      if (udf.udf?.flavor !== 'python') continue;
      const analysis = analyseUdf(context, udf);
      if (analysis?.kind !== 'vector-element') continue;
      const rewrite = analysis.vectorRewrite;
      const use = rewrite ? `\`vector_to_array(col)${rewrite.index === undefined ? '' : `[${rewrite.index}]`}\` from pyspark.ml.functions (Spark 3.0+) instead` : '`vector_to_array(col)` from pyspark.ml.functions (Spark 3.0+) and Spark functions on the array instead';
      context.report({
        range: rangeOf(udf.udf.anchor),
        message: `This UDF reads ML Vector elements in Python; use ${use}.`,
        fix: vectorElementFix(context, udf, analysis),
      });
    }
  },
};
