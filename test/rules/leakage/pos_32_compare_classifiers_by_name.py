# The coursework "compare classifiers" loop: (name, estimator) pairs from a dict, each fitted and scored
# on the test split, the best kept by its test score.
from pyspark.ml.classification import GBTClassifier, LogisticRegression, RandomForestClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("compare").getOrCreate()
train, test = spark.read.parquet("s3://ml/features").randomSplit([0.8, 0.2], seed=3)
train.cache()
test.cache()
evaluator = BinaryClassificationEvaluator()
candidates = {"lr": LogisticRegression(), "rf": RandomForestClassifier(), "gbt": GBTClassifier()}
scores = {}
for name, classifier in candidates.items():
    scores[name] = evaluator.evaluate(classifier.fit(train).transform(test))  # expect: SPK003
best = max(scores, key=scores.get)
print("best model", best, scores[best])
