"""A churn-model training job with the mistakes Spark ML Toolkit catches (walkthrough sample).

Each problem is underlined: hover it to read why it hurts, and use the light bulb for its fix.
"""
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("churn-walkthrough").getOrCreate()

events = spark.read.csv("s3a://ml-data/churn/events.csv", header=True, inferSchema=True)
if events.count() == 0:
    raise SystemExit("no events to train on")

features = ["tenure", "monthly_charges", "support_calls"]
assembled = VectorAssembler(inputCols=features, outputCol="raw_features").transform(events)
scaler = StandardScaler(inputCol="raw_features", outputCol="features").fit(assembled)
scaled = scaler.transform(assembled)
train, test = scaled.randomSplit([0.8, 0.2], seed=42)

model = LogisticRegression(labelCol="churned", featuresCol="features").fit(train)
predictions = model.transform(test)
auc = BinaryClassificationEvaluator(labelCol="churned").evaluate(predictions)
print("AUC:", auc)

all_rows = events.collect()
print("first row:", all_rows[0])
