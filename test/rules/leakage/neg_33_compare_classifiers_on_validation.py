# The same comparison on a validation split; only the chosen model is scored once on the test split.
from pyspark.ml.classification import GBTClassifier, LogisticRegression, RandomForestClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("compare").getOrCreate()
train, validation, test = spark.read.parquet("s3://ml/features").randomSplit([0.7, 0.15, 0.15], seed=3)
train.cache()
validation.cache()
evaluator = BinaryClassificationEvaluator()
candidates = {"lr": LogisticRegression(), "rf": RandomForestClassifier(), "gbt": GBTClassifier()}
scores = {}
for name, classifier in candidates.items():
    scores[name] = evaluator.evaluate(classifier.fit(train).transform(validation))
best = max(scores, key=scores.get)
print("test auc", evaluator.evaluate(candidates[best].fit(train).transform(test)))
