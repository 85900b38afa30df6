from pyspark.ml.classification import DecisionTreeClassifier
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
# the model is chosen on a validation part of the training file; the test file is read on its own and scored once
full = spark.read.format("libsvm").load("/data/mnist.scale")
held_out = spark.read.format("libsvm").load("/data/mnist.scale.t")
train_df, val_df = full.randomSplit([0.8, 0.2], seed=42)
evaluator = MulticlassClassificationEvaluator(metricName="f1")
scores = {}
for depth in [5, 10, 20]:
    scores[depth] = evaluator.evaluate(DecisionTreeClassifier(maxDepth=depth).fit(train_df).transform(val_df))  # expect: SPK103
best = max(scores, key=scores.get)
final = DecisionTreeClassifier(maxDepth=best).fit(full)
print("test f1", evaluator.evaluate(final.transform(held_out)))
