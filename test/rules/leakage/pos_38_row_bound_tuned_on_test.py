from pyspark.ml.classification import GBTClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

spark = SparkSession.builder.getOrCreate()
# the minimum account age to train on is picked by the AUC on the test split: a bound per pass is a search, not a segment
train, test = spark.table("transactions").randomSplit([0.8, 0.2], seed=7)
evaluator = BinaryClassificationEvaluator()
auc = {}
for min_age in [0, 30, 90]:
    model = GBTClassifier().fit(train.filter(F.col("account_age_days") >= min_age))
    auc[min_age] = evaluator.evaluate(model.transform(test.filter(F.col("account_age_days") >= min_age)))  # expect: SPK003, SPK103
print("best cut-off", max(auc, key=auc.get))
