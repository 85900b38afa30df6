# Code written for Spark 2.4 and 3.x imports Spark 2's OneHotEncoderEstimator under its 3.0 name: it is
# the same estimator, fitted here on all rows before the split (the unseeded split is SPK008).
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.sql import SparkSession

try:
    from pyspark.ml.feature import OneHotEncoderEstimator as OneHotEncoder
except ImportError:
    from pyspark.ml.feature import OneHotEncoder

spark = SparkSession.builder.appName("churn").getOrCreate()
df = spark.read.parquet("s3://ml/customers")
encoded = OneHotEncoder(inputCols=["plan_idx"], outputCols=["features"]).fit(df).transform(df)  # expect: SPK001
train, test = encoded.randomSplit([0.8, 0.2])  # expect: SPK008
model = LogisticRegression(labelCol="churned").fit(train)
print(BinaryClassificationEvaluator(labelCol="churned").evaluate(model.transform(test)))
