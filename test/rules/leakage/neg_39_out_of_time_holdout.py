from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()
events = spark.table("features")
# out-of-time test set: the last month, never split nor fitted on
history = events.filter(F.col("month") < "2024-06")
test_df = events.filter(F.col("month") >= "2024-06")
train_df, val_df = history.randomSplit([0.8, 0.2], seed=42)
evaluator = BinaryClassificationEvaluator()
scores = {}
for reg in [0.01, 0.1, 1.0]:
    scores[reg] = evaluator.evaluate(LogisticRegression(regParam=reg).fit(train_df).transform(val_df))  # expect: SPK103
best = LogisticRegression(regParam=max(scores, key=scores.get)).fit(train_df)
print("out-of-time auc", evaluator.evaluate(best.transform(test_df)))
