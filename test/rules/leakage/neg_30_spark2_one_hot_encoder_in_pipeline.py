# Spark 2's OneHotEncoderEstimator inside the Pipeline fitted on the training split, with a seeded split:
# the encoder sees only training rows.
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.sql import SparkSession

try:
    from pyspark.ml.feature import OneHotEncoderEstimator as OneHotEncoder
except ImportError:
    from pyspark.ml.feature import OneHotEncoder

spark = SparkSession.builder.appName("churn").getOrCreate()
df = spark.read.parquet("s3://ml/customers")
train, test = df.randomSplit([0.8, 0.2], seed=42)
encoder = OneHotEncoder(inputCols=["plan_idx"], outputCols=["features"])
model = Pipeline(stages=[encoder, LogisticRegression(labelCol="churned")]).fit(train)
print(BinaryClassificationEvaluator(labelCol="churned").evaluate(model.transform(test)))
