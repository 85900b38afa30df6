"""Sample Spark ML training job (churn prediction) that the sample event log was generated for.

The call sites in resources/sample-app/app-20250115090000-0000 point at lines of this file as the
driver saw it in its container (/app/job.py). Map /app to this folder to see each line's cost.
"""
from pyspark.ml import Pipeline
from pyspark.ml.classification import RandomForestClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("churn-random-forest").getOrCreate()
raw = spark.read.parquet("s3a://ml-data/churn/2024/")
print("rows:", raw.count())

features = ["tenure", "monthly_charges", "total_charges", "support_calls", "data_gb"]
assembler = VectorAssembler(inputCols=features, outputCol="raw_features")
assembled = assembler.transform(raw.dropna())

scaler = StandardScaler(inputCol="raw_features", outputCol="features")
scaled = scaler.fit(assembled).transform(assembled)

train, test = scaled.randomSplit([0.8, 0.2], seed=42)
train = train.cache()
print("training rows:", train.count())

forest = RandomForestClassifier(labelCol="churned", featuresCol="features", numTrees=50, maxDepth=8)
model = forest.fit(train)

predictions = model.transform(test)
evaluator = BinaryClassificationEvaluator(labelCol="churned")
print("AUC:", evaluator.evaluate(predictions))

model.write().overwrite().save("s3a://ml-models/churn/rf/")
spark.stop()
