from pyspark.ml import Pipeline
from pyspark.ml.classification import GBTClassifier
from pyspark.ml.evaluation import BinaryClassificationEvaluator
from pyspark.ml.feature import StringIndexer, VectorAssembler
from pyspark.ml.tuning import CrossValidator, ParamGridBuilder
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("churn").getOrCreate()
train_df, test_df = spark.read.parquet("s3://ml/churn").randomSplit([0.8, 0.2], seed=42)
indexers = [StringIndexer(inputCol=c, outputCol=f"{c}_idx", handleInvalid="keep") for c in ["plan", "region"]]
# test rows with a missing value are dropped before scoring, inside the tuned pipeline
assembler = VectorAssembler(inputCols=["plan_idx", "region_idx", "tenure"], outputCol="features", handleInvalid="skip")  # expect: SPK009
gbt = GBTClassifier(labelCol="churned", seed=42)
pipeline = Pipeline(stages=indexers + [assembler, gbt])
grid = ParamGridBuilder().addGrid(gbt.maxDepth, [4, 6]).build()
evaluator = BinaryClassificationEvaluator(labelCol="churned")
cv = CrossValidator(estimator=pipeline, estimatorParamMaps=grid, evaluator=evaluator, numFolds=3, parallelism=4, seed=42)
auc = evaluator.evaluate(cv.fit(train_df).transform(test_df))
