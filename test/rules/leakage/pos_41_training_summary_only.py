from pyspark.ml.classification import LogisticRegression
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
# positives oversampled, then the training summary's AUC is the job's only measure of the model
transactions = spark.read.parquet("s3://bucket/train_features")
positive = transactions.where(transactions.isFraud == 1).sample(withReplacement=True, fraction=20.0, seed=42)
balanced = positive.union(transactions.where(transactions.isFraud == 0))
model = LogisticRegression(labelCol="isFraud").fit(balanced)
print("AUC", model.summary.areaUnderROC)  # expect: SPK002
print("accuracy", model.summary.accuracy)
