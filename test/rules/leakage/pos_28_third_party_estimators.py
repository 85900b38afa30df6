# Gradient-boosted models from XGBoost and SynapseML's LightGBM are Spark ML estimators like the
# built-in ones: the scaler fitted before the split leaks into LightGBM's test score, and the XGBoost
# model is scored on its own training rows.
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StandardScaler, VectorAssembler
from pyspark.sql import SparkSession
from synapse.ml.lightgbm import LightGBMClassifier
from xgboost.spark import SparkXGBClassifier

spark = SparkSession.builder.appName("boosting").getOrCreate()
df = spark.read.parquet("s3://ml/transactions")
df = VectorAssembler(inputCols=["amount", "age", "tenure"], outputCol="raw").transform(df)
df = StandardScaler(inputCol="raw", outputCol="features").fit(df).transform(df)  # expect: SPK001
train, test = df.randomSplit([0.8, 0.2], seed=1)
evaluator = BinaryClassificationEvaluator(labelCol="fraud")

lgbm = LightGBMClassifier(labelCol="fraud", numIterations=200).fit(train)
print("lightgbm auc", evaluator.evaluate(lgbm.transform(test)))

xgb = SparkXGBClassifier(label_col="fraud", num_workers=4).fit(train)
print("xgboost auc", evaluator.evaluate(xgb.transform(train)))  # expect: SPK002
