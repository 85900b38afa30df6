from pyspark.ml.classification import DecisionTreeClassifier
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
# named validation, and the only hold-out: scoring the refit on the full data is no separate test set
full = spark.read.format("libsvm").load("/data/mnist.scale")
train_df, val_df = full.randomSplit([0.8, 0.2], seed=42)
evaluator = MulticlassClassificationEvaluator(metricName="f1")
scores = {}
for depth in [5, 10, 20]:
    scores[depth] = evaluator.evaluate(DecisionTreeClassifier(maxDepth=depth).fit(train_df).transform(val_df))  # expect: SPK003, SPK103
final = DecisionTreeClassifier(maxDepth=max(scores, key=scores.get)).fit(full)
print("f1", evaluator.evaluate(final.transform(full)))  # expect: SPK002
