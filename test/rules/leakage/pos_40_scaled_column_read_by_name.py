from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
# the scaled column is read as an attribute, then by SQL text: its statistics reach the model
data = spark.read.parquet("s3://b/features")
data = VectorAssembler(inputCols=["a", "b"], outputCol="features").transform(data)
scaled = StandardScaler(inputCol="features", outputCol="scaledFeatures").fit(data).transform(data)  # expect: SPK001
scaled = scaled.select(scaled.scaledFeatures.alias("features"), scaled.label)
train, test = scaled.randomSplit([0.8, 0.2], seed=1)
model = LogisticRegression().fit(train)
print(BinaryClassificationEvaluator().evaluate(model.transform(test)))
scaled_sql = StandardScaler(inputCol="features", outputCol="sqlScaled").fit(data).transform(data)  # expect: SPK001
scaled_sql = scaled_sql.selectExpr("sqlScaled AS features", "label")
train_sql, test_sql = scaled_sql.randomSplit([0.8, 0.2], seed=1)
print(BinaryClassificationEvaluator().evaluate(LogisticRegression().fit(train_sql).transform(test_sql)))
