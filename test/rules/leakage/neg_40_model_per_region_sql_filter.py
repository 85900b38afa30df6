from pyspark.ml.classification import LogisticRegression
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
# one model per region, each scored on its own region's test rows, kept with SQL text: nothing is chosen
train, test = spark.table("churn_features").randomSplit([0.8, 0.2], seed=3)
evaluator = BinaryClassificationEvaluator()
auc = {}
for region in ["emea", "apac", "amer"]:
    model = LogisticRegression().fit(train.filter(f"region = '{region}'"))
    auc[region] = evaluator.evaluate(model.transform(test.filter(f"region == '{region}'")))  # expect: SPK103
for tier in [["gold"], ["silver", "bronze"]]:
    model = LogisticRegression().fit(train.filter(train.tier.isin(tier)))
    auc[str(tier)] = evaluator.evaluate(model.transform(test.filter(test.tier.isin(tier))))  # expect: SPK103
print("weakest region", min(auc, key=auc.get))
