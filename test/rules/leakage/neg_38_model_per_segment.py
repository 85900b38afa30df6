from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()
# one model per customer segment, each scored on its own segment's test rows: nothing is chosen by the test split
train, test = spark.table("features").randomSplit([0.8, 0.2], seed=1)
evaluator = BinaryClassificationEvaluator()
models = {}
for segment in ["retail", "smb", "enterprise"]:
    models[segment] = LogisticRegression().fit(train.filter(F.col("segment") == segment))
auc = {}
for segment, model in models.items():
    auc[segment] = evaluator.evaluate(model.transform(test.filter(F.col("segment") == segment)))  # expect: SPK103
print("weakest segment", min(auc, key=auc.get))
