import { analyseUdfBody } from '../../analysis/udfBody';
import { rangeOf } from '../positions';
import type { Rule } from '../rule';

export const pythonRowUdf: Rule = {
  meta: {
    code: 'SPK202',
    name: 'python-row-udf',
    severity: 'info',
    fix: 'none',
    docs: {
      whatItDoes: 'Checks for row-at-a-time Python UDFs (`@udf`, `udf(f)`, `spark.udf.register`) doing custom work that no built-in covers.',
      whyIsThisBad: 'A row-at-a-time UDF pays Python call and pickling overhead for every row. A `pandas_udf` receives whole Arrow batches as pandas Series and usually runs several times faster for the same logic.',
      example: 'import re\nfrom pyspark.sql import SparkSession\nfrom pyspark.sql.functions import udf\n\nspark = SparkSession.builder.getOrCreate()\n\n@udf("string")\ndef domain(url):\n    match = re.match(r"https?://([^/]+)", url or "")\n    return match.group(1) if match else None',
      useInstead: 'import pandas as pd\nfrom pyspark.sql import SparkSession\nfrom pyspark.sql.functions import pandas_udf\n\nspark = SparkSession.builder.getOrCreate()\n\n@pandas_udf("string")\ndef domain(urls: pd.Series) -> pd.Series:\n    return urls.str.extract(r"https?://([^/]+)", expand=False)',
      fixSafety: 'No automatic fix: a vectorized version has to be written against pandas Series.',
      notFlagged: '`pandas_udf` and `mapInPandas`/`applyInPandas`, UDFs that built-ins can replace (reported by SPK201 instead), and UDFs that index ML vectors (SPK203).',
    },
  },
  finish(context) {
    for (const udf of context.model.udfs) {
      if (udf.udf?.flavor !== 'python') continue;
      const implementation = udf.udf.implementation;
      if (implementation && analyseUdfBody(context.tree, implementation).kind !== 'custom') continue;
      context.report({
        range: rangeOf(udf.udf.anchor),
        message: 'Row-at-a-time Python UDF: every row is pickled to a Python worker; a pandas_udf processes Arrow batches and is usually much faster.',
      });
    }
  },
};
